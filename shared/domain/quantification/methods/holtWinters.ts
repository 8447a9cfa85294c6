/**
 * Holt-Winters with a 12-month season (malaria peaks July–November), additive or multiplicative, with an
 * optional damped trend. Initial state from the first one or two years (level = first year's mean, trend =
 * the change between the two years' means ÷ 12, seasonal indices = each month against its year's trend line);
 * then the usual recursions. Smoothing parameters, trend (none or damped) and the seasonal form are chosen on the
 * squared one-step errors from month 13, by a coordinate search over a small grid (α, then the trend, then γ,
 * twice; multiplicative only when every month is > 0).
 */
import type { ForecastMethod } from "./types";

export const SEASON = 12;

/** Fitted Holt-Winters parameters (phi = 0: no trend). */
export interface HoltWintersParams {
  [key: string]: number | string;
  seasonal: "additive" | "multiplicative";
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

const ALPHAS = [0.05, 0.15, 0.3, 0.5, 0.75];
/** [beta, phi]: no trend, then damped trends */
const TRENDS: [number, number][] = [
  [0, 0],
  [0.05, 0.9],
  [0.2, 0.9],
  [0.05, 0.98],
  [0.2, 0.98],
];
const GAMMAS = [0.05, 0.2, 0.4];

// Scratch buffers (the domain is synchronous: one fit at a time).
const initSeason = new Float64Array(SEASON);
const season = new Float64Array(SEASON);

/**
 * Initial level (at month 11), trend and seasonal indices (into `s`) from the first one or two years;
 * false when the series is too short or (multiplicative) a year's trend line is not positive.
 */
function initialise(
  y: Float64Array,
  n: number,
  multiplicative: boolean,
  s: Float64Array,
  state: Float64Array,
): boolean {
  const years = Math.min(2, Math.floor(n / SEASON));
  if (years < 1) return false;
  let m0 = 0;
  let m1 = 0;
  for (let i = 0; i < SEASON; i++) m0 += y[i]!;
  m0 /= SEASON;
  if (years === 2) {
    for (let i = SEASON; i < 2 * SEASON; i++) m1 += y[i]!;
    m1 /= SEASON;
  }
  const trend = years === 2 ? (m1 - m0) / SEASON : 0;
  let mean = 0;
  for (let i = 0; i < SEASON; i++) {
    let acc = 0;
    for (let j = 0; j < years; j++) {
      const base = (j === 0 ? m0 : m1) + (i - 5.5) * trend;
      if (multiplicative) {
        if (base <= 0) return false;
        acc += y[j * SEASON + i]! / base;
      } else acc += y[j * SEASON + i]! - base;
    }
    s[i] = acc / years;
    mean += s[i]!;
  }
  mean /= SEASON;
  for (let i = 0; i < SEASON; i++) s[i] = multiplicative ? (mean > 0 ? s[i]! / mean : 1) : s[i]! - mean;
  state[0] = m0 + 5.5 * trend;
  state[1] = trend;
  return true;
}

const state = new Float64Array(2);

/**
 * Runs the recursions over months 12..n−1 from the initial state (seasonal indices in `season`, level and
 * trend in `state`, both updated in place); returns the sum of squared one-step errors.
 */
function run(y: Float64Array, n: number, p: HoltWintersParams, s: Float64Array, st: Float64Array): number {
  const { alpha, beta, gamma, phi } = p;
  const mult = p.seasonal === "multiplicative";
  let level = st[0]!;
  let trend = phi === 0 ? 0 : st[1]!;
  let sse = 0;
  for (let t = SEASON; t < n; t++) {
    const k = t % SEASON;
    const si = s[k]!;
    const base = level + phi * trend;
    const yt = y[t]!;
    const e = yt - (mult ? base * si : base + si);
    sse += e * e;
    let next = mult
      ? alpha * (si > 1e-9 ? yt / si : base) + (1 - alpha) * base
      : alpha * (yt - si) + (1 - alpha) * base;
    if (mult && next < 1e-9) next = 1e-9;
    trend = beta * (next - level) + (1 - beta) * phi * trend;
    s[k] = mult ? gamma * (yt / next) + (1 - gamma) * si : gamma * (yt - next) + (1 - gamma) * si;
    level = next;
  }
  st[0] = level;
  st[1] = trend;
  return sse;
}

function allPositive(y: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (!(y[i]! > 0)) return false;
  return true;
}

export const holtWinters: ForecastMethod<HoltWintersParams> = {
  id: "holt-winters",
  minLength: SEASON + 6,
  fit(y, n) {
    let best: HoltWintersParams = { seasonal: "additive", alpha: 0.3, beta: 0, gamma: 0.2, phi: 0 };
    let bestSse = Infinity;
    const kinds: HoltWintersParams["seasonal"][] = allPositive(y, n) ? ["additive", "multiplicative"] : ["additive"];
    const st0 = new Float64Array(2);
    for (const kind of kinds) {
      if (!initialise(y, n, kind === "multiplicative", initSeason, st0)) continue;
      // Coordinate search over the grid: α, then the trend, then γ, twice (26 runs instead of 75).
      const p: HoltWintersParams = { seasonal: kind, alpha: 0.3, beta: 0, gamma: 0.2, phi: 0 };
      let kindSse = Infinity;
      const tryRun = () => {
        season.set(initSeason);
        state.set(st0);
        const sse = run(y, n, p, season, state);
        return sse;
      };
      for (let pass = 0; pass < 2; pass++) {
        let a = p.alpha;
        for (const alpha of ALPHAS) {
          p.alpha = alpha;
          const sse = tryRun();
          if (sse < kindSse - 1e-9) [kindSse, a] = [sse, alpha];
        }
        p.alpha = a;
        let [b, f] = [p.beta, p.phi];
        for (const [beta, phi] of TRENDS) {
          p.beta = beta;
          p.phi = phi;
          const sse = tryRun();
          if (sse < kindSse - 1e-9) [kindSse, b, f] = [sse, beta, phi];
        }
        p.beta = b;
        p.phi = f;
        let g = p.gamma;
        for (const gamma of GAMMAS) {
          p.gamma = gamma;
          const sse = tryRun();
          if (sse < kindSse - 1e-9) [kindSse, g] = [sse, gamma];
        }
        p.gamma = g;
      }
      if (kindSse < bestSse - 1e-9) {
        bestSse = kindSse;
        best = { ...p };
      }
    }
    return best;
  },
  forecast(y, n, params, horizon, out) {
    if (!initialise(y, n, params.seasonal === "multiplicative", season, state)) {
      // Too short (or a non-positive year for the multiplicative form): the mean of what there is.
      let m = 0;
      for (let i = 0; i < n; i++) m += y[i]!;
      out.fill(n > 0 ? Math.max(0, m / n) : 0, 0, horizon);
      return;
    }
    run(y, n, params, season, state);
    const level = state[0]!;
    const trend = params.phi === 0 ? 0 : state[1]!;
    const mult = params.seasonal === "multiplicative";
    let damp = 0;
    let phiPow = 1;
    for (let h = 0; h < horizon; h++) {
      phiPow *= params.phi;
      damp += phiPow;
      const base = level + damp * trend;
      const si = season[(n + h) % SEASON]!;
      out[h] = Math.max(0, mult ? base * si : base + si);
    }
  },
};
