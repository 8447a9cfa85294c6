/**
 * Read side of the last mile: the delivery state of a plan's stops (the applied delivery, and the refused ones
 * the depot must see), the drivers' names, and the returns riding back to a depot.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { deliveries, deliveryReturns, facilities, lots, products, routePlans, users } from "../../db/schema";
import type { DeliveryRefusal, ReturnLine, SkipReason, StopDelivery } from "../../shared/contracts/deliveries";
import { recordedStopState } from "../../shared/domain/deliveries";
import { PENDING_DELIVERY } from "../presenters/routePlan";

/** Stop id → delivery state, for the stops of a plan that have a delivery (applied or refused). */
export function stopDeliveries(db: Db | Tx, planId: number): Map<number, StopDelivery> {
  const rows = db
    .select()
    .from(deliveries)
    .where(eq(deliveries.planId, planId))
    .orderBy(asc(deliveries.recordedAt))
    .all();
  const out = new Map<number, StopDelivery>();
  for (const r of rows) {
    const state = out.get(r.stopId) ?? { ...PENDING_DELIVERY, refused: [] };
    if (r.outcome === "refused")
      state.refused.push({
        deliveryId: r.id,
        code: r.refusalCode as DeliveryRefusal,
        message: r.refusalMessage ?? "",
        recordedAt: r.recordedAt,
        byUserId: r.userId,
      });
    else
      Object.assign(state, {
        state: recordedStopState(r),
        deliveryId: r.id,
        recordedAt: r.recordedAt,
        arrivedAt: r.arrivedAt,
        departedAt: r.departedAt,
        skipReason: r.skipReason as SkipReason | null,
        recipient: r.recipient,
        acceptedUnits: r.acceptedUnits,
        rejectedUnits: r.rejectedUnits,
      });
    out.set(r.stopId, state);
  }
  return out;
}

/** User id → display name. */
export function userNames(db: Db | Tx, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.id, ids))
      .all()
      .map((u) => [u.id, u.name]),
  );
}

/** Facility id → the display name of its active CSCom manager (who receives deliveries there). */
export function facilityContacts(db: Db | Tx, facilityIds: string[]): Map<string, string> {
  if (facilityIds.length === 0) return new Map();
  return new Map(
    db
      .select({ facilityId: users.scopeFacilityId, name: users.displayName })
      .from(users)
      .where(and(inArray(users.scopeFacilityId, facilityIds), eq(users.role, "cscom_manager"), eq(users.active, true)))
      .orderBy(asc(users.id))
      .all()
      .reverse()
      .map((u) => [u.facilityId!, u.name]),
  );
}

/** The returns of a depot: riding back (not yet received) or received, newest first. */
export function listReturns(db: Db, depotId: string, status: "in_transit" | "received"): ReturnLine[] {
  const place = facilities;
  return db
    .select({
      r: deliveryReturns,
      d: deliveries,
      f: place.name,
      p: products,
      lot: lots,
      date: routePlans.date,
      driver: users.displayName,
    })
    .from(deliveryReturns)
    .innerJoin(deliveries, eq(deliveries.id, deliveryReturns.deliveryId))
    .innerJoin(place, eq(place.id, deliveryReturns.facilityId))
    .innerJoin(products, eq(products.id, deliveryReturns.productId))
    .innerJoin(lots, eq(lots.id, deliveryReturns.lotId))
    .innerJoin(routePlans, eq(routePlans.id, deliveries.planId))
    .innerJoin(users, eq(users.id, deliveries.userId))
    .where(
      and(
        eq(deliveryReturns.depotId, depotId),
        status === "in_transit" ? isNull(deliveryReturns.receivedAt) : isNotNull(deliveryReturns.receivedAt),
      ),
    )
    .orderBy(desc(deliveries.recordedAt), asc(deliveryReturns.id))
    .limit(1000)
    .all()
    .map(({ r, d, f, p, lot, date, driver }) => ({
      id: r.id,
      deliveryId: r.deliveryId,
      kind: r.kind,
      reason: r.reason,
      facilityId: r.facilityId,
      facilityName: f,
      orderId: r.orderId,
      productId: p.id,
      productCode: p.code,
      genericName: `${p.genericName} ${p.strength}`.trim(),
      packSize: p.packSize,
      lotId: lot.id,
      lotCode: lot.lotCode,
      expiry: lot.expiry,
      qtyUnits: r.qtyUnits,
      receivedQtyUnits: r.receivedQtyUnits,
      receivedAt: r.receivedAt,
      routePlanId: d.planId,
      planDate: date,
      driverName: driver,
      recordedAt: d.recordedAt,
    }));
}
