/** Moving average: the mean of the last k months, for every month ahead; k ∈ {3, 6, 12} by one-step error. */
import type { ForecastMethod } from "./types";

/** Windows tried, shortest first (a tie keeps the shortest). */
export const MA_WINDOWS = [3, 6, 12] as const;

/** Mean of y[n−k..n) (k capped at n). */
export function trailingMean(y: Float64Array, n: number, k: number): number {
  const w = Math.min(k, n);
  if (w <= 0) return 0;
  let s = 0;
  for (let i = n - w; i < n; i++) s += y[i]!;
  return s / w;
}

/**
 * The window with the smallest squared one-step error over the months every window can forecast (from the
 * longest window that fits, or from month 2 for a short series).
 */
function fitWindow(y: Float64Array, n: number): number {
  const usable = MA_WINDOWS.filter((k) => k < n);
  if (usable.length <= 1) return usable[0] ?? Math.max(1, n);
  const from = Math.max(2, usable[usable.length - 1]!);
  let best: number = usable[0]!;
  let bestSse = Infinity;
  for (const k of usable) {
    let sum = 0;
    for (let i = from - k; i < from; i++) sum += y[i]!;
    let sse = 0;
    for (let t = from; t < n; t++) {
      const e = y[t]! - sum / k;
      sse += e * e;
      sum += y[t]! - y[t - k]!;
    }
    if (sse < bestSse - 1e-9) {
      bestSse = sse;
      best = k;
    }
  }
  return best;
}

export const movingAverage: ForecastMethod<{ window: number }> = {
  id: "ma",
  minLength: 1,
  fit: (y, n) => ({ window: fitWindow(y, n) }),
  forecast(y, n, params, horizon, out) {
    const m = Math.max(0, trailingMean(y, n, params.window));
    for (let h = 0; h < horizon; h++) out[h] = m;
  },
};
