/** Labels of the charts in the interface language: months "janv. 2026", calendar months "janvier", compact numbers. */

import { localeOf as locale } from "../../i18n/format";

/** Short month and year of a period "YYYY-MM": "janv. 26" / "Jan 26". */
export function monthLabel(period: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  return new Intl.DateTimeFormat(locale(lang), { month: "short", year: "2-digit", timeZone: "UTC" }).format(
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)),
  );
}

/** Name of a calendar month 1–12, short ("janv.") or long ("janvier"). */
export function calendarMonth(month: number, lang: string, width: "short" | "long" = "short"): string {
  return new Intl.DateTimeFormat(locale(lang), { month: width, timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, month - 1, 1)),
  );
}

/** An axis number: grouped, compact above a million ("1,2 M"). */
export function axisNumber(value: number, lang: string): string {
  const compact = Math.abs(value) >= 1_000_000;
  return new Intl.NumberFormat(locale(lang), {
    notation: compact ? "compact" : "standard",
    maximumFractionDigits: compact || Math.abs(value) < 10 ? 1 : 0,
  }).format(value);
}

/** Tick length and gap of a uPlot axis, px (uPlot's defaults). */
const AXIS_TICK_PX = 10;
const AXIS_GAP_PX = 5;

/**
 * The width a y axis needs for its labels: the widest label as measured, plus the tick and the gap —
 * a fixed width cut "100 000" to "00 000" on national figures.
 */
export function yAxisSize(labels: readonly string[], measure: (text: string) => number): number {
  const widest = labels.reduce((w, label) => Math.max(w, measure(label)), 0);
  return Math.ceil(widest + AXIS_TICK_PX + AXIS_GAP_PX + 2);
}
