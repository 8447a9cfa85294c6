/**
 * Stock in transit between facilities: orders shipped and not yet delivered, and transfers sent and not yet
 * received. One definition for the stock positions (both sides), a depot's own order and the month's order cycle
 * (computeOrderQuantity's `inTransit`: what is on its way to the facility).
 */
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";

/** Every quantity in transit: to_id ← from_id, product, funding source, base units. */
const IN_TRANSIT = `
  select o.facility_id to_id, o.supplier_id from_id, l.product_id, l.funding_source,
         l.shipped_qty - l.accepted_qty - l.rejected_qty qty
    from order_lines l join orders o on o.id = l.order_id
   where o.status = 'shipped'
  union all
  select t.to_facility_id, t.from_facility_id, t.product_id, t.funding_source, tl.qty
    from stock_transfer_lots tl join stock_transfers t on t.id = tl.transfer_id
   where t.status = 'in_transit'`;

/** Quantities in transit to every facility: "facilityId|productId|fundingSource" → base units. */
export function incomingAll(sqlite: Database.Database): Map<string, number> {
  const rows = sqlite
    .prepare(
      `select to_id || '|' || product_id || '|' || funding_source, sum(qty) from (${IN_TRANSIT}) group by 1 having sum(qty) <> 0`,
    )
    .raw()
    .all() as [string, number][];
  return new Map(rows);
}

/** What is on its way to (incoming) and from (outgoing) one facility: "productId|fundingSource" → base units. */
export function inTransitOf(db: Db | Tx, facilityId: string) {
  const rows = db.all<{ side: "in" | "out"; product_id: number; funding_source: string; qty: number }>(sql`
    select 'in' side, product_id, funding_source, sum(qty) qty from (${sql.raw(IN_TRANSIT)}) where to_id = ${facilityId} group by 2, 3
    union all
    select 'out', product_id, funding_source, sum(qty) from (${sql.raw(IN_TRANSIT)}) where from_id = ${facilityId} group by 2, 3`);
  const incoming = new Map<string, number>();
  const outgoing = new Map<string, number>();
  for (const r of rows)
    if (r.qty !== 0) (r.side === "in" ? incoming : outgoing).set(`${r.product_id}|${r.funding_source}`, r.qty);
  return { incoming, outgoing };
}
