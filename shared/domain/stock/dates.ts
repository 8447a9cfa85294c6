/** Calendar helpers on ISO dates ("YYYY-MM-DD"), UTC, no time zone surprises. */
import { addDays, formatISO, parseISO } from "date-fns";

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier); a date-only ISO string parses as UTC midnight. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / DAY_MS);
}

/** The ISO date `days` days after `date`. */
export function addDaysIso(date: string, days: number): string {
  return formatISO(addDays(parseISO(date.slice(0, 10)), days), { representation: "date" });
}
