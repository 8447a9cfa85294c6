/** npm run bench — runs every benchmark and prints its figures. */
import { spawnSync } from "node:child_process";

const benches = [
  ["ledger", "scripts/bench/ledger.ts", ...process.argv.slice(2)],
  ["national order cycle (every CSCom reports every product)", "scripts/bench/orderCycle.ts", "--every-product"],
  ["dashboards (every CSCom with 24 months of history)", "scripts/bench/indicators.ts", "--cscoms", "437"],
  ["DHIS2 export (every CSCom reported, every product mapped)", "scripts/bench/dhis2Export.ts"],
  ["routing", "scripts/bench/routing.ts"],
  ["quantification (1,760 CSComs × 300 products × 36 months of messy history)", "scripts/bench/quantification.ts"],
  ["web bundle", "scripts/bench/webBundle.ts"],
  ["national map in chromium (1,760 CSComs)", "scripts/bench/mapRender.ts"],
];
for (const [name, script, ...args] of benches) {
  console.log(`\n== ${name} ==`);
  const r = spawnSync(process.execPath, ["--import", "tsx", script!, ...args], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
