/** Linear regression on time (the trend): least squares over the whole history, extrapolated, never below 0. */
import type { ForecastMethod } from "./types";

/** Intercept and slope of y[0..n) on t = 0..n−1. */
export function leastSquares(y: Float64Array, n: number): { intercept: number; slope: number } {
  if (n === 0) return { intercept: 0, slope: 0 };
  const tMean = (n - 1) / 2;
  let yMean = 0;
  for (let t = 0; t < n; t++) yMean += y[t]!;
  yMean /= n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    const dt = t - tMean;
    sxy += dt * (y[t]! - yMean);
    sxx += dt * dt;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: yMean - slope * tMean, slope };
}

export const linear: ForecastMethod<Record<string, never>> = {
  id: "linear",
  minLength: 3,
  fit: () => ({}),
  forecast(y, n, _params, horizon, out) {
    const { intercept, slope } = leastSquares(y, n);
    for (let h = 0; h < horizon; h++) out[h] = Math.max(0, intercept + slope * (n + h));
  },
};
