/**
 * Forecast error measures over back-test pairs (forecast, actual):
 * - MAE, and MASE = MAE ÷ the mean absolute one-step change of the training months (the naive forecast's
 *   error), comparable across series of any size; null when the training months never change (the scale is 0)
 *   and the errors are not 0 — a MASE would be infinite.
 * - MAPE as a share (0.12 = 12 %) over the pairs whose actual is above 0 only: a month with no consumption
 *   has no percentage error. The pairs left out are counted (`mapeExcluded`); null when every actual is 0.
 *   WAPE = Σ|error| ÷ Σ actual is given beside it: it stays defined for intermittent series.
 * - Bias: mean of forecast − actual (positive = over-forecast), and Σ(forecast − actual) ÷ Σ actual.
 */

/** Error measures of one method on one series. */
export interface ErrorMetrics {
  /** Pairs (origin, months ahead) compared */
  count: number;
  mae: number;
  mase: number | null;
  mape: number | null;
  mapeExcluded: number;
  wape: number | null;
  bias: number;
  biasShare: number | null;
}

/** Mean absolute one-step change of y[0..n): the MASE scale (0 for fewer than 2 months). */
export function naiveScale(y: ArrayLike<number>, n: number): number {
  if (n < 2) return 0;
  let s = 0;
  for (let t = 1; t < n; t++) s += Math.abs(y[t]! - y[t - 1]!);
  return s / (n - 1);
}

/** The measures over `count` pairs of forecast[i] against actual[i]. */
export function errorMetrics(
  forecast: ArrayLike<number>,
  actual: ArrayLike<number>,
  count: number,
  scale: number,
): ErrorMetrics {
  let abs = 0;
  let signed = 0;
  let actualSum = 0;
  let pct = 0;
  let pctCount = 0;
  for (let i = 0; i < count; i++) {
    const a = actual[i]!;
    const e = forecast[i]! - a;
    abs += Math.abs(e);
    signed += e;
    actualSum += a;
    if (a > 0) {
      pct += Math.abs(e) / a;
      pctCount += 1;
    }
  }
  const mae = count > 0 ? abs / count : 0;
  return {
    count,
    mae,
    mase: scale > 0 ? mae / scale : mae === 0 ? 0 : null,
    mape: pctCount > 0 ? pct / pctCount : null,
    mapeExcluded: count - pctCount,
    wape: actualSum > 0 ? abs / actualSum : null,
    bias: count > 0 ? signed / count : 0,
    biasShare: actualSum > 0 ? signed / actualSum : null,
  };
}

/** The q-quantile (0–1) of a[0..k) by linear interpolation (reorders a). */
export function quantile(a: Float64Array, k: number, q: number): number {
  if (k === 0) return NaN;
  const sorted = a.subarray(0, k).sort();
  const pos = q * (k - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(k - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
