/** The months a facility owes a monthly report for, each with its state (pure, tested). */
import { recentPeriods } from "@shared/domain/months";
import { reportDueDate } from "@shared/domain/replenishment/report";
import type { ReportSummary } from "../../api/orders";
import { reportState, type MonthReports, type ReportState } from "../../lib/reportPeriods";

/** One month in the period picker. */
export interface DuePeriod {
  period: string;
  report: ReportSummary | null;
  state: ReportState;
  dueDate: string;
}

/**
 * The last `count` complete months before `today` ("YYYY-MM-DD"), newest first, with the facility's report and its
 * state; a month without a report is due `dueDays` after its end (the server's setting).
 */
export function duePeriods(today: string, reports: MonthReports, count = 12): DuePeriod[] {
  const byPeriod = new Map(reports.items.map((r) => [r.period, r]));
  return recentPeriods(today, count).map((period) => {
    const report = byPeriod.get(period) ?? null;
    const dueDate = report?.dueDate ?? reportDueDate(period, reports.dueDays);
    return { period, report, state: reportState(report, dueDate, today), dueDate };
  });
}

/** The month to open first: the oldest draft, else the newest month without a report, else the newest month. */
export function defaultPeriod(periods: DuePeriod[]): string | null {
  const draft = [...periods].reverse().find((p) => p.state === "draft");
  if (draft) return draft.period;
  return (periods.find((p) => p.report === null) ?? periods[0])?.period ?? null;
}

/** Whether a report submitted today would be on time. */
export function onTimeIfSubmitted(dueDate: string, today: string): boolean {
  return today <= dueDate;
}
