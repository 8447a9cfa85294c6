/** Orders from a submitted report, and their review: edit, submit, approve (separation of duties), reject. */
import { and, eq, inArray, sql } from "drizzle-orm";
import { facilities, orderEvents, orderLines, orders, products, stockReportLines, stockReports, supplyLines } from "../../db/schema";
import type { Me } from "../../shared/contracts/auth";
import { nextStatus, type OrderStatus, type OrderTransition } from "../../shared/domain/orders";
import { resolvePolicy, type SupplyLevel } from "../../shared/domain/policy";
import { capByBudget, computeOrderQuantity, previousPeriod, type ExplanationStep } from "../../shared/domain/replenishment";
import { AppError } from "../../shared/errors";
import { policiesFor } from "../queries/stock";
import type { Tx } from "./idempotency";
import { loadReportRow } from "./reports";
import { fieldError } from "./stockRefs";

/** Months of report history the suggestion looks at (the AMC averages the last 3 reported). */
const HISTORY_MONTHS = 6;

/** The order row, or 404. */
export function loadOrderRow(tx: Tx, id: number) {
  const row = tx.select().from(orders).where(eq(orders.id, id)).get();
  if (!row) throw new AppError("not_found", `Unknown order ${id}`);
  return row;
}

/** Moves an order through a transition, or refuses with invalid_transition; records the event. */
export function transition(tx: Tx, order: { id: number; status: OrderStatus }, t: OrderTransition, userId: number | null, now: Date, changes?: unknown): OrderStatus {
  const to = nextStatus(order.status, t);
  if (!to) throw new AppError("invalid_transition", `Cannot ${t} an order that is ${order.status}`, { status: order.status, transition: t });
  tx.update(orders).set({ status: to, updatedAt: now.toISOString() }).where(eq(orders.id, order.id)).run();
  tx.insert(orderEvents).values({ orderId: order.id, at: now.toISOString(), userId, fromStatus: order.status, toStatus: to, changes: changes === undefined ? null : JSON.stringify(changes) }).run();
  return to;
}

/** Quantity shipped to a facility and not yet delivered, per product × funding source. */
function inTransit(tx: Tx, facilityId: string): Map<string, number> {
  const rows = tx
    .select({ productId: orderLines.productId, fundingSource: orderLines.fundingSource, qty: sql<number>`sum(${orderLines.shippedQty} - ${orderLines.acceptedQty} - ${orderLines.rejectedQty})` })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(and(eq(orders.facilityId, facilityId), eq(orders.status, "shipped")))
    .groupBy(orderLines.productId, orderLines.fundingSource)
    .all();
  return new Map(rows.map((r) => [`${r.productId}|${r.fundingSource}`, r.qty]));
}

/** Report lines of the facility over the last months, keyed by product × funding source, oldest month first. */
function reportHistory(tx: Tx, facilityId: string, period: string) {
  const periods = Array.from({ length: HISTORY_MONTHS }, (_, i) => previousPeriod(period, HISTORY_MONTHS - 1 - i));
  const rows = tx
    .select({ period: stockReports.period, l: stockReportLines })
    .from(stockReportLines)
    .innerJoin(stockReports, eq(stockReports.id, stockReportLines.reportId))
    .where(and(eq(stockReports.facilityId, facilityId), eq(stockReports.status, "submitted"), inArray(stockReports.period, periods)))
    .all();
  const byKey = new Map<string, Map<string, typeof stockReportLines.$inferSelect>>();
  for (const r of rows) {
    const key = `${r.l.productId}|${r.l.fundingSource}`;
    const m = byKey.get(key) ?? new Map();
    m.set(r.period, r.l);
    byKey.set(key, m);
  }
  return { periods, byKey };
}

/** The supplier of a facility for a programme (its supply line). */
export function supplierOf(tx: Tx, facilityId: string, programme: string): string {
  const line = tx.select().from(supplyLines).where(and(eq(supplyLines.facilityId, facilityId), eq(supplyLines.programmeCode, programme))).get();
  if (!line) throw new AppError("conflict", `${facilityId} has no supplier for ${programme}`);
  return line.supplierId;
}

/**
 * Builds the draft orders of a submitted report: every line gets its suggestion (AMC from the
 * reported months, stock = the report's closing stock, minus what is in transit), rounded to
 * packs. Cost-recovery and free-care lines go to separate orders; a budget caps the cost-recovery
 * order, vital lines first.
 */
export function createOrdersFromReport(tx: Tx, reportId: number, budgetXof: number | undefined, userId: number | null, now: Date): number[] {
  const report = loadReportRow(tx, reportId);
  if (report.status !== "submitted") throw new AppError("invalid_transition", "Submit the report before ordering from it");
  if (tx.select({ id: orders.id }).from(orders).where(eq(orders.reportId, reportId)).get()) throw new AppError("conflict", "Orders were already created from this report");
  const facility = tx.select().from(facilities).where(eq(facilities.id, report.facilityId)).get()!;
  const policies = policiesFor(tx, facility.level as SupplyLevel);
  const { periods, byKey } = reportHistory(tx, facility.id, report.period);
  const transit = inTransit(tx, facility.id);
  const current = tx.select({ l: stockReportLines, p: products }).from(stockReportLines).innerJoin(products, eq(products.id, stockReportLines.productId)).where(eq(stockReportLines.reportId, reportId)).all();
  type Draft = { flow: "cost_recovery" | "free_care"; supplierId: string; lines: (typeof orderLines.$inferInsert & { ven: "V" | "E" | "N"; packSize: number; price: number; steps: ExplanationStep[] })[] };
  const drafts = new Map<string, Draft>();
  for (const { l, p } of current) {
    const key = `${l.productId}|${l.fundingSource}`;
    const history = byKey.get(key);
    const policy = resolvePolicy(policies, { level: facility.level as SupplyLevel, facilityId: facility.id, programmeCode: p.programmeCode, productId: p.id })!;
    const s = computeOrderQuantity({
      product: p,
      policy,
      periods: periods.map((period) => {
        const h = history?.get(period);
        return h ? { days: h.days, consumed: h.consumed, stockoutDays: h.stockoutDays } : null;
      }),
      stockOnHand: l.closing,
      inTransit: transit.get(key) ?? 0,
    });
    const flow = l.fundingSource === "cost_recovery" ? "cost_recovery" : "free_care";
    const supplierId = supplierOf(tx, facility.id, l.fundingSource);
    const draft = drafts.get(`${flow}|${supplierId}`) ?? { flow, supplierId, lines: [] };
    drafts.set(`${flow}|${supplierId}`, draft);
    draft.lines.push({
      orderId: 0,
      productId: p.id,
      fundingSource: l.fundingSource,
      amc: s.amc,
      stockOnHand: l.closing,
      inTransit: transit.get(key) ?? 0,
      monthsOfStock: s.monthsOfStock,
      emergency: s.emergency,
      suggestedQty: s.packs * p.packSize,
      explanation: "",
      requestedQty: s.packs * p.packSize,
      ven: p.ven,
      packSize: p.packSize,
      price: p.pricePerPackXof,
      steps: s.explanation,
    });
  }
  const ids: number[] = [];
  for (const draft of drafts.values()) {
    const budget = draft.flow === "cost_recovery" ? budgetXof : undefined;
    if (budget !== undefined) applyBudget(draft.lines, budget);
    const id = tx
      .insert(orders)
      .values({ facilityId: facility.id, supplierId: draft.supplierId, period: report.period, flow: draft.flow, kind: "regular", status: "draft", reportId, budgetXof: budget ?? null, createdBy: userId, createdAt: now.toISOString(), updatedAt: now.toISOString() })
      .returning({ id: orders.id })
      .get().id;
    tx.insert(orderLines)
      .values(draft.lines.map(({ ven: _v, packSize: _p, price: _c, steps, ...line }) => ({ ...line, orderId: id, explanation: JSON.stringify(steps) })))
      .run();
    tx.insert(orderEvents).values({ orderId: id, at: now.toISOString(), userId, fromStatus: null, toStatus: "draft", changes: JSON.stringify({ fromReport: reportId }) }).run();
    ids.push(id);
  }
  return ids;
}

/** Cuts requested packs to the budget (vital, then essential, then the rest) and explains each cut. */
function applyBudget(lines: { requestedQty: number; ven: "V" | "E" | "N"; packSize: number; price: number; steps: ExplanationStep[] }[], budgetXof: number) {
  const capped = capByBudget(lines.map((l, i) => ({ key: String(i), ven: l.ven, packs: l.requestedQty / l.packSize, pricePerPackXof: l.price })), budgetXof);
  capped.lines.forEach((c, i) => {
    const line = lines[i]!;
    if (!c.cut) return;
    const before = line.requestedQty;
    line.requestedQty = c.packs * line.packSize;
    line.steps.push({
      key: "budget",
      values: { budgetXof, before, after: line.requestedQty },
      fr: `Budget de ${budgetXof} FCFA dépassé : ${before} → ${line.requestedQty} (produits vitaux d'abord, puis essentiels).`,
      en: `Budget of ${budgetXof} FCFA exceeded: ${before} → ${line.requestedQty} (vital products first, then essential).`,
    });
  });
}

/** Changes requested quantities while the order is a draft (or back from rejection). */
export function editOrderLines(tx: Tx, orderId: number, lines: { lineId: number; requestedQty: number }[], userId: number | null, now: Date): void {
  const order = loadOrderRow(tx, orderId);
  if (!nextStatus(order.status, "edit")) throw new AppError("invalid_transition", `Cannot edit an order that is ${order.status}`);
  lines.forEach((l, i) => {
    const done = tx.update(orderLines).set({ requestedQty: l.requestedQty }).where(and(eq(orderLines.id, l.lineId), eq(orderLines.orderId, orderId))).run();
    if (done.changes === 0) fieldError(`lines.${i}.lineId`, `line ${l.lineId} is not a line of order ${orderId}`);
  });
  tx.insert(orderEvents).values({ orderId, at: now.toISOString(), userId, fromStatus: order.status, toStatus: order.status, changes: JSON.stringify({ edited: lines }) }).run();
}

/** Submits a draft order for approval. */
export function submitOrder(tx: Tx, orderId: number, userId: number | null, now: Date): void {
  const order = loadOrderRow(tx, orderId);
  transition(tx, order, "submit", userId, now);
  tx.update(orders).set({ submittedBy: userId, rejectionReason: null }).where(eq(orders.id, orderId)).run();
}

function checkSeparation(order: { submittedBy: number | null }, user: Me) {
  if (order.submittedBy !== null && order.submittedBy === user.id) {
    throw new AppError("separation_of_duties", "The person who submitted an order cannot approve or reject it");
  }
}

/** Approves a submitted order; changed quantities need a reason; the submitter may not approve. */
export function approveOrder(tx: Tx, orderId: number, changes: { lineId: number; approvedQty: number; reason: string }[], user: Me, now: Date): void {
  const order = loadOrderRow(tx, orderId);
  checkSeparation(order, user);
  const lines = tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).all();
  const byId = new Map(lines.map((l) => [l.id, l]));
  changes.forEach((c, i) => {
    if (!byId.has(c.lineId)) fieldError(`lines.${i}.lineId`, `line ${c.lineId} is not a line of order ${orderId}`);
  });
  const changed = new Map(changes.map((c) => [c.lineId, c]));
  transition(tx, order, "approve", user.id, now, { changed: changes.map((c) => ({ ...c, requestedQty: byId.get(c.lineId)!.requestedQty })) });
  for (const l of lines) {
    const c = changed.get(l.id);
    tx.update(orderLines).set({ approvedQty: c ? c.approvedQty : l.requestedQty, approvalReason: c ? c.reason : null }).where(eq(orderLines.id, l.id)).run();
  }
  tx.update(orders).set({ approvedBy: user.id }).where(eq(orders.id, orderId)).run();
}

/** Rejects a submitted order with a reason; it goes back to the facility. */
export function rejectOrder(tx: Tx, orderId: number, reason: string, user: Me, now: Date): void {
  const order = loadOrderRow(tx, orderId);
  checkSeparation(order, user);
  transition(tx, order, "reject", user.id, now, { reason });
  tx.update(orders).set({ rejectionReason: reason }).where(eq(orders.id, orderId)).run();
}

/** Closes a delivered order: the facility confirms what arrived (stock moved at delivery). */
export function receiveOrder(tx: Tx, orderId: number, userId: number | null, now: Date): void {
  transition(tx, loadOrderRow(tx, orderId), "receive", userId, now);
}
