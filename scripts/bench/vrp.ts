/**
 * VRP benchmark: solves the curated CVRPLIB (A, B, P, X) and Solomon instances
 * single-threaded with a per-instance deadline, re-checks every solution
 * independently of the solver, and prints cost, BKS, gap and time.
 *
 *   node --import tsx scripts/bench/vrp.ts [--deadline-ms 2000] [--family X] [--instance X-n101-k25] [--seed 1[,2,3]]
 *     [--max-iterations N] [--clock wall|cpu]
 *
 * With several seeds every instance is solved once per seed and the family means are over all runs.
 * `--max-iterations` stops each run after N iterations (deterministic for a seed, whatever the load).
 * `--clock cpu` measures the deadline (and the printed time) in this process's CPU time instead of
 * wall-clock time, so that variants compared on a shared, loaded machine get the same compute budget.
 *
 * Data: ../shared/data/vrp relative to the repo (override with FURA_VRP_DATA).
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  parseCvrplib,
  parseSolomon,
  nintDistance,
  trunc1x10Distance,
  type BenchInstance,
} from "../../shared/vrp/io/benchmarks";
import { solve } from "../../shared/vrp/solve";
import type { Solution } from "../../shared/vrp/model";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const dataDir = process.env.FURA_VRP_DATA ?? resolve(repo, "../shared/data/vrp");

/** Parse --flag value pairs. */
function flags(argv: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) if (argv[i]!.startsWith("--")) m.set(argv[i]!.slice(2), argv[i + 1] ?? "");
  return m;
}

interface Row {
  instance: string;
  family: string;
  bks: number;
  group: string;
}

/** Rows of bks.csv, with the family group used for the summary (A, B, P, X, solomon). */
function readBks(): Row[] {
  const [, ...lines] = readFileSync(join(dataDir, "bks.csv"), "utf8").trim().split("\n");
  return lines.map((l) => {
    const c = l.split(",");
    const family = c[1]!;
    return { instance: c[0]!, family, bks: Number(c[3]), group: family.startsWith("solomon") ? "solomon" : family };
  });
}

/** Load one instance with the fleet rule of its family. */
function load(row: Row): BenchInstance {
  if (row.group === "solomon")
    return parseSolomon(readFileSync(join(dataDir, "solomon", `${row.instance}.txt`), "utf8"));
  const text = readFileSync(join(dataDir, "cvrp", `${row.instance}.vrp`), "utf8");
  if (row.group !== "X") return parseCvrplib(text);
  const n = Number(/DIMENSION\s*:\s*(\d+)/.exec(text)![1]) - 1;
  const cap = Number(/CAPACITY\s*:\s*(\d+)/.exec(text)![1]);
  const demand = text.split("DEMAND_SECTION")[1]!.split("DEPOT_SECTION")[0]!.trim().split("\n");
  const total = demand.reduce((s, l) => s + Number(l.trim().split(/\s+/)[1]), 0);
  // Unlimited fleet: an upper bound well above any sensible route count.
  return parseCvrplib(text, Math.min(n, Math.ceil((1.5 * total) / cap) + 5));
}

/** Independent feasibility check and cost from raw coordinates; throws on any violation. */
function recheck(b: BenchInstance, sol: Solution, solomon: boolean): number {
  const dist = solomon ? trunc1x10Distance : nintDistance;
  const jobs = new Map(b.problem.jobs.map((j) => [j.id, j]));
  const seen = new Set<number>();
  let total = 0;
  if (sol.unassigned.length) throw new Error(`${b.name}: ${sol.unassigned.length} unassigned jobs`);
  if (sol.routes.length > b.problem.vehicles.length) throw new Error(`${b.name}: too many routes`);
  const cap = b.problem.vehicles[0]!.capacity[0]!;
  const shift = b.problem.vehicles[0]!.shift;
  for (const r of sol.routes) {
    let prev = 0,
      t = shift?.startS ?? 0,
      load = 0;
    for (const s of r.steps) {
      if (s.type !== "job") continue;
      const j = jobs.get(s.jobId!);
      if (!j || seen.has(j.id)) throw new Error(`${b.name}: job ${s.jobId} unknown or visited twice`);
      seen.add(j.id);
      const d = dist(b.coords[prev]!, b.coords[j.location]!);
      total += d;
      t += d;
      const w = j.timeWindows[0];
      if (w) {
        if (t > w.endS) throw new Error(`${b.name}: job ${j.id} served at ${t} after due ${w.endS}`);
        t = Math.max(t, w.startS);
      }
      t += j.serviceS;
      load += j.delivery[0]!;
      prev = j.location;
    }
    const back = dist(b.coords[prev]!, b.coords[0]!);
    total += back;
    t += back;
    if (shift && t > shift.endS) throw new Error(`${b.name}: route back at ${t} after depot due ${shift.endS}`);
    if (load > cap) throw new Error(`${b.name}: load ${load} > capacity ${cap}`);
  }
  if (seen.size !== jobs.size) throw new Error(`${b.name}: ${jobs.size - seen.size} customers not visited`);
  if (Math.abs(total - sol.cost) > 1e-6) throw new Error(`${b.name}: recomputed cost ${total} != reported ${sol.cost}`);
  return total;
}

/** CPU time of this process (user + system), ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Run the benchmark and print the table. */
function main(): void {
  const f = flags(process.argv.slice(2));
  const deadlineMs = Number(f.get("deadline-ms") ?? 2000);
  const seeds = (f.get("seed") ?? "1").split(",").map(Number);
  const maxIterations = f.has("max-iterations") ? Number(f.get("max-iterations")) : undefined;
  const clock = f.get("clock") ?? "wall";
  if (clock !== "wall" && clock !== "cpu") throw new Error(`--clock must be wall or cpu, not ${clock}`);
  const now = clock === "cpu" ? cpuMs : () => performance.now();
  const fam = f.get("family");
  const only = f.get("instance")?.split(",");
  const rows = readBks().filter(
    (r) => (!fam || fam.split(",").includes(r.group)) && (!only || only.includes(r.instance)),
  );
  const byGroup = new Map<string, { gap: number; ms: number }[]>();
  let failed = false;
  console.log(
    `deadline ${deadlineMs} ms (${clock} clock)${maxIterations ? `, at most ${maxIterations} iterations` : ""}, seed ${seeds.join(",")}, data ${dataDir}`,
  );
  console.log("instance        cost      bks   gap%  routes   iters  time_s  seed");
  for (const seed of seeds)
    for (const row of rows) {
      const b = load(row);
      const t0 = now();
      const sol = solve(b.problem, {
        deadlineMs,
        seed,
        ...(maxIterations ? { maxIterations } : {}),
        ...(clock === "cpu" ? { now } : {}),
      });
      const ms = now() - t0;
      let cost: number;
      try {
        cost = recheck(b, sol, row.group === "solomon");
      } catch (e) {
        console.error(`INFEASIBLE: ${(e as Error).message}`);
        failed = true;
        continue;
      }
      const gap = (100 * (cost - row.bks)) / row.bks;
      const list = byGroup.get(row.group) ?? [];
      list.push({ gap, ms });
      byGroup.set(row.group, list);
      console.log(
        `${row.instance.padEnd(12)} ${String(cost).padStart(7)} ${String(row.bks).padStart(8)} ${gap.toFixed(2).padStart(6)} ${String(sol.routes.length).padStart(7)} ${String(sol.iterations).padStart(7)} ${(ms / 1000).toFixed(2).padStart(7)} ${String(seed).padStart(5)}`,
      );
    }
  console.log("\nfamily   n  mean_gap%  mean_time_s  (n = instances × seeds)");
  for (const [g, l] of byGroup) {
    const mg = l.reduce((s, x) => s + x.gap, 0) / l.length;
    const mt = l.reduce((s, x) => s + x.ms, 0) / l.length / 1000;
    console.log(
      `${g.padEnd(8)} ${String(l.length).padStart(2)} ${mg.toFixed(3).padStart(10)} ${mt.toFixed(2).padStart(12)}`,
    );
  }
  if (failed) {
    console.error("\nFAILED: at least one solution is infeasible (see above)");
    process.exit(1);
  }
}

main();
