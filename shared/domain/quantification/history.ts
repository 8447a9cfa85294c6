/**
 * Consumption history for forecasting: the facility-month series of one facility × product from its report
 * rows (the CRGS / imported history), with consumption adjusted for stock-out days by the shared rule
 * (`adjustedConsumption`, PRODUCT.md §3). Every correction is a note (key + values).
 */
import { adjustedConsumption, balanceMismatch } from "../replenishment";
import { addPeriods, monthDays, monthsBetween, periodIndex, type Period } from "./calendar";
import type { Note } from "./types";

/** One reported month of a facility × product (base units; adjustments signed). */
export interface HistoryRecord {
  period: Period;
  facility: string;
  product: string;
  opening: number;
  received: number;
  consumed: number;
  adjustments: number;
  closing: number;
  stockoutDays: number;
}

/** The months of one facility × product over a window; index i is `start + i` months. */
export interface FacilitySeries {
  facility: string;
  product: string;
  start: Period;
  months: number;
  /** The reported month, or null when not reported */
  records: (HistoryRecord | null)[];
  /** Consumption as reported (NaN: not reported) */
  consumed: Float64Array;
  /** Adjusted consumption (NaN: not reported, or out of stock every day of the month: no demand was seen) */
  adjusted: Float64Array;
  /** Corrections, in month order: stockout_adjusted, stockout_whole_month, balance_mismatch, duplicate_month */
  notes: Note[];
}

/**
 * Adjusted consumption of one series into `out`: the shared rule N = ⌈C × days / (days − X)⌉ for a month
 * with X stock-out days; NaN for a month not reported (NaN in `consumed`) and for a month out of stock every
 * day (demand was not seen; the forecast treats it as missing). With `notes`, each correction is recorded
 * against its period (`start` + index).
 */
export function adjustConsumption(
  consumed: ArrayLike<number>,
  stockoutDays: ArrayLike<number>,
  days: ArrayLike<number>,
  out: Float64Array,
  notes?: { start: Period; list: Note[] },
): void {
  for (let i = 0; i < out.length; i++) {
    const c = consumed[i]!;
    const x = stockoutDays[i]!;
    const d = days[i]!;
    if (Number.isNaN(c)) {
      out[i] = NaN;
    } else if (x >= d) {
      out[i] = NaN;
      notes?.list.push({
        key: "stockout_whole_month",
        values: { period: addPeriods(notes.start, i), consumed: c, stockoutDays: x, days: d },
      });
    } else if (x > 0 && c > 0) {
      const n = adjustedConsumption(c, d, x);
      out[i] = n;
      notes?.list.push({
        key: "stockout_adjusted",
        values: { period: addPeriods(notes.start, i), consumed: c, stockoutDays: x, days: d, adjusted: n },
      });
    } else {
      out[i] = c;
    }
  }
}

/** The first and last periods of the records (null when there are none). */
export function historySpan(records: readonly { period: Period }[]): { start: Period; end: Period } | null {
  let lo = Infinity;
  let hi = -Infinity;
  let start = "";
  let end = "";
  for (const r of records) {
    const i = periodIndex(r.period);
    if (i < lo) [lo, start] = [i, r.period];
    if (i > hi) [hi, end] = [i, r.period];
  }
  return start ? { start, end } : null;
}

/**
 * One series per facility × product over the window (default: from the first to the last period of all the
 * records, so every series has the same months). Records outside the window are ignored; a month reported
 * twice keeps the last record and notes `duplicate_month`. A month whose E ≠ A + B − C + D keeps its
 * numbers and notes `balance_mismatch` with the difference (never silently fixed).
 */
export function buildFacilitySeries(
  records: readonly HistoryRecord[],
  window?: { start: Period; months: number },
): FacilitySeries[] {
  const span = window ?? spanWindow(records);
  if (!span) return [];
  const days = monthDays(span.start, span.months);
  const byKey = new Map<string, FacilitySeries>();
  for (const r of records) {
    const i = monthsBetween(span.start, r.period);
    if (i < 0 || i >= span.months) continue;
    const key = `${r.facility}\u0000${r.product}`;
    let s = byKey.get(key);
    if (!s) {
      s = {
        facility: r.facility,
        product: r.product,
        start: span.start,
        months: span.months,
        records: new Array<HistoryRecord | null>(span.months).fill(null),
        consumed: new Float64Array(span.months).fill(NaN),
        adjusted: new Float64Array(span.months),
        notes: [],
      };
      byKey.set(key, s);
    }
    if (s.records[i]) s.notes.push({ key: "duplicate_month", values: { period: r.period } });
    s.records[i] = r;
    s.consumed[i] = r.consumed;
  }
  const out = [...byKey.values()];
  for (const s of out) {
    const stockout = s.records.map((r) => r?.stockoutDays ?? 0);
    const notes: Note[] = [];
    adjustConsumption(s.consumed, stockout, days, s.adjusted, { start: s.start, list: notes });
    s.records.forEach((r) => {
      const difference = r ? balanceMismatch(r) : 0;
      if (r && difference !== 0) notes.push({ key: "balance_mismatch", values: { period: r.period, difference } });
    });
    s.notes.push(...notes.sort((a, b) => String(a.values.period).localeCompare(String(b.values.period))));
  }
  return out;
}

function spanWindow(records: readonly HistoryRecord[]): { start: Period; months: number } | null {
  const span = historySpan(records);
  return span ? { start: span.start, months: monthsBetween(span.start, span.end) + 1 } : null;
}
