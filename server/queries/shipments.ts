/**
 * Shipments for route planning: orders a depot is picking or has shipped, read with their lines,
 * products and lots — the load of a stop (shared/domain/shipments) and the manifest of each order.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { lots, orderLineLots, orderLines, orders, products, routePlans, routeStops } from "../../db/schema";
import type { ManifestOrder } from "../../shared/contracts/routePlans";
import type { ShipmentLine } from "../../shared/domain/shipments";
import type { Tx } from "../../db/client";
import { READY_STATUSES } from "../../shared/domain/orders";

/** Statuses in which an order is a shipment ready to go from its supplier. */
export { READY_STATUSES };

/** An order with its manifest and, per line, the pack data that gives its load. */
export interface Shipment {
  facilityId: string;
  supplierId: string;
  manifest: ManifestOrder;
  load: ShipmentLine[];
}

/**
 * The orders of `ids` that exist, by id. Quantities are what travels: the picked quantity while
 * picking, the shipped quantity afterwards; lines and lots with nothing to deliver are left out.
 */
export function loadShipments(db: Db | Tx, ids: number[]): Map<number, Shipment> {
  const out = new Map<number, Shipment>();
  if (ids.length === 0) return out;
  const rows = db.select().from(orders).where(inArray(orders.id, ids)).all();
  const lines = db
    .select({ l: orderLines, p: products })
    .from(orderLines)
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(inArray(orderLines.orderId, ids))
    .orderBy(asc(products.genericName), asc(orderLines.id))
    .all();
  const lotRows = db
    .select({ ll: orderLineLots, lot: lots })
    .from(orderLineLots)
    .innerJoin(lots, eq(lots.id, orderLineLots.lotId))
    .where(inArray(orderLineLots.orderLineId, [...lines.map((l) => l.l.id), -1]))
    .orderBy(asc(lots.expiry), asc(lots.id))
    .all();
  for (const o of rows) {
    const picking = o.status === "picking";
    const manifest: ManifestOrder = { orderId: o.id, status: o.status, flow: o.flow, lines: [] };
    const load: ShipmentLine[] = [];
    for (const { l, p } of lines.filter((x) => x.l.orderId === o.id)) {
      const lotsOf = lotRows
        .filter((r) => r.ll.orderLineId === l.id)
        .map((r) => ({
          lotId: r.lot.id,
          lotCode: r.lot.lotCode,
          expiry: r.lot.expiry,
          qty: picking ? r.ll.pickedQty : r.ll.shippedQty,
        }))
        .filter((x) => x.qty > 0);
      const qty = picking ? lotsOf.reduce((s, x) => s + x.qty, 0) : l.shippedQty;
      if (qty <= 0) continue;
      manifest.lines.push({
        lineId: l.id,
        productId: p.id,
        productCode: p.code,
        genericName: `${p.genericName} ${p.strength}`.trim(),
        fundingSource: l.fundingSource,
        packSize: p.packSize,
        qty,
        packs: Math.round((qty / p.packSize) * 100) / 100,
        coldChain: p.coldChain,
        lots: lotsOf,
      });
      load.push({
        qty,
        packSize: p.packSize,
        packWeightG: p.packWeightG,
        packVolumeCm3: p.packVolumeCm3,
        coldChain: p.coldChain,
      });
    }
    out.set(o.id, { facilityId: o.facilityId, supplierId: o.supplierId, manifest, load });
  }
  return out;
}

/**
 * Ids of the shipments ready to go from `depotId` for `date`: its orders picking or shipped whose
 * facility is not already a stop of a published plan of that depot for that date.
 */
export function readyShipmentIds(db: Db | Tx, depotId: string, date: string): number[] {
  const planned = sql`exists (select 1 from ${routeStops} inner join ${routePlans} on ${routePlans.id} = ${routeStops.planId}
    where ${routePlans.depotId} = ${depotId} and ${routePlans.date} = ${date} and ${routePlans.status} = 'published' and ${routeStops.facilityId} = ${orders.facilityId})`;
  return db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.supplierId, depotId), inArray(orders.status, [...READY_STATUSES]), sql`not ${planned}`))
    .orderBy(asc(orders.id))
    .all()
    .map((r) => r.id);
}
