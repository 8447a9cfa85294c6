/**
 * Forecast of one monthly series by a chosen method or by "auto": every applicable method is back-tested
 * (rolling origin, `backtest.ts`) and auto picks by mean absolute error — the same order as MASE, whose scale
 * is the series' own — but keeps the first candidate (the simplest, or the one borrowing the area's season)
 * unless another beat it clearly on the same back-test origins (`pairedAdvantage` above the threshold): a few
 * dozen noisy back-test pairs otherwise pick methods that do worse ahead. It says why (the errors compared and
 * the advantage). The forecast band comes from the chosen method's back-test errors: their quantiles, widened
 * with √(months ahead).
 */
import { backtestFixed, backtestMethod, pairedAdvantage, type Backtest, type BacktestOptions } from "./backtest";
import { addPeriods, type Period } from "./calendar";
import { quantile, type ErrorMetrics } from "./metrics";
import { croston, tsb } from "./methods/croston";
import { holtWinters, SEASON } from "./methods/holtWinters";
import { linear } from "./methods/linear";
import { morbidityForecast, type MorbidityAssumptions } from "./methods/morbidity";
import { movingAverage } from "./methods/movingAverage";
import { seasonalIndexMethod } from "./methods/seasonalIndex";
import type { ForecastMethod, MethodParams } from "./methods/types";
import { calendarMonths } from "./calendar";
import { round, type HistoryMethodId, type MethodId, type Note } from "./types";

/** The methods that need only the series, by id. */
export const HISTORY_METHODS: Record<HistoryMethodId, ForecastMethod> = {
  ma: movingAverage as ForecastMethod,
  linear: linear as ForecastMethod,
  "holt-winters": holtWinters as ForecastMethod,
  croston: croston as ForecastMethod,
  tsb: tsb as ForecastMethod,
};

/** Below this mean (units a month), a series with a borrowed season is not given its own trend or season. */
export const SMALL_COUNTS = 50;

/** Default threshold of auto's choice (see `ForecastOptions.selectionThreshold`). */
export const DEFAULT_SELECTION_THRESHOLD = 1;

/** What the caller asks for: a method, or "auto". */
export type MethodChoice = "auto" | MethodId;

/** Options of `forecastSeries`. */
export interface ForecastOptions {
  /** Months to forecast after the last month of the series */
  horizon: number;
  /** Default "auto" */
  method?: MethodChoice;
  backtest?: BacktestOptions;
  /** Needed for the morbidity method (and makes it a candidate of auto): its assumptions and the period of y[0] */
  morbidity?: { assumptions: MorbidityAssumptions; start: Period } | null;
  /**
   * A larger area's seasonal index (12, January first; `seasonalIndexOf`) and the period of y[0]: needed for the
   * seasonal-index method, and makes it a candidate of auto
   */
  seasonalIndex?: { index: ArrayLike<number>; start: Period } | null;
  /** Methods auto picks from (default: `autoCandidates` of the series' profile); those too short are skipped */
  candidates?: readonly MethodId[];
  /**
   * Auto keeps the first candidate (in `autoCandidates` order; the seasonal index first when given) unless
   * another's paired advantage on the back-test (`pairedAdvantage`) exceeds this (default DEFAULT_SELECTION_THRESHOLD)
   */
  selectionThreshold?: number;
  /** Share of outcomes the band should hold (default 0.8: from the 10th to the 90th percentile of the errors) */
  bandCoverage?: number;
  /** Also forecast with every back-tested method, for a side-by-side comparison (default false) */
  compare?: boolean;
}

/** How the demand of a series looks (Syntetos–Boylan: intermittent when fewer than 1 month in 1.32 has demand). */
export interface DemandProfile {
  kind: "zero" | "intermittent" | "smooth";
  /** Share of months with consumption above 0 */
  nonZeroShare: number;
  /** Mean per month */
  mean: number;
  /** Correlation of each month with the same month a year before (null under 2 years) */
  seasonalCorrelation: number | null;
}

/** One method's result on the series. */
export interface MethodResult {
  method: MethodId;
  /** Fitted on the months before the first back-test origin; null when not back-tested */
  params: MethodParams | null;
  metrics: ErrorMetrics | null;
  /** Why it was not back-tested (too_short, not_candidate), when it was not */
  note: Note | null;
  /** Its own forecast, with `compare` */
  values: Float64Array | null;
}

/** The forecast of one series. */
export interface SeriesForecast {
  method: MethodId;
  /** Parameters of the chosen method, fitted on the whole series */
  params: MethodParams;
  values: Float64Array;
  /** The band (null when the chosen method could not be back-tested) */
  lower: Float64Array | null;
  upper: Float64Array | null;
  profile: DemandProfile;
  /** Every method considered, in order of error (back-tested first) */
  methods: MethodResult[];
  /** Why this method: auto_lowest_error, auto_first_kept, auto_single_candidate, all_zero, history_too_short, method_requested, method_too_short, seasonal_index_unavailable */
  why: Note;
}

/** The demand profile of y[0..n). */
export function demandProfile(y: Float64Array, n: number): DemandProfile {
  let nonZero = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (y[i]! > 0) nonZero += 1;
    sum += y[i]!;
  }
  const share = n > 0 ? nonZero / n : 0;
  return {
    kind: nonZero === 0 ? "zero" : share < 1 / 1.32 ? "intermittent" : "smooth",
    nonZeroShare: round(share),
    mean: n > 0 ? round(sum / n) : 0,
    seasonalCorrelation: n >= 2 * SEASON ? round(lagCorrelation(y, n, SEASON)) : null,
  };
}

function lagCorrelation(y: Float64Array, n: number, lag: number): number {
  const m = n - lag;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < m; i++) {
    ma += y[i]!;
    mb += y[i + lag]!;
  }
  ma /= m;
  mb /= m;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < m; i++) {
    const a = y[i]! - ma;
    const b = y[i + lag]! - mb;
    sab += a * b;
    saa += a * a;
    sbb += b * b;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/**
 * Auto's candidates for a profile: intermittent series get Croston, TSB and the moving average (and
 * Holt-Winters when the demand comes back in the same months every year: correlation ≥ 0.5 with the year
 * before, e.g. seasonal malaria chemoprevention); smooth series the moving average, TSB (simple exponential
 * smoothing when every month has demand), linear regression and Holt-Winters. With an area's seasonal index
 * the seasonal-index method comes first; and a series of small counts (mean under SMALL_COUNTS units a month,
 * e.g. one CSCom's) keeps only the level methods beside it: its own trend and season are mostly noise (measured
 * on the messy generator: Holt-Winters and linear regression chosen there by the back-test did worse ahead).
 */
export function autoCandidates(profile: DemandProfile, borrowedSeason = false): MethodId[] {
  if (borrowedSeason && profile.mean < SMALL_COUNTS) return ["seasonal-index", "ma", "tsb", "croston"];
  const own: MethodId[] = borrowedSeason ? ["seasonal-index"] : [];
  if (profile.kind === "intermittent") {
    const seasonal = (profile.seasonalCorrelation ?? 0) >= 0.5;
    return [...own, ...(seasonal ? ["ma", "tsb", "croston", "holt-winters"] : ["ma", "tsb", "croston"])] as MethodId[];
  }
  return [...own, "ma", "tsb", "linear", "holt-winters"];
}

/** Forecasts y[0..n) (no gaps: see `prepareSeries`) for `horizon` months. */
export function forecastSeries(y: Float64Array, options: ForecastOptions): SeriesForecast {
  const n = y.length;
  const horizon = options.horizon;
  const choice = options.method ?? "auto";
  const profile = demandProfile(y, n);
  const morbidity = options.morbidity ?? null;
  const bt = options.backtest ?? {};

  if (choice !== "auto") return forecastWith(choice, y, options, profile);
  if (profile.kind === "zero" && !morbidity) {
    return {
      method: "ma",
      params: { window: Math.min(12, Math.max(1, n)) },
      values: new Float64Array(horizon),
      lower: new Float64Array(horizon),
      upper: new Float64Array(horizon),
      profile,
      methods: [],
      why: { key: "all_zero", values: { months: n } },
    };
  }
  const allowed = options.candidates;
  const candidates = allowed
    ? allowed.filter((m) => m !== "morbidity" && (m !== "seasonal-index" || options.seasonalIndex))
    : autoCandidates(profile, Boolean(options.seasonalIndex));
  if (morbidity && (!allowed || allowed.includes("morbidity"))) candidates.push("morbidity");
  const results: (MethodResult & { backtest: Backtest | null })[] = [];
  for (const id of candidates) results.push(runBacktest(id, y, n, bt, options));
  const tested = results.filter((r) => r.backtest !== null);
  // Back-test errors are noisy (a few dozen pairs): the first candidate in the list (the simplest, or the one
  // borrowing the area's season) is kept unless another beat it clearly — its paired advantage on the same pairs
  // above the threshold; then the one with the lowest error among those that did.
  tested.sort((a, b) => a.metrics!.mae - b.metrics!.mae);
  const lowest = tested[0];
  const threshold = options.selectionThreshold ?? DEFAULT_SELECTION_THRESHOLD;
  let incumbent = lowest;
  let advantage: number | null = null;
  if (tested.length > 1) {
    incumbent = tested.reduce((a, b) => (candidates.indexOf(b.method) < candidates.indexOf(a.method) ? b : a));
    let chosen = incumbent;
    for (const r of tested) {
      if (r === incumbent) break;
      const t = pairedAdvantage(incumbent.backtest!, r.backtest!);
      if (t > threshold) {
        chosen = r;
        advantage = t;
        break;
      }
    }
    if (chosen === incumbent && lowest !== incumbent)
      advantage = pairedAdvantage(incumbent.backtest!, lowest!.backtest!);
    tested.splice(tested.indexOf(chosen), 1);
    tested.unshift(chosen);
  }
  if (tested.length === 0) {
    // Too short to back-test anything: the mean of what there is (or the assumptions when given).
    const fallback: MethodId = morbidity ? "morbidity" : "ma";
    const result = forecastWith(fallback, y, options, profile);
    return { ...result, methods: results.map(strip), why: { key: "history_too_short", values: { months: n } } };
  }
  const best = tested[0]!;
  const runnerUp = tested[1];
  const finite = (x: number | null) => (x === null ? null : Number.isFinite(x) ? round(x, 2) : 99);
  let why: Note;
  if (!runnerUp) {
    why = {
      key: "auto_single_candidate",
      values: { chosen: best.method, mae: round(best.metrics!.mae), mase: nullableRound(best.metrics!.mase) },
    };
  } else if (best === lowest) {
    // The lowest error; when it is not the first candidate, it beat that one clearly (advantage > threshold).
    why = {
      key: "auto_lowest_error",
      values: {
        chosen: best.method,
        mae: round(best.metrics!.mae),
        mase: nullableRound(best.metrics!.mase),
        runnerUp: runnerUp.method,
        runnerUpMae: round(runnerUp.metrics!.mae),
        runnerUpMase: nullableRound(runnerUp.metrics!.mase),
        first: incumbent!.method,
        advantage: finite(advantage),
        threshold,
        origins: best.backtest!.origins,
        horizon: best.backtest!.horizon,
      },
    };
  } else {
    // The first candidate kept: the lower errors of others were within the noise of the back-test.
    why = {
      key: "auto_first_kept",
      values: {
        chosen: best.method,
        mae: round(best.metrics!.mae),
        mase: nullableRound(best.metrics!.mase),
        lowest: lowest!.method,
        lowestMae: round(lowest!.metrics!.mae),
        lowestMase: nullableRound(lowest!.metrics!.mase),
        advantage: finite(advantage),
        threshold,
        origins: best.backtest!.origins,
        horizon: best.backtest!.horizon,
      },
    };
  }
  const final = finalForecast(best.method, y, options);
  const band = bandFrom(best.backtest!, final.values, options.bandCoverage ?? 0.8);
  const ordered = [...tested, ...results.filter((r) => r.backtest === null)];
  if (options.compare) {
    for (const r of ordered) r.values = r === best ? final.values : finalForecast(r.method, y, options).values;
  }
  return {
    method: best.method,
    params: final.params,
    values: final.values,
    lower: band.lower,
    upper: band.upper,
    profile,
    methods: ordered.map(strip),
    why,
  };
}

function nullableRound(x: number | null): number | null {
  return x === null ? null : round(x);
}

function strip(r: MethodResult & { backtest: Backtest | null }): MethodResult {
  return { method: r.method, params: r.params, metrics: r.metrics, note: r.note, values: r.values };
}

/** The back-test of one method (null backtest with a note when it cannot be). */
function runBacktest(
  id: MethodId,
  y: Float64Array,
  n: number,
  bt: BacktestOptions,
  options: ForecastOptions,
): MethodResult & { backtest: Backtest | null } {
  let backtest: Backtest | null;
  let minLength: number;
  const morbidity = options.morbidity;
  if (id === "morbidity") {
    minLength = 2;
    backtest = morbidity
      ? backtestFixed(morbidityForecast(morbidity.assumptions, morbidity.start, n).values, y, n, minLength, {}, bt)
      : null;
  } else {
    const method = methodOf(id, options);
    minLength = method.minLength;
    backtest = backtestMethod(method, y, n, bt);
  }
  return {
    method: id,
    params: backtest?.params ?? null,
    metrics: backtest?.metrics ?? null,
    note: backtest
      ? null
      : {
          key: "too_short",
          values: { method: id, months: n, needed: Math.max(minLength, 2) + (bt.minWindow ?? 6) },
        },
    values: null,
    backtest,
  };
}

/** The chosen method fitted on the whole series and its forecast. */
function finalForecast(
  id: MethodId,
  y: Float64Array,
  options: ForecastOptions,
): { params: MethodParams; values: Float64Array } {
  const values = new Float64Array(options.horizon);
  if (id === "morbidity") {
    const m = options.morbidity;
    if (!m) throw new Error("the morbidity method needs its assumptions");
    const all = morbidityForecast(m.assumptions, addPeriods(m.start, y.length), options.horizon);
    values.set(all.values);
    return { params: {}, values };
  }
  const method = methodOf(id, options);
  const params = method.fit(y, y.length);
  method.forecast(y, y.length, params, options.horizon, values);
  return { params, values };
}

/** The method object of a history-based method id (seasonal-index: built on the options' index). */
function methodOf(id: Exclude<MethodId, "morbidity">, options: ForecastOptions): ForecastMethod {
  if (id !== "seasonal-index") return HISTORY_METHODS[id];
  const s = options.seasonalIndex;
  if (!s) throw new Error("the seasonal-index method needs a seasonal index");
  return seasonalIndexMethod(s.index, calendarMonths(s.start, 1)[0]!) as ForecastMethod;
}

/** A requested method (no choice): back-tested for its errors and band when the series allows. */
function forecastWith(id: MethodId, y: Float64Array, options: ForecastOptions, profile: DemandProfile): SeriesForecast {
  const n = y.length;
  if (id === "morbidity" && !options.morbidity) throw new Error("the morbidity method needs its assumptions");
  if (id === "seasonal-index" && !options.seasonalIndex) {
    const fallback = forecastWith("ma", y, options, profile);
    return { ...fallback, why: { key: "seasonal_index_unavailable", values: { method: id } } };
  }
  const minLength = id === "morbidity" ? 1 : methodOf(id, options).minLength;
  if (n < minLength) {
    const fallback = finalForecast("ma", y, options);
    return {
      method: "ma",
      params: fallback.params,
      values: fallback.values,
      lower: null,
      upper: null,
      profile,
      methods: [],
      why: { key: "method_too_short", values: { method: id, months: n, needed: minLength } },
    };
  }
  const result = runBacktest(id, y, n, options.backtest ?? {}, options);
  const final = finalForecast(id, y, options);
  const band = result.backtest ? bandFrom(result.backtest, final.values, options.bandCoverage ?? 0.8) : null;
  return {
    method: id,
    params: final.params,
    values: final.values,
    lower: band?.lower ?? null,
    upper: band?.upper ?? null,
    profile,
    methods: [strip({ ...result, values: options.compare ? final.values : null })],
    why: { key: "method_requested", values: { method: id } },
  };
}

/** The band: forecast + the (1 ± coverage)/2 quantiles of the scaled back-test errors × √(months ahead), ≥ 0. */
function bandFrom(
  backtest: Backtest,
  values: Float64Array,
  coverage: number,
): { lower: Float64Array; upper: Float64Array } {
  const e = Float64Array.from(backtest.scaledErrors);
  const lo = quantile(e, e.length, (1 - coverage) / 2);
  const hi = quantile(e, e.length, (1 + coverage) / 2);
  const lower = new Float64Array(values.length);
  const upper = new Float64Array(values.length);
  for (let h = 0; h < values.length; h++) {
    const s = Math.sqrt(h + 1);
    lower[h] = Math.max(0, values[h]! + Math.min(0, lo) * s);
    upper[h] = Math.max(values[h]!, values[h]! + Math.max(0, hi) * s);
  }
  return { lower, upper };
}
