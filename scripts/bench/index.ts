/** npm run bench — runs every benchmark and prints its figures. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The operations benchmarks share one seeded demo database (they work on copies of it).
const dir = mkdtempSync(join(tmpdir(), "fura-bench-demo-"));
const demo = join(dir, "demo.db");

const benches = [
  ["ledger", "scripts/bench/ledger.ts", ...process.argv.slice(2)],
  ["national order cycle (every CSCom reports every product)", "scripts/bench/orderCycle.ts", "--every-product"],
  ["dashboards (every CSCom with 24 months of history)", "scripts/bench/indicators.ts", "--cscoms", "437"],
  ["DHIS2 export (every CSCom reported, every product mapped)", "scripts/bench/dhis2Export.ts"],
  ["routing", "scripts/bench/routing.ts"],
  ["quantification (1,760 CSComs × 300 products × 36 months of messy history)", "scripts/bench/quantification.ts"],
  ["web bundle", "scripts/bench/webBundle.ts"],
  ["national map in chromium (1,760 CSComs)", "scripts/bench/mapRender.ts"],
  ["driver's tablet in chromium (first load, driver screen JS)", "scripts/bench/driverLoad.ts"],
  ["demo database for the operations benchmarks (npm run db:seed)", "scripts/seed.ts", "--db", demo],
  ["operations: durable writes, start-up check, backup and restore", "scripts/bench/ops.ts", "--db", demo],
  ["mixed load on the server process", "scripts/bench/load.ts", "--db", demo],
  ["crash test (SIGKILL under writes of every kind)", "scripts/bench/crash.ts", "--kills", "20"],
  ["soak (10 minutes of mixed load)", "scripts/bench/soak.ts", "--db", demo],
];
try {
  for (const [name, script, ...args] of benches) {
    console.log(`\n== ${name} ==`);
    const r = spawnSync(process.execPath, ["--import", "tsx", script!, ...args], { stdio: "inherit" });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
    if (r.status !== 0) break;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
