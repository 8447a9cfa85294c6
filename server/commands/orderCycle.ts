/**
 * The monthly order cycle: for submitted reports without orders, computes every line's suggestion
 * (the same computeOrderQuantity as the preview) and persists the orders — one per facility × flow
 * × supplier. Built for the national run (thousands of CSComs × hundreds of products): the AMC
 * is stored on each report line when it is submitted, so the cycle reads one row per line; lines
 * are inserted in batches; explanations are stored as their inputs (see calcInputs), the periods
 * behind the AMC by reference to the report line (REPORT_PERIODS) rather than copied.
 * Runs inside the caller's transaction.
 */
import type Database from "better-sqlite3";
import { DEFAULT_POLICIES, effectivePolicy, type PolicyRow, type SupplyLevel } from "../../shared/domain/policy";
import {
  capByBudget,
  computeOrderQuantity,
  encodeInputsHead,
  REPORT_PERIODS,
  storeCalculation,
  type ExplanationStep,
  type OrderInput,
  type OrderSuggestion,
} from "../../shared/domain/replenishment";
import { AppError } from "../../shared/errors";
import { computeReportAmc } from "./reports";
import { incomingAll } from "../queries/inTransit";

/** Which reports to order from, and how. */
export interface CycleOptions {
  period: string;
  /** Only these reports (default: every submitted report of the period without orders) */
  reportIds?: number[];
  /**
   * Status of the orders created: "draft" (the facility reviews) or "submitted" (the month's cycle): then
   * the order's submitter is the report's (userId, who runs the cycle, is only its creator)
   */
  status: "draft" | "submitted";
  userId: number | null;
  now: Date;
  /** Budget of the cost-recovery order (single-report use) */
  budgetXof?: number | undefined;
  averagingPeriods?: number;
  /**
   * "refuse": when a facility to order for already has regular orders for a later month, answer
   * confirmation_required and write nothing (a past month's cycle would give it a second set of orders)
   */
  laterOrders?: "refuse" | "allow";
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

/** A report line as the cycle reads it (raw row, in this column order); its periods stay there (REPORT_PERIODS). */
type Row = [productId: number, funding: string, closing: number, amc: number | null, hasBasis: 0 | 1];

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
  /** Who submitted the report: the submitter of the orders the cycle creates submitted */
  submittedBy: number | null;
}

/**
 * Runs the cycle; see the file comment. Each report line carries its AMC and the periods behind it
 * (computed when the report was submitted), so the cycle reads one row per line, streams them in
 * report order and writes each line as it is computed (budget-capped orders are held back until
 * their report is complete).
 */
export function runOrderCycle(sqlite: Database.Database, o: CycleOptions): CycleResult {
  const targets = (
    o.reportIds
      ? sqlite
          .prepare(
            `select r.id reportId, r.facility_id facilityId, f.level, r.submitted_by submittedBy from stock_reports r join facilities f on f.id = r.facility_id where f.active = 1 and r.id in (${o.reportIds.map(() => "?").join(",") || "null"}) and r.status = 'submitted'`,
          )
          .all(...o.reportIds)
      : sqlite
          .prepare(
            "select r.id reportId, r.facility_id facilityId, f.level, r.submitted_by submittedBy from stock_reports r join facilities f on f.id = r.facility_id where f.active = 1 and r.period = ? and r.status = 'submitted' and not exists (select 1 from orders x where x.report_id = r.id) order by r.facility_id",
          )
          .all(o.period)
  ) as Target[];
  if (o.laterOrders === "refuse") refuseLaterOrders(sqlite, targets, o.period);
  const n = o.averagingPeriods ?? 3;
  const products = new Map(
    (
      sqlite
        .prepare(
          "select id, pack_size packSize, pack_rounding_threshold packRoundingThreshold, round_to_zero roundToZero, programme_code programme, ven, price_per_pack_xof price from products",
        )
        .all() as (Omit<ProductInfo, "roundToZero"> & { id: number; roundToZero: number })[]
    ).map((p) => [p.id, { ...p, roundToZero: p.roundToZero === 1 }]),
  );
  const linesOf = sqlite
    .prepare(
      "select product_id, funding_source, closing, amc, amc_basis is not null from stock_report_lines where report_id = ?",
    )
    .raw();
  const suppliersOf = supplierLookup(sqlite);
  const policies = new PolicyCache(loadPolicies(sqlite), n);
  const transit = incomingAll(sqlite);
  const writer = new OrderWriter(sqlite, o);
  // One input object, refilled for every line: the national run computes hundreds of thousands of them.
  const input: OrderInput = {
    product: products.values().next().value!,
    policy: DEFAULT_POLICIES[0]!,
    periods: [],
    demandAmc: 0,
    stockOnHand: 0,
    inTransit: 0,
    averagingPeriods: n,
  };
  for (const target of targets) {
    let rows = linesOf.all(target.reportId) as Row[];
    if (rows.some((r) => r[3] === null)) {
      // Reports submitted before AMCs were stored: compute them now, once.
      computeReportAmc(sqlite, target.reportId, n);
      rows = linesOf.all(target.reportId) as Row[];
    }
    writer.startReport(target);
    const suppliers = suppliersOf(target.facilityId);
    for (const row of rows) {
      const supplierId = suppliers.get(row[1]);
      if (!supplierId) continue; // a facility with no supplier for this programme orders nothing
      const product = products.get(row[0])!;
      const policy = policies.get(target, product.programme, row[0]);
      input.product = product;
      input.policy = policy.policy;
      input.demandAmc = row[3] ?? 0;
      input.stockOnHand = row[2];
      input.inTransit = transit.size === 0 ? 0 : (transit.get(`${target.facilityId}|${row[0]}|${row[1]}`) ?? 0);
      const result = computeOrderQuantity(input, { explain: false });
      writer.add(
        row,
        product,
        supplierId,
        result,
        input.inTransit,
        `${policy.head}${row[2]}|${input.inTransit}|${row[4] ? REPORT_PERIODS : ""}`,
      );
    }
    writer.endReport();
  }
  return { reports: targets.length, ...writer.finish() };
}

/**
 * Refuses (confirmation_required) a cycle for a month when facilities of it already have regular orders for a
 * later month: their needs were computed since, and a second set of orders would double what they receive.
 */
function refuseLaterOrders(sqlite: Database.Database, targets: Target[], period: string): void {
  if (targets.length === 0) return;
  const row = sqlite
    .prepare(
      `select count(distinct facility_id) facilities, max(period) laterPeriod from orders
       where kind = 'regular' and period > ? and facility_id in (select value from json_each(?))`,
    )
    .get(period, JSON.stringify(targets.map((t) => t.facilityId))) as {
    facilities: number;
    laterPeriod: string | null;
  };
  if (row.facilities === 0) return;
  throw new AppError(
    "confirmation_required",
    `${row.facilities} facilities already have orders for a later month (${row.laterPeriod}): send confirmLaterOrders to order for ${period} anyway`,
    {
      facilities: row.facilities,
      laterPeriod: row.laterPeriod,
      explain: { key: "later_orders", values: { period, laterPeriod: row.laterPeriod, facilities: row.facilities } },
    },
  );
}

/** The suppliers of a facility per programme (funding source), from the supply lines loaded once. */
function supplierLookup(sqlite: Database.Database): (facilityId: string) => Map<string, string> {
  const byFacility = new Map<string, Map<string, string>>();
  for (const [facilityId, programme, supplierId] of sqlite
    .prepare("select facility_id, programme_code, supplier_id from supply_lines")
    .raw()
    .all() as [string, string, string][]) {
    const mine = byFacility.get(facilityId) ?? new Map<string, string>();
    mine.set(programme, supplierId);
    byFacility.set(facilityId, mine);
  }
  const none = new Map<string, string>();
  return (facilityId) => byFacility.get(facilityId) ?? none;
}

function loadPolicies(sqlite: Database.Database): PolicyRow[] {
  const rows = sqlite
    .prepare(
      "select level, facility_id facilityId, programme_code programmeCode, product_id productId, rule, max_months maxMonths, min_months minMonths, eop_months eopMonths, review_period_months reviewPeriodMonths, lead_time_days leadTimeDays from stock_policies",
    )
    .all() as PolicyRow[];
  return rows;
}

/**
 * The policy of a facility × product (resolvePolicy), remembered per level × product — or per
 * facility × product for the few facilities with policies of their own — with the head of the
 * stored inputs (encodeInputsHead without the stock figures).
 */
class PolicyCache {
  private cache = new Map<string, { policy: OrderInput["policy"]; head: string }>();
  private ownPolicies: Set<string>;

  constructor(
    private readonly rows: PolicyRow[],
    private readonly n: number,
  ) {
    this.ownPolicies = new Set(rows.flatMap((r) => (r.facilityId ? [r.facilityId] : [])));
  }

  get(t: Target, programmeCode: string, productId: number) {
    const key = this.ownPolicies.has(t.facilityId) ? `${t.facilityId}|${productId}` : `${t.level}|${productId}`;
    let hit = this.cache.get(key);
    if (!hit) {
      const row = effectivePolicy(this.rows, {
        level: t.level,
        facilityId: t.facilityId,
        programmeCode,
        productId,
      }).policy;
      const policy = { rule: row.rule, maxMonths: row.maxMonths, minMonths: row.minMonths, eopMonths: row.eopMonths };
      // encodeInputsHead ends with "stockOnHand|inTransit|": keep what comes before them.
      const head = encodeInputsHead({ policy, averagingPeriods: this.n, stockOnHand: 0, inTransit: 0 }).slice(
        0,
        -"0|0|".length,
      );
      hit = { policy, head };
      this.cache.set(key, hit);
    }
    return hit;
  }
}

/** A line held back until its order's budget is applied. */
interface HeldLine {
  row: Row;
  product: ProductInfo;
  result: OrderSuggestion;
  inTransit: number;
  inputs: string;
}

/** An order of the report being written. */
interface OpenOrder {
  id: number;
  lines: number;
  /** Lines waiting for the budget cap (cost-recovery orders with a budget only) */
  held: HeldLine[] | null;
}

/** Number of columns of an order line insert. */
const COLS = 11;

/**
 * Writes orders (one per facility × flow × supplier, created when their first line comes) and
 * their lines by batches of LINE_BATCH rows in one statement, from a buffer that is reused.
 */
class OrderWriter {
  private open = new Map<string, OpenOrder>();
  private target: Target | null = null;
  private readonly at: string;
  private insertOrder: Database.Statement;
  private insertLines: Database.Statement;
  private insertEvent: Database.Statement;
  private lineSql =
    "insert into order_lines (order_id, product_id, funding_source, amc, stock_on_hand, in_transit, months_of_stock, emergency, suggested_qty, explanation, requested_qty) values ";
  private buffer: unknown[] = new Array(LINE_BATCH * COLS);
  private buffered = 0;
  orders = 0;
  lines = 0;
  orderIds: number[] = [];

  constructor(
    private readonly sqlite: Database.Database,
    private readonly o: CycleOptions,
  ) {
    this.at = o.now.toISOString();
    this.insertOrder = sqlite.prepare(
      "insert into orders (facility_id, supplier_id, period, flow, kind, status, report_id, budget_xof, submitted_by, created_by, created_at, updated_at) values (?, ?, ?, ?, 'regular', ?, ?, ?, ?, ?, ?, ?) returning id",
    );
    this.insertLines = sqlite.prepare(this.valuesSql(LINE_BATCH));
    this.insertEvent = sqlite.prepare(
      "insert into order_events (order_id, at, user_id, from_status, to_status, changes) values (?, ?, ?, null, ?, ?)",
    );
  }

  private valuesSql(rows: number): string {
    return (
      this.lineSql +
      Array.from({ length: rows }, () => `(${Array.from({ length: COLS }, () => "?").join(", ")})`).join(", ")
    );
  }

  startReport(t: Target) {
    this.target = t;
  }

  add(row: Row, product: ProductInfo, supplierId: string, result: OrderSuggestion, inTransit: number, inputs: string) {
    const order = this.orderFor(row[1] === "cost_recovery" ? "cost_recovery" : "free_care", supplierId);
    order.lines++;
    if (order.held) order.held.push({ row, product, result, inTransit, inputs });
    else this.push(order.id, row, product, result, inTransit, inputs, result.packs * product.packSize);
  }

  /** The open order of this report for a flow × supplier, created on its first line. */
  private orderFor(flow: "cost_recovery" | "free_care", supplierId: string): OpenOrder {
    const key = `${flow}|${supplierId}`;
    let order = this.open.get(key);
    if (!order) {
      const t = this.target!;
      const budget = flow === "cost_recovery" ? this.o.budgetXof : undefined;
      const { id } = this.insertOrder.get(
        t.facilityId,
        supplierId,
        this.o.period,
        flow,
        this.o.status,
        t.reportId,
        budget ?? null,
        // Separation of duties: an order created submitted is the facility's own request, submitted by whoever
        // submitted its report — never by the one who runs the cycle, who may then approve it.
        this.o.status === "submitted" ? t.submittedBy : null,
        this.o.userId,
        this.at,
        this.at,
      ) as { id: number };
      order = { id, lines: 0, held: budget === undefined ? null : [] };
      this.open.set(key, order);
    }
    return order;
  }

  private push(
    orderId: number,
    row: Row,
    product: ProductInfo,
    r: OrderSuggestion,
    inTransit: number,
    explanation: string,
    requested: number,
  ) {
    const b = this.buffer;
    let i = this.buffered * COLS;
    b[i++] = orderId;
    b[i++] = row[0];
    b[i++] = row[1];
    b[i++] = r.amc;
    b[i++] = row[2];
    b[i++] = inTransit;
    b[i++] = r.monthsOfStock;
    b[i++] = r.emergency ? 1 : 0;
    b[i++] = r.packs * product.packSize;
    b[i++] = explanation;
    b[i] = requested;
    if (++this.buffered === LINE_BATCH) this.drain();
  }

  /** Applies the budgets of the report's orders, writes their events and closes them. */
  endReport() {
    for (const order of this.open.values()) {
      if (order.held) this.writeCapped(order.id, order.held, this.o.budgetXof!);
      this.insertEvent.run(
        order.id,
        this.at,
        this.o.userId,
        this.o.status,
        JSON.stringify(
          this.o.status === "submitted"
            ? { fromReport: this.target!.reportId, submittedBy: this.target!.submittedBy }
            : { fromReport: this.target!.reportId },
        ),
      );
      this.orders++;
      this.lines += order.lines;
      this.orderIds.push(order.id);
    }
    this.open.clear();
  }

  /** Cuts a cost-recovery order to its budget (vital first, then essential) and writes its lines with a note on each cut. */
  private writeCapped(orderId: number, held: HeldLine[], budgetXof: number) {
    const capped = capByBudget(
      held.map((l, i) => ({
        key: String(i),
        ven: l.product.ven,
        packs: l.result.packs,
        pricePerPackXof: l.product.price,
      })),
      budgetXof,
    );
    held.forEach((l, i) => {
      const c = capped.lines[i]!;
      const before = l.result.packs * l.product.packSize;
      if (!c.cut) return this.push(orderId, l.row, l.product, l.result, l.inTransit, l.inputs, before);
      const after = c.packs * l.product.packSize;
      const note: ExplanationStep = { key: "budget", values: { budgetXof, before, after } };
      this.push(
        orderId,
        l.row,
        l.product,
        l.result,
        l.inTransit,
        storeCalculation({ inputs: l.inputs, notes: [note] }),
        after,
      );
    });
  }

  /** Writes the buffered lines in one statement (a shorter one for the last, partial batch). */
  private drain() {
    if (this.buffered === 0) return;
    if (this.buffered === LINE_BATCH) this.insertLines.run(this.buffer);
    else this.sqlite.prepare(this.valuesSql(this.buffered)).run(this.buffer.slice(0, this.buffered * COLS));
    this.buffered = 0;
  }

  finish(): Omit<CycleResult, "reports"> {
    this.drain();
    return { orders: this.orders, lines: this.lines, orderIds: this.orderIds };
  }
}
