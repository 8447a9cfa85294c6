/**
 * The monthly order cycle: for submitted reports without orders, computes every line's suggestion
 * (the same computeOrderQuantity as the preview) and persists the orders — one per facility × flow
 * × supplier. Built for the national run (thousands of CSComs × hundreds of products): one
 * streaming query, prepared statements, explanations stored as their inputs (see calcInputs).
 * Runs inside the caller's transaction.
 */
import type Database from "better-sqlite3";
import { DEFAULT_POLICIES, resolvePolicy, type PolicyRow, type SupplyLevel } from "../../shared/domain/policy";
import { capByBudget, computeOrderQuantity, encodeInputs, previousPeriod, storeCalculation, type OrderInput, type PeriodConsumption } from "../../shared/domain/replenishment";

/** Which reports to order from, and how. */
export interface CycleOptions {
  period: string;
  /** Only these reports (default: every submitted report of the period without orders) */
  reportIds?: number[];
  /** Status of the orders created: "draft" (the facility reviews) or "submitted" (national run) */
  status: "draft" | "submitted";
  userId: number | null;
  now: Date;
  /** Budget of the cost-recovery order (single-report use) */
  budgetXof?: number | undefined;
  averagingPeriods?: number;
}

/** What the cycle wrote. */
export interface CycleResult {
  reports: number;
  orders: number;
  lines: number;
  orderIds: number[];
}

/** Order lines written per INSERT statement. */
const LINE_BATCH = 64;

/** Months of history read for each line (the AMC averages the last reported ones within it). */
const WINDOW = 6;

/** A report line as the cycle reads it (raw row, in this column order). */
type Row = [period: string, productId: number, funding: string, days: number, consumed: number, stockoutDays: number, closing: number];

/** The product fields the cycle needs, loaded once. */
interface ProductInfo {
  packSize: number;
  packRoundingThreshold: number;
  roundToZero: boolean;
  programme: string;
  ven: "V" | "E" | "N";
  price: number;
}

/** The facility and report a group of rows belongs to. */
interface Target {
  reportId: number;
  facilityId: string;
  level: SupplyLevel;
}

/** Runs the cycle; see the file comment. */
export function runOrderCycle(sqlite: Database.Database, o: CycleOptions): CycleResult {
  const from = previousPeriod(o.period, WINDOW - 1);
  const periods = Array.from({ length: WINDOW }, (_, i) => previousPeriod(o.period, WINDOW - 1 - i));
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const targets = (
    o.reportIds
      ? sqlite.prepare(`select r.id reportId, r.facility_id facilityId, f.level from stock_reports r join facilities f on f.id = r.facility_id where r.id in (${o.reportIds.map(() => "?").join(",") || "null"}) and r.status = 'submitted'`).all(...o.reportIds)
      : sqlite.prepare("select r.id reportId, r.facility_id facilityId, f.level from stock_reports r join facilities f on f.id = r.facility_id where r.period = ? and r.status = 'submitted' and not exists (select 1 from orders x where x.report_id = r.id) order by r.facility_id").all(o.period)
  ) as Target[];
  const products = new Map(
    (sqlite.prepare("select id, pack_size packSize, pack_rounding_threshold packRoundingThreshold, round_to_zero roundToZero, programme_code programme, ven, price_per_pack_xof price from products").all() as (Omit<ProductInfo, "roundToZero"> & { id: number; roundToZero: number })[]).map(
      (p) => [p.id, { ...p, roundToZero: p.roundToZero === 1 }],
    ),
  );
  // One query per facility: better-sqlite3 cannot write while a read statement is still iterating.
  const linesOf = sqlite
    .prepare(
      `select r.period, l.product_id, l.funding_source, l.days, l.consumed, l.stockout_days, l.closing
       from stock_reports r join stock_report_lines l on l.report_id = r.id
       where r.facility_id = ? and r.status = 'submitted' and r.period between ? and ?
       order by l.product_id, l.funding_source, r.period`,
    )
    .raw();
  const transit = inTransitAll(sqlite);
  const suppliers = new Map((sqlite.prepare("select facility_id || '|' || programme_code, supplier_id from supply_lines").raw().all() as [string, string][]).map(([k, v]) => [k, v]));
  const policies = loadPolicies(sqlite);
  const writer = new OrderWriter(sqlite, o);
  for (const target of targets) {
    const rows = linesOf.all(target.facilityId, from, o.period) as Row[];
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      const head = rows[start]!;
      const row = rows[i];
      if (row && head[1] === row[1] && head[2] === row[2]) continue;
      const last = rows[i - 1]!;
      const product = products.get(last[1])!;
      if (last[0] === o.period) writer.add(target, last, product, suggest(rows, start, i, target, product, periodIndex, policies, transit, o.averagingPeriods ?? 3), suppliers);
      start = i;
    }
    writer.flush();
  }
  const result = writer.finish();
  return { reports: targets.length, ...result };
}

function loadPolicies(sqlite: Database.Database): PolicyRow[] {
  const rows = sqlite.prepare("select level, facility_id facilityId, programme_code programmeCode, product_id productId, rule, max_months maxMonths, min_months minMonths, eop_months eopMonths, review_period_months reviewPeriodMonths, lead_time_days leadTimeDays from stock_policies").all() as PolicyRow[];
  return rows.length > 0 ? rows : DEFAULT_POLICIES;
}

function inTransitAll(sqlite: Database.Database): Map<string, number> {
  const rows = sqlite
    .prepare("select o.facility_id || '|' || l.product_id || '|' || l.funding_source, sum(l.shipped_qty - l.accepted_qty - l.rejected_qty) from order_lines l join orders o on o.id = l.order_id where o.status = 'shipped' group by 1")
    .raw()
    .all() as [string, number][];
  return new Map(rows);
}

/** The suggestion of one facility × product × funding source from its report lines rows[start..end) (oldest first). */
function suggest(rows: Row[], start: number, end: number, t: Target, p: ProductInfo, periodIndex: Map<string, number>, policies: PolicyRow[], transit: Map<string, number>, n: number) {
  const series: (PeriodConsumption | null)[] = new Array(periodIndex.size).fill(null);
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    series[periodIndex.get(r[0])!] = { days: r[3], consumed: r[4], stockoutDays: r[5] };
  }
  const last = rows[end - 1]!;
  const policy = resolvePolicy(policies, { level: t.level, facilityId: t.facilityId, programmeCode: p.programme, productId: last[1] }) ?? DEFAULT_POLICIES[0]!;
  const input: OrderInput = {
    product: p,
    policy: { rule: policy.rule, maxMonths: policy.maxMonths, minMonths: policy.minMonths, eopMonths: policy.eopMonths },
    periods: series,
    stockOnHand: last[6],
    inTransit: transit.size === 0 ? 0 : (transit.get(`${t.facilityId}|${last[1]}|${last[2]}`) ?? 0),
    averagingPeriods: n,
  };
  return { input, result: computeOrderQuantity(input, { explain: false }) };
}

type Suggestion = ReturnType<typeof suggest>;
interface PendingLine {
  row: Row;
  product: ProductInfo;
  s: Suggestion;
  requested: number;
  note: string | null;
}

/** Groups lines into orders (facility × flow × supplier) and writes them with prepared statements. */
class OrderWriter {
  private pending = new Map<string, { facilityId: string; flow: "cost_recovery" | "free_care"; supplierId: string; reportId: number; lines: PendingLine[] }>();
  private insertOrder: Database.Statement;
  /** Inserts lines by batches of LINE_BATCH rows (one statement per batch is cheaper than one per row) */
  private insertLines: Database.Statement;
  private insertLine: Database.Statement;
  private buffer: unknown[] = [];
  private insertEvent: Database.Statement;
  orders = 0;
  lines = 0;
  orderIds: number[] = [];

  constructor(
    sqlite: Database.Database,
    private readonly o: CycleOptions,
  ) {
    this.insertOrder = sqlite.prepare(
      "insert into orders (facility_id, supplier_id, period, flow, kind, status, report_id, budget_xof, submitted_by, created_by, created_at, updated_at) values (?, ?, ?, ?, 'regular', ?, ?, ?, ?, ?, ?, ?) returning id",
    );
    const lineSql = "insert into order_lines (order_id, product_id, funding_source, amc, stock_on_hand, in_transit, months_of_stock, emergency, suggested_qty, explanation, requested_qty) values ";
    const row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.insertLine = sqlite.prepare(lineSql + row);
    this.insertLines = sqlite.prepare(lineSql + Array.from({ length: LINE_BATCH }, () => row).join(", "));
    this.insertEvent = sqlite.prepare("insert into order_events (order_id, at, user_id, from_status, to_status, changes) values (?, ?, ?, null, ?, ?)");
  }

  add(t: Target, row: Row, product: ProductInfo, s: Suggestion, suppliers: Map<string, string>) {
    const flow = row[2] === "cost_recovery" ? "cost_recovery" : "free_care";
    const supplierId = suppliers.get(`${t.facilityId}|${row[2]}`);
    if (!supplierId) return; // a facility with no supplier for this programme orders nothing
    const key = `${flow}|${supplierId}`;
    const order = this.pending.get(key) ?? { facilityId: t.facilityId, flow, supplierId, reportId: t.reportId, lines: [] };
    this.pending.set(key, order);
    order.lines.push({ row, product, s, requested: s.result.packs * product.packSize, note: null });
  }

  /** Writes the orders of the facility whose lines were just added. */
  flush() {
    const at = this.o.now.toISOString();
    for (const order of this.pending.values()) {
      const budget = order.flow === "cost_recovery" ? this.o.budgetXof : undefined;
      if (budget !== undefined) this.capToBudget(order.lines, budget);
      const { id } = this.insertOrder.get(order.facilityId, order.supplierId, this.o.period, order.flow, this.o.status, order.reportId, budget ?? null, this.o.status === "submitted" ? this.o.userId : null, this.o.userId, at, at) as { id: number };
      for (const l of order.lines) {
        const r = l.s.result;
        const stored = storeCalculation({ inputs: encodeInputs(l.s.input), notes: l.note ? [JSON.parse(l.note)] : [] });
        this.buffer.push(id, l.row[1], l.row[2], r.amc, l.row[6], l.s.input.inTransit, r.monthsOfStock, r.emergency ? 1 : 0, r.packs * l.product.packSize, stored, l.requested);
        if (this.buffer.length === LINE_BATCH * 11) this.drain();
      }
      this.insertEvent.run(id, at, this.o.userId, this.o.status, JSON.stringify({ fromReport: order.reportId }));
      this.orders++;
      this.lines += order.lines.length;
      this.orderIds.push(id);
    }
    this.pending.clear();
  }

  private capToBudget(lines: PendingLine[], budgetXof: number) {
    const capped = capByBudget(lines.map((l, i) => ({ key: String(i), ven: l.product.ven, packs: l.requested / l.product.packSize, pricePerPackXof: l.product.price })), budgetXof);
    capped.lines.forEach((c, i) => {
      const l = lines[i]!;
      if (!c.cut) return;
      const before = l.requested;
      l.requested = c.packs * l.product.packSize;
      l.note = JSON.stringify({
        key: "budget",
        values: { budgetXof, before, after: l.requested },
        fr: `Budget de ${budgetXof} FCFA dépassé : ${before} → ${l.requested} (produits vitaux d'abord, puis essentiels).`,
        en: `Budget of ${budgetXof} FCFA exceeded: ${before} → ${l.requested} (vital products first, then essential).`,
      });
    });
  }

  /** Writes the buffered lines: full batches in one statement, the rest row by row. */
  private drain() {
    const b = this.buffer;
    let i = 0;
    for (; i + LINE_BATCH * 11 <= b.length; i += LINE_BATCH * 11) this.insertLines.run(b.slice(i, i + LINE_BATCH * 11));
    for (; i < b.length; i += 11) this.insertLine.run(b.slice(i, i + 11));
    this.buffer = [];
  }

  finish(): Omit<CycleResult, "reports"> {
    this.flush();
    this.drain();
    return { orders: this.orders, lines: this.lines, orderIds: this.orderIds };
  }
}
