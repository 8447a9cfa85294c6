/**
 * Intermittent demand (many CSCom × product series are mostly zeros): the forecast is a flat rate per month.
 * - Croston with the Syntetos–Boylan correction (SBA): the size of a demand and the interval between demands
 *   are smoothed separately, at each demand; rate = (1 − α/2) × size ÷ interval.
 * - TSB (Teunter–Syntetos–Babai): the size is smoothed at each demand and the probability of a demand every
 *   month, so a product no longer used fades out instead of keeping its last rate.
 * α (and TSB's β) come from a small grid by squared one-step error.
 */
import type { ForecastMethod } from "./types";

const CROSTON_ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.5];
const TSB_ALPHAS = [0.05, 0.1, 0.2, 0.3];
const TSB_BETAS = [0.02, 0.05, 0.1, 0.2, 0.3];

/** Croston-SBA over y[0..n): returns the final rate and (into sse[0]) the squared one-step errors after the first demand. */
function crostonRun(y: Float64Array, n: number, alpha: number, sse: Float64Array | null): number {
  let size = 0;
  let interval = 0;
  let since = 0;
  let started = false;
  let err = 0;
  const k = 1 - alpha / 2;
  for (let t = 0; t < n; t++) {
    const v = y[t]!;
    since += 1;
    if (started) {
      const e = v - (k * size) / interval;
      err += e * e;
    }
    if (v > 0) {
      if (started) {
        size += alpha * (v - size);
        interval += alpha * (since - interval);
      } else {
        size = v;
        interval = since;
        started = true;
      }
      since = 0;
    }
  }
  if (sse) sse[0] = err;
  return started ? (k * size) / interval : 0;
}

/** TSB over y[0..n): returns the final rate and (into sse[0]) the squared one-step errors. */
function tsbRun(y: Float64Array, n: number, alpha: number, beta: number, sse: Float64Array | null): number {
  // Initial probability and size from the first year (or what there is).
  const m = Math.min(n, 12);
  let hits = 0;
  let total = 0;
  for (let t = 0; t < m; t++) {
    if (y[t]! > 0) {
      hits += 1;
      total += y[t]!;
    }
  }
  let p = m > 0 ? hits / m : 0;
  let size = hits > 0 ? total / hits : 0;
  let err = 0;
  for (let t = 0; t < n; t++) {
    const v = y[t]!;
    const e = v - p * size;
    err += e * e;
    if (v > 0) {
      p += beta * (1 - p);
      size += alpha * (v - size);
    } else p -= beta * p;
  }
  if (sse) sse[0] = err;
  return p * size;
}

const sse = new Float64Array(1);

export const croston: ForecastMethod<{ alpha: number }> = {
  id: "croston",
  minLength: 2,
  fit(y, n) {
    let best = CROSTON_ALPHAS[0]!;
    let bestSse = Infinity;
    for (const alpha of CROSTON_ALPHAS) {
      crostonRun(y, n, alpha, sse);
      if (sse[0]! < bestSse - 1e-9) [best, bestSse] = [alpha, sse[0]!];
    }
    return { alpha: best };
  },
  forecast(y, n, params, horizon, out) {
    out.fill(Math.max(0, crostonRun(y, n, params.alpha, null)), 0, horizon);
  },
};

export const tsb: ForecastMethod<{ alpha: number; beta: number }> = {
  id: "tsb",
  minLength: 2,
  fit(y, n) {
    let best = { alpha: TSB_ALPHAS[0]!, beta: TSB_BETAS[0]! };
    let bestSse = Infinity;
    for (const alpha of TSB_ALPHAS)
      for (const beta of TSB_BETAS) {
        tsbRun(y, n, alpha, beta, sse);
        if (sse[0]! < bestSse - 1e-9) {
          bestSse = sse[0]!;
          best = { alpha, beta };
        }
      }
    return best;
  },
  forecast(y, n, params, horizon, out) {
    out.fill(Math.max(0, tsbRun(y, n, params.alpha, params.beta, null)), 0, horizon);
  },
};
