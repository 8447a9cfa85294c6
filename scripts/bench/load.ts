/**
 * Mixed load against the real server process on 127.0.0.1: per-facility reads and stock writes at fixed
 * rates in one run (lib/openLoop.ts), on the demo database. Prints p50/p99 per kind, errors and the
 * server's RSS beside the targets of issue #11. The load generator runs in this process, on the same two
 * cores as the server: the figures include its cost. Asserts nothing about time.
 *
 *   node --import tsx scripts/bench/load.ts [--db FILE] [--reads 500] [--writes 20] [--seconds 30] [--readers 2]
 *
 * Without --db it seeds the full demo (437 CSComs, 24 months: ~45 s, ~930 MB) in a temporary folder;
 * with --db it works on a copy of FILE (the writes never touch the original).
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDb } from "../../db/client";
import { seedDatabase } from "../../db/seed";
import { hashPassword } from "../../server/auth/password";
import { seedMonthOrders } from "../../server/demoOrders";
import { HttpClient } from "../../tests/helpers/httpClient";
import { startServerProcess, type ServerProcess } from "../../tests/helpers/serverProcess";
import { mergeStats, runOpenLoop, type StreamStats } from "./lib/openLoop";
import { pickTargets, readStreams, writeStream } from "./lib/scenario";

/** Options of a mixed-load run. */
export interface LoadOptions {
  db?: string;
  readsPerS: number;
  writesPerS: number;
  seconds: number;
  readers?: number;
  warmupS?: number;
}

export const ADMIN_PASSWORD = "bench-admin-pw";
const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

/** A working copy of the database (or a freshly seeded demo) in a temporary folder. */
export function prepareDatabase(dir: string, source?: string): string {
  const file = join(dir, "fura.db");
  if (source) {
    copyFileSync(source, file);
    return file;
  }
  const started = performance.now();
  const open = openDb(file);
  seedDatabase(open, { adminPassword: ADMIN_PASSWORD, hashPassword, demo: true, afterSeed: seedMonthOrders });
  open.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  open.close();
  console.log(`seeded the demo database in ${fmt((performance.now() - started) / 1000, 1)} s`);
  return file;
}

/**
 * Server CPU per request of each kind (main thread, and all threads: readers, GC, libuv), from /proc over
 * `n` requests sent 4 at a time after a warm-up. Clock ticks are 10 ms: `n` requests give 10/n ms resolution.
 */
async function calibrate(server: ServerProcess, dbFile: string, password: string, n = 400): Promise<void> {
  const client = new HttpClient(server.base, { maxSockets: 4 });
  await client.login("admin", password);
  const targets = pickTargets(dbFile);
  const kinds = [
    { name: "GET /auth/me (no read)", next: () => ({ method: "GET" as const, path: "/api/v1/auth/me" }) },
    // The same facility again and again: its answer is kept until a write there (server/reads/cache.ts).
    {
      name: "stock positions (kept)",
      next: () => ({ method: "GET" as const, path: `/api/v1/facilities/${targets.cscoms[0]}/stock` }),
    },
    ...readStreams(client, targets, 1),
    writeStream(client, targets, 1, `calibrate-${Date.now()}`),
  ];
  console.log(`server CPU per request (${n} of each, 4 at a time), ms: main thread / all threads`);
  for (const kind of kinds) {
    const send = async (from: number, count: number) => {
      for (let i = from; i < from + count; i += 4)
        await Promise.all([0, 1, 2, 3].map((k) => client.send(kind.next(i + k))));
    };
    await send(0, 100);
    const before = server.cpuSeconds();
    await send(100, n);
    const after = server.cpuSeconds();
    const per = (s: number) => fmt((s / n) * 1000, 2);
    console.log(`  ${kind.name.padEnd(24)} ${per(after.main - before.main)} / ${per(after.all - before.all)}`);
  }
  client.close();
}

/** Starts `npm run backup` on the file after the warm-up; resolves with its last line and duration. */
function backupAlongside(file: string, dir: string): Promise<string> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const t0 = performance.now();
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "scripts/backup.ts", "--db", file, "--out", join(dir, "backups")],
        {
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      child.stderr.on("data", (c: Buffer) => (out += c.toString()));
      child.on("exit", (code) =>
        resolve(`exit ${code} in ${fmt((performance.now() - t0) / 1000, 1)} s — ${out.trim().split("\n").at(-1)}`),
      );
    }, 5_000);
  });
}

/** One line of figures. */
function line(s: StreamStats): string {
  return `${s.name.padEnd(22)} ${fmt(s.achievedPerS, 1).padStart(7)}/s  p50 ${fmt(s.p50, 1).padStart(6)} ms  p99 ${fmt(s.p99, 1).padStart(7)} ms  max ${fmt(s.max, 0).padStart(6)} ms  errors ${s.errors}`;
}

/** Runs the mixed load against a started server and returns reads (all kinds), writes and each kind. */
export async function mixedLoad(server: ServerProcess, dbFile: string, o: LoadOptions, password = ADMIN_PASSWORD) {
  const targets = pickTargets(dbFile);
  const readers = new HttpClient(server.base, { maxSockets: 128 });
  const writers = new HttpClient(server.base, { maxSockets: 32 });
  await readers.login("admin", password);
  await writers.login("admin", password);
  const streams = [
    ...readStreams(readers, targets, o.readsPerS),
    writeStream(writers, targets, o.writesPerS, `load-${Date.now()}`),
  ];
  const stats = await runOpenLoop(streams, o.seconds, { warmupS: o.warmupS ?? 5 });
  readers.close();
  writers.close();
  const reads = mergeStats("reads (all kinds)", stats.slice(0, -1));
  return { reads, writes: stats.at(-1)!, kinds: stats.slice(0, -1) };
}

/** Prints the figures with the targets of issue #11 and whether each is met. */
export function printLoad(
  r: Awaited<ReturnType<typeof mixedLoad>>,
  o: LoadOptions,
  rss: { before: number; after: number; anon: number },
) {
  console.log(`mixed load: reads ${o.readsPerS}/s + writes ${o.writesPerS}/s for ${o.seconds} s (after 5 s warm-up)`);
  for (const k of r.kinds) console.log(`  ${line(k)}`);
  console.log(line(r.reads));
  console.log(line(r.writes));
  const checks: [string, boolean][] = [
    [`reads ≥ 500/s answered within the run (${fmt(r.reads.achievedPerS, 0)}/s)`, r.reads.achievedPerS >= 495],
    [`read p99 ≤ 50 ms (${fmt(r.reads.p99, 1)} ms)`, r.reads.p99 <= 50],
    [`writes 20/s p99 ≤ 100 ms (${fmt(r.writes.p99, 1)} ms)`, r.writes.achievedPerS >= 19.5 && r.writes.p99 <= 100],
    [`zero errors (${r.reads.errors + r.writes.errors})`, r.reads.errors + r.writes.errors === 0],
  ];
  for (const [what, ok] of checks) console.log(`  target ${ok ? "met   " : "MISSED"} ${what}`);
  for (const s of [...r.reads.errorSamples, ...r.writes.errorSamples]) console.log(`  error: ${s}`);
  console.log(
    `server RSS: ${fmt(rss.before / 2 ** 20)} MiB before, ${fmt(rss.after / 2 ** 20)} MiB after (${fmt(rss.anon / 2 ** 20)} MiB anonymous, the rest the memory-mapped database)`,
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      reads: { type: "string", default: "500" },
      writes: { type: "string", default: "20" },
      seconds: { type: "string", default: "30" },
      readers: { type: "string" },
      /** Write V8 CPU profiles of the server's threads into this folder */
      "cpu-prof": { type: "string" },
      /** First measure the server's CPU time per request of each kind, a few at a time (less sensitive to a busy machine) */
      calibrate: { type: "boolean", default: false },
      /** Also run `npm run backup` on the database while the load runs (cron's backup at month end) */
      "during-backup": { type: "boolean", default: false },
    },
  });
  const o: LoadOptions = {
    readsPerS: Number(values.reads),
    writesPerS: Number(values.writes),
    seconds: Number(values.seconds),
    ...(values.db ? { db: values.db } : {}),
    ...(values.readers ? { readers: Number(values.readers) } : {}),
  };
  const dir = mkdtempSync(join(tmpdir(), "fura-load-"));
  let server: ServerProcess | null = null;
  try {
    const file = prepareDatabase(dir, o.db);
    server = await startServerProcess({
      db: file,
      logFile: join(dir, "server.log"),
      env: {
        FURA_ADMIN_PASSWORD: ADMIN_PASSWORD,
        ...(o.readers ? { FURA_READERS: String(o.readers) } : {}),
      },
      ...(values["cpu-prof"] ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof"]}`] } : {}),
    });
    const before = server.rssBytes();
    const cpu0 = server.cpuSeconds();
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    // A database given with --db keeps the administrator password it was seeded with.
    const password = o.db ? (process.env.FURA_ADMIN_PASSWORD ?? "fura-admin-2026") : ADMIN_PASSWORD;
    if (values.calibrate) await calibrate(server, file, password);
    const backup = values["during-backup"] ? backupAlongside(file, dir) : null;
    const r = await mixedLoad(server, file, o, password);
    if (backup) console.log(`npm run backup ran alongside: ${await backup}`);
    const wall = (performance.now() - t0) / 1000;
    const cpu1 = server.cpuSeconds();
    const own = process.cpuUsage(own0);
    printLoad(r, o, { before, after: server.rssBytes(), anon: server.memory().rssAnon });
    console.log(
      `CPU over the run (2 cores = 200 %): server main thread ${fmt(((cpu1.main - cpu0.main) / wall) * 100)} %, server all threads ${fmt(((cpu1.all - cpu0.all) / wall) * 100)} %, load generator ${fmt(((own.user + own.system) / 1e6 / wall) * 100)} %; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
  } finally {
    await server?.stop();
    printSlowLines(join(dir, "server.log"));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The server's own account of the run: its slow requests (> 500 ms) and slow checkpoints, from its log. */
function printSlowLines(logFile: string): void {
  let lines: string[] = [];
  try {
    lines = readFileSync(logFile, "utf8").split("\n");
  } catch {
    return;
  }
  const slow = lines.filter((l) => l.includes('"slow request"'));
  const checkpoints = lines.filter((l) => l.includes('"slow checkpoint"'));
  console.log(`server log: ${slow.length} slow requests (> 500 ms), ${checkpoints.length} slow checkpoints`);
  for (const l of [...slow.slice(0, 3), ...checkpoints.slice(0, 5)]) console.log(`  ${l.slice(0, 240)}`);
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
