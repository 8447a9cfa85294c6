/** Process entry: parse env, open and check the database, migrate, seed it when empty, serve API + web app. */
import { fileURLToPath } from "node:url";
import pino from "pino";
import { applyMigrations, openDb } from "../db/client";
import { codeSchemaVersion, dbSchemaVersion, isNewerThanCode } from "../db/schemaVersion";
import { isEmpty, seedDatabase } from "../db/seed";
import { createApp } from "./app";
import { purgeIdempotencyKeys } from "./commands/idempotency";
import { hashPassword } from "./auth/password";
import { answerClientErrors } from "./clientErrors";
import { seedMonthOrders } from "./demoOrders";
import { loadEnv } from "./env";
import { defaultBackupDir } from "./ops/backup";
import { Checkpointer } from "./ops/checkpointer";
import { BackupScheduler } from "./ops/scheduler";
import { checkDatabase, damagedDatabaseMessage } from "./ops/startupCheck";
import { WorkerReader } from "./reads/readerPool";
import { createSecretBox, loadSecretKey } from "./interop/secretBox";
import { loadRoadModel } from "./routing/loadRoadModel";

const env = loadEnv();
// Log lines are written asynchronously (a request's line never waits on the disk; lines written meanwhile go out
// together) and flushed when the process exits.
const logDestination = pino.destination({ sync: false });
const log = pino({ level: env.FURA_LOG_LEVEL }, logDestination);
process.on("exit", () => {
  try {
    logDestination.flushSync();
  } catch {
    // Nothing more can be done for the log at exit.
  }
});
const backupDir = env.FURA_BACKUP_DIR ?? defaultBackupDir(env.FURA_DB);
const open = openDb(env.FURA_DB, { migrate: false });
const check = checkDatabase(open.sqlite);
if (!check.ok) {
  open.close();
  console.error(damagedDatabaseMessage(env.FURA_DB, check, backupDir));
  process.exit(1);
}
const schema = dbSchemaVersion(open.sqlite);
if (isNewerThanCode(schema)) {
  open.close();
  console.error(
    `Fura will not start: ${env.FURA_DB} was migrated by a newer version of Fura (${schema.latest}; this version knows up to ${codeSchemaVersion().latest}). Run that version, or restore a backup taken before the upgrade.`,
  );
  process.exit(1);
}
applyMigrations(open.db);
log.info({ db: env.FURA_DB, quickCheckMs: check.ms }, "database checked and migrated");

if (env.FURA_SEED !== "none" && isEmpty(open)) {
  const started = Date.now();
  log.info(
    "empty database: seeding (Mali geography, catalogue%s)",
    env.FURA_SEED === "demo" ? `, demo users and ${env.FURA_SEED_MONTHS ?? 24} months of history` : "",
  );
  const summary = seedDatabase(open, {
    adminPassword: env.FURA_ADMIN_PASSWORD,
    hashPassword,
    demo: env.FURA_SEED === "demo",
    afterSeed: (o, summary) => seedMonthOrders(o, summary),
    ...(env.FURA_SEED_HISTORY_CSCOMS !== undefined ? { historyCscoms: env.FURA_SEED_HISTORY_CSCOMS } : {}),
    ...(env.FURA_SEED_MONTHS !== undefined ? { months: env.FURA_SEED_MONTHS } : {}),
  });
  // The seed is one large transaction: fold the WAL back into the database file.
  open.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  log.info({ ...summary, ms: Date.now() - started }, "seeded");
}

// Idempotency keys older than their retention window (30 days) are purged at start, then daily.
const purgeKeys = () => log.info({ purged: purgeIdempotencyKeys(open.db, new Date()) }, "idempotency keys purged");
purgeKeys();
setInterval(purgeKeys, 86_400_000).unref();

// National reads and the per-facility reads in reader threads on the same file, so that reads never stall writes.
const reads = new WorkerReader(env.FURA_DB, { readers: env.FURA_READERS });
// The threads load before the server listens: the first reads after a restart do not wait ~1.5 s for them.
await reads.start();
// Forecasts and supply plans on their own reader thread: a catalogue run (minutes at national scale) never queues a
// dashboard or a month-end screen.
const quantification = new WorkerReader(env.FURA_DB, { readers: 1, limitMs: 15 * 60_000 });
// WAL checkpoints on a thread of their own: a commit on the event loop never waits for one.
const checkpointer = new Checkpointer(open.sqlite, log);
checkpointer.start();
const scheduler = env.FURA_BACKUP_EVERY
  ? new BackupScheduler({ dbFile: env.FURA_DB, outDir: backupDir, everyMs: env.FURA_BACKUP_EVERY, log })
  : null;
const app = createApp({
  db: open.db,
  log,
  webDir: env.FURA_WEB_DIR ?? fileURLToPath(new URL("../dist/web", import.meta.url)),
  rateLimitPerMinute: env.FURA_RATE_LIMIT,
  trustProxy: env.FURA_TRUST_PROXY === "true",
  roadModel: loadRoadModel(env.FURA_ROADS_GEOJSON, log),
  reads,
  readCacheBytes: env.FURA_READ_CACHE_MB * 2 ** 20,
  backups: { everyMs: env.FURA_BACKUP_EVERY ?? null, lastError: () => scheduler?.lastError ?? null },
  quantification,
  // The DHIS2 secret is sealed under a key kept out of the database (FURA_SECRET_KEY, else <db>.key).
  secretBox: createSecretBox(loadSecretKey({ envKey: env.FURA_SECRET_KEY, dbFile: env.FURA_DB })),
  ...(env.FURA_TILE_URL ? { tileUrl: env.FURA_TILE_URL } : {}),
  ...(env.FURA_ROADS_GEOJSON ? { roadsFile: env.FURA_ROADS_GEOJSON } : {}),
});
const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  log.info(`Fura listening on http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${port}`);
  scheduler?.start();
});
answerClientErrors(server);

function shutdown() {
  server.close(() => {
    void Promise.all([scheduler?.stop(), reads.close(), quantification.close(), checkpointer.stop()]).finally(() => {
      open.close();
      process.exit(0);
    });
  });
  // Keep-alive connections would hold server.close() open: end the idle ones now.
  server.closeIdleConnections();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
