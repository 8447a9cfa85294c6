/**
 * Facility × product pairs of an area with their stock and AMC, in one set-based query: stock and usable stock
 * from the balances, the lots expiring before a horizon, the AMC of the latest submitted report, else the
 * ledger AMC (server/queries/ledgerAmc), then depots without an AMC of their own rolled up from the
 * facilities they supply (shared/domain/indicators/depotDemand).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { facilities } from "../../db/schema";
import { rollUpDepotAmc, type ChainLevel, type DemandNode } from "../../shared/domain/indicators";
import { ledgerAmc } from "../../shared/domain/replenishment/consumption";
import type { Area } from "./area";
import { outflowSql } from "./ledgerAmc";

/** One facility's stock of one product with the AMC used for it. */
export interface DemandPair {
  facilityId: string;
  level: ChainLevel;
  productId: number;
  unitPriceXof: number;
  stockOnHand: number;
  usableOnHand: number;
  amc: number;
  amcSource: "report" | "ledger" | "downstream";
  /** Lots with stock expiring before the horizon (ISO date) */
  expiring: { expiry: string; qty: number }[];
}

interface Row {
  facility_id: string;
  level: ChainLevel;
  supplier_id: string | null;
  product_id: number;
  unit_price: number;
  soh: number;
  usable: number;
  expiring: string | null;
  report_amc: number | null;
  out_qty: number;
}

/** Every pair of the area's stock-holding facilities (one query), AMC rolled up to depots per product. */
export function loadDemandPairs(db: Db, area: Area, opts: { asOf: string; horizon: string }): DemandPair[] {
  const rows = db.all<Row>(sql`
    with f as (
      select ${facilities.id} as id, ${facilities.level} as level from ${facilities}
      where ${facilities.level} in ('central', 'regional', 'district', 'cscom') and ${area.where}
    ),
    pairs as materialized (
      select b.facility_id, b.product_id, sum(b.qty_on_hand) as soh,
             sum(case when l.expiry > ${opts.asOf} then b.qty_on_hand else 0 end) as usable,
             group_concat(case when b.qty_on_hand > 0 and l.expiry < ${opts.horizon} then l.expiry || ':' || b.qty_on_hand end) as expiring
      from f join stock_balances b on b.facility_id = f.id join lots l on l.id = b.lot_id
      group by b.facility_id, b.product_id
    ),
    -- The AMC of the latest submitted report that carries one for the product (summed over funding sources):
    -- first the facility's latest report, read once; only a product missing from it looks further back.
    last_report as (
      select r.facility_id, max(r.period) as period from f join stock_reports r on r.facility_id = f.id and r.status = 'submitted' group by r.facility_id
    ),
    main as materialized (
      select r.facility_id, l.product_id, r.period, sum(l.amc) as amc
      from last_report lr join stock_reports r on r.facility_id = lr.facility_id and r.period = lr.period
      join stock_report_lines l on l.report_id = r.id and l.amc is not null
      group by r.facility_id, l.product_id
    ),
    older as materialized (
      select p.facility_id, p.product_id,
             (select r.period from stock_reports r join stock_report_lines l on l.report_id = r.id and l.product_id = p.product_id and l.amc is not null
              where r.facility_id = p.facility_id and r.status = 'submitted' order by r.period desc limit 1) as period
      from pairs p where not exists (select 1 from main m where m.facility_id = p.facility_id and m.product_id = p.product_id)
    ),
    latest as materialized (
      select facility_id, product_id, period, amc from main
      union all
      select o.facility_id, o.product_id, o.period,
             (select sum(l.amc) from stock_reports r join stock_report_lines l on l.report_id = r.id and l.product_id = o.product_id and l.amc is not null
              where r.facility_id = o.facility_id and r.period = o.period) as amc
      from older o where o.period is not null
    ),
    -- Ledger outflow only where no report gives the AMC (most CSComs report: this keeps the index seeks few).
    need as materialized (
      select p.facility_id, p.product_id from pairs p
      where not exists (select 1 from latest where latest.facility_id = p.facility_id and latest.product_id = p.product_id)
    ),
    -- CSComs supply no one: only depots have deliveries recorded at the facilities they supply.
    outflow as (${outflowSql(opts.asOf, { own: sql`need`, pairs: true, delivered: sql`(select id as facility_id from f where level <> 'cscom')` })})
    select p.facility_id, f.level, s.supplier_id, p.product_id, pr.price_per_pack_xof * 1.0 / pr.pack_size as unit_price,
           p.soh, p.usable, p.expiring, rep.amc as report_amc, coalesce(o.qty, 0) as out_qty
    from pairs p join f on f.id = p.facility_id join products pr on pr.id = p.product_id
    left join supply_lines s on s.facility_id = p.facility_id and s.programme_code = pr.programme_code
    left join latest rep on rep.facility_id = p.facility_id and rep.product_id = p.product_id
    left join outflow o on o.facility_id = p.facility_id and o.product_id = p.product_id`);
  return rollUp(rows);
}

/** Own AMC per pair (report, else the ledger AMC), then depots rolled up product by product. */
function rollUp(rows: Row[]): DemandPair[] {
  const own = (r: Row) => (r.report_amc !== null ? r.report_amc : ledgerAmc(r.out_qty));
  const byProduct = new Map<number, Row[]>();
  for (const r of rows) {
    const list = byProduct.get(r.product_id);
    if (list) list.push(r);
    else byProduct.set(r.product_id, [r]);
  }
  const out: DemandPair[] = [];
  for (const list of byProduct.values()) {
    const nodes: DemandNode[] = list.map((r) => ({
      id: r.facility_id,
      level: r.level,
      supplierId: r.supplier_id,
      ownAmc: own(r),
    }));
    const rolled = rollUpDepotAmc(nodes);
    for (const r of list) {
      const amc = rolled.get(r.facility_id)!;
      out.push({
        facilityId: r.facility_id,
        level: r.level,
        productId: r.product_id,
        unitPriceXof: r.unit_price,
        stockOnHand: r.soh,
        usableOnHand: r.usable,
        amc: amc.amc,
        amcSource: amc.source === "downstream" ? "downstream" : r.report_amc !== null ? "report" : "ledger",
        expiring: parseExpiring(r.expiring),
      });
    }
  }
  return out;
}

/** "2027-01-31:120,2027-03-31:40" → lots. */
function parseExpiring(text: string | null): { expiry: string; qty: number }[] {
  if (!text) return [];
  return text.split(",").map((part) => {
    const [expiry, qty] = part.split(":");
    return { expiry: expiry!, qty: Number(qty) };
  });
}
