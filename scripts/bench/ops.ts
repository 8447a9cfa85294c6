/**
 * Operations figures on the demo database: the cost of durable writes (synchronous FULL against NORMAL),
 * the start-up quick_check, a backup (copy, verify, compress, sizes) and how long it holds the event
 * loop — SQLite's backup API stepped on the main thread, against our backup in a worker thread — and a
 * restore. Prints figures; asserts nothing about time.
 *
 *   node --import tsx scripts/bench/ops.ts [--db FILE] [--writes 2000]
 *
 * Without --db it seeds the full demo in a temporary folder; with --db it works on copies of FILE.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { openDb } from "../../db/client";
import { runIdempotent } from "../../server/commands/idempotency";
import { postMovement } from "../../server/commands/stock";
import { takeBackup } from "../../server/ops/backup";
import { restoreBackup } from "../../server/ops/restore";
import { backupInWorker } from "../../server/ops/scheduler";
import { checkDatabase } from "../../server/ops/startupCheck";
import { quantile } from "./lib/openLoop";
import { prepareDatabase } from "./load";

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const mib = (n: number) => `${fmt(n / 2 ** 20)} MiB`;

/** Receipts and FEFO issues through the command layer, one transaction each: writes/s and latency. */
function durableWrites(file: string, synchronous: "FULL" | "NORMAL", writes: number): string {
  const open = openDb(file, { synchronous });
  const depot = open.sqlite
    .prepare("select id from facilities where level = 'district' order by id limit 1")
    .pluck()
    .get() as string;
  const productId = open.sqlite.prepare("select id from products order by id limit 1").pluck().get() as number;
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < writes; i++) {
    const now = new Date();
    const t0 = performance.now();
    runIdempotent(open.db, { userId: null, key: `ops-bench-${synchronous}-${i}` }, "h", now, (tx) => ({
      status: 201,
      body:
        i % 2 === 0
          ? postMovement(
              tx,
              { type: "receipt", facilityId: depot, productId, lotCode: "OPS-1", expiry: "2029-12-31", quantity: 10 },
              { now, userId: null },
            )
          : postMovement(tx, { type: "issue", facilityId: depot, productId, quantity: 10 }, { now, userId: null }),
    }));
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  open.close();
  latencies.sort((a, b) => a - b);
  return `${fmt(writes / seconds)} writes/s, p50 ${fmt(quantile(latencies, 0.5), 2)} ms, p99 ${fmt(quantile(latencies, 0.99), 2)} ms`;
}

/** Longest gap of the event loop while `work` runs, ms. */
async function eventLoopBlocked(work: () => Promise<unknown>): Promise<{ maxMs: number; p99Ms: number; ms: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  h.disable();
  return { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, ms };
}

async function main() {
  const { values } = parseArgs({ options: { db: { type: "string" }, writes: { type: "string", default: "2000" } } });
  const dir = mkdtempSync(join(tmpdir(), "fura-ops-"));
  try {
    const file = prepareDatabase(dir, values.db);
    openDb(file).close(); // migrate the copy once, as the server would
    const writes = Number(values.writes);
    const copy = join(dir, "writes.db");
    for (const sync of ["NORMAL", "FULL"] as const) {
      copyFileSync(file, copy);
      console.log(`durable writes, synchronous = ${sync.padEnd(6)}: ${durableWrites(copy, sync, writes)}`);
      rmSync(`${copy}-wal`, { force: true });
      rmSync(`${copy}-shm`, { force: true });
    }

    const db = new Database(file, { readonly: true });
    const check = checkDatabase(db);
    db.close();
    console.log(
      `start-up quick_check (${mib(statSize(file))}, page cache warm): ${fmt(check.ms)} ms, ${check.ok ? "ok" : "FAILED"}`,
    );

    const outDir = join(dir, "backups");
    const t0 = performance.now();
    const { manifest, path } = await takeBackup({ dbFile: file, outDir });
    console.log(
      `backup (npm run backup): ${fmt((performance.now() - t0) / 1000, 1)} s — copy ${fmt(manifest.ms.copy)} ms, verify ${fmt(manifest.ms.verify)} ms, gzip ${fmt(manifest.ms.compress)} ms; ${mib(manifest.dbBytes)} → ${mib(manifest.gzBytes)}`,
    );

    // SQLite's backup API stepped on the event loop (better-sqlite3's db.backup(): 100 pages a step by default).
    for (const pages of [100, 1000]) {
      const src = new Database(file, { readonly: true });
      let longest = 0;
      let last = performance.now();
      const blocked = await eventLoopBlocked(() =>
        src.backup(join(dir, `stepped-${pages}.db`), {
          progress: () => {
            const now = performance.now();
            longest = Math.max(longest, now - last);
            last = now;
            return pages;
          },
        }),
      );
      src.close();
      rmSync(join(dir, `stepped-${pages}.db`), { force: true });
      console.log(
        `event loop during db.backup() on the main thread, ${pages} pages a step: longest step ${fmt(longest, 1)} ms, loop delay max ${fmt(blocked.maxMs, 1)} ms over ${fmt(blocked.ms / 1000, 1)} s (the copy only: integrity_check and gzip would add ~${fmt(manifest.ms.verify / 1000)} s of blocking)`,
      );
    }
    // Control: the same measure over an idle wait shows what the machine alone does to the loop (a busy machine
    // delays a thread that has nothing to do; that is not the backup's doing).
    const idle = await eventLoopBlocked(() => new Promise((r) => setTimeout(r, 20_000)));
    console.log(
      `event loop while idle for 20 s (control): loop delay max ${fmt(idle.maxMs, 1)} ms, p99 ${fmt(idle.p99Ms, 1)} ms`,
    );
    const inWorker = await eventLoopBlocked(() =>
      backupInWorker({ dbFile: file, outDir: join(dir, "worker-backups") }),
    );
    console.log(
      `event loop during a scheduled backup (worker thread: copy, verify, gzip): loop delay max ${fmt(inWorker.maxMs, 1)} ms, p99 ${fmt(inWorker.p99Ms, 1)} ms over ${fmt(inWorker.ms / 1000, 1)} s`,
    );

    const r0 = performance.now();
    await restoreBackup({ file: path, dbFile: join(dir, "restored.db") });
    console.log(`restore (npm run restore, checks included): ${fmt((performance.now() - r0) / 1000, 1)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function statSize(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.pragma("page_count", { simple: true }) as number) * (db.pragma("page_size", { simple: true }) as number);
  } finally {
    db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
