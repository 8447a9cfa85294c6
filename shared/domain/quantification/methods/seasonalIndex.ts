/**
 * Seasonality borrowed from a larger area. A CSCom's series is too short and noisy to estimate a malaria season
 * of its own, but the district's or the country's sum of the same product shows it clearly (group seasonal
 * indices, Withycombe 1989). The "seasonal-index" method divides the series by the area's index, follows the
 * level with TSB (demand probability × size, so it suits intermittent and smooth series alike; months where the
 * index is near 0 — outside a chemoprevention campaign — are skipped), and multiplies the level back by the index
 * of each month ahead. α and β come from a small grid by squared one-step error.
 */
import { calendarMonths, type Period } from "../calendar";
import type { ForecastMethod } from "./types";

/** Below this index a month carries no information on the level (e.g. no campaign that month). */
const OFF_SEASON = 0.1;
const ALPHAS = [0.05, 0.1, 0.2, 0.3];
const BETAS = [0.02, 0.05, 0.1, 0.2, 0.3];

/**
 * Seasonal indices (12, January first, mean 1) of a series (NaN = missing) by the ratio of each month to the
 * centred 12-month moving average around it, averaged per calendar month; null when some calendar month has no
 * ratio (under about two years of data) or the series has no consumption.
 */
export function seasonalIndexOf(y: ArrayLike<number>, start: Period): Float64Array | null {
  const n = y.length;
  const calendar = calendarMonths(start, n);
  const sum = new Float64Array(12);
  const count = new Int32Array(12);
  for (let t = 6; t + 6 < n; t++) {
    let cma = 0.5 * (y[t - 6]! + y[t + 6]!);
    for (let k = t - 5; k <= t + 5; k++) cma += y[k]!;
    cma /= 12;
    if (!(cma > 0) || Number.isNaN(y[t]!)) continue;
    const m = calendar[t]!;
    sum[m] = sum[m]! + y[t]! / cma;
    count[m] = count[m]! + 1;
  }
  const index = new Float64Array(12);
  let mean = 0;
  for (let m = 0; m < 12; m++) {
    if (count[m] === 0) return null;
    index[m] = sum[m]! / count[m]!;
    mean += index[m]!;
  }
  mean /= 12;
  if (!(mean > 0)) return null;
  for (let m = 0; m < 12; m++) index[m] = index[m]! / mean;
  return index;
}

/** Level of the deseasonalised series by TSB, skipping off-season months; (into sse[0]) squared one-step errors. */
function levelRun(
  y: Float64Array,
  n: number,
  s: Float64Array,
  alpha: number,
  beta: number,
  sse: Float64Array | null,
): number {
  let p = 0;
  let size = 0;
  let seen = 0;
  let hits = 0;
  let total = 0;
  // Initial probability and size from the first year's in-season months.
  for (let t = 0; t < n && seen < 12; t++) {
    if (s[t]! < OFF_SEASON) continue;
    seen += 1;
    const v = y[t]! / s[t]!;
    if (v > 0) {
      hits += 1;
      total += v;
    }
  }
  p = seen > 0 ? hits / seen : 0;
  size = hits > 0 ? total / hits : 0;
  let err = 0;
  for (let t = 0; t < n; t++) {
    const e = y[t]! - p * size * s[t]!;
    err += e * e;
    if (s[t]! < OFF_SEASON) continue;
    const v = y[t]! / s[t]!;
    if (v > 0) {
      p += beta * (1 - p);
      size += alpha * (v - size);
    } else p -= beta * p;
  }
  if (sse) sse[0] = err;
  return p * size;
}

const sse = new Float64Array(1);

/**
 * The method for a series whose first month is the calendar month `firstMonth` (0 = January), with the area's
 * `index` (12, January first).
 */
export function seasonalIndexMethod(
  index: ArrayLike<number>,
  firstMonth: number,
): ForecastMethod<{ alpha: number; beta: number }> {
  let s = new Float64Array(0);
  const at = (n: number) => {
    if (s.length < n) {
      s = new Float64Array(Math.max(n, 64));
      for (let t = 0; t < s.length; t++) s[t] = index[(firstMonth + t) % 12]!;
    }
    return s;
  };
  return {
    id: "seasonal-index",
    minLength: 2,
    fit(y, n) {
      const season = at(n);
      let best = { alpha: ALPHAS[0]!, beta: BETAS[0]! };
      let bestSse = Infinity;
      for (const alpha of ALPHAS)
        for (const beta of BETAS) {
          levelRun(y, n, season, alpha, beta, sse);
          if (sse[0]! < bestSse - 1e-9) {
            bestSse = sse[0]!;
            best = { alpha, beta };
          }
        }
      return best;
    },
    forecast(y, n, params, horizon, out) {
      const level = Math.max(0, levelRun(y, n, at(n), params.alpha, params.beta, null));
      for (let h = 0; h < horizon; h++) out[h] = level * index[(firstMonth + n + h) % 12]!;
    },
  };
}
