/**
 * Quantification benchmark on a generated messy network (scripts/quantification/messyHistory.ts):
 * - national level: the stock-out adjustment and reporting-rate correction of every CSCom's series per product,
 *   the national seasonal index, then every method back-tested (rolling origin: 12 origins × up to 6 months ahead)
 *   with its own 36-month forecast, and auto, for the whole catalogue — target ≤ 3 s;
 * - facility level: every CSCom × product series (stock-out adjustment, preparation, auto with its back-tests and
 *   a 36-month forecast, borrowing the product's national season) — target ≤ 60 s.
 * Generating the data is not timed. Wall and CPU time are both printed: on a loaded machine the wall time
 * overstates the work. Also prints how auto compares with each method at national level on the 12 months after
 * the history (MASE against the true demand).
 *
 *   node --import tsx scripts/bench/quantification.ts [--sites 1760] [--products 300] [--months 36] [--seed 13]
 */
import { parseArgs } from "node:util";
import {
  addPeriods,
  adjustConsumption,
  aggregateArea,
  forecastSeries,
  naiveScale,
  prepareSeries,
  seasonalIndexOf,
  type MethodId,
} from "../../shared/domain/quantification";
import { messyProductData, messyWorld } from "../quantification/messyHistory";

const { values } = parseArgs({
  options: {
    sites: { type: "string", default: "1760" },
    products: { type: "string", default: "300" },
    months: { type: "string", default: "36" },
    seed: { type: "string", default: "13" },
  },
});
const sites = Number(values.sites);
const products = Number(values.products);
const months = Number(values.months);
const seed = Number(values.seed);
const HORIZON = 36;
const HOLDOUT = 12;
/** Every method, in auto's order of preference (the borrowed season first). */
const EVERY: MethodId[] = ["seasonal-index", "ma", "tsb", "croston", "linear", "holt-winters"];

const world = messyWorld({ sites, products, months, holdout: HOLDOUT, seed });
const T = months;
const TH = T + HOLDOUT;
let generateMs = 0;
let adjustMs = 0;
let adjustCpu = 0;
let aggregateMs = 0;
let nationalMs = 0;
let facilityMs = 0;
// CPU time (user + system, µs) of the same phases: under load the wall time overstates the work.
let aggregateCpu = 0;
let nationalCpu = 0;
let facilityCpu = 0;
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
let facilitySeries = 0;
let intermittent = 0;
const chosenNational = new Map<string, number>();
const chosenFacility = new Map<string, number>();
const maseSum = new Map<string, number>();
let maseCount = 0;
const adjusted = Array.from({ length: sites }, () => new Float64Array(T));

for (let p = 0; p < products; p++) {
  let t0 = performance.now();
  const data = messyProductData(world, p, seed);
  generateMs += performance.now() - t0;

  // Stock-out adjustment of every CSCom's series (counted in both levels' totals).
  t0 = performance.now();
  let c0 = cpu();
  for (let s = 0; s < sites; s++) {
    adjustConsumption(
      data.consumed.subarray(s * T, s * T + T),
      data.stockoutDays.subarray(s * T, s * T + T),
      world.days,
      adjusted[s]!,
    );
  }
  adjustMs += performance.now() - t0;
  adjustCpu += cpu() - c0;

  // National level: reporting-rate correction, the national seasonal index (months before the last 12), then
  // every method back-tested and forecast, and auto.
  t0 = performance.now();
  c0 = cpu();
  const area = aggregateArea(
    "national",
    world.sites.map((site, s) => ({ facility: site.code, area: "national", values: adjusted[s]! })),
    world.start,
    T,
  );
  const before = prepareSeries(area.corrected.subarray(0, T - 12));
  const index = seasonalIndexOf(before.values, addPeriods(world.start, before.offset));
  aggregateMs += performance.now() - t0;
  aggregateCpu += cpu() - c0;
  t0 = performance.now();
  c0 = cpu();
  const prepared = prepareSeries(area.corrected);
  const y = prepared.values;
  const seasonalAt = (offset: number) => (index ? { index, start: addPeriods(world.start, offset) } : null);
  const f = forecastSeries(y, {
    horizon: HORIZON,
    candidates: EVERY,
    compare: true,
    seasonalIndex: seasonalAt(prepared.offset),
  });
  nationalMs += performance.now() - t0;
  nationalCpu += cpu() - c0;
  chosenNational.set(f.method, (chosenNational.get(f.method) ?? 0) + 1);

  // Facility level: each CSCom's series, with the product's national season to borrow.
  t0 = performance.now();
  c0 = cpu();
  for (let s = 0; s < sites; s++) {
    const site = prepareSeries(adjusted[s]!);
    if (site.values.length === 0) continue;
    const g = forecastSeries(site.values, { horizon: HORIZON, seasonalIndex: seasonalAt(site.offset) });
    facilitySeries += 1;
    if (g.profile.kind !== "smooth") intermittent += 1;
    chosenFacility.set(g.method, (chosenFacility.get(g.method) ?? 0) + 1);
  }
  facilityMs += performance.now() - t0;
  facilityCpu += cpu() - c0;

  // Accuracy on the months after the history (not timed).
  const scale = naiveScale(y, y.length);
  if (scale > 0) {
    maseCount += 1;
    const truth = new Float64Array(HOLDOUT);
    for (let s = 0; s < sites; s++)
      for (let h = 0; h < HOLDOUT; h++) truth[h] = truth[h]! + data.demand[s * TH + T + h]!;
    const score = (forecast: Float64Array) => {
      let e = 0;
      for (let h = 0; h < HOLDOUT; h++) e += Math.abs(forecast[h]! - truth[h]!);
      return e / HOLDOUT / scale;
    };
    maseSum.set("auto", (maseSum.get("auto") ?? 0) + score(f.values));
    for (const m of f.methods) if (m.values) maseSum.set(m.method, (maseSum.get(m.method) ?? 0) + score(m.values));
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const w = (ms: number, cpuUs: number) => `${s(ms)} wall, ${s(cpuUs / 1000)} CPU`;
const list = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
console.log(
  `network: ${sites.toLocaleString("en")} CSComs × ${products} products × ${months} months, messy (generated in ${s(generateMs)}, not timed)`,
);
console.log(
  `national level, ${products} series, every method back-tested (12 origins × ≤ 6 months) + its ${HORIZON}-month forecast + auto: ${w(adjustMs + aggregateMs + nationalMs, adjustCpu + aggregateCpu + nationalCpu)} (target ≤ 3 s)`,
);
console.log(
  `  of which the stock-out adjustment of the CSComs' series ${w(adjustMs, adjustCpu)}, the reporting-rate correction and seasonal index ${w(aggregateMs, aggregateCpu)}, the forecasts ${w(nationalMs, nationalCpu)}; chosen: ${list(chosenNational)}`,
);
console.log(
  `facility level, ${facilitySeries.toLocaleString("en")} series (${((100 * intermittent) / Math.max(1, facilitySeries)).toFixed(0)} % intermittent or zero), auto with back-tests + ${HORIZON}-month forecast: ${w(adjustMs + facilityMs, adjustCpu + facilityCpu)} (target ≤ 60 s)`,
);
console.log(`  chosen: ${list(chosenFacility)}`);
console.log(
  `accuracy, national, next ${HOLDOUT} months vs true demand, mean MASE over ${maseCount} products: ${[...maseSum]
    .sort((a, b) => a[1] - b[1])
    .map(([k, v]) => `${k} ${(v / maseCount).toFixed(2)}`)
    .join(", ")}`,
);
