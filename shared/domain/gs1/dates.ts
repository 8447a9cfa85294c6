/** GS1 dates (YYMMDD): the century rule and "day 00". */
import { daysInPeriod } from "../months";

/**
 * The four-digit year of a two-digit GS1 year, seen from `referenceYear` (GS1 General Specifications §7.12):
 * the difference YY − (reference year mod 100) of 51 to 99 means the previous century, −99 to −50 the next one,
 * anything else the reference year's century. So a date is read between 49 years back and 50 years ahead.
 */
export function gs1Year(yy: number, referenceYear: number): number {
  const century = Math.floor(referenceYear / 100) * 100;
  const diff = yy - (referenceYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return daysInPeriod(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`);
}

/**
 * A GS1 date YYMMDD as an ISO date "YYYY-MM-DD", or null when it is not a date. Day "00" (allowed when
 * `allowDayZero`, as for AIs 11–17) means the last day of the month.
 */
export function gs1DateToIso(yymmdd: string, referenceYear: number, allowDayZero = true): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return null;
  const year = gs1Year(yy, referenceYear);
  const last = daysInMonth(year, month);
  if (day === 0) {
    if (!allowDayZero) return null;
    day = last;
  }
  if (day > last) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A GS1 date-time YYMMDDHHMM (AI 7003) as "YYYY-MM-DDTHH:MM", or null. */
export function gs1DateTimeToIso(yymmddhhmm: string, referenceYear: number): string | null {
  if (!/^\d{10}$/.test(yymmddhhmm)) return null;
  const date = gs1DateToIso(yymmddhhmm.slice(0, 6), referenceYear, false);
  const hh = Number(yymmddhhmm.slice(6, 8));
  const mm = Number(yymmddhhmm.slice(8, 10));
  if (!date || hh > 23 || mm > 59) return null;
  return `${date}T${yymmddhhmm.slice(6, 8)}:${yymmddhhmm.slice(8, 10)}`;
}
