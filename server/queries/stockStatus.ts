/**
 * The national stock picture: one product at every facility in the user's scope, with its AMC, months of
 * stock and status band (PRODUCT.md §3), in one set-based SQL query over balances, reports and the ledger.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { facilities, products } from "../../db/schema";
import { StatusLevel, type StatusCounts, type StockStatus, type StockStatusQuery } from "../../shared/contracts/stock";
import { rollUpDepotAmc } from "../../shared/domain/indicators/depotDemand";
import { effectivePolicy, type PolicyRow } from "../../shared/domain/policy";
import { ledgerAmc, LEDGER_AMC_MONTHS } from "../../shared/domain/replenishment/consumption";
import { monthsOfStock, stockStatus } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import type { ScopeFilter } from "../policies";
import { facilityInScope } from "./scope";
import { outflowSql } from "./ledgerAmc";
import { policiesFor } from "./stock";

interface Row {
  id: string;
  name: string;
  level: StatusLevel;
  region_id: string;
  district_id: string | null;
  lat: number;
  lon: number;
  soh: number | null;
  report_amc: number | null;
  out_qty: number | null;
  supplier_id: string | null;
}

const emptyCounts = (): StatusCounts => ({ stockout: 0, under: 0, adequate: 0, over: 0, unknown: 0 });

/**
 * Every facility in scope (and in the region / district asked) that holds or reports the product: stock on
 * hand from the balances; AMC = the latest submitted report line's AMC, else the ledger AMC (server/queries/ledgerAmc:
 * the outflow of the complete months before asOf); a depot with neither takes the sum of the AMCs of the
 * facilities it supplies (rollUpDepotAmc: a regional warehouse from its districts, PPM central from the regions).
 */
export function stockStatusPicture(db: Db, scope: ScopeFilter, q: StockStatusQuery, asOf: string): StockStatus {
  const product = db
    .select({ id: products.id, programmeCode: products.programmeCode })
    .from(products)
    .where(eq(products.id, q.productId))
    .get();
  if (!product)
    throw new AppError("validation_failed", `productId: unknown product ${q.productId}`, {
      issues: [{ path: "productId", message: `unknown product ${q.productId}` }],
    });
  const p = q.productId;
  const where = [
    sql`${facilities.level} in ('central', 'regional', 'district', 'cscom')`,
    facilityInScope(scope, facilities),
    q.regionId ? eq(facilities.regionId, q.regionId) : undefined,
    q.districtId ? eq(facilities.districtId, q.districtId) : undefined,
  ].filter((c) => c !== undefined);
  const rows = db.all<Row>(sql`
    with f as (
      select ${facilities.id} as id, ${facilities.name} as name, ${facilities.level} as level, ${facilities.regionId} as region_id,
             ${facilities.districtId} as district_id, ${facilities.lat} as lat, ${facilities.lon} as lon
      from ${facilities} where ${sql.join(where, sql` and `)}
    ),
    soh as (
      select b.facility_id, sum(b.qty_on_hand) as qty from f join stock_balances b on b.facility_id = f.id and b.product_id = ${p} group by b.facility_id
    ),
    latest as (
      select f.id as facility_id,
             (select r.id from stock_reports r
              where r.facility_id = f.id and r.status = 'submitted'
                and exists (select 1 from stock_report_lines l where l.report_id = r.id and l.product_id = ${p} and l.amc is not null)
              order by r.period desc limit 1) as report_id
      from f
    ),
    rep as (
      select latest.facility_id, sum(l.amc) as amc from latest join stock_report_lines l on l.report_id = latest.report_id and l.product_id = ${p} and l.amc is not null
      group by latest.facility_id
    ),
    outflow as (${outflowSql(asOf, { own: sql`(select id as facility_id from f)`, delivered: sql`(select id as facility_id from f)`, productId: p })})
    -- Every facility of the area, so that depots can be rolled up from the facilities they supply; those that neither hold nor report the product are dropped after.
    select f.*, soh.qty as soh, rep.amc as report_amc, outflow.qty as out_qty, s.supplier_id
    from f left join soh on soh.facility_id = f.id left join rep on rep.facility_id = f.id left join outflow on outflow.facility_id = f.id
    left join supply_lines s on s.facility_id = f.id and s.programme_code = ${product.programmeCode}
    order by f.region_id, f.district_id, f.name`);
  const ownAmc = (r: Row) => (r.report_amc !== null ? r.report_amc : ledgerAmc(r.out_qty ?? 0));
  const rolled = rollUpDepotAmc(
    rows.map((r) => ({ id: r.id, level: r.level, supplierId: r.supplier_id, ownAmc: ownAmc(r) })),
  );

  const policies = new Map<StatusLevel, PolicyRow[]>(
    StatusLevel.options.map((level) => [level, policiesFor(db, level)]),
  );
  const byStatus = emptyCounts();
  const byLevel = Object.fromEntries(StatusLevel.options.map((l) => [l, emptyCounts()])) as Record<
    StatusLevel,
    StatusCounts
  >;
  const items = rows
    .filter((r) => r.soh !== null || r.report_amc !== null)
    .map((r) => {
      const stockOnHand = r.soh ?? 0;
      const fromReport = r.report_amc !== null;
      const { amc, source } = rolled.get(r.id)!;
      const mos = monthsOfStock(stockOnHand, amc);
      const { policy } = effectivePolicy(policies.get(r.level)!, {
        level: r.level,
        facilityId: r.id,
        programmeCode: product.programmeCode,
        productId: product.id,
      });
      const status = stockStatus({ stockOnHand, mos, minMonths: policy.minMonths, maxMonths: policy.maxMonths });
      byStatus[status] += 1;
      byLevel[r.level][status] += 1;
      return {
        facilityId: r.id,
        name: r.name,
        level: r.level,
        regionId: r.region_id,
        districtId: r.district_id,
        lat: r.lat,
        lon: r.lon,
        stockOnHand,
        amc,
        amcSource:
          source === "downstream" ? ("downstream" as const) : fromReport ? ("report" as const) : ("ledger" as const),
        monthsOfStock: mos === null ? null : Math.round(mos * 100) / 100,
        status,
      };
    });
  const cscoms = Object.values(byLevel.cscom).reduce((s, n) => s + n, 0);
  return {
    productId: product.id,
    asOf,
    amcMonths: LEDGER_AMC_MONTHS,
    items,
    indicators: {
      facilities: items.length,
      byStatus,
      byLevel,
      cscomStockoutShare: cscoms > 0 ? Math.round((byLevel.cscom.stockout / cscoms) * 1000) / 1000 : null,
    },
  };
}
