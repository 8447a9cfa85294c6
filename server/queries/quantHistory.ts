/**
 * Consumption history for forecasting: one product's facility × month records over an area, from the three
 * places Fura holds them, read in one place so the forecast screen, the supply plan and the catalogue run agree.
 *
 * - **Submitted monthly reports** (CRGS): A, B, C, D, E and stock-out days, summed over funding sources (stock-out
 *   days: the smallest count, as the DHIS2 export does).
 * - **Imported history** (`imported_history`, files from outside Fura).
 * - **The ledger** of dispensing facilities (CSCom, ASC): receipts and transfers in (B), issues to patients (C),
 *   adjustments and transfers out (D), opening balance carried month to month. A facility × product counts as
 *   kept in the ledger only when it recorded issues of that product in the window (a paper CSCom that only gets
 *   deliveries through Fura is not "consuming nothing"); its months then run from its first movement (or the
 *   window's start when it held stock before). The ledger carries no stock-out days: a month with nothing on hand
 *   and nothing received counts as out of stock every day, the others as none.
 *
 * A month present in several sources is taken from the report first, then the import, then the ledger.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ForecastLevel } from "../../shared/domain/quantification";
import {
  addPeriods,
  daysInPeriod,
  monthsBetween,
  type HistoryRecord,
  type Period,
} from "../../shared/domain/quantification";

/** The area a history covers: the whole country, or one region, district or facility. */
export interface HistoryArea {
  level: ForecastLevel;
  regionId?: string | undefined;
  districtId?: string | undefined;
  facilityId?: string | undefined;
}

/** Facility-months taken from each source. */
export interface SourceCounts {
  reports: number;
  imported: number;
  ledger: number;
}

/** One product's history over an area. */
export interface AreaHistory {
  /** Records with `facility` = facility id and `product` = product code */
  records: HistoryRecord[];
  /** Facility-months taken from each source, per facility */
  sources: Map<string, SourceCounts>;
}

/** The source counts of some facilities (every one when `facilities` is omitted). */
export function sourceTotals(history: AreaHistory, facilities?: ReadonlySet<string>): SourceCounts {
  const total = { reports: 0, imported: 0, ledger: 0 };
  for (const [facility, c] of history.sources) {
    if (facilities && !facilities.has(facility)) continue;
    total.reports += c.reports;
    total.imported += c.imported;
    total.ledger += c.ledger;
  }
  return total;
}

/** The condition on `facilities f` of an area. */
function areaWhere(area: HistoryArea): SQL {
  if (area.level === "facility") return sql`f.id = ${area.facilityId ?? ""}`;
  if (area.level === "district") return sql`f.district_id = ${area.districtId ?? ""}`;
  if (area.level === "region") return sql`f.region_id = ${area.regionId ?? ""}`;
  return sql`1 = 1`;
}

type Row = Omit<HistoryRecord, "product"> & { src: "report" | "import" };

interface LedgerRow {
  facility: string;
  period: string;
  received: number;
  consumed: number;
  adjustments: number;
  issues: number;
}

/**
 * The history of one product over the area, for the months [start, start + months) (see the file comment).
 * `code` is the product's code, written in each record.
 */
export function loadAreaHistory(
  db: Db,
  product: { id: number; code: string },
  area: HistoryArea,
  window: { start: Period; months: number },
): AreaHistory {
  const { start, months } = window;
  const last = addPeriods(start, months - 1);
  const where = areaWhere(area);
  const reported = db.all<Row>(sql`
    select 'report' as src, r.facility_id as facility, r.period as period, sum(l.opening) as opening,
           sum(l.received) as received, sum(l.consumed) as consumed, sum(l.adjustments) as adjustments,
           sum(l.closing) as closing, min(l.stockout_days) as stockoutDays
      from stock_reports r
      join facilities f on f.id = r.facility_id
      join stock_report_lines l on l.report_id = r.id and l.product_id = ${product.id}
     where r.status = 'submitted' and r.period >= ${start} and r.period <= ${last} and ${where}
     group by r.facility_id, r.period
    union all
    select 'import', h.facility_id, h.period, h.opening, h.received, h.consumed, h.adjustments, h.closing, h.stockout_days
      from imported_history h join facilities f on f.id = h.facility_id
     where h.product_id = ${product.id} and h.period >= ${start} and h.period <= ${last} and ${where}`);

  const byKey = new Map<string, HistoryRecord>();
  const sources = new Map<string, SourceCounts>();
  const count = (facility: string, src: keyof SourceCounts) => {
    let c = sources.get(facility);
    if (!c) sources.set(facility, (c = { reports: 0, imported: 0, ledger: 0 }));
    c[src] += 1;
  };
  // Reports come first in the union and win over an imported row of the same month.
  for (const r of reported) {
    const key = `${r.facility}\u0000${r.period}`;
    if (byKey.has(key)) continue;
    const { src, ...rest } = r;
    byKey.set(key, { ...rest, product: product.code });
    count(r.facility, src === "report" ? "reports" : "imported");
  }
  for (const r of ledgerRecords(db, product, where, start, months)) {
    const key = `${r.facility}\u0000${r.period}`;
    if (byKey.has(key)) continue;
    byKey.set(key, r);
    count(r.facility, "ledger");
  }
  return { records: [...byKey.values()], sources };
}

/** The ledger's months of the dispensing facilities of the area that issued the product in the window. */
function ledgerRecords(
  db: Db,
  product: { id: number; code: string },
  where: SQL,
  start: Period,
  months: number,
): HistoryRecord[] {
  const from = `${start}-01`;
  const to = `${addPeriods(start, months)}-01`;
  const rows = db.all<LedgerRow>(sql`
    select m.facility_id as facility, substr(m.occurred_at, 1, 7) as period,
           sum(case when m.type in ('receipt', 'transfer_in') then m.qty_delta else 0 end) as received,
           sum(case when m.type = 'issue' then -m.qty_delta else 0 end) as consumed,
           sum(case when m.type in ('adjustment', 'transfer_out') then m.qty_delta else 0 end) as adjustments,
           sum(m.type = 'issue') as issues
      from facilities f
      join stock_movements m on m.facility_id = f.id and m.product_id = ${product.id}
       and m.occurred_at >= ${from} and m.occurred_at < ${to}
     where f.level in ('cscom', 'asc') and ${where}
     group by m.facility_id, substr(m.occurred_at, 1, 7)`);
  const byFacility = new Map<string, LedgerRow[]>();
  for (const r of rows) {
    const list = byFacility.get(r.facility);
    if (list) list.push(r);
    else byFacility.set(r.facility, [r]);
  }
  const issuing = [...byFacility].filter(([, list]) => list.some((r) => r.issues > 0)).map(([f]) => f);
  if (issuing.length === 0) return [];
  const opening = new Map<string, number>();
  const before = db.$client.prepare(
    "select coalesce(sum(qty_delta), 0) from stock_movements where facility_id = ? and product_id = ? and occurred_at < ?",
  );
  for (const f of issuing) opening.set(f, before.pluck().get(f, product.id, from) as number);

  const out: HistoryRecord[] = [];
  for (const facility of issuing) {
    const list = byFacility.get(facility)!;
    const byMonth = new Map(list.map((r) => [monthsBetween(start, r.period as Period), r]));
    let balance = opening.get(facility) ?? 0;
    const first = balance > 0 ? 0 : Math.min(...byMonth.keys());
    for (let i = first; i < months; i++) {
      const r = byMonth.get(i);
      const received = r?.received ?? 0;
      const consumed = r?.consumed ?? 0;
      const adjustments = r?.adjustments ?? 0;
      const closing = balance + received - consumed + adjustments;
      const period = addPeriods(start, i);
      out.push({
        period,
        facility,
        product: product.code,
        opening: balance,
        received,
        consumed,
        adjustments,
        closing,
        // Nothing on hand and nothing received: out of stock the whole month (demand was not seen).
        stockoutDays: balance <= 0 && received <= 0 ? daysInPeriod(period) : 0,
      });
      balance = closing;
    }
  }
  return out;
}
