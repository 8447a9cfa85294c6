/**
 * Soak: the mixed load of load.ts held for `--minutes` (10 by default) against the real server process,
 * sampled every `--every` seconds: answers, p99 and errors of the interval, and the server's memory —
 * anonymous memory (the heaps of the main thread and the reader threads, SQLite's page caches) apart from
 * the file-backed pages of the memory-mapped database, which the OS may drop at will. Reports the growth
 * of anonymous memory from the first minute to the end. Prints figures; asserts nothing about time.
 *
 *   node --import tsx scripts/bench/soak.ts [--db FILE] [--minutes 10] [--reads 300] [--writes 20] [--every 30]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { HttpClient } from "../../tests/helpers/httpClient";
import { startServerProcess, type ServerProcess } from "../../tests/helpers/serverProcess";
import { mergeStats, runOpenLoop, type Stream } from "./lib/openLoop";
import { pickTargets, readStreams, writeStream } from "./lib/scenario";
import { ADMIN_PASSWORD, prepareDatabase } from "./load";

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const mib = (n: number) => fmt(n / 2 ** 20);

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      minutes: { type: "string", default: "10" },
      reads: { type: "string", default: "300" },
      writes: { type: "string", default: "20" },
      every: { type: "string", default: "30" },
    },
  });
  const minutes = Number(values.minutes);
  const every = Number(values.every);
  const dir = mkdtempSync(join(tmpdir(), "fura-soak-"));
  let server: ServerProcess | null = null;
  try {
    const file = prepareDatabase(dir, values.db);
    server = await startServerProcess({ db: file, logFile: join(dir, "server.log") });
    const password = values.db ? (process.env.FURA_ADMIN_PASSWORD ?? "fura-admin-2026") : ADMIN_PASSWORD;
    const targets = pickTargets(file);
    const readers = new HttpClient(server.base, { maxSockets: 128 });
    const writers = new HttpClient(server.base, { maxSockets: 32 });
    await readers.login("admin", password);
    await writers.login("admin", password);
    // The rounds restart their request numbers at 0: count on, so that every write keeps its own key.
    const continuing = (s: Stream): Stream => {
      let n = 0;
      return { ...s, next: () => s.next(n++) };
    };
    const reads = readStreams(readers, targets, Number(values.reads)).map(continuing);
    const write = continuing(writeStream(writers, targets, Number(values.writes), `soak-${Date.now()}`));
    console.log(
      `soak: reads ${values.reads}/s + writes ${values.writes}/s for ${minutes} min, a sample every ${every} s`,
    );
    console.log("  time   reads/s  read p99   write p99  errors   anon MiB  file MiB");
    const samples: { t: number; anon: number }[] = [];
    let errors = 0;
    const rounds = Math.max(1, Math.round((minutes * 60) / every));
    for (let k = 1; k <= rounds; k++) {
      const stats = await runOpenLoop([...reads, write], every);
      const r = mergeStats("reads", stats.slice(0, -1));
      const w = stats.at(-1)!;
      const mem = server.memory();
      errors += r.errors + w.errors;
      samples.push({ t: k * every, anon: mem.rssAnon });
      console.log(
        `  ${fmt((k * every) / 60, 1).padStart(4)} m ${fmt(r.achievedPerS).padStart(8)} ${fmt(r.p99, 1).padStart(9)} ${fmt(w.p99, 1).padStart(10)} ${String(r.errors + w.errors).padStart(7)} ${mib(mem.rssAnon).padStart(10)} ${mib(mem.rssFile).padStart(9)}`,
      );
    }
    readers.close();
    writers.close();
    const first = samples.find((s) => s.t >= 60) ?? samples[0]!;
    const last = samples.at(-1)!;
    const growth = last.anon - first.anon;
    const perMinute = last.t > first.t ? growth / ((last.t - first.t) / 60) : 0;
    console.log(
      `anonymous memory ${mib(first.anon)} MiB at ${fmt(first.t / 60, 1)} min → ${mib(last.anon)} MiB at ${fmt(last.t / 60, 1)} min: ${growth >= 0 ? "+" : ""}${mib(growth)} MiB (${fmt(perMinute / 2 ** 20, 1)} MiB/min); errors ${errors}`,
    );
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
