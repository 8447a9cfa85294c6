/** Monthly reports: pre-filled from the ledger, edited from paper, submitted (timeliness recorded). */
import { and, eq, sql } from "drizzle-orm";
import { products, stockReportLines, stockReports } from "../../db/schema";
import { reportDueDays } from "../queries/settings";
import type Database from "better-sqlite3";
import { addPeriods, daysInPeriod, periodEnd, periodStart } from "../../shared/domain/months";
import {
  adjustedConsumption,
  averageMonthlyConsumption,
  balanceMismatch,
  encodePeriods,
  reasonProblem,
  reasonsSumProblem,
  reportDueDate,
  stockoutDaysProblem,
  type PeriodConsumption,
} from "../../shared/domain/replenishment";
import { AppError } from "../../shared/errors";
import type { Tx } from "../../db/client";
import { assertPlausible } from "./plausibility";
import { fieldError } from "../fieldError";
import { loadFacility, resolveFunding } from "./stockRefs";

/** A period may be reported once it is over, and not before the facility's history. */
function checkPeriod(tx: Tx, facilityId: string, period: string, now: Date): void {
  if (periodEnd(period) > now.toISOString().slice(0, 10)) fieldError("period", "the month is not over yet");
  checkPeriodInHistory(tx, facilityId, period);
}

/** The month of a facility's first ledger line (its opening stock), or null when its ledger is empty. */
function firstLedgerPeriod(tx: Tx, facilityId: string): string | null {
  const row = tx.get<{ first: string | null }>(
    sql`select min(occurred_at) first from stock_movements where facility_id = ${facilityId}`,
  );
  return row?.first?.slice(0, 7) ?? null;
}

/**
 * Refuses a period before the facility's history: its figures would all come out zero and be taken for
 * real (a month of no consumption). The history starts with the month of its first ledger line.
 */
function checkPeriodInHistory(tx: Tx, facilityId: string, period: string): void {
  const firstPeriod = firstLedgerPeriod(tx, facilityId);
  if (firstPeriod !== null && period >= firstPeriod) return;
  const message =
    firstPeriod === null
      ? "the facility has no stock history yet: record its opening stock first"
      : `the facility's history starts in ${firstPeriod}: choose ${firstPeriod} or later`;
  throw new AppError("validation_failed", `period: ${message}`, {
    issues: [{ path: "period", message }],
    rule: "A facility reports the months from the one of its first ledger line (its opening stock) on.",
    firstPeriod,
  });
}

interface LedgerLine {
  product_id: number;
  funding_source: string;
  opening: number;
  received: number;
  consumed: number;
  adjustments: number;
  closing: number;
}

/** A, B, C, D, E per product × funding source of a facility for one month, from the ledger. */
function ledgerLines(tx: Tx, facilityId: string, start: string, end: string): LedgerLine[] {
  return tx.all<LedgerLine>(sql`
    select product_id, funding_source,
      sum(case when occurred_at < ${start} then qty_delta else 0 end) opening,
      sum(case when occurred_at >= ${start} and type in ('receipt', 'transfer_in') then qty_delta else 0 end) received,
      -sum(case when occurred_at >= ${start} and type = 'issue' then qty_delta else 0 end) consumed,
      sum(case when occurred_at >= ${start} and type in ('adjustment', 'transfer_out') then qty_delta else 0 end) adjustments,
      sum(qty_delta) closing
    from stock_movements
    where facility_id = ${facilityId} and occurred_at < ${end}
    group by product_id, funding_source
    having opening <> 0 or received <> 0 or consumed <> 0 or adjustments <> 0`);
}

/** D by reason (and transfers out) per product × funding source. */
function reasonsByLine(tx: Tx, facilityId: string, start: string, end: string): Map<string, Record<string, number>> {
  const rows = tx.all<{ product_id: number; funding_source: string; reason: string; qty: number }>(sql`
    select product_id, funding_source, coalesce(reason, type) reason, sum(qty_delta) qty
    from stock_movements
    where facility_id = ${facilityId} and occurred_at >= ${start} and occurred_at < ${end} and type in ('adjustment', 'transfer_out')
    group by 1, 2, 3`);
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const key = `${r.product_id}|${r.funding_source}`;
    out.set(key, { ...(out.get(key) ?? {}), [r.reason]: r.qty });
  }
  return out;
}

/** Days of the month that ended with nothing on the shelf, replaying the month's movements. */
function stockoutDays(tx: Tx, facilityId: string, line: LedgerLine, start: string, days: number): number {
  const moves = tx.all<{ day: number; delta: number }>(sql`
    select cast(substr(occurred_at, 9, 2) as integer) day, sum(qty_delta) delta from stock_movements
    where facility_id = ${facilityId} and product_id = ${line.product_id} and funding_source = ${line.funding_source}
      and occurred_at >= ${start} and occurred_at < ${periodEnd(start.slice(0, 7))}
    group by 1 order by 1`);
  let balance = line.opening;
  let zeroDays = 0;
  let m = 0;
  for (let d = 1; d <= days; d++) {
    while (m < moves.length && moves[m]!.day === d) balance += moves[m++]!.delta;
    if (balance <= 0) zeroDays++;
  }
  return zeroDays;
}

/** Creates a facility's report for a month, pre-filled from the ledger (source "ledger"). */
export function createReport(tx: Tx, facilityId: string, period: string, now: Date): number {
  const facility = loadFacility(tx, facilityId);
  checkPeriod(tx, facility.id, period, now);
  const existing = tx
    .select({ id: stockReports.id })
    .from(stockReports)
    .where(and(eq(stockReports.facilityId, facility.id), eq(stockReports.period, period)))
    .get();
  if (existing)
    throw new AppError("conflict", `A report for ${period} already exists`, {
      reportId: existing.id,
      explain: { key: "report_exists", values: { period, reportId: existing.id } },
    });
  const start = periodStart(period);
  const end = periodEnd(period);
  const due = reportDueDate(period, reportDueDays(tx));
  const reportId = tx
    .insert(stockReports)
    .values({
      facilityId: facility.id,
      period,
      status: "draft",
      source: "ledger",
      dueDate: due,
      createdAt: now.toISOString(),
    })
    .returning({ id: stockReports.id })
    .get().id;
  const days = daysInPeriod(period);
  const reasons = reasonsByLine(tx, facility.id, start, end);
  for (const l of ledgerLines(tx, facility.id, start, end)) {
    tx.insert(stockReportLines)
      .values({
        reportId,
        productId: l.product_id,
        fundingSource: l.funding_source,
        days,
        opening: l.opening,
        received: l.received,
        consumed: l.consumed,
        adjustments: l.adjustments,
        adjustmentsByReason: JSON.stringify(reasons.get(`${l.product_id}|${l.funding_source}`) ?? {}),
        closing: l.closing,
        stockoutDays: stockoutDays(tx, facility.id, l, start, days),
        mismatch: balanceMismatch(l),
      })
      .run();
  }
  return reportId;
}

/** Loads a report row or answers 404. */
export function loadReportRow(tx: Tx, id: number) {
  const row = tx.select().from(stockReports).where(eq(stockReports.id, id)).get();
  if (!row) throw new AppError("not_found", `Unknown report ${id}`);
  return row;
}

/** The report checks of shared/domain (stock-out days, D's reasons) as field errors naming the line. */
function checkLine(
  line: { adjustments: number; adjustmentsByReason?: Record<string, number> | undefined; stockoutDays: number },
  path: string,
  report: { period: string },
  days: number,
): void {
  const tooMany = stockoutDaysProblem(line.stockoutDays, days);
  if (tooMany) fieldError(`${path}.stockoutDays`, `must not exceed the ${days} days of ${report.period}`, tooMany);
  const byReason = line.adjustmentsByReason ?? {};
  const sum = reasonsSumProblem(byReason, line.adjustments);
  if (sum)
    fieldError(
      `${path}.adjustmentsByReason`,
      `the reasons add up to ${sum.values.sum}, not to adjustments ${line.adjustments}`,
      sum,
    );
  for (const [reason, qty] of Object.entries(byReason)) {
    const added = reasonProblem(reason, qty);
    if (added) fieldError(`${path}.adjustmentsByReason.${reason}`, "an outflow reason must be zero or negative", added);
  }
}

/** Replaces lines of a draft report with values typed from paper; mismatches are flagged, not fixed. */
export function updateReportLines(
  tx: Tx,
  reportId: number,
  lines: {
    productId: number;
    fundingSource?: string | undefined;
    opening: number;
    received: number;
    consumed: number;
    adjustments: number;
    adjustmentsByReason?: Record<string, number> | undefined;
    closing: number;
    stockoutDays: number;
  }[],
  opts: { confirmImplausible?: boolean | undefined; now: Date },
): void {
  const report = loadReportRow(tx, reportId);
  if (report.status !== "draft") throw new AppError("invalid_transition", "A submitted report cannot be edited");
  const days = daysInPeriod(report.period);
  assertPlausible(
    tx,
    report.facilityId,
    lines.flatMap((line, i) =>
      (["opening", "received", "consumed", "adjustments", "closing"] as const).map((field) => ({
        path: `lines.${i}.${field}`,
        field: `report.${field}` as const,
        value: line[field],
        productId: line.productId,
      })),
    ),
    opts.confirmImplausible,
    opts.now,
  );
  lines.forEach((line, i) => {
    const product = tx.select().from(products).where(eq(products.id, line.productId)).get();
    if (!product) fieldError(`lines.${i}.productId`, `unknown product ${line.productId}`);
    checkLine(line, `lines.${i}`, report, days);
    const fundingSource = resolveFunding(tx, line.fundingSource, product.programmeCode);
    const values = {
      days,
      opening: line.opening,
      received: line.received,
      consumed: line.consumed,
      adjustments: line.adjustments,
      adjustmentsByReason: JSON.stringify(line.adjustmentsByReason ?? {}),
      closing: line.closing,
      stockoutDays: line.stockoutDays,
      mismatch: balanceMismatch(line),
    };
    tx.insert(stockReportLines)
      .values({ reportId, productId: product.id, fundingSource, ...values })
      .onConflictDoUpdate({
        target: [stockReportLines.reportId, stockReportLines.productId, stockReportLines.fundingSource],
        set: values,
      })
      .run();
  });
  tx.update(stockReports).set({ source: "paper" }).where(eq(stockReports.id, reportId)).run();
}

/** Submits a draft report, records whether it came in on time and computes each line's AMC. */
export function submitReport(
  tx: Tx,
  sqlite: Database.Database,
  reportId: number,
  userId: number | null,
  now: Date,
): void {
  const report = loadReportRow(tx, reportId);
  if (report.status !== "draft") throw new AppError("invalid_transition", "The report is already submitted");
  const at = now.toISOString();
  tx.update(stockReports)
    .set({ status: "submitted", submittedAt: at, submittedBy: userId, onTime: at.slice(0, 10) <= report.dueDate })
    .where(eq(stockReports.id, reportId))
    .run();
  computeReportAmc(sqlite, reportId);
}

/** Months of history kept with each report line for its AMC. */
export const AMC_WINDOW = 6;

/**
 * Computes each line's AMC and the periods it rests on (the facility's submitted reports of the
 * last six months, this one included) and stores them on the line. Runs on raw statements so that
 * the national cycle can call it too; inside the caller's transaction.
 */
export function computeReportAmc(sqlite: Database.Database, reportId: number, averagingPeriods = 3): void {
  const report = sqlite
    .prepare("select facility_id facilityId, period from stock_reports where id = ?")
    .get(reportId) as { facilityId: string; period: string } | undefined;
  if (!report) throw new AppError("not_found", `Unknown report ${reportId}`);
  const periods = Array.from({ length: AMC_WINDOW }, (_, i) => addPeriods(report.period, i - (AMC_WINDOW - 1)));
  const index = new Map(periods.map((p, i) => [p, i]));
  const rows = sqlite
    .prepare(
      `select l.product_id || '|' || l.funding_source key, r.period, l.days, l.consumed, l.stockout_days
       from stock_report_lines l join stock_reports r on r.id = l.report_id
       where r.facility_id = ? and r.period between ? and ? and (r.status = 'submitted' or r.id = ?)`,
    )
    .raw()
    .all(report.facilityId, periods[0], report.period, reportId) as [string, string, number, number, number][];
  const series = new Map<string, (PeriodConsumption | null)[]>();
  for (const [key, period, days, consumed, stockoutDays] of rows) {
    const s = series.get(key) ?? new Array<PeriodConsumption | null>(AMC_WINDOW).fill(null);
    s[index.get(period)!] = { days, consumed, stockoutDays };
    series.set(key, s);
  }
  const update = sqlite.prepare("update stock_report_lines set amc = ?, amc_basis = ? where id = ?");
  const lines = sqlite
    .prepare("select id, product_id || '|' || funding_source key from stock_report_lines where report_id = ?")
    .raw()
    .all(reportId) as [number, string][];
  for (const [id, key] of lines) {
    const s = series.get(key)!;
    const amc = averageMonthlyConsumption(
      s.map((p) => (p === null ? null : adjustedConsumption(p.consumed, p.days, p.stockoutDays))),
      averagingPeriods,
    );
    update.run(amc, encodePeriods(s), id);
  }
}
