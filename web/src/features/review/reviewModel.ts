/** The district review's rows: each CSCom of the district with its month's report and orders (pure, tested). */
import type { Facility } from "@shared/contracts/reference";
import type { OrderListItem, ReportSummary } from "../../api/orders";

/** Days after the end of the month by which a report is due (server setting report.dueDays, default 15). */
export const DEFAULT_DUE_DAYS = 15;

/** Where a CSCom's report stands for the month. */
export type ReportState = "on_time" | "late" | "draft" | "missing" | "not_due";

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

/** Joins the district's CSComs with the month's reports and orders (ordering facility = the CSCom), sorted by name. */
export function buildReviewRows(
  cscoms: Facility[],
  reports: ReportSummary[],
  orders: OrderListItem[],
  period: string,
  today: string,
): ReviewRow[] {
  const byFacility = new Map(reports.filter((r) => r.period === period).map((r) => [r.facilityId, r]));
  const due = reports.find((r) => r.period === period)?.dueDate ?? expectedDueDate(period);
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

/** Lower case without accents, so "segou" finds "Ségou". */
export const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** The rows a filter keeps. */
export function filterRows(rows: ReviewRow[], f: ReviewFilter): ReviewRow[] {
  const words = fold(f.query).split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (f.report && r.reportState !== f.report) return false;
    if (f.order === "to_review" && !r.orders.some((o) => o.status === "submitted")) return false;
    if (f.order === "none" && r.orders.length > 0) return false;
    if (f.order && f.order !== "to_review" && f.order !== "none" && !r.orders.some((o) => o.status === f.order))
      return false;
    if (f.emergencyOnly && r.emergencyLines === 0) return false;
    if (f.mismatchOnly && r.mismatches === 0) return false;
    return words.every((w) => fold(r.facilityName).includes(w));
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
