/** Stock reserved at a facility by picked orders (status picking): it may leave only with their shipment. */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";

/** What picked orders hold of one lot × funding source. */
export interface Reservation {
  qty: number;
  orderIds: number[];
}

/** Key of a reservation: lot × funding source. */
export const reservationKey = (lotId: number, fundingSource: string) => `${lotId}|${fundingSource}`;

/**
 * Reservations at the supplier, per lot × funding source, of every order being picked except `exceptOrderId`
 * (the order that is being picked or shipped itself), optionally for one product.
 */
export function reservations(
  db: Db | Tx,
  supplierId: string,
  opts: { exceptOrderId?: number; productId?: number } = {},
): Map<string, Reservation> {
  const rows = db.all<{ lot_id: number; funding_source: string; order_id: number; qty: number }>(sql`
    select ll.lot_id, l.funding_source, o.id order_id, sum(ll.picked_qty) qty
    from order_line_lots ll
    join order_lines l on l.id = ll.order_line_id
    join orders o on o.id = l.order_id
    where o.supplier_id = ${supplierId} and o.status = 'picking' and o.id <> ${opts.exceptOrderId ?? -1}
      and (${opts.productId ?? null} is null or l.product_id = ${opts.productId ?? null})
    group by 1, 2, 3`);
  const out = new Map<string, Reservation>();
  for (const r of rows) {
    const key = reservationKey(r.lot_id, r.funding_source);
    const entry = out.get(key) ?? { qty: 0, orderIds: [] };
    entry.qty += r.qty;
    entry.orderIds.push(r.order_id);
    out.set(key, entry);
  }
  return out;
}
