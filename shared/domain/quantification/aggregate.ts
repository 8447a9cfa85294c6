/**
 * Consumption of an area (district, region, country) from its facilities' series, corrected for reporting.
 *
 * A month where 70 % of the sites reported is not a month of 30 % lower consumption, and a site that starts
 * reporting is not growth. The rule:
 * - **Expected sites** are the area's current network: the sites that reported at least once in the last
 *   `activeWindowMonths` months of the window. They are expected in every month of the window, including the
 *   months before their first report (a site that starts reporting is back-cast, so its arrival is not read
 *   as growth). A site silent for longer is taken as closed and left out of the whole series (its past is not
 *   read as a decline either); both are noted.
 * - **What a missing site consumed** is estimated by a two-way model fitted on the reported cells of the area:
 *   consumption(site, month) ≈ size(site) × index(month) — the Poisson maximum-likelihood fit, by alternating
 *   index(t) = Σ reported(t) ÷ Σ size of the sites that reported at t and size(s) = Σ reported(s) ÷ Σ index of
 *   the months s reported. A missing large site counts for more than a missing small one, and the estimate
 *   follows the month's seasonality as seen in the sites that did report.
 * - **Coverage** of a month is the share of the expected sites' size that reported. Below `minCoverage` the
 *   month is too thin to estimate and is left missing (NaN) for the forecast to fill.
 * Each month with a correction gets a note with the numbers behind it.
 */
import { addPeriods, type Period } from "./calendar";
import { round, type Note } from "./types";

/** One site's adjusted consumption over the window (NaN: not reported or not seen), with its area. */
export interface SiteSeries {
  facility: string;
  /** The area it is aggregated into (district, region, or "national") */
  area: string;
  values: ArrayLike<number>;
}

/** Options of the reporting-rate correction. */
export interface AggregateOptions {
  /** A site silent for the last `activeWindowMonths` months is closed (default 12) */
  activeWindowMonths?: number;
  /** Months whose coverage is below this share are left missing (default 0.5) */
  minCoverage?: number;
  /** Maximum model iterations (default 50; stops earlier once the month index moves by < 1e-6) */
  maxIterations?: number;
}

/** The consumption of one area, month by month. */
export interface AreaSeries {
  area: string;
  start: Period;
  months: number;
  /** What the area's sites reported (every site that reported that month), summed */
  reported: Float64Array;
  /** Consumption of the expected sites: reported, plus the estimate for those that did not report (NaN: coverage too low) */
  corrected: Float64Array;
  /** Expected sites that reported, per month */
  sitesReported: Int32Array;
  /** Expected sites (the current network) */
  sitesExpected: number;
  /** Share of the expected sites' size that reported, per month (0–1) */
  coverage: Float64Array;
  /** reporting_rate, coverage_too_low (per month), site_backcast, site_inactive (per site) */
  notes: Note[];
}

/** The areas' consumption series (areas in order of first appearance). */
export function aggregateByArea(
  sites: readonly SiteSeries[],
  start: Period,
  months: number,
  options: AggregateOptions = {},
): AreaSeries[] {
  const byArea = new Map<string, SiteSeries[]>();
  for (const s of sites) {
    const list = byArea.get(s.area);
    if (list) list.push(s);
    else byArea.set(s.area, [s]);
  }
  return [...byArea].map(([area, list]) => aggregateArea(area, list, start, months, options));
}

/** One area's consumption series from its sites (see the file comment for the rule). */
export function aggregateArea(
  area: string,
  sites: readonly SiteSeries[],
  start: Period,
  months: number,
  options: AggregateOptions = {},
): AreaSeries {
  const activeWindow = options.activeWindowMonths ?? 12;
  const minCoverage = options.minCoverage ?? 0.5;
  const maxIterations = options.maxIterations ?? 50;
  const S = sites.length;
  const T = months;
  // x[s * T + t]: the site's value (NaN when missing)
  const x = new Float64Array(S * T);
  const first = new Int32Array(S).fill(-1);
  const last = new Int32Array(S).fill(-1);
  for (let s = 0; s < S; s++) {
    const v = sites[s]!.values;
    for (let t = 0; t < T; t++) {
      const value = t < v.length ? v[t]! : NaN;
      x[s * T + t] = value;
      if (!Number.isNaN(value)) {
        if (first[s] === -1) first[s] = t;
        last[s] = t;
      }
    }
  }
  const { size, index } = fitSizeIndex(x, S, T, maxIterations);

  const expected = new Uint8Array(S);
  let sitesExpected = 0;
  let expectedSize = 0;
  const notes: Note[] = [];
  for (let s = 0; s < S; s++) {
    if (last[s] === -1) continue;
    if (last[s]! >= T - activeWindow) {
      expected[s] = 1;
      sitesExpected += 1;
      expectedSize += size[s]!;
      if (first[s]! > 0)
        notes.push({
          key: "site_backcast",
          values: { facility: sites[s]!.facility, firstPeriod: addPeriods(start, first[s]!) },
        });
    } else {
      notes.push({
        key: "site_inactive",
        values: { facility: sites[s]!.facility, lastPeriod: addPeriods(start, last[s]!) },
      });
    }
  }

  const reported = new Float64Array(T);
  const corrected = new Float64Array(T);
  const sitesReported = new Int32Array(T);
  const coverage = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let rep = 0;
    let repExpected = 0;
    let est = 0;
    let count = 0;
    let covered = 0;
    for (let s = 0; s < S; s++) {
      const v = x[s * T + t]!;
      const observed = !Number.isNaN(v);
      if (observed) rep += v;
      if (!expected[s]) continue;
      if (observed) {
        repExpected += v;
        count += 1;
        covered += size[s]!;
      } else est += size[s]! * index[t]!;
    }
    reported[t] = rep;
    sitesReported[t] = count;
    // With no consumption anywhere the sizes are all 0: coverage is then the share of sites.
    coverage[t] = sitesExpected === 0 ? 0 : expectedSize > 0 ? covered / expectedSize : count / sitesExpected;
    const period = addPeriods(start, t);
    if (count === sitesExpected) {
      corrected[t] = repExpected;
    } else if (coverage[t]! < minCoverage || Number.isNaN(index[t]!)) {
      corrected[t] = NaN;
      notes.push({
        key: "coverage_too_low",
        values: { period, reported: count, expected: sitesExpected, coverage: round(coverage[t]!), minCoverage },
      });
    } else {
      corrected[t] = repExpected + est;
      notes.push({
        key: "reporting_rate",
        values: {
          period,
          reported: count,
          expected: sitesExpected,
          coverage: round(coverage[t]!),
          reportedUnits: round(repExpected, 1),
          estimatedUnits: round(est, 1),
        },
      });
    }
  }
  return { area, start, months, reported, corrected, sitesReported, sitesExpected, coverage, notes };
}

/**
 * Poisson fit of x(s, t) ≈ size(s) × index(t) on the reported cells (x is row-major S × T, NaN = missing).
 * index(t) is NaN for a month no site reported. Sizes are scaled so the month index averages 1. The reported
 * cells are first packed per site (typed arrays), so each iteration costs one pass over them.
 */
export function fitSizeIndex(
  x: Float64Array,
  S: number,
  T: number,
  maxIterations = 50,
): { size: Float64Array; index: Float64Array } {
  let cells = 0;
  for (let i = 0; i < S * T; i++) if (!Number.isNaN(x[i]!)) cells++;
  const cellT = new Int32Array(cells);
  const rowStart = new Int32Array(S + 1);
  const rowSum = new Float64Array(S);
  const colSum = new Float64Array(T);
  const colCount = new Int32Array(T);
  let k = 0;
  for (let s = 0; s < S; s++) {
    rowStart[s] = k;
    let sum = 0;
    for (let t = 0; t < T; t++) {
      const v = x[s * T + t]!;
      if (Number.isNaN(v)) continue;
      cellT[k++] = t;
      sum += v;
      colSum[t] = colSum[t]! + v;
      colCount[t] = colCount[t]! + 1;
    }
    rowSum[s] = sum;
  }
  rowStart[S] = k;
  const size = new Float64Array(S);
  const index = new Float64Array(T).fill(1);
  const denomT = new Float64Array(T);
  for (let it = 0; it < maxIterations; it++) {
    // size(s) = Σ_t x ÷ Σ_t index over the months s reported; denomT(t) = Σ_s size over the sites that reported at t
    denomT.fill(0);
    for (let s = 0; s < S; s++) {
      const end = rowStart[s + 1]!;
      let d = 0;
      for (let c = rowStart[s]!; c < end; c++) d += index[cellT[c]!]!;
      const a = d > 0 ? rowSum[s]! / d : 0;
      size[s] = a;
      for (let c = rowStart[s]!; c < end; c++) {
        const t = cellT[c]!;
        denomT[t] = denomT[t]! + a;
      }
    }
    // index(t) = Σ_s x ÷ denomT(t); a month where only sites of size 0 reported keeps its index
    let change = 0;
    for (let t = 0; t < T; t++) {
      const d = denomT[t]!;
      if (!(d > 0)) continue;
      const next = colSum[t]! / d;
      change = Math.max(change, Math.abs(next - index[t]!) / Math.max(1e-9, Math.abs(index[t]!)));
      index[t] = next;
    }
    if (change < 1e-6) break;
  }
  let mean = 0;
  let counted = 0;
  for (let t = 0; t < T; t++) {
    if (colCount[t]! > 0) {
      mean += index[t]!;
      counted += 1;
    }
  }
  mean = counted > 0 && mean > 0 ? mean / counted : 1;
  for (let t = 0; t < T; t++) index[t] = colCount[t]! > 0 ? index[t]! / mean : NaN;
  for (let s = 0; s < S; s++) size[s] = size[s]! * mean;
  return { size, index };
}
