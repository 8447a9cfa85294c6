/**
 * How well the forecasts do on messy data (`messyHistory.ts`): each method alone and "auto", at national level
 * (the sites' corrected consumption summed with the reporting-rate correction) and at facility level, scored on
 * the 12 months after the history against the true demand. Also the spreadsheet way: the sum of what was
 * reported, averaged over the last three months (no stock-out or reporting correction).
 *
 *   node --import tsx scripts/quantification/accuracy.ts [--sites 300] [--products 120] [--months 36] [--seed 13]
 *
 * Scores: MASE (mean absolute error ÷ the series' mean one-step change; mean and median over the series) and
 * WAPE (Σ |error| ÷ Σ demand over every series and month); "auto ≤" is the share of series where auto's error is
 * at most the method's.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  addPeriods,
  adjustConsumption,
  aggregateArea,
  forecastSeries,
  HISTORY_METHODS,
  movingAverage,
  naiveScale,
  prepareSeries,
  seasonalIndexOf,
  type HistoryMethodId,
  type Period,
} from "../../shared/domain/quantification";

type SeasonalIndex = { index: Float64Array; start: Period } | null;
import { messyProductData, messyWorld, type MessyOptions } from "./messyHistory";

/** The forecasters compared: each method alone, the 3-month average, and auto. */
export const CONTENDERS = ["auto", "ma", "ma3", "linear", "holt-winters", "croston", "tsb", "seasonal-index"] as const;
export type Contender = (typeof CONTENDERS)[number];

/** Scores of one forecaster over a set of series. */
export interface Score {
  contender: Contender | "spreadsheet";
  series: number;
  meanMase: number;
  medianMase: number;
  wape: number;
  /** Share of series where auto's absolute error is at most this one's */
  autoAtMost: number;
}

function forecastWith(c: Contender, y: Float64Array, horizon: number, seasonal: SeasonalIndex): Float64Array {
  if (c === "auto") return forecastSeries(y, { horizon, seasonalIndex: seasonal }).values;
  if (c === "seasonal-index") {
    return seasonal
      ? forecastSeries(y, { horizon, seasonalIndex: seasonal, method: c }).values
      : forecastWith("tsb", y, horizon, null);
  }
  const out = new Float64Array(horizon);
  if (c === "ma3") {
    movingAverage.forecast(y, y.length, { window: 3 }, horizon, out);
    return out;
  }
  const m = HISTORY_METHODS[c as HistoryMethodId];
  const method = y.length >= m.minLength ? m : HISTORY_METHODS.ma;
  method.forecast(y, y.length, method.fit(y, y.length), horizon, out);
  return out;
}

class Scorer {
  private readonly abs = new Map<string, number[]>();
  private readonly mase = new Map<string, number[]>();
  private demand = 0;

  add(name: string, forecast: ArrayLike<number>, truth: ArrayLike<number>, scale: number): void {
    let e = 0;
    for (let h = 0; h < truth.length; h++) e += Math.abs(forecast[h]! - truth[h]!);
    (this.abs.get(name) ?? this.abs.set(name, []).get(name)!).push(e);
    if (scale > 0) (this.mase.get(name) ?? this.mase.set(name, []).get(name)!).push(e / truth.length / scale);
  }

  addDemand(truth: ArrayLike<number>): void {
    for (let h = 0; h < truth.length; h++) this.demand += truth[h]!;
  }

  scores(): Score[] {
    const auto = this.abs.get("auto")!;
    return [...this.abs.keys()].map((name) => {
      const abs = this.abs.get(name)!;
      const mase = [...(this.mase.get(name) ?? [])].sort((a, b) => a - b);
      return {
        contender: name as Score["contender"],
        series: abs.length,
        meanMase: mase.reduce((s, x) => s + x, 0) / Math.max(1, mase.length),
        medianMase: mase[Math.floor(mase.length / 2)] ?? NaN,
        wape: abs.reduce((s, x) => s + x, 0) / Math.max(1e-9, this.demand),
        autoAtMost: abs.filter((x, i) => auto[i]! <= x + 1e-9).length / abs.length,
      };
    });
  }
}

/** Scores every contender at national and facility level on a generated messy network. */
export function evaluateAccuracy(options: Partial<MessyOptions> & { facilitySites?: number } = {}): {
  national: Score[];
  facility: Score[];
} {
  const horizon = options.holdout ?? 12;
  const world = messyWorld({
    sites: options.sites ?? 300,
    products: options.products ?? 120,
    months: options.months ?? 36,
    holdout: horizon,
    seed: options.seed ?? 13,
  });
  const T = world.months;
  const TH = T + horizon;
  const S = world.sites.length;
  const facilitySites = Math.min(S, options.facilitySites ?? 60);
  const national = new Scorer();
  const facility = new Scorer();
  const adjusted = Array.from({ length: S }, () => new Float64Array(T));
  for (let p = 0; p < world.products.length; p++) {
    const data = messyProductData(world, p, options.seed ?? 13);
    for (let s = 0; s < S; s++) {
      adjustConsumption(
        data.consumed.subarray(s * T, s * T + T),
        data.stockoutDays.subarray(s * T, s * T + T),
        world.days,
        adjusted[s]!,
      );
    }
    // National.
    const truth = new Float64Array(horizon);
    const raw = new Float64Array(T);
    for (let s = 0; s < S; s++) {
      for (let h = 0; h < horizon; h++) truth[h] = truth[h]! + data.demand[s * TH + T + h]!;
      for (let t = 0; t < T; t++) {
        const c = data.consumed[s * T + t]!;
        if (!Number.isNaN(c)) raw[t] = raw[t]! + c;
      }
    }
    const area = aggregateArea(
      "national",
      world.sites.map((site, s) => ({ facility: site.code, area: "national", values: adjusted[s]! })),
      world.start,
      T,
    );
    // The product's national seasonal index, from the months before the last 12 (as forecastHistory does).
    const before = prepareSeries(area.corrected.subarray(0, T - 12));
    const index = seasonalIndexOf(before.values, addPeriods(world.start, before.offset));
    const nationalPrepared = prepareSeries(area.corrected);
    const y = nationalPrepared.values;
    const at = (offset: number): SeasonalIndex => (index ? { index, start: addPeriods(world.start, offset) } : null);
    const scale = naiveScale(y, y.length);
    for (const c of CONTENDERS) national.add(c, forecastWith(c, y, horizon, at(nationalPrepared.offset)), truth, scale);
    const spreadsheet = new Float64Array(horizon).fill((raw[T - 1]! + raw[T - 2]! + raw[T - 3]!) / 3);
    national.add("spreadsheet", spreadsheet, truth, scale);
    national.addDemand(truth);
    // Facility: the first `facilitySites` sites still open and reporting in the last year.
    for (let s = 0; s < facilitySites; s++) {
      const site = world.sites[s]!;
      if (site.closes !== null) continue;
      const prepared = prepareSeries(adjusted[s]!);
      if (prepared.values.length < 3) continue;
      const fy = prepared.values;
      const siteTruth = data.demand.subarray(s * TH + T, s * TH + TH);
      const siteScale = naiveScale(fy, fy.length);
      for (const c of CONTENDERS)
        facility.add(c, forecastWith(c, fy, horizon, at(prepared.offset)), siteTruth, siteScale);
      facility.addDemand(siteTruth);
    }
  }
  return { national: national.scores(), facility: facility.scores() };
}

/** Prints the scores as a table. */
export function printScores(title: string, scores: Score[]): void {
  console.log(`${title} (${scores[0]?.series ?? 0} series)`);
  console.log("  forecaster      mean MASE  median MASE   WAPE   auto ≤ it");
  for (const s of scores) {
    console.log(
      `  ${s.contender.padEnd(14)} ${s.meanMase.toFixed(3).padStart(10)} ${s.medianMase.toFixed(3).padStart(12)} ${(100 * s.wape).toFixed(1).padStart(6)} % ${(100 * s.autoAtMost).toFixed(0).padStart(6)} %`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      sites: { type: "string", default: "300" },
      products: { type: "string", default: "120" },
      months: { type: "string", default: "36" },
      seed: { type: "string", default: "13" },
      "facility-sites": { type: "string", default: "60" },
    },
  });
  const t0 = performance.now();
  const result = evaluateAccuracy({
    sites: Number(values.sites),
    products: Number(values.products),
    months: Number(values.months),
    seed: Number(values.seed),
    facilitySites: Number(values["facility-sites"]),
  });
  printScores("National level", result.national);
  printScores("Facility level", result.facility);
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
