/** Process entry: parse env, open and migrate the database, seed it when empty, serve API + web app. */
import { fileURLToPath } from "node:url";
import pino from "pino";
import { openDb } from "../db/client";
import { WorkerReader } from "./reads/readerPool";
import { isEmpty, seedDatabase } from "../db/seed";
import { createApp } from "./app";
import { purgeIdempotencyKeys } from "./commands/idempotency";
import { hashPassword } from "./auth/password";
import { answerClientErrors } from "./clientErrors";
import { seedMonthOrders } from "./demoOrders";
import { loadEnv } from "./env";
import { loadRoadModel } from "./routing/loadRoadModel";

const env = loadEnv();
const log = pino({ level: env.FURA_LOG_LEVEL });
const open = openDb(env.FURA_DB);
log.info({ db: env.FURA_DB }, "database migrated");

if (env.FURA_SEED !== "none" && isEmpty(open)) {
  const started = Date.now();
  log.info(
    "empty database: seeding (Mali geography, catalogue%s)",
    env.FURA_SEED === "demo" ? ", demo users and 24 months of history" : "",
  );
  const summary = seedDatabase(open, {
    adminPassword: env.FURA_ADMIN_PASSWORD,
    hashPassword,
    demo: env.FURA_SEED === "demo",
    afterSeed: (o, summary) => seedMonthOrders(o, summary),
    ...(env.FURA_SEED_HISTORY_CSCOMS !== undefined ? { historyCscoms: env.FURA_SEED_HISTORY_CSCOMS } : {}),
  });
  // The seed is one large transaction: fold the WAL back into the database file.
  open.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  log.info({ ...summary, ms: Date.now() - started }, "seeded");
}

// Idempotency keys older than their retention window (30 days) are purged at start, then daily.
const purgeKeys = () => log.info({ purged: purgeIdempotencyKeys(open.db, new Date()) }, "idempotency keys purged");
purgeKeys();
setInterval(purgeKeys, 86_400_000).unref();

const app = createApp({
  db: open.db,
  log,
  webDir: env.FURA_WEB_DIR ?? fileURLToPath(new URL("../dist/web", import.meta.url)),
  rateLimitPerMinute: env.FURA_RATE_LIMIT,
  trustProxy: env.FURA_TRUST_PROXY === "true",
  roadModel: loadRoadModel(env.FURA_ROADS_GEOJSON, log),
  // National reads in a worker on the same file, so that a dashboard never stalls the API.
  reads: new WorkerReader(env.FURA_DB),
  ...(env.FURA_TILE_URL ? { tileUrl: env.FURA_TILE_URL } : {}),
});
const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  log.info(`Fura listening on http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${port}`);
});
answerClientErrors(server);

function shutdown() {
  server.close(() => {
    open.close();
    process.exit(0);
  });
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
