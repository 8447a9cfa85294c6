/** Calendar helpers on ISO dates ("YYYY-MM-DD"), UTC, no time zone surprises. */
import { addDays, differenceInCalendarDays, formatISO, parseISO } from "date-fns";

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to.slice(0, 10)), parseISO(from.slice(0, 10)));
}

/** The ISO date `days` days after `date`. */
export function addDaysIso(date: string, days: number): string {
  return formatISO(addDays(parseISO(date.slice(0, 10)), days), { representation: "date" });
}
