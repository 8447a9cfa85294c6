/**
 * A delivery recorded at a stop of a published route plan (POST /deliveries), applied exactly once: keyed by
 * the tablet's `deliveryId`, a delivery posted again — by any session, under any Idempotency-Key — answers what
 * was decided the first time. Applying it records the proof of delivery on every order of the stop
 * (deliverOrder: accepted stock enters the facility), and keeps what was rejected, or the whole stop's goods
 * when it was skipped, riding back to the depot (delivery_returns) until the depot confirms their return. A
 * delivery that can no longer apply (plan unpublished, stop moved off the driver's route, order no longer
 * shipped, stop already recorded) is stored as refused with its reason, which the driver and the depot see.
 * Bad input (more than shipped, unknown lot, a lot left out) is a field error and stores nothing.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client";
import {
  deliveries,
  deliveryReturns,
  orderEvents,
  orderLineLots,
  orderLines,
  orders,
  routePlanVehicles,
  routePlans,
  routeStops,
} from "../../db/schema";
import type { Me } from "../../shared/contracts/auth";
import type {
  DeliveryCreate,
  DeliveryLineInput,
  DeliveryRefusal,
  DeliveryResult,
} from "../../shared/contracts/deliveries";
import { deliveryLineIssues, recordedStopState } from "../../shared/domain/deliveries";
import { AppError } from "../../shared/errors";
import type { AuditEntry } from "../audit";
import { deliverOrder, skippedInTransit, type PodLot } from "./fulfilment";
import { fieldError } from "../fieldError";

type DeliveryRow = typeof deliveries.$inferSelect;
type ShippedLot = {
  orderId: number;
  lineId: number;
  lotId: number;
  productId: number;
  fundingSource: string;
  shippedQty: number;
};

/** What the route answers and audits. */
export interface DeliveryOutcome {
  status: number;
  body: unknown;
  audit: AuditEntry[];
}

/** French and English are the web's; this message is for API clients and the audit log. */
const REFUSAL_MESSAGES: Record<DeliveryRefusal, string> = {
  plan_not_published: "The route plan is no longer published",
  stop_not_on_your_route: "This stop is no longer on your route",
  stop_already_recorded: "A delivery was already recorded at this stop",
  order_not_shipped: "An order of this stop is no longer shipped (cancelled, re-planned or already delivered)",
  order_returning: "An order of this stop is riding back to the depot after a skipped stop",
};

/** The stored answer of a delivery (applied: its result; refused: the error). */
function answerOf(row: DeliveryRow, orderIds: number[], returningUnits: number): { status: number; body: unknown } {
  if (row.outcome === "refused") {
    const code = row.refusalCode as DeliveryRefusal;
    return {
      status: 409,
      body: {
        error: {
          code: "delivery_refused",
          message: row.refusalMessage ?? REFUSAL_MESSAGES[code],
          details: { reason: code, deliveryId: row.id },
        },
      },
    };
  }
  const result: DeliveryResult = {
    deliveryId: row.id,
    routePlanId: row.planId,
    stopId: row.stopId,
    outcome: "applied",
    state: recordedStopState(row),
    orderIds,
    acceptedUnits: row.acceptedUnits,
    rejectedUnits: row.rejectedUnits,
    returningUnits,
    recordedAt: row.recordedAt,
  };
  return { status: 201, body: result };
}

/** Every shipped lot of the orders, with its line. */
function shippedLots(tx: Tx, orderIds: number[]): ShippedLot[] {
  return tx
    .select({
      orderId: orderLines.orderId,
      lineId: orderLines.id,
      lotId: orderLineLots.lotId,
      productId: orderLines.productId,
      fundingSource: orderLines.fundingSource,
      shippedQty: orderLineLots.shippedQty,
    })
    .from(orderLineLots)
    .innerJoin(orderLines, eq(orderLines.id, orderLineLots.orderLineId))
    .where(inArray(orderLines.orderId, [...orderIds, -1]))
    .all()
    .filter((l) => l.shippedQty > 0);
}

/** Checks the lines against what was shipped (the shared rule); the first issue is the field error. */
function checkLines(lines: DeliveryLineInput[], shipped: ShippedLot[]) {
  const issues = deliveryLineIssues(shipped, lines);
  if (issues.length > 0)
    throw new AppError("validation_failed", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
}

/** The stop, its plan and its route's driver; the stop must belong to the plan named. */
function loadStop(tx: Tx, planId: number, stopId: number) {
  const row = tx
    .select({ stop: routeStops, plan: routePlans, driverUserId: routePlanVehicles.driverUserId })
    .from(routeStops)
    .innerJoin(routePlans, eq(routePlans.id, routeStops.planId))
    .innerJoin(routePlanVehicles, eq(routePlanVehicles.id, routeStops.vehicleId))
    .where(eq(routeStops.id, stopId))
    .get();
  if (!row) throw new AppError("not_found", `Unknown route stop ${stopId}`);
  if (row.plan.id !== planId) fieldError("stopId", `stop ${stopId} is not a stop of route plan ${planId}`);
  return { ...row, orderIds: row.stop.orderIds === null ? [] : (JSON.parse(row.stop.orderIds) as number[]) };
}

/** Why the delivery cannot apply now, or null. */
function refusalOf(tx: Tx, ctx: ReturnType<typeof loadStop>, user: Me): DeliveryRefusal | null {
  if (ctx.plan.status !== "published") return "plan_not_published";
  if (user.role === "driver" && ctx.driverUserId !== user.id) return "stop_not_on_your_route";
  const applied = tx
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.stopId, ctx.stop.id), eq(deliveries.outcome, "applied")))
    .get();
  if (applied) return "stop_already_recorded";
  const statuses = tx
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(inArray(orders.id, [...ctx.orderIds, -1]))
    .all();
  if (statuses.length !== ctx.orderIds.length || statuses.some((o) => o.status !== "shipped"))
    return "order_not_shipped";
  if (ctx.orderIds.some((id) => skippedInTransit(tx, id))) return "order_returning";
  return null;
}

/** Writes the quantities that ride back to the depot. */
function addReturns(
  tx: Tx,
  base: { deliveryId: string; depotId: string; facilityId: string },
  items: { lot: ShippedLot; qty: number; kind: "rejected" | "skipped"; reason: string | null }[],
): number {
  for (const { lot, qty, kind, reason } of items)
    tx.insert(deliveryReturns)
      .values({
        ...base,
        orderId: lot.orderId,
        orderLineId: lot.lineId,
        productId: lot.productId,
        lotId: lot.lotId,
        fundingSource: lot.fundingSource,
        kind,
        reason,
        qtyUnits: qty,
      })
      .run();
  return items.reduce((n, i) => n + i.qty, 0);
}

/** Applies a delivered or skipped stop to its orders; returns accepted, rejected and returning units. */
function apply(tx: Tx, input: DeliveryCreate, ctx: ReturnType<typeof loadStop>, userId: number, now: Date) {
  const shipped = shippedLots(tx, ctx.orderIds);
  const base = { deliveryId: input.deliveryId, depotId: ctx.plan.depotId, facilityId: ctx.stop.facilityId };
  if (input.status === "skipped") {
    for (const orderId of ctx.orderIds)
      tx.insert(orderEvents)
        .values({
          orderId,
          at: now.toISOString(),
          userId,
          fromStatus: "shipped",
          toStatus: "shipped",
          changes: JSON.stringify({ skipped: input.reason, deliveryId: input.deliveryId }),
        })
        .run();
    const returning = addReturns(
      tx,
      base,
      shipped.map((lot) => ({ lot, qty: lot.shippedQty, kind: "skipped" as const, reason: input.reason ?? null })),
    );
    return { accepted: 0, rejected: 0, returning };
  }
  const lines = input.lines ?? [];
  checkLines(lines, shipped);
  const orderOf = new Map(shipped.map((s) => [s.lineId, s.orderId]));
  // The tablet's clock dates the stock lines, never later than the server's, nor before the order left the depot
  // (a tablet's clock may be off; the delivery keeps the times as the driver gave them).
  const at = new Date(Math.min(Date.parse(input.departedAt ?? input.arrivedAt ?? now.toISOString()), now.getTime()));
  for (const orderId of ctx.orderIds) {
    const byLine = new Map<number, PodLot[]>();
    for (const l of lines.filter((x) => orderOf.get(x.lineId) === orderId))
      byLine.set(l.lineId, [
        ...(byLine.get(l.lineId) ?? []),
        { lotId: l.lotId, acceptedQty: l.acceptedQty, rejectedQty: l.rejectedQty, reason: l.reason },
      ]);
    const pod = [...byLine].map(([lineId, lots]) => ({ lineId, lots }));
    deliverOrder(tx, orderId, pod, notBeforeShipment(tx, orderId, at), userId, now, "in_transit");
  }
  const rejectedItems = lines
    .filter((l) => l.rejectedQty > 0)
    .map((l) => ({
      lot: shipped.find((s) => s.lineId === l.lineId && s.lotId === l.lotId)!,
      qty: l.rejectedQty,
      kind: "rejected" as const,
      reason: l.reason ?? null,
    }));
  const returning = addReturns(tx, base, rejectedItems);
  return {
    accepted: lines.reduce((n, l) => n + l.acceptedQty, 0),
    rejected: lines.reduce((n, l) => n + l.rejectedQty, 0),
    returning,
  };
}

/** `at` (ISO), or the time the order was shipped when that is later. */
function notBeforeShipment(tx: Tx, orderId: number, at: Date): string {
  const shippedAt = tx
    .select({ at: orderEvents.at })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.toStatus, "shipped")))
    .orderBy(desc(orderEvents.at))
    .get()?.at;
  const iso = at.toISOString();
  return shippedAt && shippedAt > iso ? shippedAt : iso;
}

/** Units of a delivery still riding back or returned (for a replay's answer). */
function returningUnitsOf(tx: Tx, deliveryId: string): number {
  return tx
    .select({ qty: deliveryReturns.qtyUnits })
    .from(deliveryReturns)
    .where(eq(deliveryReturns.deliveryId, deliveryId))
    .all()
    .reduce((n, r) => n + r.qty, 0);
}

/** Records (or answers again) a delivery; see the file's comment. */
export function recordDelivery(tx: Tx, input: DeliveryCreate, user: Me, now: Date): DeliveryOutcome {
  const seen = tx.select().from(deliveries).where(eq(deliveries.id, input.deliveryId)).get();
  if (seen) {
    if (seen.stopId !== input.stopId || seen.planId !== input.routePlanId)
      fieldError("deliveryId", `delivery ${input.deliveryId} was recorded for another stop`);
    const stop = tx
      .select({ orderIds: routeStops.orderIds })
      .from(routeStops)
      .where(eq(routeStops.id, seen.stopId))
      .get();
    const orderIds = stop?.orderIds ? (JSON.parse(stop.orderIds) as number[]) : [];
    return { ...answerOf(seen, orderIds, returningUnitsOf(tx, seen.id)), audit: [] };
  }
  const ctx = loadStop(tx, input.routePlanId, input.stopId);
  const refusal = refusalOf(tx, ctx, user);
  const row: typeof deliveries.$inferInsert = {
    id: input.deliveryId,
    planId: ctx.plan.id,
    stopId: ctx.stop.id,
    depotId: ctx.plan.depotId,
    facilityId: ctx.stop.facilityId,
    userId: user.id,
    status: input.status,
    outcome: refusal ? "refused" : "applied",
    refusalCode: refusal,
    refusalMessage: refusal ? REFUSAL_MESSAGES[refusal] : null,
    skipReason: input.reason ?? null,
    recipient: input.recipient ?? null,
    signaturePng: input.signature ?? null,
    arrivedAt: input.arrivedAt ?? null,
    departedAt: input.departedAt ?? null,
    lat: input.position?.lat ?? null,
    lon: input.position?.lon ?? null,
    accuracyM: input.position?.accuracyM === undefined ? null : Math.round(input.position.accuracyM),
    recordedAt: now.toISOString(),
  };
  // The row first: the returns refer to it. A field error in apply() rolls it back with everything else.
  tx.insert(deliveries).values(row).run();
  const units = refusal ? { accepted: 0, rejected: 0, returning: 0 } : apply(tx, input, ctx, user.id, now);
  const stored = tx
    .update(deliveries)
    .set({ acceptedUnits: units.accepted, rejectedUnits: units.rejected })
    .where(eq(deliveries.id, input.deliveryId))
    .returning()
    .get()!;
  const answer = answerOf(stored, ctx.orderIds, units.returning);
  const after = {
    routePlanId: ctx.plan.id,
    stopId: ctx.stop.id,
    facilityId: ctx.stop.facilityId,
    status: input.status,
    outcome: stored.outcome,
    refusal,
    orderIds: ctx.orderIds,
    acceptedUnits: units.accepted,
    rejectedUnits: units.rejected,
    returningUnits: units.returning,
  };
  const action = refusal ? "delivery.refused" : "delivery.record";
  return { ...answer, audit: [{ action, objectType: "delivery", objectId: input.deliveryId, after }] };
}

/** Whether a stop has an applied delivery (a dispatcher may no longer move it). */
export function stopDelivered(tx: Tx, stopId: number): boolean {
  return (
    tx
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.stopId, stopId), eq(deliveries.outcome, "applied")))
      .get() !== undefined
  );
}
