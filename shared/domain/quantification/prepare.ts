/**
 * A consumption series made ready for the forecast methods, which need one number per month:
 * - leading months without data are dropped (the series starts at its first known month);
 * - a gap between known months is filled by linear interpolation; months missing at the end take the mean
 *   of the last three known months;
 * - an outlier (a typing error such as an extra zero) is replaced by the median of the seven months around it
 *   when it sits further than 5 robust standard deviations (1.4826 × MAD) from that median and at least half
 *   the median away. Intermittent series (≥ 30 % zero months) and series shorter than 8 known months are not
 *   screened: their spikes are the demand.
 * Every change is a note (gap_filled, gap_carried, outlier_replaced) with its period and values.
 */
import { addPeriods, type Period } from "./calendar";
import { round, type Note } from "./types";

/** The series ready to forecast: `values[i]` is the month `start + offset + i` of the input window. */
export interface PreparedSeries {
  /** Index in the input of the first kept month (leading missing months dropped) */
  offset: number;
  values: Float64Array;
  /** Months (of `values`) that were filled or replaced */
  changed: number;
  notes: Note[];
}

/** Options of the preparation. */
export interface PrepareOptions {
  /** Screen outliers (default true) */
  outliers?: boolean;
  /** Record notes against periods from this start (omit to skip the notes: the bench's hot path) */
  start?: Period;
}

const WINDOW = 3;
const scratch = new Float64Array(2 * WINDOW + 1);

/** Fills and screens a series (NaN = missing); see the file comment. */
export function prepareSeries(input: ArrayLike<number>, options: PrepareOptions = {}): PreparedSeries {
  const notes: Note[] = [];
  let first = 0;
  while (first < input.length && Number.isNaN(input[first]!)) first++;
  const n = input.length - first;
  const values = new Float64Array(Math.max(0, n));
  if (n <= 0) return { offset: input.length, values, changed: 0, notes };
  const start = options.start;
  const at = (i: number) => (start ? addPeriods(start, first + i) : "");
  let changed = 0;
  let lastKnown = -1;
  let known = 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const v = input[first + i]!;
    if (Number.isNaN(v)) continue;
    values[i] = v;
    known += 1;
    if (v === 0) zeros += 1;
    if (lastKnown >= 0 && i - lastKnown > 1) {
      const a = values[lastKnown]!;
      for (let j = lastKnown + 1; j < i; j++) {
        values[j] = a + ((v - a) * (j - lastKnown)) / (i - lastKnown);
        changed += 1;
        if (start) notes.push({ key: "gap_filled", values: { period: at(j), value: round(values[j]!, 2) } });
      }
    }
    lastKnown = i;
  }
  if (lastKnown < n - 1) {
    let sum = 0;
    let count = 0;
    for (let i = lastKnown; i >= 0 && count < 3; i--) {
      if (Number.isNaN(input[first + i]!)) continue;
      sum += values[i]!;
      count += 1;
    }
    const carried = sum / count;
    for (let j = lastKnown + 1; j < n; j++) {
      values[j] = carried;
      changed += 1;
      if (start) notes.push({ key: "gap_carried", values: { period: at(j), value: round(carried, 2) } });
    }
  }
  if (options.outliers !== false && known >= 8 && zeros < 0.3 * known) {
    changed += screenOutliers(values, input, first, start ? { notes, at } : null);
  }
  return { offset: first, values, changed, notes };
}

/** Hampel filter on the known months; returns the number replaced. */
function screenOutliers(
  values: Float64Array,
  input: ArrayLike<number>,
  first: number,
  record: { notes: Note[]; at: (i: number) => string } | null,
): number {
  const n = values.length;
  const original = Float64Array.from(values);
  let replaced = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(input[first + i]!)) continue;
    const lo = Math.max(0, Math.min(i - WINDOW, n - 2 * WINDOW - 1));
    const hi = Math.min(n, lo + 2 * WINDOW + 1);
    const k = hi - lo;
    for (let j = 0; j < k; j++) scratch[j] = original[lo + j]!;
    const med = median(scratch, k);
    for (let j = 0; j < k; j++) scratch[j] = Math.abs(original[lo + j]! - med);
    const mad = median(scratch, k);
    const deviation = Math.abs(original[i]! - med);
    if (deviation > 5 * 1.4826 * mad && deviation > 0.5 * med && deviation > 1) {
      values[i] = med;
      replaced += 1;
      record?.notes.push({
        key: "outlier_replaced",
        values: { period: record.at(i), value: original[i]!, replacement: round(med, 2) },
      });
    }
  }
  return replaced;
}

/** Median of the first k entries of a (reorders them). */
function median(a: Float64Array, k: number): number {
  for (let i = 1; i < k; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
  return k % 2 ? a[(k - 1) >> 1]! : (a[k / 2 - 1]! + a[k / 2]!) / 2;
}
