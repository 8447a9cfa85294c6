/**
 * The national monthly run: seeds a scaled network (default 1,760 CSComs × 300 products, 4 months
 * with reports), then times the order cycle that computes and persists a suggestion for every
 * CSCom × product line of the last month. Prints figures; asserts nothing about time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
import { openDb } from "../../db/client";
import { seedDatabase } from "../../db/seed";
import { runOrderCycle } from "../../server/commands/orderCycle";

const { values } = parseArgs({
  options: {
    cscoms: { type: "string", default: "1760" },
    products: { type: "string", default: "300" },
    months: { type: "string", default: "4" },
    missing: { type: "string", default: "0" },
    "every-product": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
  },
});

const dir = mkdtempSync(join(tmpdir(), "fura-cycle-"));
const open = openDb(join(dir, "cycle.db"));
let t0 = performance.now();
const summary = seedDatabase(open, {
  adminPassword: "bench-admin-pw",
  hashPassword: (p) => `bench$${p.length}`,
  demo: true,
  cscoms: Number(values.cscoms),
  products: Number(values.products),
  months: Number(values.months),
  reportMonths: Number(values.months),
  // Every CSCom reported the last month (the worst case: every CSCom × product gets a suggestion); --missing 0.25 is the demo's share.
  lastMonthMissing: Number(values.missing),
  // --every-product: every CSCom carries every product (the full CSCom × product cartesian product)
  everyProductEverywhere: values["every-product"],
});
const seedS = (performance.now() - t0) / 1000;
const reportLines = open.sqlite
  .prepare("select count(*) from stock_report_lines l join stock_reports r on r.id = l.report_id where r.period = ?")
  .pluck()
  .get(summary.lastMonth) as number;
console.log(
  `data: ${summary.cscoms} CSComs × ${summary.products} products, ${summary.reportLines.toLocaleString("en-US")} report lines over ${values.months} months (${reportLines.toLocaleString("en-US")} in ${summary.lastMonth}); seeded in ${seedS.toFixed(1)} s`,
);

const session = values.profile ? await startProfile() : null;
t0 = performance.now();
const result = open.sqlite.transaction(() =>
  runOrderCycle(open.sqlite, { period: summary.lastMonth!, status: "submitted", userId: null, now: new Date() }),
)();
const s = (performance.now() - t0) / 1000;
console.log(
  `national order cycle ${summary.lastMonth}: ${result.reports} reports → ${result.orders.toLocaleString("en-US")} orders, ${result.lines.toLocaleString("en-US")} lines computed and persisted in ${s.toFixed(2)} s (${Math.round(result.lines / s).toLocaleString("en-US")} lines/s)`,
);
if (session) await stopProfile(session, join(tmpdir(), "order-cycle.cpuprofile"));
open.close();
rmSync(dir, { recursive: true, force: true });

/** Starts the V8 CPU profiler (--profile): only the cycle is profiled, not the seed. */
async function startProfile(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return session;
}

/** Stops the profiler and writes the profile (open it in Chrome DevTools). */
async function stopProfile(session: Session, file: string): Promise<void> {
  const { profile } = await session.post("Profiler.stop");
  writeFileSync(file, JSON.stringify(profile));
  console.log(`CPU profile of the cycle: ${file}`);
}
