/** Stock positions of a facility and the stock card of one product. */
import { and, asc, count, eq, gte, sql } from "drizzle-orm";
import { subMonths, startOfMonth, formatISO, parseISO } from "date-fns";
import type { Db } from "../../db/client";
import type { Tx } from "../../db/client";
import { lots, products, stockBalances, stockMovements, stockPolicies } from "../../db/schema";
import type { StockCard, StockPosition, StockPositions } from "../../shared/contracts/stock";
import { DEFAULT_POLICIES, resolvePolicy, type PolicyRow, type SupplyLevel } from "../../shared/domain/policy";
import { expiryRisk, lotStatus, monthsOfStock, stockStatus } from "../../shared/domain/stock";

/** Number of complete months averaged for the consumption shown with positions. */
export const AMC_MONTHS = 3;

/**
 * Mean monthly outflow per product over the AMC_MONTHS complete months before asOf: issues and
 * transfers out, plus deliveries recorded before go-live as receipts at the facilities this one
 * supplies (their counterparty), so that a depot's consumption shows from its history.
 */
function consumptionByProduct(db: Db, facilityId: string, asOf: string): Map<number, number> {
  const monthStart = startOfMonth(parseISO(asOf));
  const from = formatISO(subMonths(monthStart, AMC_MONTHS)).slice(0, 10);
  const to = formatISO(monthStart).slice(0, 10);
  const rows = db.all<{ product_id: number; qty: number }>(sql`
    select product_id, sum(qty) qty from (
      select product_id, -qty_delta qty from stock_movements
        where facility_id = ${facilityId} and type in ('issue', 'transfer_out') and occurred_at >= ${from} and occurred_at < ${to}
      union all
      select product_id, qty_delta qty from stock_movements
        where counterparty_id = ${facilityId} and type = 'receipt' and occurred_at >= ${from} and occurred_at < ${to}
    ) group by product_id`);
  return new Map(rows.map((r) => [r.product_id, Math.ceil(r.qty / AMC_MONTHS)]));
}

/** Policies of a level (stored rows, else the defaults). */
export function policiesFor(db: Db | Tx, level: SupplyLevel): PolicyRow[] {
  const rows = db.select().from(stockPolicies).where(eq(stockPolicies.level, level)).all();
  return rows.length > 0 ? rows : DEFAULT_POLICIES.filter((p) => p.level === level);
}

/** Stock positions per product at one facility, with lots, AMC, months of stock and status. */
export function stockPositions(
  db: Db,
  facility: { id: string; level: SupplyLevel },
  opts: { asOf: string; programme?: string | undefined; minShelfLifeDays: number },
): StockPositions {
  const rows = db
    .select({ b: stockBalances, lot: lots, p: products })
    .from(stockBalances)
    .innerJoin(lots, eq(lots.id, stockBalances.lotId))
    .innerJoin(products, eq(products.id, stockBalances.productId))
    .where(
      and(
        eq(stockBalances.facilityId, facility.id),
        opts.programme ? eq(products.programmeCode, opts.programme) : undefined,
      ),
    )
    .orderBy(asc(products.genericName), asc(lots.expiry))
    .all();
  const amcs = consumptionByProduct(db, facility.id, opts.asOf);
  const policies = policiesFor(db, facility.level);
  const byProduct = new Map<number, { p: typeof products.$inferSelect; lots: StockPosition["lots"] }>();
  for (const r of rows) {
    const entry = byProduct.get(r.p.id) ?? { p: r.p, lots: [] };
    byProduct.set(r.p.id, entry);
    if (r.b.qtyOnHand === 0) continue;
    const status = lotStatus(r.lot.expiry, opts.asOf, opts.minShelfLifeDays);
    entry.lots.push({
      lotId: r.lot.id,
      lotCode: r.lot.lotCode,
      expiry: r.lot.expiry,
      fundingSource: r.b.fundingSource,
      qtyOnHand: r.b.qtyOnHand,
      daysToExpiry: status.daysToExpiry,
      blockedReason: status.reason ?? null,
    });
  }
  const generic =
    resolvePolicy(policies, { level: facility.level, facilityId: facility.id, programmeCode: "", productId: 0 }) ??
    DEFAULT_POLICIES[0]!;
  const items = [...byProduct.values()].map(({ p, lots: lotRows }) => {
    const stockOnHand = lotRows.reduce((s, l) => s + l.qtyOnHand, 0);
    const usableOnHand = lotRows.filter((l) => !l.blockedReason).reduce((s, l) => s + l.qtyOnHand, 0);
    const amc = amcs.get(p.id) ?? 0;
    const mos = monthsOfStock(stockOnHand, amc);
    const policy =
      resolvePolicy(policies, {
        level: facility.level,
        facilityId: facility.id,
        programmeCode: p.programmeCode,
        productId: p.id,
      }) ?? generic;
    return {
      productId: p.id,
      productCode: p.code,
      genericName: p.genericName,
      strength: p.strength,
      form: p.form,
      baseUnit: p.baseUnit,
      packSize: p.packSize,
      programmeCode: p.programmeCode,
      ven: p.ven,
      stockOnHand,
      usableOnHand,
      amc,
      monthsOfStock: mos === null ? null : Math.round(mos * 100) / 100,
      status: stockStatus({ stockOnHand, mos, minMonths: policy.minMonths, maxMonths: policy.maxMonths }),
      expiryRiskQty: expiryRisk(
        lotRows.map((l) => ({ expiry: l.expiry, qty: l.qtyOnHand, daysToExpiry: l.daysToExpiry })),
        amc,
      ),
      valueXof: Math.round((stockOnHand / p.packSize) * p.pricePerPackXof),
      lots: lotRows,
    } satisfies StockPosition;
  });
  return {
    facilityId: facility.id,
    asOf: opts.asOf,
    amcMonths: AMC_MONTHS,
    policy: { minMonths: generic.minMonths, maxMonths: generic.maxMonths },
    items,
  };
}

/** Raw row of the stock-card query (snake_case, as SQLite returns it). */
interface CardRow {
  id: number;
  facility_id: string;
  product_id: number;
  lot_id: number;
  lot_code: string;
  expiry: string;
  funding_source: string;
  type: StockCard["items"][number]["type"];
  reason: string | null;
  qty_delta: number;
  balance_after: number;
  occurred_at: string;
  recorded_at: string;
  counterparty_id: string | null;
  batch_id: string;
  reference: string | null;
  note: string | null;
  product_balance_after: number;
  total: number;
}

/**
 * Ledger lines of one product at one facility, oldest first, each with the product's running
 * balance. The running sum is taken over the whole card before the date filter, so a page that
 * starts in the middle still shows true balances.
 */
export function stockCard(
  db: Db,
  facilityId: string,
  productId: number,
  q: { from?: string | undefined; to?: string | undefined; limit: number; offset: number },
): StockCard {
  const from = q.from ?? null;
  const to = q.to ?? null;
  const rows = db.all<CardRow>(sql`
    with card as (
      select m.*, l.lot_code, l.expiry,
             sum(m.qty_delta) over (order by m.occurred_at, m.id) as product_balance_after
      from stock_movements m join lots l on l.id = m.lot_id
      where m.facility_id = ${facilityId} and m.product_id = ${productId}
    )
    select *, count(*) over () as total from card
    where (${from} is null or occurred_at >= ${from}) and (${to} is null or substr(occurred_at, 1, 10) <= ${to})
    order by occurred_at, id
    limit ${q.limit} offset ${q.offset}`);
  const soh = db
    .select({ s: sql<number>`coalesce(sum(${stockBalances.qtyOnHand}), 0)` })
    .from(stockBalances)
    .where(and(eq(stockBalances.facilityId, facilityId), eq(stockBalances.productId, productId)))
    .get();
  const total = rows[0]?.total ?? countCard(db, facilityId, productId, from, to);
  return {
    facilityId,
    productId,
    stockOnHand: soh?.s ?? 0,
    total,
    limit: q.limit,
    offset: q.offset,
    items: rows.map((r) => ({
      id: r.id,
      facilityId: r.facility_id,
      productId: r.product_id,
      lotId: r.lot_id,
      lotCode: r.lot_code,
      expiry: r.expiry,
      fundingSource: r.funding_source,
      type: r.type,
      reason: r.reason,
      qtyDelta: r.qty_delta,
      balanceAfter: r.balance_after,
      occurredAt: r.occurred_at,
      recordedAt: r.recorded_at,
      counterpartyId: r.counterparty_id,
      batchId: r.batch_id,
      reference: r.reference,
      note: r.note,
      productBalanceAfter: r.product_balance_after,
    })),
  };
}

/** Number of card lines in the date range (used when the requested page is past the end). */
function countCard(db: Db, facilityId: string, productId: number, from: string | null, to: string | null): number {
  return (
    db
      .select({ n: count() })
      .from(stockMovements)
      .where(
        and(
          eq(stockMovements.facilityId, facilityId),
          eq(stockMovements.productId, productId),
          from ? gte(stockMovements.occurredAt, from) : undefined,
          to ? sql`substr(${stockMovements.occurredAt}, 1, 10) <= ${to}` : undefined,
        ),
      )
      .get()?.n ?? 0
  );
}
