/**
 * Monthly series from the ledger: one product's 24 months at one facility (GET /facilities/:id/history) and
 * its consumption and stock over an area with the seasonality (GET /indicators/consumption). Each is one SQL
 * query; the months are rebuilt by the pure functions of shared/domain/indicators.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { facilities, products } from "../../db/schema";
import type { ConsumptionQuery, ConsumptionSeries, FacilityHistory } from "../../shared/contracts/indicators";
import { addPeriods, lastCompletePeriod, periodStart, periodsEnding } from "../../shared/domain/months";
import { monthlyHistory, seasonality, type HistoryEvent, type HistoryKind } from "../../shared/domain/indicators";
import { OWN_OUTFLOW_TYPES } from "../../shared/domain/replenishment/consumption";
import { LOSS_REASONS } from "../../shared/domain/stock/reasons";
import { AppError } from "../../shared/errors";
import type { ScopeFilter } from "../policies";
import { resolveArea } from "./area";

/** Months of every series. */
export const HISTORY_MONTHS = 24;

/** Refuses an unknown product as a field error (as GET /stock/status does). */
function checkProduct(db: Db, productId: number): void {
  if (!db.select({ id: products.id }).from(products).where(eq(products.id, productId)).get()) {
    throw new AppError("validation_failed", `productId: unknown product ${productId}`, {
      issues: [{ path: "productId", message: `unknown product ${productId}` }],
    });
  }
}

/** The HISTORY_MONTHS complete months before asOf and their [start, end) dates. */
function window(asOf: string) {
  const periods = periodsEnding(lastCompletePeriod(asOf), HISTORY_MONTHS);
  return { periods, start: periodStart(periods[0]!), end: periodStart(addPeriods(periods[periods.length - 1]!, 1)) };
}

/** What a ledger line is for the history. */
function kindOf(type: string, reason: string | null): HistoryKind {
  if (type === "receipt" || type === "transfer_in") return "receipt";
  if ((OWN_OUTFLOW_TYPES as readonly string[]).includes(type)) return "consumption";
  return reason !== null && (LOSS_REASONS as readonly string[]).includes(reason) ? "loss" : "adjustment";
}

interface HistoryRow {
  src: "line" | "delivered" | "before";
  at: string | null;
  type: string | null;
  reason: string | null;
  qty: number;
  n: number;
}

/**
 * 24 months of one product at a facility: closing stock, consumption, receipts, losses, adjustments and
 * stock-out days. A depot's consumption also counts the deliveries its facilities recorded as receipts from it.
 */
export function facilityHistory(
  db: Db,
  facility: { id: string; level: string },
  productId: number,
  asOf: string,
): FacilityHistory {
  checkProduct(db, productId);
  const { periods, start, end } = window(asOf);
  const depot = facility.level !== "cscom" && facility.level !== "asc" ? 1 : 0;
  const rows = db.all<HistoryRow>(sql`
    select 'line' as src, occurred_at as at, type, reason, qty_delta as qty, 1 as n from stock_movements
      where facility_id = ${facility.id} and product_id = ${productId} and occurred_at >= ${start} and occurred_at < ${end}
    union all
    select 'delivered', occurred_at, type, null, qty_delta, 1 from stock_movements
      where ${depot} = 1 and counterparty_id = ${facility.id} and product_id = ${productId} and type = 'receipt' and occurred_at >= ${start} and occurred_at < ${end}
    union all
    select 'before', null, null, null, coalesce(sum(qty_delta), 0), count(*) from stock_movements
      where facility_id = ${facility.id} and product_id = ${productId} and occurred_at < ${start}`);
  const before = rows.find((r) => r.src === "before");
  const events: HistoryEvent[] = rows
    .filter((r) => r.src !== "before")
    .map((r) =>
      r.src === "delivered"
        ? { at: r.at!, kind: "delivered", qty: r.qty }
        : { at: r.at!, kind: kindOf(r.type!, r.reason), qty: r.qty },
    );
  return {
    facilityId: facility.id,
    productId,
    consumptionBasis: depot ? "deliveries" : "issues",
    points: monthlyHistory(periods, before?.qty ?? 0, events, (before?.n ?? 0) > 0),
  };
}

/** GET /facilities/:id/history: the facility's 24 months of one product (404 when the facility is unknown). */
export function facilityHistoryOf(db: Db, facilityId: string, productId: number, asOf: string): FacilityHistory {
  const facility = db
    .select({ id: facilities.id, level: facilities.level })
    .from(facilities)
    .where(eq(facilities.id, facilityId))
    .get();
  if (!facility) throw new AppError("not_found", `Unknown facility ${facilityId}`);
  return facilityHistory(db, facility, productId, asOf);
}

/** A month's consumption and net movement; the row "~now" carries today's stock (delta) and the facilities holding the product. */
interface SeriesRow {
  period: string;
  consumption: number;
  delta: number;
  holders: number;
}

/**
 * One product over an area: each month's consumption (issues: what left the supply chain to patients) and the
 * closing stock of every facility of the area, rebuilt backwards from today's balances; with seasonality.
 */
export function areaConsumption(db: Db, scope: ScopeFilter, q: ConsumptionQuery, asOf: string): ConsumptionSeries {
  const area = resolveArea(db, scope, q);
  checkProduct(db, q.productId);
  const { periods, start } = window(asOf);
  const rows = db.all<SeriesRow>(sql`
    with f as (
      select ${facilities.id} as id from ${facilities} where ${facilities.level} in ('central', 'regional', 'district', 'cscom') and ${area.where}
    )
    select substr(m.occurred_at, 1, 7) as period, sum(case when m.type = 'issue' then -m.qty_delta else 0 end) as consumption, sum(m.qty_delta) as delta, 0 as holders
      from f join stock_movements m on m.facility_id = f.id and m.product_id = ${q.productId} and m.occurred_at >= ${start}
      group by substr(m.occurred_at, 1, 7)
    union all
    select '~now', 0, coalesce(sum(b.qty_on_hand), 0), count(distinct b.facility_id)
      from f join stock_balances b on b.facility_id = f.id and b.product_id = ${q.productId}`);
  const now = rows.find((r) => r.period === "~now")!;
  const byPeriod = new Map(rows.filter((r) => r.period !== "~now").map((r) => [r.period, r]));
  const last = periods[periods.length - 1]!;
  // Closing of the last month = today's stock minus what moved after it; each earlier month = the next one's closing minus its moves.
  let closing = now.delta - [...byPeriod.values()].filter((r) => r.period > last).reduce((s, r) => s + r.delta, 0);
  const points = [...periods]
    .reverse()
    .map((period) => {
      const point = { period, consumption: byPeriod.get(period)?.consumption ?? 0, closing };
      closing -= byPeriod.get(period)?.delta ?? 0;
      return point;
    })
    .reverse();
  return {
    productId: q.productId,
    area: { regionId: area.regionId, districtId: area.districtId },
    facilities: now.holders,
    points,
    seasonality: seasonality(points.map((p) => ({ period: p.period, qty: p.consumption }))),
  };
}
