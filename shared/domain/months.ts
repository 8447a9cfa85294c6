/**
 * Month arithmetic, the one place for it: calendar months ("YYYY-MM") and their ISO day bounds, UTC, no clock
 * (callers pass the date they mean). Reports, orders, the AMC window, indicators and the web's month pickers
 * all count months here.
 */

/** A calendar month "YYYY-MM". */
export type Period = string;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Year and month (1–12) of a period; throws on a malformed one. */
function parts(period: Period): { y: number; m: number } {
  const match = PERIOD.exec(period);
  if (!match) throw new Error(`not a period: ${period}`);
  return { y: Number(match[1]), m: Number(match[2]) };
}

/** True for a well-formed "YYYY-MM". */
export const isPeriod = (value: string): boolean => PERIOD.test(value);

/** The month of an ISO date or date-time. */
export const periodOf = (iso: string): Period => iso.slice(0, 7);

/** The period `n` months after (negative: before) `period`. */
export function addPeriods(period: Period, n: number): Period {
  const { y, m } = parts(period);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The last complete month before the date `asOf` ("YYYY-MM-DD"). */
export const lastCompletePeriod = (asOf: string): Period => addPeriods(periodOf(asOf), -1);

/** `count` consecutive periods ending with `last`, oldest first. */
export function periodsEnding(last: Period, count: number): Period[] {
  return Array.from({ length: count }, (_, i) => addPeriods(last, i - count + 1));
}

/** The `count` complete months before the date `asOf`, newest first (the months a report may be owed for). */
export const recentPeriods = (asOf: string, count: number): Period[] =>
  periodsEnding(lastCompletePeriod(asOf), count).reverse();

/** Number of days in the month. */
export function daysInPeriod(period: Period): number {
  const { y, m } = parts(period);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** First day of the month, "YYYY-MM-01" (the inclusive lower bound of its ledger lines). */
export const periodStart = (period: Period): string => `${period}-01`;

/** First day of the next month, "YYYY-MM-01" (the exclusive upper bound of the month's ledger lines). */
export const periodEnd = (period: Period): string => periodStart(addPeriods(period, 1));

/** Calendar month (1–12) of a period. */
export const monthOfPeriod = (period: Period): number => parts(period).m;

/** The ISO date `months` calendar months after `date` (the day clipped to the month's length, as date-fns does). */
export function addMonthsToDate(date: string, months: number): string {
  const target = addPeriods(periodOf(date), months);
  const day = Math.min(Number(date.slice(8, 10)), daysInPeriod(target));
  return `${target}-${String(day).padStart(2, "0")}`;
}
