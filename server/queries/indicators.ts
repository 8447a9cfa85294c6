/**
 * Indicators of an area (GET /indicators): one set-based SQL query per family — stock (availability of tracer
 * products, stock-outs, months of stock per level, expiry risk), reporting (completeness, timeliness) and
 * orders (fill rate) — then the pure formulas of shared/domain/indicators. Definitions: README "Indicators".
 */
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { facilities, products, settings } from "../../db/schema";
import type { Indicators, IndicatorsQuery } from "../../shared/contracts/indicators";
import { addMonthsToDate, addPeriods, isPeriod, lastCompletePeriod } from "../../shared/domain/months";
import {
  expiryRiskValue,
  fillRate,
  monthsOfStockByLevel,
  reportingRates,
  stockouts,
  TRACER_SETTING,
  tracerAvailability,
  tracerCodes,
  type StockPair,
} from "../../shared/domain/indicators";
import { daysBetween } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import type { ScopeFilter } from "../policies";
import { resolveArea, type Area } from "./area";
import { loadDemandPairs } from "./depotDemand";
import { SHIPPED_STATUSES } from "../../shared/domain/orders";

/** The tracer basket: the products named by the setting (or the default codes) that exist in the catalogue. */
export function tracerProducts(db: Db) {
  const setting = db
    .select({ value: settings.value })
    .from(settings)
    .where(sql`${settings.key} = ${TRACER_SETTING}`)
    .get();
  const codes = [...tracerCodes(setting?.value)];
  return db
    .select({ id: products.id, code: products.code, genericName: products.genericName, strength: products.strength })
    .from(products)
    .where(inArray(products.code, codes))
    .orderBy(products.genericName, products.code)
    .all();
}

/** Stock pairs of the area with their AMC (depots rolled up) and the lots expiring before the horizon. */
function stockPairs(db: Db, area: Area, asOf: string, expiryMonths: number, tracerIds: Set<number>): StockPair[] {
  const horizon = addMonthsToDate(asOf, expiryMonths);
  return loadDemandPairs(db, area, { asOf, horizon }).map((p) => ({
    facilityId: p.facilityId,
    level: p.level,
    productId: p.productId,
    tracer: tracerIds.has(p.productId),
    unitPriceXof: p.unitPriceXof,
    stockOnHand: p.stockOnHand,
    usableOnHand: p.usableOnHand,
    amc: p.amc,
    expiringLots: p.expiring.map((l) => ({ daysToExpiry: daysBetween(asOf, l.expiry), qty: l.qty })),
  }));
}

/**
 * Reports expected, submitted and on time in the period: active CSComs of the area that keep their stock in Fura
 * (or reported anyway). A report counts once it was received, by asOf: one dated later has not come in yet.
 */
function reportCounts(db: Db, area: Area, period: string, asOf: string) {
  const received = sql`r.status = 'submitted' and substr(r.submitted_at, 1, 10) <= ${asOf.slice(0, 10)}`;
  const row = db.get<{ expected: number; submitted: number | null; on_time: number | null }>(sql`
    select count(*) as expected,
           sum(${received}) as submitted,
           sum(${received} and r.on_time = 1) as on_time
    from ${facilities} left join stock_reports r on r.facility_id = ${facilities.id} and r.period = ${period}
    where ${facilities.level} = 'cscom' and ${facilities.active} = 1 and ${area.where}
      and (r.id is not null or exists (select 1 from stock_balances b where b.facility_id = ${facilities.id}))`);
  return { expected: row?.expected ?? 0, submitted: row?.submitted ?? 0, onTime: row?.on_time ?? 0 };
}

/** Approved and shipped quantities on the lines of shipped orders placed by facilities of the area (back-orders left out: their quantity is already in the order they continue). */
function fillCounts(db: Db, area: Area, fromPeriod: string, toPeriod: string) {
  const row = db.get<{ approved: number | null; shipped: number | null; lines: number; full_lines: number | null }>(sql`
    select sum(l.approved_qty) as approved, sum(min(l.shipped_qty, l.approved_qty)) as shipped,
           count(l.id) as lines, sum(l.shipped_qty >= l.approved_qty) as full_lines
    from ${facilities} join orders o on o.facility_id = ${facilities.id} join order_lines l on l.order_id = o.id
    where ${area.where} and o.status in (${sql.join(
      SHIPPED_STATUSES.map((s) => sql`${s}`),
      sql`, `,
    )}) and o.kind <> 'backorder'
      and o.period >= ${fromPeriod} and o.period <= ${toPeriod} and l.approved_qty > 0`);
  return {
    approvedQty: row?.approved ?? 0,
    shippedQty: row?.shipped ?? 0,
    lines: row?.lines ?? 0,
    fullLines: row?.full_lines ?? 0,
  };
}

/** Every indicator of the area for the period (default: the last complete month before asOf). */
export function areaIndicators(db: Db, scope: ScopeFilter, q: IndicatorsQuery, asOf: string): Indicators {
  const area = resolveArea(db, scope, q);
  const lastComplete = lastCompletePeriod(asOf);
  const period = q.period ?? lastComplete;
  if (!isPeriod(period) || period > lastComplete) {
    throw new AppError("validation_failed", `period: must be a complete month, ${lastComplete} or earlier`, {
      issues: [{ path: "period", message: `must be ${lastComplete} or earlier` }],
    });
  }
  const tracers = tracerProducts(db);
  const pairs = stockPairs(db, area, asOf, q.expiryMonths, new Set(tracers.map((p) => p.id)));
  const fromPeriod = addPeriods(period, -(q.fillRateMonths - 1));
  return {
    asOf,
    period,
    area: { regionId: area.regionId, districtId: area.districtId },
    tracerProducts: tracers,
    availability: tracerAvailability(pairs),
    stockouts: stockouts(pairs),
    monthsOfStock: monthsOfStockByLevel(pairs),
    expiryRisk: { ...expiryRiskValue(pairs), months: q.expiryMonths },
    reporting: reportingRates(reportCounts(db, area, period, asOf)),
    fillRate: { ...fillRate(fillCounts(db, area, fromPeriod, period)), fromPeriod, toPeriod: period },
  };
}

/** Recent answers per database, valid while nothing has been written since (see dataVersion). */
const recent = new WeakMap<Db, Map<string, { version: string; value: Indicators }>>();
const RECENT_SIZE = 32;

/**
 * A number that changes whenever the database does: this connection's total_changes() (every insert, update
 * and delete it made) with SQLite's data_version (commits by other connections).
 */
function dataVersion(db: Db): string {
  const row = db.get<{ v: number; c: number }>(
    sql`select (select data_version from pragma_data_version) as v, total_changes() as c`,
  );
  return `${row?.v}:${row?.c}`;
}

/**
 * areaIndicators, answered from memory when the same area, query and day were computed since the last write:
 * a national dashboard opened by several people between two writes costs one computation.
 */
export function cachedAreaIndicators(db: Db, scope: ScopeFilter, q: IndicatorsQuery, asOf: string): Indicators {
  const key = JSON.stringify([scope, q, asOf]);
  const version = dataVersion(db);
  const store = recent.get(db) ?? new Map<string, { version: string; value: Indicators }>();
  recent.set(db, store);
  const hit = store.get(key);
  if (hit && hit.version === version) return hit.value;
  const value = areaIndicators(db, scope, q, asOf);
  store.delete(key);
  store.set(key, { version, value });
  if (store.size > RECENT_SIZE) store.delete(store.keys().next().value!);
  return value;
}
