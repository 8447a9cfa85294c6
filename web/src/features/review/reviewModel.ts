/** The district review's rows: each CSCom of the district with its month's report and orders (pure, tested). */
import type { Facility } from "@shared/contracts/reference";
import { reportDueDate } from "@shared/domain/replenishment/report";
import type { OrderListItem, ReportSummary } from "../../api/orders";
import { matchesWords } from "../../lib/search";
import { reportState, type MonthReports, type ReportState } from "../../lib/reportPeriods";

export { reportState } from "../../lib/reportPeriods";
export type { MonthReports, ReportState } from "../../lib/reportPeriods";

/** One CSCom in the review. */
export interface ReviewRow {
  facilityId: string;
  facilityName: string;
  report: ReportSummary | null;
  reportState: ReportState;
  dueDate: string;
  mismatches: number;
  orders: OrderListItem[];
  emergencyLines: number;
}

/** Joins the district's CSComs with the month's reports and orders (ordering facility = the CSCom), sorted by name. */
export function buildReviewRows(
  cscoms: Facility[],
  month: MonthReports,
  orders: OrderListItem[],
  period: string,
  today: string,
): ReviewRow[] {
  const reports = month.items;
  const byFacility = new Map(reports.filter((r) => r.period === period).map((r) => [r.facilityId, r]));
  const due = reports.find((r) => r.period === period)?.dueDate ?? reportDueDate(period, month.dueDays);
  const ordersOf = new Map<string, OrderListItem[]>();
  for (const o of orders) {
    if (o.period !== period) continue;
    ordersOf.set(o.facilityId, [...(ordersOf.get(o.facilityId) ?? []), o]);
  }
  return cscoms
    .map((f) => {
      const report = byFacility.get(f.id) ?? null;
      const mine = (ordersOf.get(f.id) ?? []).sort((a, b) => a.flow.localeCompare(b.flow) || a.id - b.id);
      const dueDate = report?.dueDate ?? due;
      return {
        facilityId: f.id,
        facilityName: f.name,
        report,
        reportState: reportState(report, dueDate, today),
        dueDate,
        mismatches: report?.mismatches ?? 0,
        orders: mine,
        emergencyLines: mine.reduce((s, o) => s + o.emergencyLines, 0),
      };
    })
    .sort((a, b) => a.facilityName.localeCompare(b.facilityName, "fr"));
}

/** Filters of the review table. */
export interface ReviewFilter {
  report: ReportState | "";
  order: "" | "to_review" | "none" | OrderListItem["status"];
  emergencyOnly: boolean;
  mismatchOnly: boolean;
  query: string;
}

/** The rows a filter keeps. */
export function filterRows(rows: ReviewRow[], f: ReviewFilter): ReviewRow[] {
  return rows.filter((r) => {
    if (f.report && r.reportState !== f.report) return false;
    if (f.order === "to_review" && !r.orders.some((o) => o.status === "submitted")) return false;
    if (f.order === "none" && r.orders.length > 0) return false;
    if (f.order && f.order !== "to_review" && f.order !== "none" && !r.orders.some((o) => o.status === f.order))
      return false;
    if (f.emergencyOnly && r.emergencyLines === 0) return false;
    if (f.mismatchOnly && r.mismatches === 0) return false;
    return matchesWords(r.facilityName, f.query);
  });
}

/** Counts for the summary line above the table. */
export function summarize(rows: ReviewRow[]) {
  const count = (s: ReportState) => rows.filter((r) => r.reportState === s).length;
  return {
    cscoms: rows.length,
    onTime: count("on_time"),
    late: count("late"),
    draft: count("draft"),
    missing: count("missing"),
    notDue: count("not_due"),
    toReview: rows.reduce((s, r) => s + r.orders.filter((o) => o.status === "submitted").length, 0),
    emergencyLines: rows.reduce((s, r) => s + r.emergencyLines, 0),
  };
}
