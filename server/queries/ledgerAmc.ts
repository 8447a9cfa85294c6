/**
 * The one place where SQL computes the AMC from the ledger (the rule and its window are in
 * shared/domain/replenishment/consumption: ledgerAmcWindow, OWN_OUTFLOW_TYPES, DELIVERED_TYPES, ledgerAmc).
 * Stock positions, the national stock picture, the indicators' demand pairs and free-care allocations all read
 * their ledger outflow through outflowSql, so that the window and what counts as consumption cannot drift apart.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import {
  DELIVERED_TYPES,
  ledgerAmc,
  ledgerAmcWindow,
  OWN_OUTFLOW_TYPES,
} from "../../shared/domain/replenishment/consumption";
import { prepared } from "./prepared";

/** Whose outflow to sum: table expressions with a facility_id column (and product_id when `pairs`). */
export interface OutflowTargets {
  /** Facilities (or facility × product pairs) whose own issues and transfers out count */
  own: SQL;
  /** Facilities whose deliveries recorded as receipts at the facilities they supply count (omitted: none) */
  delivered?: SQL;
  /** `own` lists facility × product pairs: only those products count for each facility */
  pairs?: boolean;
  /** Only this product */
  productId?: number;
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * SQL of the ledger outflow over the AMC window before `asOf`: rows (facility_id, product_id, qty) with qty in
 * base units over the whole window (divide with ledgerAmc). Used as a subquery or a CTE body.
 */
export function outflowSql(asOf: string, t: OutflowTargets): SQL {
  const { from, to } = ledgerAmcWindow(asOf);
  const product = t.productId === undefined ? sql`` : sql` and m.product_id = ${t.productId}`;
  const pair = t.pairs ? sql` and m.product_id = t.product_id` : sql``;
  const own = sql`select m.facility_id as facility_id, m.product_id as product_id, -m.qty_delta as qty
    from ${t.own} t join stock_movements m on m.facility_id = t.facility_id${pair}${product}
      and m.occurred_at >= ${from} and m.occurred_at < ${to}
    where m.type in (${list(OWN_OUTFLOW_TYPES)})`;
  const delivered = t.delivered
    ? sql` union all select m.counterparty_id as facility_id, m.product_id as product_id, m.qty_delta as qty
    from ${t.delivered} t join stock_movements m on m.counterparty_id = t.facility_id${product}
      and m.occurred_at >= ${from} and m.occurred_at < ${to}
    where m.type in (${list(DELIVERED_TYPES)})`
    : sql``;
  return sql`select facility_id, product_id, sum(qty) as qty from (${own}${delivered}) group by facility_id, product_id`;
}

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");
// The same outflow as outflowSql for one facility, as one prepared statement (the stock screen reads it hundreds of
// times a second): each half runs on a covering index alone, movements_outflow_idx (whose condition is this
// `type in` list) and movements_counterparty_idx.
const FACILITY_OUTFLOW_SQL = `select product_id productId, sum(qty) qty from (
    select product_id, -qty_delta qty from stock_movements
      where facility_id = @facilityId and occurred_at >= @from and occurred_at < @to
        and type in (${quoted(OWN_OUTFLOW_TYPES)})
    union all
    select product_id, qty_delta qty from stock_movements
      where counterparty_id = @facilityId and occurred_at >= @from and occurred_at < @to
        and type in (${quoted(DELIVERED_TYPES)})
  ) group by product_id`;

/** Ledger AMC of every product at one facility (its own outflow and its recorded deliveries). */
export function ledgerAmcByProduct(db: Db, facilityId: string, asOf: string): Map<number, number> {
  const rows = prepared(db, FACILITY_OUTFLOW_SQL).all({ facilityId, ...ledgerAmcWindow(asOf) }) as {
    productId: number;
    qty: number;
  }[];
  return new Map(rows.map((r) => [r.productId, ledgerAmc(r.qty)]));
}

/**
 * Ledger AMC of the products at one facility read inside a write's transaction (the plausibility of a quantity);
 * one product (a single line) reads only its own movements, through the card and counterparty indexes.
 */
export function ledgerAmcInTransaction(
  db: Db | Tx,
  facilityId: string,
  asOf: string,
  productId?: number,
): Map<number, number> {
  const one = sql`(select ${facilityId} as facility_id)`;
  const rows = db.all<{ product_id: number; qty: number }>(
    outflowSql(asOf, { own: one, delivered: one, ...(productId === undefined ? {} : { productId }) }),
  );
  return new Map(rows.map((r) => [r.product_id, ledgerAmc(r.qty)]));
}

/** Ledger AMC of one product at each of the facilities (its own outflow and its recorded deliveries). */
export function ledgerAmcByFacility(
  db: Db | Tx,
  facilityIds: readonly string[],
  productId: number,
  asOf: string,
): Map<string, number> {
  if (facilityIds.length === 0) return new Map();
  const ids = sql`(select value as facility_id from json_each(${JSON.stringify(facilityIds)}))`;
  const rows = db.all<{ facility_id: string; qty: number }>(outflowSql(asOf, { own: ids, delivered: ids, productId }));
  return new Map(rows.map((r) => [r.facility_id, ledgerAmc(r.qty)]));
}
