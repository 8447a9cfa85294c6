/**
 * The monthly order cycle: for submitted reports without orders, computes every line's suggestion
 * (the same computeOrderQuantity as the preview) and persists the orders — one per facility × flow
 * × supplier. Built for the national run (thousands of CSComs × hundreds of products): the AMC
 * is stored on each report line when it is submitted, so the cycle reads one row per line; lines
 * are inserted in batches; explanations are stored as their inputs (see calcInputs).
 * Runs inside the caller's transaction.
 */
import type Database from "better-sqlite3";
import { DEFAULT_POLICIES, resolvePolicy, type PolicyRow, type SupplyLevel } from "../../shared/domain/policy";
import { capByBudget, computeOrderQuantity, encodeInputsHead, storeCalculation, type OrderInput } from "../../shared/domain/replenishment";
import { computeReportAmc } from "./reports";

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
const LINE_BATCH = 256;

/** A report line as the cycle reads it (raw row, in this column order). */
type Row = [productId: number, funding: string, closing: number, amc: number | null, basis: string | null];

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

/**
 * Runs the cycle; see the file comment. Each report line carries its AMC and the periods behind it
 * (computed when the report was submitted), so the cycle reads one row per line.
 */
export function runOrderCycle(sqlite: Database.Database, o: CycleOptions): CycleResult {
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
  const linesOf = sqlite.prepare("select product_id, funding_source, closing, amc, amc_basis from stock_report_lines where report_id = ?").raw();
  const transit = inTransitAll(sqlite);
  const suppliers = new Map((sqlite.prepare("select facility_id || '|' || programme_code, supplier_id from supply_lines").raw().all() as [string, string][]).map(([k, v]) => [k, v]));
  const policies = loadPolicies(sqlite);
  const writer = new OrderWriter(sqlite, o);
  for (const target of targets) {
    let rows = linesOf.all(target.reportId) as Row[];
    if (rows.some((r) => r[3] === null)) {
      // Reports submitted before AMCs were stored: compute them now, once.
      computeReportAmc(sqlite, target.reportId, o.averagingPeriods ?? 3);
      rows = linesOf.all(target.reportId) as Row[];
    }
    for (const row of rows) {
      const product = products.get(row[0])!;
      writer.add(target, row, product, suggest(row, target, product, policies, transit, o.averagingPeriods ?? 3), suppliers);
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

/** The suggestion of one report line, from its stored AMC; the inputs keep the periods behind it. */
function suggest(row: Row, t: Target, p: ProductInfo, policies: PolicyRow[], transit: Map<string, number>, n: number) {
  const policy = resolvePolicy(policies, { level: t.level, facilityId: t.facilityId, programmeCode: p.programme, productId: row[0] }) ?? DEFAULT_POLICIES[0]!;
  const input: OrderInput = {
    product: p,
    policy: { rule: policy.rule, maxMonths: policy.maxMonths, minMonths: policy.minMonths, eopMonths: policy.eopMonths },
    periods: [],
    demandAmc: row[3] ?? 0,
    stockOnHand: row[2],
    inTransit: transit.size === 0 ? 0 : (transit.get(`${t.facilityId}|${row[0]}|${row[1]}`) ?? 0),
    averagingPeriods: n,
  };
  const inputs = encodeInputsHead(input) + (row[4] ?? "");
  return { input, inputs, result: computeOrderQuantity(input, { explain: false }) };
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
    const flow = row[1] === "cost_recovery" ? "cost_recovery" : "free_care";
    const supplierId = suppliers.get(`${t.facilityId}|${row[1]}`);
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
        const stored = l.note ? storeCalculation({ inputs: l.s.inputs, notes: [JSON.parse(l.note)] }) : l.s.inputs;
        this.buffer.push(id, l.row[0], l.row[1], r.amc, l.row[2], l.s.input.inTransit, r.monthsOfStock, r.emergency ? 1 : 0, r.packs * l.product.packSize, stored, l.requested);
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
    if (b.length === LINE_BATCH * 11) this.insertLines.run(b);
    else for (let i = 0; i < b.length; i += 11) this.insertLine.run(b.slice(i, i + 11));
    this.buffer = [];
  }

  finish(): Omit<CycleResult, "reports"> {
    this.flush();
    this.drain();
    return { orders: this.orders, lines: this.lines, orderIds: this.orderIds };
  }
}
