/** Stock positions of a facility and the stock card of one product. */
import { and, count, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Tx } from "../../db/client";
import { stockMovements, stockPolicies } from "../../db/schema";
import type { StockCard, StockPosition, StockPositions } from "../../shared/contracts/stock";
import { effectivePolicy, type PolicyRow, type SupplyLevel } from "../../shared/domain/policy";
import { LEDGER_AMC_MONTHS } from "../../shared/domain/replenishment/consumption";
import { expiryRisk, lotStatus, monthsOfStock, stockStatus } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import { minShelfLifeDays } from "./settings";
import { inTransitOf } from "./inTransit";
import { ledgerAmcByProduct } from "./ledgerAmc";
import { prepared } from "./prepared";

// Each runs on an index alone: lots on hand (balances_on_hand_idx, which leaves out the many emptied lots) and
// the products it ever held (the AMC's outflow: server/queries/ledgerAmc).
const LOTS_SQL = `select b.product_id productId, b.lot_id lotId, b.funding_source fundingSource, b.qty_on_hand qtyOnHand,
    l.lot_code lotCode, l.expiry
  from stock_balances b join lots l on l.id = b.lot_id
  where b.facility_id = ? and b.qty_on_hand > 0
  order by l.expiry, b.lot_id, b.funding_source`;
const PRODUCTS_SQL = `select p.id, p.code, p.generic_name genericName, p.strength, p.form, p.base_unit baseUnit,
    p.pack_size packSize, p.programme_code programmeCode, p.ven, p.price_per_pack_xof pricePerPackXof
  from products p where p.id in (select product_id from stock_balances where facility_id = @facilityId)
    and (@programme is null or p.programme_code = @programme)
  order by p.generic_name, p.id`;
/** Products on their way to or from the facility that it never held (listed with their quantities in transit). */
const TRANSIT_PRODUCTS_SQL = `select p.id, p.code, p.generic_name genericName, p.strength, p.form, p.base_unit baseUnit,
    p.pack_size packSize, p.programme_code programmeCode, p.ven, p.price_per_pack_xof pricePerPackXof
  from products p where p.id in (select value from json_each(@ids))
    and p.id not in (select product_id from stock_balances where facility_id = @facilityId)
    and (@programme is null or p.programme_code = @programme)`;

interface ProductRow {
  id: number;
  code: string;
  genericName: string;
  strength: string;
  form: string;
  baseUnit: string;
  packSize: number;
  programmeCode: string;
  ven: StockPosition["ven"];
  pricePerPackXof: number;
}

interface LotRow {
  productId: number;
  lotId: number;
  fundingSource: string;
  qtyOnHand: number;
  lotCode: string;
  expiry: string;
}

const NONE: Transit = { in: 0, out: 0 };

/** The stored policy rows of a level (effectivePolicy falls back to the level's defaults when none applies). */
export function policiesFor(db: Db | Tx, level: SupplyLevel): PolicyRow[] {
  return db.select().from(stockPolicies).where(eq(stockPolicies.level, level)).all();
}

/** What of a product is on its way to the facility (in) and from it (out), base units. */
interface Transit {
  in: number;
  out: number;
}

/** One product's position from its lots on hand (expiry order), its AMC and its quantities in transit. */
function position(
  p: ProductRow,
  lotRows: LotRow[],
  amc: number,
  policy: PolicyRow,
  transit: Transit,
  opts: { asOf: string; minShelfLifeDays: number },
): StockPosition {
  const lots = lotRows.map((l) => {
    const status = lotStatus(l.expiry, opts.asOf, opts.minShelfLifeDays);
    return {
      lotId: l.lotId,
      lotCode: l.lotCode,
      expiry: l.expiry,
      fundingSource: l.fundingSource,
      qtyOnHand: l.qtyOnHand,
      daysToExpiry: status.daysToExpiry,
      blockedReason: status.reason ?? null,
    };
  });
  const stockOnHand = lots.reduce((s, l) => s + l.qtyOnHand, 0);
  const usableOnHand = lots.filter((l) => !l.blockedReason).reduce((s, l) => s + l.qtyOnHand, 0);
  const mos = monthsOfStock(stockOnHand, amc);
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
    inTransitIn: transit.in,
    inTransitOut: transit.out,
    amc,
    monthsOfStock: mos === null ? null : Math.round(mos * 100) / 100,
    status: stockStatus({ stockOnHand, mos, minMonths: policy.minMonths, maxMonths: policy.maxMonths }),
    expiryRiskQty: expiryRisk(
      lots.map((l) => ({ expiry: l.expiry, qty: l.qtyOnHand, daysToExpiry: l.daysToExpiry })),
      amc,
    ),
    valueXof: Math.round((stockOnHand / p.packSize) * p.pricePerPackXof),
    lots,
  };
}

/** The quantities in transit to and from a facility, per product (all funding sources). */
function transitByProduct(db: Db, facilityId: string): Map<number, Transit> {
  const { incoming, outgoing } = inTransitOf(db, facilityId);
  const out = new Map<number, Transit>();
  const add = (m: Map<string, number>, side: keyof Transit) => {
    for (const [key, qty] of m) {
      const id = Number(key.split("|")[0]);
      const t = out.get(id) ?? { in: 0, out: 0 };
      t[side] += qty;
      out.set(id, t);
    }
  };
  add(incoming, "in");
  add(outgoing, "out");
  return out;
}

/**
 * Stock positions per product at one facility — every product it has ever held or has in transit, by generic
 * name — with its lots on hand, quantities in transit both ways, AMC, months of stock and status.
 */
export function stockPositions(
  db: Db,
  facility: { id: string; level: SupplyLevel },
  opts: { asOf: string; programme?: string | undefined; minShelfLifeDays: number },
): StockPositions {
  const programme = opts.programme ?? null;
  const transit = transitByProduct(db, facility.id);
  const products = prepared(db, PRODUCTS_SQL).all({ facilityId: facility.id, programme }) as ProductRow[];
  if (transit.size > 0) {
    const ids = JSON.stringify([...transit.keys()]);
    products.push(
      ...(prepared(db, TRANSIT_PRODUCTS_SQL).all({ facilityId: facility.id, ids, programme }) as ProductRow[]),
    );
    products.sort((a, b) => (a.genericName < b.genericName ? -1 : a.genericName > b.genericName ? 1 : a.id - b.id));
  }
  const lotsOf = new Map<number, LotRow[]>();
  for (const l of prepared(db, LOTS_SQL).all(facility.id) as LotRow[]) {
    const list = lotsOf.get(l.productId);
    if (list) list.push(l);
    else lotsOf.set(l.productId, [l]);
  }
  const amcs = ledgerAmcByProduct(db, facility.id, opts.asOf);
  const policies = policiesFor(db, facility.level);
  const generic = effectivePolicy(policies, {
    level: facility.level,
    facilityId: facility.id,
    programmeCode: "",
    productId: 0,
  }).policy;
  const items = products.map((p) => {
    const target = { level: facility.level, facilityId: facility.id, programmeCode: p.programmeCode, productId: p.id };
    const { policy } = effectivePolicy(policies, target);
    return position(p, lotsOf.get(p.id) ?? [], amcs.get(p.id) ?? 0, policy, transit.get(p.id) ?? NONE, opts);
  });
  return {
    facilityId: facility.id,
    asOf: opts.asOf,
    amcMonths: LEDGER_AMC_MONTHS,
    policy: { minMonths: generic.minMonths, maxMonths: generic.maxMonths },
    items,
  };
}

/**
 * GET /facilities/:id/stock: the positions on `asOf` (default today), without the products that have
 * neither stock nor consumption unless `includeEmpty`.
 */
export function facilityStock(
  db: Db,
  facilityId: string,
  q: { asOf?: string | undefined; programme?: string | undefined; includeEmpty?: "true" | "false" | undefined },
  today: string,
): StockPositions {
  const facility = prepared(db, "select id, level from facilities where id = ?").get(facilityId) as
    { id: string; level: SupplyLevel } | undefined;
  if (!facility) throw new AppError("not_found", `Unknown facility ${facilityId}`);
  const minShelfLife = minShelfLifeDays(db);
  const positions = stockPositions(db, facility, {
    asOf: q.asOf ?? today,
    programme: q.programme,
    minShelfLifeDays: minShelfLife,
  });
  if (q.includeEmpty !== "true")
    positions.items = positions.items.filter(
      (i) => i.stockOnHand > 0 || i.amc > 0 || i.inTransitIn > 0 || i.inTransitOut > 0,
    );
  return positions;
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
  corrects_movement_id: number | null;
  corrects_report_line_id: number | null;
  lot_balance_after: number;
  product_balance_after: number;
  total: number;
}

const CARD_SQL = `
  with card as (
    select m.*, l.lot_code, l.expiry,
           sum(m.qty_delta) over (partition by m.lot_id, m.funding_source order by m.occurred_at, m.id) as lot_balance_after,
           sum(m.qty_delta) over (order by m.occurred_at, m.id) as product_balance_after
    from stock_movements m join lots l on l.id = m.lot_id
    where m.facility_id = @facilityId and m.product_id = @productId
  )
  select *, count(*) over () as total from card
  where (@from is null or occurred_at >= @from) and (@to is null or substr(occurred_at, 1, 10) <= @to)
  order by occurred_at, id
  limit @limit offset @offset`;
const CARD_ON_HAND_SQL =
  "select coalesce(sum(qty_on_hand), 0) from stock_balances where facility_id = ? and product_id = ?";

/**
 * Ledger lines of one product at one facility in date order (occurred_at, then recording order), each with the
 * lot's and the product's running balance along that order. A line may be recorded after later-dated ones (a
 * paper record entered late, inside the open window): its stored balance_after is the balance when it was
 * written; the card recomputes the running balances so that they follow the dates, and the append path made sure
 * none of them is negative. The running sums are taken over the whole card before the date filter, so a page
 * that starts in the middle still shows true balances.
 */
export function stockCard(
  db: Db,
  facilityId: string,
  productId: number,
  q: { from?: string | undefined; to?: string | undefined; limit: number; offset: number },
): StockCard {
  const from = q.from ?? null;
  const to = q.to ?? null;
  const rows = prepared(db, CARD_SQL).all({
    facilityId,
    productId,
    from,
    to,
    limit: q.limit,
    offset: q.offset,
  }) as CardRow[];
  const soh = prepared(db, CARD_ON_HAND_SQL).pluck().get(facilityId, productId) as number;
  const total = rows[0]?.total ?? countCard(db, facilityId, productId, from, to);
  return {
    facilityId,
    productId,
    stockOnHand: soh,
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
      balanceAfter: r.lot_balance_after,
      correctsMovementId: r.corrects_movement_id,
      correctsReportLineId: r.corrects_report_line_id,
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
