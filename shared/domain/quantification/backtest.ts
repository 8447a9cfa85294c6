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
  let k = 0;
  for (let o = first; o < n; o++) {
    const h = Math.min(horizon, n - o);
    method.forecast(y, o, params, h, out);
    for (let j = 0; j < h; j++) {
      pairsF[k] = out[j]!;
      pairsA[k] = y[o + j]!;
      scaledErrors[k] = (y[o + j]! - out[j]!) / Math.sqrt(j + 1);
      k++;
    }
  }
  return {
    params,
    origins,
    horizon,
    metrics: errorMetrics(pairsF, pairsA, k, naiveScale(y, first)),
    scaledErrors,
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
  let k = 0;
  for (let o = first; o < n; o++) {
    const h = Math.min(horizon, n - o);
    for (let j = 0; j < h; j++) {
      pairsF[k] = predictions[o + j]!;
      pairsA[k] = y[o + j]!;
      scaledErrors[k] = (y[o + j]! - predictions[o + j]!) / Math.sqrt(j + 1);
      k++;
    }
  }
  return {
    params,
    origins,
    horizon,
    metrics: errorMetrics(pairsF, pairsA, k, naiveScale(y, first)),
    scaledErrors,
  };
}
