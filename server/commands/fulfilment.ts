/**
 * Fulfilment at the supplying depot: FEFO pick list, shipping (stock leaves the depot), back-order
 * or escalation of what could not be picked, and proof of delivery (stock enters the facility;
 * rejected quantities return to the depot). Each end of the chain moves exactly once.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import {
  deliveryReturns,
  lots,
  orderEvents,
  orderLineLots,
  orderLines,
  orders,
  stockReportLines,
} from "../../db/schema";
import { readCalculation, storeCalculation, withReportPeriods } from "../../shared/domain/replenishment";
import type { LinePick } from "../../shared/contracts/replenishment";
import { pickFefo } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import type { Tx } from "../../db/client";
import { reservations } from "../queries/reservations";
import { appendLines, shelfLots, type LineInput } from "./ledger";
import { loadOrderRow, orderLineIds, supplierOf, transition } from "./orders";
import { fieldError } from "../fieldError";
import { minShelfLifeDays } from "./stockRefs";

/** Starts picking an approved order: FEFO over the depot's usable lots, less what other picked orders reserve. */
export function pickOrder(tx: Tx, orderId: number, userId: number | null, now: Date): LinePick[] {
  const order = loadOrderRow(tx, orderId);
  transition(tx, order, "pick", userId, now);
  const held = reservations(tx, order.supplierId, { exceptOrderId: orderId });
  const shelfLife = minShelfLifeDays(tx);
  const picks: LinePick[] = [];
  for (const line of tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).all()) {
    const approvedQty = line.approvedQty ?? 0;
    if (approvedQty === 0) continue;
    const shelf = shelfLots(tx, order.supplierId, line.productId, line.fundingSource, { reserved: held }).map((l) => ({
      lotId: l.lotId,
      lotCode: l.lotCode,
      expiry: l.expiry,
      qtyOnHand: l.available,
    }));
    const pick = pickFefo({
      lots: shelf,
      quantity: approvedQty,
      asOf: now.toISOString().slice(0, 10),
      minShelfLifeDays: shelfLife,
    });
    for (const a of pick.allocations)
      tx.insert(orderLineLots).values({ orderLineId: line.id, lotId: a.lotId, pickedQty: a.qty }).run();
    picks.push({
      lineId: line.id,
      productId: line.productId,
      approvedQty,
      pickedQty: pick.allocated,
      shortfall: pick.shortfall,
      blocked: pick.blocked,
    });
  }
  return picks;
}

/**
 * Cancels the pick of an order being picked: its lots are released (the rows of the pick list are removed, the
 * order's history keeps them) and the order is approved again, to be picked later — no order stays in picking.
 */
export function unpickOrder(tx: Tx, orderId: number, userId: number | null, now: Date): { released: number } {
  const order = loadOrderRow(tx, orderId);
  const lineIds = orderLineIds(tx, orderId);
  const picked = tx
    .select()
    .from(orderLineLots)
    .where(inArray(orderLineLots.orderLineId, [...lineIds, -1]))
    .all();
  transition(tx, order, "unpick", userId, now, {
    released: picked.map((p) => ({ lineId: p.orderLineId, lotId: p.lotId, qty: p.pickedQty })),
  });
  tx.delete(orderLineLots)
    .where(inArray(orderLineLots.orderLineId, [...lineIds, -1]))
    .run();
  return { released: picked.reduce((s, p) => s + p.pickedQty, 0) };
}

/**
 * Ships a picked order: one transfer_out per picked lot at the depot. What could not be picked is
 * back-ordered (a new approved order for the remainder) or escalated (a line on the depot's own
 * draft order to its supplier), in the same transaction.
 */
export function shipOrder(
  tx: Tx,
  orderId: number,
  action: "backorder" | "escalate",
  userId: number | null,
  now: Date,
): { batchId: string; followUpOrderId: number | null } {
  const order = loadOrderRow(tx, orderId);
  transition(tx, order, "ship", userId, now, { shortfallAction: action });
  const lines = tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).all();
  const picked = tx
    .select()
    .from(orderLineLots)
    .where(inArray(orderLineLots.orderLineId, lines.map((l) => l.id).concat(-1)))
    .all();
  const batchId = randomUUID();
  const ledger: LineInput[] = [];
  const shortfalls: { line: (typeof lines)[number]; qty: number }[] = [];
  for (const line of lines) {
    const mine = picked.filter((p) => p.orderLineId === line.id);
    const shipped = mine.reduce((s, p) => s + p.pickedQty, 0);
    for (const p of mine) {
      ledger.push({
        facilityId: order.supplierId,
        productId: line.productId,
        lotId: p.lotId,
        fundingSource: line.fundingSource,
        type: "transfer_out",
        qtyDelta: -p.pickedQty,
        occurredAt: now.toISOString(),
        counterpartyId: order.facilityId,
        reference: `Commande #${orderId}`,
      });
      tx.update(orderLineLots).set({ shippedQty: p.pickedQty }).where(eq(orderLineLots.id, p.id)).run();
    }
    const shortfall = Math.max(0, (line.approvedQty ?? 0) - shipped);
    // Shipped again after a skipped stop came back: its shortfall was followed up the first time.
    const followedUp = line.shortfallAction !== null;
    tx.update(orderLines)
      .set({
        shippedQty: shipped,
        shortfallQty: shortfall,
        shortfallAction: followedUp ? line.shortfallAction : shortfall > 0 ? action : null,
      })
      .where(eq(orderLines.id, line.id))
      .run();
    if (shortfall > 0 && !followedUp) shortfalls.push({ line, qty: shortfall });
  }
  // Stock may have changed since picking: appendLines refuses to go below zero and rolls everything back.
  appendLines(
    tx,
    ledger.filter((l) => l.qtyDelta !== 0),
    { batchId, recordedAt: now.toISOString(), userId },
  );
  const followUpOrderId =
    shortfalls.length === 0
      ? null
      : action === "backorder"
        ? backorder(tx, order, shortfalls, userId, now)
        : escalate(tx, order, shortfalls, userId, now);
  return { batchId, followUpOrderId };
}

type OrderRow = ReturnType<typeof loadOrderRow>;
type Shortfall = { line: typeof orderLines.$inferSelect; qty: number };

/** A shortfall as a line of another order; inputs that refer to the source order's report line get its periods written out. */
function copyLine(tx: Tx, source: OrderRow, s: Shortfall, orderId: number, kind: "backorder" | "escalation") {
  const { id: _id, ...line } = s.line;
  const calc = readCalculation(line.explanation);
  const basis = () =>
    source.reportId === null
      ? null
      : (tx
          .select({ basis: stockReportLines.amcBasis })
          .from(stockReportLines)
          .where(
            and(
              eq(stockReportLines.reportId, source.reportId),
              eq(stockReportLines.productId, line.productId),
              eq(stockReportLines.fundingSource, line.fundingSource),
            ),
          )
          .get()?.basis ?? null);
  const inputs = withReportPeriods(calc.inputs, basis);
  const explanation = storeCalculation({
    inputs,
    notes: [...calc.notes, { key: kind, values: { qty: s.qty, orderId: source.id } }],
  });
  return {
    ...line,
    orderId,
    requestedQty: s.qty,
    suggestedQty: s.qty,
    approvedQty: null,
    approvalReason: null,
    pricePerPackXof: null,
    shippedQty: 0,
    acceptedQty: 0,
    rejectedQty: 0,
    shortfallQty: 0,
    shortfallAction: null,
    explanation,
  };
}

/** A new order for the remainder, already approved, to be picked when stock arrives. */
function backorder(tx: Tx, order: OrderRow, shortfalls: Shortfall[], userId: number | null, now: Date): number {
  const at = now.toISOString();
  const id = tx
    .insert(orders)
    .values({
      ...order,
      id: undefined,
      kind: "backorder",
      status: "approved",
      parentOrderId: order.id,
      reportId: null,
      createdBy: userId,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: orders.id })
    .get().id;
  for (const s of shortfalls) {
    const line = copyLine(tx, order, s, id, "backorder");
    // A back-order continues an approved order: it keeps the price that order was approved at.
    tx.insert(orderLines)
      .values({ ...line, approvedQty: s.qty, pricePerPackXof: s.line.pricePerPackXof })
      .run();
  }
  tx.insert(orderEvents)
    .values({
      orderId: id,
      at,
      userId,
      fromStatus: null,
      toStatus: "approved",
      changes: JSON.stringify({ backorderOf: order.id }),
    })
    .run();
  return id;
}

/** The depot's own draft order to its supplier for the month and flow, created (with its event) when missing. */
function depotDraft(tx: Tx, order: OrderRow, shortfalls: Shortfall[], userId: number | null, at: string): OrderRow {
  const depot = order.supplierId;
  const draft = tx
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.facilityId, depot),
        eq(orders.period, order.period),
        eq(orders.flow, order.flow),
        eq(orders.status, "draft"),
      ),
    )
    .get();
  if (draft) return draft;
  const supplierId = supplierOf(tx, depot, shortfalls[0]!.line.fundingSource);
  const target = tx
    .insert(orders)
    .values({
      facilityId: depot,
      supplierId,
      period: order.period,
      flow: order.flow,
      kind: "escalation",
      status: "draft",
      parentOrderId: order.id,
      createdBy: userId,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
    .get();
  tx.insert(orderEvents)
    .values({
      orderId: target.id,
      at,
      userId,
      fromStatus: null,
      toStatus: "draft",
      changes: JSON.stringify({ escalatedFrom: order.id }),
    })
    .run();
  return target;
}

/** Adds the shortfall to the depot's own draft order to its supplier (created if needed). */
function escalate(tx: Tx, order: OrderRow, shortfalls: Shortfall[], userId: number | null, now: Date): number {
  const at = now.toISOString();
  const target = depotDraft(tx, order, shortfalls, userId, at);
  for (const s of shortfalls) {
    const existing = tx
      .select()
      .from(orderLines)
      .where(
        and(
          eq(orderLines.orderId, target.id),
          eq(orderLines.productId, s.line.productId),
          eq(orderLines.fundingSource, s.line.fundingSource),
        ),
      )
      .get();
    if (existing)
      tx.update(orderLines)
        .set({ requestedQty: existing.requestedQty + s.qty })
        .where(eq(orderLines.id, existing.id))
        .run();
    else
      tx.insert(orderLines)
        .values(copyLine(tx, order, s, target.id, "escalation"))
        .run();
  }
  tx.insert(orderEvents)
    .values({
      orderId: target.id,
      at,
      userId,
      fromStatus: target.status,
      toStatus: target.status,
      changes: JSON.stringify({
        escalatedFrom: order.id,
        lines: shortfalls.map((s) => ({ productId: s.line.productId, qty: s.qty })),
      }),
    })
    .run();
  return target.id;
}

/** Whether a skipped stop's goods of the order are still riding back to the depot (not yet received there). */
export function skippedInTransit(tx: Tx, orderId: number): boolean {
  return (
    tx
      .select({ id: deliveryReturns.id })
      .from(deliveryReturns)
      .where(
        and(
          eq(deliveryReturns.orderId, orderId),
          eq(deliveryReturns.kind, "skipped"),
          isNull(deliveryReturns.receivedAt),
        ),
      )
      .get() !== undefined
  );
}

/** One lot of a proof of delivery. */
export interface PodLot {
  lotId: number;
  acceptedQty: number;
  rejectedQty: number;
  reason?: string | undefined;
}

/** Delivered before it left the depot would put the stock at both ends at once. */
function checkShippedBefore(tx: Tx, orderId: number, at: string): void {
  const shippedAt = tx
    .select({ at: orderEvents.at })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.toStatus, "shipped")))
    .get()?.at;
  if (shippedAt && new Date(at).toISOString() < shippedAt)
    fieldError("deliveredAt", `must not be before the order was shipped (${shippedAt})`);
}

type LineRow = typeof orderLines.$inferSelect;

/** The ledger lines of one lot delivered: accepted in at the facility, rejected back at the depot. */
function podLines(
  order: OrderRow,
  line: LineRow,
  p: PodLot,
  at: string,
  now: Date,
  rejected: "return_now" | "in_transit",
): LineInput[] {
  const base = {
    productId: line.productId,
    lotId: p.lotId,
    fundingSource: line.fundingSource,
    type: "transfer_in" as const,
    occurredAt: at,
    reference: `Commande #${order.id}`,
  };
  const out: LineInput[] = [];
  if (p.acceptedQty > 0)
    out.push({ ...base, facilityId: order.facilityId, qtyDelta: p.acceptedQty, counterpartyId: order.supplierId });
  // Rejected stock returns to the depot when the proof of delivery is recorded (the depot's past may be closed),
  // unless it rides back on the truck (a driver's delivery: received at the depot later).
  if (p.rejectedQty > 0 && rejected === "return_now")
    out.push({
      ...base,
      facilityId: order.supplierId,
      qtyDelta: p.rejectedQty,
      occurredAt: now.toISOString(),
      counterpartyId: order.facilityId,
      note: `Refusé à la livraison : ${p.reason}`,
    });
  return out;
}

/** Each line's accepted and rejected totals, from the lots of the proof of delivery. */
function setLineTotals(tx: Tx, lines: Iterable<LineRow>, shippedLineIds: Set<number>, pod: PodEntry[]): void {
  for (const line of lines) {
    if (!shippedLineIds.has(line.id)) continue;
    const got = (k: "acceptedQty" | "rejectedQty") =>
      pod
        .filter((e) => e.lineId === line.id)
        .flatMap((e) => e.lots)
        .reduce((s, l) => s + l[k], 0);
    tx.update(orderLines)
      .set({ acceptedQty: got("acceptedQty"), rejectedQty: got("rejectedQty") })
      .where(eq(orderLines.id, line.id))
      .run();
  }
}

/** One line of a proof of delivery. */
type PodEntry = { lineId: number; lots: PodLot[] };

/**
 * Records the proof of delivery: for every shipped lot, accepted + rejected = shipped. Accepted
 * stock enters the facility; rejected stock returns to the depot with its reason — at once (a proof
 * typed from paper once the truck is back), or not here when `rejected` is "in_transit" (a driver's
 * delivery: the caller keeps it riding back until the depot confirms its return).
 */
export function deliverOrder(
  tx: Tx,
  orderId: number,
  pod: PodEntry[],
  at: string,
  userId: number | null,
  now: Date,
  rejected: "return_now" | "in_transit" = "return_now",
): string {
  const order = loadOrderRow(tx, orderId);
  checkShippedBefore(tx, orderId, at);
  if (skippedInTransit(tx, orderId))
    throw new AppError("conflict", `Order ${orderId} was not delivered: its goods are riding back to the depot`);
  transition(tx, order, "deliver", userId, now, { pod });
  const lines = new Map(
    tx
      .select()
      .from(orderLines)
      .where(eq(orderLines.orderId, orderId))
      .all()
      .map((l) => [l.id, l]),
  );
  const shippedLots = tx
    .select({ ll: orderLineLots, lot: lots })
    .from(orderLineLots)
    .innerJoin(lots, eq(lots.id, orderLineLots.lotId))
    .where(inArray(orderLineLots.orderLineId, [...lines.keys(), -1]))
    .all();
  const seen = new Set<number>();
  const ledger: LineInput[] = [];
  pod.forEach((entry, i) => {
    const line = lines.get(entry.lineId);
    if (!line) fieldError(`lines.${i}.lineId`, `line ${entry.lineId} is not a line of order ${orderId}`);
    entry.lots.forEach((p, j) => {
      const shipped = shippedLots.find(
        (s) => s.ll.orderLineId === line.id && s.ll.lotId === p.lotId && s.ll.shippedQty > 0,
      );
      const path = `lines.${i}.lots.${j}`;
      if (!shipped) fieldError(`${path}.lotId`, `lot ${p.lotId} was not shipped on line ${line.id}`);
      if (seen.has(shipped.ll.id)) fieldError(`${path}.lotId`, `lot ${p.lotId} appears twice`);
      seen.add(shipped.ll.id);
      if (p.acceptedQty + p.rejectedQty !== shipped.ll.shippedQty)
        fieldError(`${path}.acceptedQty`, `accepted + rejected must equal the ${shipped.ll.shippedQty} shipped`);
      tx.update(orderLineLots)
        .set({ acceptedQty: p.acceptedQty, rejectedQty: p.rejectedQty, rejectionReason: p.reason ?? null })
        .where(eq(orderLineLots.id, shipped.ll.id))
        .run();
      ledger.push(...podLines(order, line, p, at, now, rejected));
    });
  });
  const missing = shippedLots.filter((s) => s.ll.shippedQty > 0 && !seen.has(s.ll.id));
  if (missing.length > 0)
    fieldError(
      "lines",
      `the proof of delivery must cover every shipped lot (missing: ${missing.map((m) => m.lot.lotCode).join(", ")})`,
    );
  setLineTotals(tx, lines.values(), new Set(shippedLots.map((s) => s.ll.orderLineId)), pod);
  const batchId = randomUUID();
  appendLines(tx, ledger, { batchId, recordedAt: now.toISOString(), userId, atPath: "deliveredAt" });
  return batchId;
}
