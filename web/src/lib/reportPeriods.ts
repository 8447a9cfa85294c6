/**
 * Where a month's report stands (pure): shared by the district review and the CSCom's monthly report. The months
 * themselves are shared/domain/months; a report's due date is shared/domain/replenishment/report reportDueDate with
 * the server's setting (GET /reports answers it as dueDays).
 */
import type { ReportSummary } from "../api/orders";

/** Where a CSCom's report stands for the month. */
export type ReportState = "on_time" | "late" | "draft" | "missing" | "not_due";

/** The report's state on `today`: submitted on time or late, a draft, missing after the due date, or not yet due. */
export function reportState(report: ReportSummary | null, dueDate: string, today: string): ReportState {
  if (report?.status === "submitted") return report.onTime === false ? "late" : "on_time";
  if (report?.status === "draft") return "draft";
  return today > dueDate ? "missing" : "not_due";
}

/** The month's reports as GET /reports lists them, with the server's due days (for CSComs without a report). */
export interface MonthReports {
  items: ReportSummary[];
  dueDays: number;
}
