/** Read side of reports and orders, filtered by the user's scope. */
import { aliasedTable, and, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  facilities,
  lots,
  orderEvents,
  orderLineLots,
  orderLines,
  orders,
  products,
  stockReportLines,
  stockReports,
  users,
} from "../../db/schema";
import type { Order, Report } from "../../shared/contracts/replenishment";
import { computeOrderQuantity, decodeInputs, readCalculation } from "../../shared/domain/replenishment";
import { AppError } from "../../shared/errors";
import type { Tx } from "../../db/client";
import type { ScopeFilter } from "../policies";
import { reportDueDays } from "./settings";
import type { Area } from "./area";
import { facilityInScope } from "./scope";

/** One report with its lines (404 when unknown). */
export function loadReport(db: Db | Tx, id: number): Report {
  const r = db
    .select({ r: stockReports, name: facilities.name })
    .from(stockReports)
    .innerJoin(facilities, eq(facilities.id, stockReports.facilityId))
    .where(eq(stockReports.id, id))
    .get();
  if (!r) throw new AppError("not_found", `Unknown report ${id}`);
  const lines = db
    .select({ l: stockReportLines, p: products })
    .from(stockReportLines)
    .innerJoin(products, eq(products.id, stockReportLines.productId))
    .where(eq(stockReportLines.reportId, id))
    .orderBy(products.genericName)
    .all()
    .map(({ l, p }) => ({
      ...l,
      reportId: undefined,
      productCode: p.code,
      genericName: p.genericName,
      adjustmentsByReason: JSON.parse(l.adjustmentsByReason) as Record<string, number>,
    }));
  return {
    id: r.r.id,
    facilityId: r.r.facilityId,
    facilityName: r.name,
    period: r.r.period,
    status: r.r.status,
    source: r.r.source,
    dueDate: r.r.dueDate,
    submittedAt: r.r.submittedAt,
    onTime: r.r.onTime,
    mismatches: lines.filter((l) => l.mismatch !== 0).length,
    lines: lines.map(({ reportId: _r, ...l }) => l),
  };
}

/** Reports in scope, newest period first. */
export function listReports(
  db: Db,
  scope: ScopeFilter,
  q: {
    period?: string | undefined;
    facilityId?: string | undefined;
    districtId?: string | undefined;
    status?: "draft" | "submitted" | undefined;
    limit: number;
    offset: number;
  },
) {
  const where = and(
    facilityInScope(scope, facilities),
    q.period ? eq(stockReports.period, q.period) : undefined,
    q.facilityId ? eq(stockReports.facilityId, q.facilityId) : undefined,
    q.districtId ? eq(facilities.districtId, q.districtId) : undefined,
    q.status ? eq(stockReports.status, q.status) : undefined,
  );
  const base = db
    .select({ n: count() })
    .from(stockReports)
    .innerJoin(facilities, eq(facilities.id, stockReports.facilityId))
    .where(where)
    .get();
  const mismatches = sql<number>`(select count(*) from ${stockReportLines} where ${stockReportLines.reportId} = ${stockReports.id} and ${stockReportLines.mismatch} <> 0)`;
  const items = db
    .select({ r: stockReports, facilityName: facilities.name, mismatches })
    .from(stockReports)
    .innerJoin(facilities, eq(facilities.id, stockReports.facilityId))
    .where(where)
    .orderBy(desc(stockReports.period), facilities.name)
    .limit(q.limit)
    .offset(q.offset)
    .all()
    .map(({ r, facilityName, mismatches: m }) => ({
      id: r.id,
      facilityId: r.facilityId,
      facilityName,
      period: r.period,
      status: r.status,
      source: r.source,
      dueDate: r.dueDate,
      submittedAt: r.submittedAt,
      onTime: r.onTime,
      mismatches: m,
    }));
  return { items, total: base?.n ?? 0, limit: q.limit, offset: q.offset, dueDays: reportDueDays(db) };
}

const supplier = aliasedTable(facilities, "supplier");

type LineRow = { l: typeof orderLines.$inferSelect; p: typeof products.$inferSelect };
type LotRow = { ll: typeof orderLineLots.$inferSelect; lot: typeof lots.$inferSelect };

/** The order's lines as the API shows them: product, figures, the explanation as keys, quantities and lots. */
function presentLines(lines: LineRow[], lotRows: LotRow[], periods: Map<string, string | null>) {
  return lines.map(({ l, p }) => ({
    id: l.id,
    productId: p.id,
    productCode: p.code,
    genericName: `${p.genericName} ${p.strength}`.trim(),
    packSize: p.packSize,
    packRoundingThreshold: p.packRoundingThreshold,
    roundToZero: p.roundToZero,
    ven: p.ven,
    // The price the line was approved at; the current price while it is not approved yet.
    pricePerPackXof: l.pricePerPackXof ?? p.pricePerPackXof,
    fundingSource: l.fundingSource,
    amc: l.amc,
    stockOnHand: l.stockOnHand,
    inTransit: l.inTransit,
    monthsOfStock: l.monthsOfStock === null ? null : Math.round(l.monthsOfStock * 100) / 100,
    emergency: l.emergency,
    suggestedQty: l.suggestedQty,
    explanation: explain(l.explanation, p, periods.get(`${p.id}|${l.fundingSource}`)),
    requestedQty: l.requestedQty,
    approvedQty: l.approvedQty,
    approvalReason: l.approvalReason,
    shippedQty: l.shippedQty,
    acceptedQty: l.acceptedQty,
    rejectedQty: l.rejectedQty,
    shortfallQty: l.shortfallQty,
    shortfallAction: l.shortfallAction,
    lots: lotRows
      .filter((r) => r.ll.orderLineId === l.id)
      .map((r) => ({
        lotId: r.lot.id,
        lotCode: r.lot.lotCode,
        expiry: r.lot.expiry,
        pickedQty: r.ll.pickedQty,
        shippedQty: r.ll.shippedQty,
        acceptedQty: r.ll.acceptedQty,
        rejectedQty: r.ll.rejectedQty,
        rejectionReason: r.ll.rejectionReason,
      })),
  }));
}

/** One order with its lines, lots and history (404 when unknown). */
export function loadOrder(db: Db | Tx, id: number): Order {
  const row = db
    .select({ o: orders, facilityName: facilities.name, supplierName: supplier.name })
    .from(orders)
    .innerJoin(facilities, eq(facilities.id, orders.facilityId))
    .innerJoin(supplier, eq(supplier.id, orders.supplierId))
    .where(eq(orders.id, id))
    .get();
  if (!row) throw new AppError("not_found", `Unknown order ${id}`);
  const lines = db
    .select({ l: orderLines, p: products })
    .from(orderLines)
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(eq(orderLines.orderId, id))
    .orderBy(products.genericName)
    .all();
  const lotRows = db
    .select({ ll: orderLineLots, lot: lots })
    .from(orderLineLots)
    .innerJoin(lots, eq(lots.id, orderLineLots.lotId))
    .where(inArray(orderLineLots.orderLineId, [...lines.map((l) => l.l.id), -1]))
    .orderBy(lots.expiry)
    .all();
  const events = db
    .select({ e: orderEvents, userName: users.displayName })
    .from(orderEvents)
    .leftJoin(users, eq(users.id, orderEvents.userId))
    .where(eq(orderEvents.orderId, id))
    .orderBy(orderEvents.id)
    .all();
  const presented = presentLines(lines, lotRows, reportPeriods(db, row.o.reportId));
  const qty = (l: (typeof presented)[number]) => l.approvedQty ?? l.requestedQty;
  // Rounded line by line, as the order list computes it.
  const costXof = presented.reduce((s, l) => s + Math.round((qty(l) / l.packSize) * l.pricePerPackXof), 0);
  return {
    ...row.o,
    facilityName: row.facilityName,
    supplierName: row.supplierName,
    costXof,
    budgetExceeded: presented.some((l) => l.explanation.some((e: { key: string }) => e.key === "budget")),
    emergencyLines: presented.filter((l) => l.emergency).length,
    lines: presented,
    events: events.map(({ e, userName }) => ({ ...e, userName, changes: e.changes ? JSON.parse(e.changes) : null })),
  };
}

/** The encoded periods of each line of the order's report ("productId|fundingSource" → periods), which the cycle's inputs refer to. */
function reportPeriods(db: Db | Tx, reportId: number | null): Map<string, string | null> {
  if (reportId === null) return new Map();
  const rows = db
    .select({
      productId: stockReportLines.productId,
      fundingSource: stockReportLines.fundingSource,
      basis: stockReportLines.amcBasis,
    })
    .from(stockReportLines)
    .where(eq(stockReportLines.reportId, reportId))
    .all();
  return new Map(rows.map((r) => [`${r.productId}|${r.fundingSource}`, r.basis]));
}

/** Rebuilds a line's explanation from its stored inputs (and its report line's periods), with the notes added since. */
function explain(stored: string, p: typeof products.$inferSelect, reportPeriods: string | null | undefined) {
  const calc = readCalculation(stored);
  const s = computeOrderQuantity(decodeInputs(calc.inputs, p, reportPeriods));
  return [...s.explanation, ...calc.notes];
}

/** Orders where the ordering facility or the supplier is in scope. */
export function listOrders(
  db: Db,
  scope: ScopeFilter,
  q: {
    facilityId?: string | undefined;
    supplierId?: string | undefined;
    regionId?: string | undefined;
    districtId?: string | undefined;
    status?: Order["status"] | undefined;
    period?: string | undefined;
    flow?: Order["flow"] | undefined;
    limit: number;
    offset: number;
  },
) {
  const inScope = "all" in scope ? undefined : or(facilityInScope(scope, facilities), facilityInScope(scope, supplier));
  const where = and(
    inScope,
    q.facilityId ? eq(orders.facilityId, q.facilityId) : undefined,
    q.supplierId ? eq(orders.supplierId, q.supplierId) : undefined,
    q.regionId ? eq(facilities.regionId, q.regionId) : undefined,
    q.districtId ? eq(facilities.districtId, q.districtId) : undefined,
    q.status ? eq(orders.status, q.status) : undefined,
    q.period ? eq(orders.period, q.period) : undefined,
    q.flow ? eq(orders.flow, q.flow) : undefined,
  );
  const total =
    db
      .select({ n: count() })
      .from(orders)
      .innerJoin(facilities, eq(facilities.id, orders.facilityId))
      .innerJoin(supplier, eq(supplier.id, orders.supplierId))
      .where(where)
      .get()?.n ?? 0;
  const page = db
    .select({ o: orders, facilityName: facilities.name, supplierName: supplier.name })
    .from(orders)
    .innerJoin(facilities, eq(facilities.id, orders.facilityId))
    .innerJoin(supplier, eq(supplier.id, orders.supplierId))
    .where(where)
    .orderBy(desc(orders.updatedAt), desc(orders.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const stats = orderLineStats(
    db,
    page.map((r) => r.o.id),
  );
  const items = page.map(({ o, facilityName, supplierName }) => {
    const s = stats.get(o.id);
    return {
      ...o,
      facilityName,
      supplierName,
      lineCount: s?.lineCount ?? 0,
      emergencyLines: s?.emergencyLines ?? 0,
      costXof: s?.costXof ?? 0,
      budgetExceeded: (s?.budgetCuts ?? 0) > 0,
    };
  });
  return { items, total, limit: q.limit, offset: q.offset };
}

/** Per-order aggregates of the lines of these orders only: count, emergencies, cost at the approved (else requested) quantity and the price it was approved at (else today's), budget cuts. */
function orderLineStats(db: Db, orderIds: number[]) {
  if (orderIds.length === 0) return new Map<number, never>();
  const rows = db
    .select({
      orderId: orderLines.orderId,
      lineCount: sql<number>`count(*)`,
      emergencyLines: sql<number>`sum(${orderLines.emergency})`,
      costXof: sql<number>`sum(round(1.0 * coalesce(${orderLines.approvedQty}, ${orderLines.requestedQty}) / ${products.packSize} * coalesce(${orderLines.pricePerPackXof}, ${products.pricePerPackXof})))`,
      budgetCuts: sql<number>`sum(${orderLines.explanation} like '{%"key":"budget"%')`,
    })
    .from(orderLines)
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(inArray(orderLines.orderId, orderIds))
    .groupBy(orderLines.orderId)
    .all();
  return new Map(rows.map((r) => [r.orderId, r]));
}

/** Reports of the period submitted without orders yet, by facilities of the area (the work of POST /orders/cycle). */
export function reportsAwaitingOrders(db: Db | Tx, area: Area, period: string): number[] {
  return db
    .select({ id: stockReports.id })
    .from(stockReports)
    .innerJoin(facilities, eq(facilities.id, stockReports.facilityId))
    .where(
      and(
        area.where,
        eq(stockReports.period, period),
        eq(stockReports.status, "submitted"),
        sql`not exists (select 1 from ${orders} where ${orders.reportId} = ${stockReports.id})`,
      ),
    )
    .all()
    .map((r) => r.id);
}
