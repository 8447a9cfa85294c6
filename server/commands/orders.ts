/** Orders from a submitted report, and their review: edit, submit, approve (separation of duties), reject. */
import type Database from "better-sqlite3";
import { and, eq, inArray } from "drizzle-orm";
import { facilities, orderEvents, orderLines, orders, products, supplyLines } from "../../db/schema";
import type { Me } from "../../shared/contracts/auth";
import { nextStatus, type OrderStatus, type OrderTransition } from "../../shared/domain/orders";
import { AppError } from "../../shared/errors";
import type { Tx } from "../../db/client";
import { runOrderCycle } from "./orderCycle";
import { assertPlausible } from "./plausibility";
import { loadReportRow } from "./reports";
import { fieldError } from "../fieldError";

/** The order row, or 404. */
export function loadOrderRow(tx: Tx, id: number) {
  const row = tx.select().from(orders).where(eq(orders.id, id)).get();
  if (!row) throw new AppError("not_found", `Unknown order ${id}`);
  return row;
}

/** The ids of an order's lines. */
export function orderLineIds(tx: Tx, orderId: number): number[] {
  return tx
    .select({ id: orderLines.id })
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId))
    .all()
    .map((l) => l.id);
}

/** A closed facility gets no orders: an order of one is neither submitted nor approved (`facility_closed`). */
function refuseClosed(tx: Tx, orderId: number): void {
  const row = tx
    .select({ facilityId: facilities.id, active: facilities.active })
    .from(orders)
    .innerJoin(facilities, eq(facilities.id, orders.facilityId))
    .where(eq(orders.id, orderId))
    .get();
  if (row && !row.active)
    throw new AppError("facility_closed", `${row.facilityId} is closed: it gets no orders`, {
      facilityId: row.facilityId,
    });
}

/** Moves an order through a transition, or refuses with invalid_transition; records the event. */
export function transition(
  tx: Tx,
  order: { id: number; status: OrderStatus },
  t: OrderTransition,
  userId: number | null,
  now: Date,
  changes?: unknown,
): OrderStatus {
  const to = nextStatus(order.status, t);
  if (to && (t === "submit" || t === "approve")) refuseClosed(tx, order.id);
  if (!to)
    throw new AppError("invalid_transition", `Cannot ${t} an order that is ${order.status}`, {
      status: order.status,
      transition: t,
    });
  tx.update(orders).set({ status: to, updatedAt: now.toISOString() }).where(eq(orders.id, order.id)).run();
  tx.insert(orderEvents)
    .values({
      orderId: order.id,
      at: now.toISOString(),
      userId,
      fromStatus: order.status,
      toStatus: to,
      changes: changes === undefined ? null : JSON.stringify(changes),
    })
    .run();
  return to;
}

/** The supplier of a facility for a programme (its supply line). */
export function supplierOf(tx: Tx, facilityId: string, programme: string): string {
  const line = tx
    .select()
    .from(supplyLines)
    .where(and(eq(supplyLines.facilityId, facilityId), eq(supplyLines.programmeCode, programme)))
    .get();
  if (!line) throw new AppError("conflict", `${facilityId} has no supplier for ${programme}`);
  return line.supplierId;
}

/**
 * Builds the draft orders of one submitted report (the same cycle as the national run): every line
 * gets its suggestion, rounded to packs; cost-recovery and free-care lines go to separate orders;
 * a budget caps the cost-recovery order, vital lines first.
 */
export function createOrdersFromReport(
  tx: Tx,
  sqlite: Database.Database,
  reportId: number,
  budgetXof: number | undefined,
  userId: number | null,
  now: Date,
): number[] {
  const report = loadReportRow(tx, reportId);
  if (report.status !== "submitted")
    throw new AppError("invalid_transition", "Submit the report before ordering from it");
  const facility = tx.select().from(facilities).where(eq(facilities.id, report.facilityId)).get();
  if (facility && !facility.active)
    throw new AppError("facility_closed", `${facility.id} is closed: it gets no orders`, { facilityId: facility.id });
  if (tx.select({ id: orders.id }).from(orders).where(eq(orders.reportId, reportId)).get())
    throw new AppError("conflict", "Orders were already created from this report");
  return runOrderCycle(sqlite, {
    period: report.period,
    reportIds: [reportId],
    status: "draft",
    userId,
    now,
    budgetXof,
  }).orderIds;
}

/** Changes requested quantities while the order is a draft (or back from rejection). */
export function editOrderLines(
  tx: Tx,
  orderId: number,
  lines: { lineId: number; requestedQty: number }[],
  userId: number | null,
  now: Date,
  confirmImplausible?: boolean,
): void {
  const order = loadOrderRow(tx, orderId);
  if (!nextStatus(order.status, "edit"))
    throw new AppError("invalid_transition", `Cannot edit an order that is ${order.status}`);
  checkOrderQuantities(
    tx,
    order,
    lines.map((l, i) => ({ lineId: l.lineId, qty: l.requestedQty, path: `lines.${i}.requestedQty` })),
    "order.requested",
    confirmImplausible,
    now,
  );
  lines.forEach((l, i) => {
    const done = tx
      .update(orderLines)
      .set({ requestedQty: l.requestedQty })
      .where(and(eq(orderLines.id, l.lineId), eq(orderLines.orderId, orderId)))
      .run();
    if (done.changes === 0) fieldError(`lines.${i}.lineId`, `line ${l.lineId} is not a line of order ${orderId}`);
  });
  tx.insert(orderEvents)
    .values({
      orderId,
      at: now.toISOString(),
      userId,
      fromStatus: order.status,
      toStatus: order.status,
      changes: JSON.stringify({ edited: lines }),
    })
    .run();
}

/**
 * A quantity typed on an order line is checked like any other against the ordering facility's AMC and maximum
 * stock (assertPlausible): far above them, it needs the request's confirmation.
 */
function checkOrderQuantities(
  tx: Tx,
  order: { id: number; facilityId: string },
  typed: { lineId: number; qty: number; path: string }[],
  field: "order.requested" | "order.approved",
  confirmed: boolean | undefined,
  now: Date,
): void {
  const lineOf = new Map(
    tx
      .select({ id: orderLines.id, productId: orderLines.productId, amc: orderLines.amc })
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id))
      .all()
      .map((l) => [l.id, l]),
  );
  assertPlausible(
    tx,
    order.facilityId,
    typed.flatMap((t) => {
      const line = lineOf.get(t.lineId);
      return line === undefined
        ? []
        : [{ path: t.path, field, value: t.qty, productId: line.productId, amc: line.amc }];
    }),
    confirmed,
    now,
  );
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
export function approveOrder(
  tx: Tx,
  orderId: number,
  changes: { lineId: number; approvedQty: number; reason: string }[],
  user: Me,
  now: Date,
  confirmImplausible?: boolean,
): void {
  const order = loadOrderRow(tx, orderId);
  checkSeparation(order, user);
  const lines = tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).all();
  const byId = new Map(lines.map((l) => [l.id, l]));
  changes.forEach((c, i) => {
    if (!byId.has(c.lineId)) fieldError(`lines.${i}.lineId`, `line ${c.lineId} is not a line of order ${orderId}`);
  });
  checkOrderQuantities(
    tx,
    order,
    changes.map((c, i) => ({ lineId: c.lineId, qty: c.approvedQty, path: `lines.${i}.approvedQty` })),
    "order.approved",
    confirmImplausible,
    now,
  );
  const changed = new Map(changes.map((c) => [c.lineId, c]));
  transition(tx, order, "approve", user.id, now, {
    changed: changes.map((c) => ({ ...c, requestedQty: byId.get(c.lineId)!.requestedQty })),
  });
  // Each line keeps the price of the day it is approved: a later price change never alters an approved order.
  const prices = new Map(
    tx
      .select({ id: products.id, price: products.pricePerPackXof })
      .from(products)
      .where(inArray(products.id, [...new Set(lines.map((l) => l.productId)), -1]))
      .all()
      .map((p) => [p.id, p.price]),
  );
  for (const l of lines) {
    const c = changed.get(l.id);
    tx.update(orderLines)
      .set({
        approvedQty: c ? c.approvedQty : l.requestedQty,
        approvalReason: c ? c.reason : null,
        pricePerPackXof: prices.get(l.productId)!,
      })
      .where(eq(orderLines.id, l.id))
      .run();
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
