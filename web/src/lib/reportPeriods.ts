/**
 * The months of the reporting calendar and where a month's report stands (pure): shared by the district
 * review, the depot's own order and the CSCom's monthly report.
 */
import type { ReportSummary } from "../api/orders";

/** Days after the end of the month by which a report is due (server setting report.dueDays, default 15). */
export const DEFAULT_DUE_DAYS = 15;

/** Where a CSCom's report stands for the month. */
export type ReportState = "on_time" | "late" | "draft" | "missing" | "not_due";

/** "YYYY-MM" of the last complete month before `today` ("YYYY-MM-DD"). */
export function lastCompleteMonth(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** The `count` months before `today`'s month, newest first. */
export function recentMonths(today: string, count = 12): string[] {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - 2 - i, 1)).toISOString().slice(0, 7));
}

/** Due date of a month's report when no report tells it: the first of the next month + due days. */
export function expectedDueDate(period: string, dueDays = DEFAULT_DUE_DAYS): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1 + dueDays)).toISOString().slice(0, 10);
}

/** The report's state on `today`: submitted on time or late, a draft, missing after the due date, or not yet due. */
export function reportState(report: ReportSummary | null, dueDate: string, today: string): ReportState {
  if (report?.status === "submitted") return report.onTime === false ? "late" : "on_time";
  if (report?.status === "draft") return "draft";
  return today > dueDate ? "missing" : "not_due";
}
