/**
 * Rolling-origin back-test: the method is fitted on the months before the first origin, then from each origin
 * o = n − window … n − 1 it forecasts the next 1 … `horizon` months (as far as the data goes) with what it knew
 * at o; every (origin, months ahead) pair is compared with what happened.
 */
import { errorMetrics, naiveScale, type ErrorMetrics } from "./metrics";
import type { ForecastMethod, MethodParams } from "./methods/types";

/** Options of the back-test. */
export interface BacktestOptions {
  /** Origins: the last `window` months (default 12; shrunk down to `minWindow` for short series) */
  window?: number;
  /** Fewest origins for a back-test (default 6) */
  minWindow?: number;
  /** Months ahead forecast from each origin (default 6) */
  horizon?: number;
}

/** A method's back-test on one series. */
export interface Backtest {
  params: MethodParams;
  origins: number;
  horizon: number;
  metrics: ErrorMetrics;
  /** (actual − forecast) ÷ √(months ahead) of every pair, for the forecast band */
  scaledErrors: Float64Array;
  /** |actual − forecast| of every pair, origin by origin (a method with fewer origins has the later pairs) */
  absErrors: Float64Array;
}

/** Origins available for a method needing `minLength` months on a series of n (0: too short to back-test). */
export function backtestOrigins(n: number, minLength: number, options: BacktestOptions = {}): number {
  const window = options.window ?? 12;
  const minWindow = options.minWindow ?? 6;
  const origins = Math.min(window, n - Math.max(minLength, 2));
  return origins >= minWindow ? origins : 0;
}

// Scratch: forecasts of one origin, and the pairs of one back-test.
let out = new Float64Array(64);
let pairsF = new Float64Array(256);
let pairsA = new Float64Array(256);

function ensure(horizon: number, pairs: number): void {
  if (out.length < horizon) out = new Float64Array(horizon);
  if (pairsF.length < pairs) {
    pairsF = new Float64Array(pairs);
    pairsA = new Float64Array(pairs);
  }
}

/** Number of pairs of a back-test with `origins` origins and `horizon` months ahead. */
function pairCount(origins: number, horizon: number): number {
  let c = 0;
  for (let k = 1; k <= origins; k++) c += Math.min(horizon, k);
  return c;
}

/** Back-tests a history method on y[0..n); null when the series is too short for it. */
export function backtestMethod(
  method: ForecastMethod,
  y: Float64Array,
  n: number,
  options: BacktestOptions = {},
): Backtest | null {
  const origins = backtestOrigins(n, method.minLength, options);
  if (origins === 0) return null;
  const horizon = Math.max(1, options.horizon ?? 6);
  const first = n - origins;
  const params = method.fit(y, first);
  const pairs = pairCount(origins, horizon);
  ensure(horizon, pairs);
  const scaledErrors = new Float64Array(pairs);
  const absErrors = new Float64Array(pairs);
  let k = 0;
  for (let o = first; o < n; o++) {
    const h = Math.min(horizon, n - o);
    method.forecast(y, o, params, h, out);
    for (let j = 0; j < h; j++) {
      pairsF[k] = out[j]!;
      pairsA[k] = y[o + j]!;
      scaledErrors[k] = (y[o + j]! - out[j]!) / Math.sqrt(j + 1);
      absErrors[k] = Math.abs(y[o + j]! - out[j]!);
      k++;
    }
  }
  return {
    params,
    origins,
    horizon,
    metrics: errorMetrics(pairsF, pairsA, k, naiveScale(y, first)),
    scaledErrors,
    absErrors,
  };
}

/**
 * Back-tests fixed predictions (one per month of the series, e.g. the morbidity method's, which does not learn
 * from the history) over the same origins and months ahead as a history method with `minLength` months.
 */
export function backtestFixed(
  predictions: ArrayLike<number>,
  y: Float64Array,
  n: number,
  minLength: number,
  params: MethodParams,
  options: BacktestOptions = {},
): Backtest | null {
  const origins = backtestOrigins(n, minLength, options);
  if (origins === 0) return null;
  const horizon = Math.max(1, options.horizon ?? 6);
  const first = n - origins;
  const pairs = pairCount(origins, horizon);
  ensure(horizon, pairs);
  const scaledErrors = new Float64Array(pairs);
  const absErrors = new Float64Array(pairs);
  let k = 0;
  for (let o = first; o < n; o++) {
    const h = Math.min(horizon, n - o);
    for (let j = 0; j < h; j++) {
      pairsF[k] = predictions[o + j]!;
      pairsA[k] = y[o + j]!;
      scaledErrors[k] = (y[o + j]! - predictions[o + j]!) / Math.sqrt(j + 1);
      absErrors[k] = Math.abs(y[o + j]! - predictions[o + j]!);
      k++;
    }
  }
  return {
    params,
    origins,
    horizon,
    metrics: errorMetrics(pairsF, pairsA, k, naiveScale(y, first)),
    scaledErrors,
    absErrors,
  };
}

/** Sum of the absolute errors of each origin (the pairs of one origin are consecutive), the last `k` origins. */
function originErrors(b: Backtest, k: number): Float64Array {
  const out = new Float64Array(k);
  let pair = 0;
  for (let r = 0; r < b.origins; r++) {
    const h = Math.min(b.horizon, b.origins - r);
    let sum = 0;
    for (let j = 0; j < h; j++) sum += b.absErrors[pair++]!;
    const slot = r - (b.origins - k);
    if (slot >= 0) out[slot] = sum;
  }
  return out;
}

/**
 * How much better `challenger` did than `incumbent` on the origins both were tested from (the later ones): the
 * mean of the differences of their absolute errors per origin over its standard error (a paired t statistic on the
 * origins — the pairs of one origin share its errors, so they are not counted as independent; > 0: the
 * challenger erred less). Infinite when it erred less from every origin alike.
 */
export function pairedAdvantage(incumbent: Backtest, challenger: Backtest): number {
  const k = Math.min(incumbent.origins, challenger.origins);
  if (k < 2 || incumbent.horizon !== challenger.horizon) return 0;
  const a = originErrors(incumbent, k);
  const b = originErrors(challenger, k);
  let mean = 0;
  for (let i = 0; i < k; i++) mean += a[i]! - b[i]!;
  mean /= k;
  let ss = 0;
  for (let i = 0; i < k; i++) {
    const d = a[i]! - b[i]! - mean;
    ss += d * d;
  }
  const se = Math.sqrt(ss / (k - 1) / k);
  return se > 0 ? mean / se : mean > 0 ? Infinity : 0;
}
