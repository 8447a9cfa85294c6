/** Month arithmetic for monthly series: a series starts at a period and its i-th value is `start + i` months. */
import { addPeriods, daysInPeriod, isPeriod, type Period } from "../months";

export { addPeriods, daysInPeriod, isPeriod, type Period };

/** Months since year 0 of a "YYYY-MM" period (so differences are month counts). */
export function periodIndex(period: Period): number {
  if (!isPeriod(period)) throw new Error(`not a period: ${period}`);
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
}

/** Number of months from `from` to `to` (0 when equal, negative when `to` is earlier). */
export const monthsBetween = (from: Period, to: Period): number => periodIndex(to) - periodIndex(from);

/** Days of each of the `months` months starting at `start`. */
export function monthDays(start: Period, months: number): Int32Array {
  const out = new Int32Array(months);
  for (let i = 0; i < months; i++) out[i] = daysInPeriod(addPeriods(start, i));
  return out;
}

/** Calendar month (0 = January … 11 = December) of each of the `months` months starting at `start`. */
export function calendarMonths(start: Period, months: number): Int8Array {
  const first = periodIndex(start) % 12;
  const out = new Int8Array(months);
  for (let i = 0; i < months; i++) out[i] = (first + i) % 12;
  return out;
}

/** The `months` consecutive periods starting at `start`. */
export function periodRange(start: Period, months: number): Period[] {
  return Array.from({ length: months }, (_, i) => addPeriods(start, i));
}
