/** The monthly report line's balance check (PRODUCT.md §3): E = A + B − C + D, and the report's due date. */
import type { Message } from "../messages";
import { periodEnd, type Period } from "../months";
import { addDaysIso } from "../stock/dates";
import { isOutflowReason } from "../stock/reasons";
import { INT_SETTINGS } from "../settings";

/** The numbers of one report line (base units; D signed). */
export interface ReportBalance {
  opening: number;
  received: number;
  consumed: number;
  adjustments: number;
  closing: number;
}

/** E − (A + B − C + D): 0 when the line balances; the difference is shown, never silently fixed. */
export function balanceMismatch(l: ReportBalance): number {
  return l.closing - (l.opening + l.received - l.consumed + l.adjustments);
}

/** Days after the end of the month by which a report is due, when the setting report.dueDays is not set. */
export const DEFAULT_REPORT_DUE_DAYS = INT_SETTINGS.reportDueDays.defaultValue;

/** The day a month's report is due: `dueDays` days after the first day of the next month (ISO date). */
export function reportDueDate(period: Period, dueDays: number): string {
  return addDaysIso(periodEnd(period), dueDays);
}

/** Stock-out days beyond the month's days: the problem, or null. */
export function stockoutDaysProblem(stockoutDays: number, days: number): Message<"report_max_days"> | null {
  return stockoutDays > days ? { key: "report_max_days", values: { stockoutDays, days } } : null;
}

/** A reason of D that can only take stock out (a loss, a transfer out) given as adding stock: the problem, or null. */
export function reasonProblem(reason: string, qty: number): Message<"report_outflow_positive"> | null {
  return isOutflowReason(reason) && qty > 0 ? { key: "report_outflow_positive", values: { reason, qty } } : null;
}

/** D split by reason that does not add up to D (an empty split says nothing): the problem, or null. */
export function reasonsSumProblem(
  byReason: Record<string, number>,
  adjustments: number,
): Message<"report_reasons_sum"> | null {
  const values = Object.values(byReason);
  if (values.length === 0) return null;
  const sum = values.reduce((s, v) => s + v, 0);
  return sum === adjustments ? null : { key: "report_reasons_sum", values: { sum, adjustments } };
}
