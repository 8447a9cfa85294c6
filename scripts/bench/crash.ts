/**
 * The crash test: writes of every kind run concurrently against the real server process — stock
 * movements (receipts, issues, transfers, losses), monthly report lines, order transitions (approve,
 * pick, ship, receive) and proofs of delivery — while the server is killed with SIGKILL at random moments
 * and restarted on the same file. A client that got no answer retries with the same Idempotency-Key, as
 * the web app's outbox does. Then, on the database file: integrity_check, every acknowledged write present
 * exactly once (its ledger lines, its idempotency record, its one audit line), report lines and order
 * statuses as the last acknowledged write left them, and every balance equal to the sum of its ledger.
 *
 *   node --import tsx scripts/bench/crash.ts [--kills 20] [--cscoms 12] [--seed 1]
 *
 * A short form runs in `npm test` (tests/ops/crash.test.ts). SIGKILL loses nothing the OS has been given
 * (the WAL survives the process); a power cut is what synchronous = FULL is for (db/client.ts).
 */ import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { parseArgs } from "node:util";
import { openDb } from "../../db/client";
import { seedDatabase } from "../../db/seed";
import { Rng } from "../../db/seed/random";
import { hashPassword } from "../../server/auth/password";
import { seedMonthOrders } from "../../server/demoOrders";
import { HttpClient } from "../../tests/helpers/httpClient";
import { startServerProcess } from "../../tests/helpers/serverProcess";
import {
  allocate,
  loadIds,
  movementWriter,
  orderWriter,
  reportWriter,
  Run,
  type Ids,
  type Op,
  type OrderToRun,
} from "./crash/run";
import { verify } from "./crash/verify";

export { verify };

/** Options of one crash run. */
export interface CrashOptions {
  /** Working folder (database and server log) */
  dir: string;
  kills: number;
  /** Time between kills, ms (uniform in [min, max]) */
  killEveryMs?: [number, number];
  /** CSComs with a history in the seeded database */
  cscoms?: number;
  seed?: number;
  log?: (line: string) => void;
}

/** The outcome of a crash run. */
export interface CrashReport {
  kills: number;
  acknowledged: Record<Op["kind"], number>;
  /** Writes refused with a 4xx (business rules: e.g. an issue from an empty shelf), per kind, with a sample */
  refused: Record<Op["kind"], number>;
  refusalSamples: string[];
  /** Writes sent again after the server died under them */
  retried: number;
  /** Retries answered from the stored result (the first attempt had committed) */
  replayed: number;
  integrity: string;
  /** Each problem found; empty when every check passed */
  problems: string[];
}

const PASSWORD = "crash-admin-pw";

/** Seeds a small demo: `cscoms` CSComs with four months of history, last month's reports and orders. */
function seed(file: string, cscoms: number): void {
  const open = openDb(file);
  seedDatabase(open, {
    adminPassword: PASSWORD,
    hashPassword,
    demo: true,
    historyCscoms: cscoms,
    months: 4,
    reportMonths: 1,
    lastMonthMissing: 0,
    afterSeed: seedMonthOrders,
  });
  open.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  open.close();
}

/** Kills the server at random moments and restarts it on the same file and port. */
async function killer(run: Run, o: CrashOptions, file: string, rng: Rng, env: Record<string, string>): Promise<number> {
  const [min, max] = o.killEveryMs ?? [500, 2500];
  let kills = 0;
  for (; kills < o.kills; kills++) {
    await new Promise((r) => setTimeout(r, rng.int(min, max)));
    run.down();
    await run.server.stop("SIGKILL");
    const t0 = performance.now();
    run.back(await startServerProcess({ db: file, logFile: join(o.dir, "server.log"), port: run.server.port, env }));
    o.log?.(
      `kill ${kills + 1}/${o.kills}: ${run.ops.length} writes so far; restarted in ${Math.round(performance.now() - t0)} ms`,
    );
  }
  return kills;
}

/** Draft reports for the month before the last reported one, and the orders the writers move on. */
async function prepareWork(run: Run, ids: Ids, client: () => Promise<HttpClient>) {
  // Draft reports for the month before the last reported one, and the submitted orders of the seed.
  const setup = await client();
  const period = await run.read<{ items: { period: string }[] }>(setup, "/api/v1/reports?limit=1");
  const [y, m] = period.items[0]!.period.split("-").map(Number) as [number, number];
  const draftPeriod = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  const reportIds: number[] = [];
  for (const facilityId of ids.cscoms.slice(0, 4)) {
    const r = await setup.json<{ id: number }>({
      method: "POST",
      path: "/api/v1/reports",
      body: { facilityId, period: draftPeriod },
      headers: { "Idempotency-Key": `setup-report-${facilityId}` },
    });
    reportIds.push(r.id);
  }
  const orders = await run.read<{ items: { id: number; facilityId: string }[] }>(
    setup,
    `/api/v1/orders?status=submitted&supplierId=${ids.depot}&limit=500`,
  );
  setup.close();
  const toRun: OrderToRun[] = [
    ...orders.items.map((x) => ({ id: x.id, status: "submitted" as const })),
    ...(await allocate(run, ids)).map((id) => ({ id, status: "approved" as const })),
  ];
  return { reportIds, toRun };
}

/** Seeds, runs the writers under kills, stops cleanly and verifies. */
export async function runCrashTest(o: CrashOptions): Promise<CrashReport> {
  const file = join(o.dir, "fura.db");
  seed(file, o.cscoms ?? 8);
  const ids = loadIds(file);
  const env = { FURA_LOG_LEVEL: "warn", FURA_READERS: "1" };
  const run = new Run();
  run.back(await startServerProcess({ db: file, logFile: join(o.dir, "server.log"), env }));
  const rng = new Rng(o.seed ?? 1);
  const client = async () => {
    const c = new HttpClient(run.server.base, { maxSockets: 4, timeoutMs: 20_000 });
    await c.login("admin", PASSWORD);
    return c;
  };
  const { reportIds, toRun } = await prepareWork(run, ids, client);
  const clients: HttpClient[] = [];
  for (let i = 0; i < 6; i++) clients.push(await client());
  const writers = [
    movementWriter(run, clients[0]!, ids, new Rng(rng.int(1, 1e9)), "mv-a"),
    movementWriter(run, clients[1]!, ids, new Rng(rng.int(1, 1e9)), "mv-b"),
    reportWriter(
      run,
      clients[2]!,
      reportIds.filter((_, i) => i % 2 === 0),
      "rep-a",
    ),
    reportWriter(
      run,
      clients[3]!,
      reportIds.filter((_, i) => i % 2 === 1),
      "rep-b",
    ),
    orderWriter(
      run,
      clients[4]!,
      toRun.filter((_, i) => i % 2 === 0),
      "ord-a",
    ),
    orderWriter(
      run,
      clients[5]!,
      toRun.filter((_, i) => i % 2 === 1),
      "ord-b",
    ),
  ];
  const kills = await killer(run, o, file, rng, env);
  await new Promise((r) => setTimeout(r, 500));
  run.stopping = true;
  await Promise.all(writers);
  for (const c of clients) c.close();
  await run.server.stop("SIGTERM");

  return summarise(run, kills, verify(file, run.ops));
}

function summarise(run: Run, kills: number, { integrity, problems }: ReturnType<typeof verify>): CrashReport {
  const refused = (kind: Op["kind"]) =>
    run.ops.filter((x) => x.kind === kind && x.answer && x.answer.status >= 400 && x.answer.status < 500);
  const acked = (kind: Op["kind"]) =>
    run.ops.filter((x) => x.kind === kind && x.answer && x.answer.status >= 200 && x.answer.status < 300).length;
  return {
    kills,
    acknowledged: {
      movement: acked("movement"),
      report: acked("report"),
      transition: acked("transition"),
      delivery: acked("delivery"),
    },
    refused: {
      movement: refused("movement").length,
      report: refused("report").length,
      transition: refused("transition").length,
      delivery: refused("delivery").length,
    },
    refusalSamples: run.ops
      .filter((x) => x.answer && x.answer.status >= 400 && x.answer.status < 500)
      .slice(0, 5)
      .map((x) => `${x.key} ${x.answer!.status} ${x.answer!.text.slice(0, 160)}`),
    retried: run.ops.filter((x) => x.attempts > 1).length,
    replayed: run.ops.filter((x) => x.answer?.headers?.["idempotent-replayed"] === "true").length,
    integrity,
    problems,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      kills: { type: "string", default: "20" },
      cscoms: { type: "string", default: "12" },
      seed: { type: "string", default: "1" },
    },
  });
  const dir = mkdtempSync(join(tmpdir(), "fura-crash-"));
  try {
    const started = performance.now();
    const r = await runCrashTest({
      dir,
      kills: Number(values.kills),
      cscoms: Number(values.cscoms),
      seed: Number(values.seed),
      log: (l) => console.log(l),
    });
    console.log(
      `crash test: ${r.kills} SIGKILLs in ${((performance.now() - started) / 1000).toFixed(0)} s; acknowledged ${r.acknowledged.movement} movements, ${r.acknowledged.report} report saves, ${r.acknowledged.transition} order transitions, ${r.acknowledged.delivery} proofs of delivery; ${r.retried} writes sent again after a kill, ${r.replayed} of them had committed and were answered from their key`,
    );
    console.log(
      `refused by business rules (4xx, nothing written): ${Object.entries(r.refused)
        .map(([k, n]) => `${n} ${k}`)
        .join(", ")}`,
    );
    for (const s of r.refusalSamples) console.log(`  ${s}`);
    console.log(`integrity_check: ${r.integrity}; problems: ${r.problems.length === 0 ? "none" : ""}`);
    for (const p of r.problems.slice(0, 30)) console.log(`  ${p}`);
    if (r.problems.length > 0) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
