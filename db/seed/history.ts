/**
 * Generates 24 months (configurable) of stock history for every CSCom × product it stocks and
 * writes it straight into the ledger. Deterministic for a seed: every random draw comes from a
 * PRNG keyed by (seed, facility, product). The ledger it writes is consistent by construction
 * (each line's balance_after is the running balance of its facility × lot) and is re-checked by
 * tests that recompute balances from the ledger.
 *
 * Per month and product the CSCom: withdraws lots expiring that month (expiry adjustment, day 1),
 * receives its order from the district depot (forced ordering up to 3 months of AMC, rounded to
 * packs; sometimes partial or missing when the depot is short), loses a little now and then
 * (damage, theft), consumes min(demand, stock) FEFO (one issue at month end), and is counted at
 * year end (count adjustment).
 */
import type Database from "better-sqlite3";
import { addPeriods, daysInPeriod, periodStart } from "../../shared/domain/months";
import { DEFAULT_REPORT_DUE_DAYS, reportDueDate } from "../../shared/domain/replenishment/report";
import {
  adjustedConsumption,
  averageMonthlyConsumption,
  encodePeriods,
  packsFor,
} from "../../shared/domain/replenishment";
import type { CatalogueProduct } from "./data/catalogueTypes";
import { seasonFactor } from "./demand";
import { hashString, Rng, unitHash } from "./random";

/** A product as the generator needs it: catalogue fields and its database id. */
export type SeedProduct = CatalogueProduct & { id: number };

/** A lot of the national pipeline for one product. */
export interface SeedLot {
  id: number;
  productId: number;
  lotCode: string;
  expiry: string;
  /** Month index (relative to the first history month) when the lot reached the districts */
  releasedAt: number;
}

/** Options of the generator. */
export interface HistoryOptions {
  seed: number;
  /** First month of the history, "YYYY-MM" */
  firstMonth: string;
  months: number;
  /** How many of the last months also have a submitted monthly report (CRGS) */
  reportMonths: number;
  /** Share of CSComs whose report of the last month is missing (default 0.25: the district review has reports to chase) */
  lastMonthMissing?: number;
  /** The seed's "now" (ISO date-time): no report is submitted after it (the last month's are still coming in) */
  now: string;
}

/** What the generator wrote, for the seed summary. */
export interface HistoryStats {
  movements: number;
  facilityProducts: number;
  reportLines: number;
}

type Kind = "receipt" | "issue" | "adjustment";

/** Month index → "YYYY-MM-DD" of its first day. */
function monthStart(first: string, t: number): string {
  return periodStart(addPeriods(first, t));
}

/** Writes movements and balances through prepared statements (the seed runs in one transaction). */
class LedgerWriter {
  private insert: Database.Statement;
  private upsert: Database.Statement;
  movements = 0;

  constructor(sqlite: Database.Database) {
    this.insert = sqlite.prepare(
      `insert into stock_movements (facility_id, product_id, lot_id, funding_source, type, reason, qty_delta, balance_after, occurred_at, recorded_at, counterparty_id, batch_id, reference, note, user_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)`,
    );
    this.upsert = sqlite.prepare(
      `insert into stock_balances (facility_id, lot_id, funding_source, product_id, qty_on_hand, last_movement_id) values (?, ?, ?, ?, ?, ?)
       on conflict (facility_id, lot_id, funding_source) do update set qty_on_hand = excluded.qty_on_hand, last_movement_id = excluded.last_movement_id`,
    );
  }

  /** Appends one line; `balance` is the lot's balance after it. Returns the new movement id. */
  line(
    f: string,
    p: SeedProduct,
    lotId: number,
    kind: Kind,
    reason: string | null,
    delta: number,
    balance: number,
    at: string,
    counterparty: string | null,
    batch: string,
    reference: string | null,
  ): number {
    const id = Number(
      this.insert.run(
        f,
        p.id,
        lotId,
        p.programme,
        kind,
        reason,
        delta,
        balance,
        at,
        at,
        counterparty,
        batch,
        reference,
        null,
      ).lastInsertRowid,
    );
    this.movements++;
    return id;
  }

  /** Writes the final balance of a facility × lot. */
  balance(f: string, p: SeedProduct, lotId: number, qty: number, lastId: number): void {
    this.upsert.run(f, lotId, p.programme, p.id, qty, lastId);
  }
}

/** One report line as the simulation saw the month (D = everything that is not B or C). */
interface MonthFigures {
  opening: number;
  received: number;
  consumed: number;
  closing: number;
  stockoutDays: number;
  days: number;
}

/**
 * Writes the monthly reports of the last months: every past month submitted (about one in eight
 * late); the last month submitted by three CSComs in four, so that the district review has
 * missing reports to chase.
 */
class ReportWriter {
  private insertReport: Database.Statement;
  private insertLine: Database.Statement;
  private ids = new Map<string, number | null>();
  lines = 0;

  constructor(
    sqlite: Database.Database,
    private readonly opts: HistoryOptions,
  ) {
    this.insertReport = sqlite.prepare(
      "insert into stock_reports (facility_id, period, status, source, due_date, submitted_at, submitted_by, on_time, created_at) values (?, ?, 'submitted', 'ledger', ?, ?, null, ?, ?) returning id",
    );
    this.insertLine = sqlite.prepare(
      "insert into stock_report_lines (report_id, product_id, funding_source, days, opening, received, consumed, adjustments, adjustments_by_reason, closing, stockout_days, mismatch, amc, amc_basis) values (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, 0, ?, ?)",
    );
  }

  /** Whether month t is reported at all. */
  covers(t: number): boolean {
    return t >= this.opts.months - this.opts.reportMonths;
  }

  private reportId(facilityId: string, t: number): number | null {
    const key = `${facilityId}|${t}`;
    if (this.ids.has(key)) return this.ids.get(key)!;
    const period = monthStart(this.opts.firstMonth, t).slice(0, 7);
    const end = monthStart(this.opts.firstMonth, t + 1);
    const due = reportDueDate(period, DEFAULT_REPORT_DUE_DAYS);
    const u = unitHash(`report:${this.opts.seed}:${facilityId}:${period}`);
    const last = t === this.opts.months - 1;
    let id: number | null = null;
    if (!(last && u < (this.opts.lastMonthMissing ?? 0.25))) {
      const submittedAt = this.submittedAt(facilityId, period, end, last, u > 0.88);
      // A report the CSCom would send after "now" has not come in yet: the month stays without it.
      if (submittedAt > this.opts.now) {
        this.ids.set(key, null);
        return null;
      }
      id = (
        this.insertReport.get(
          facilityId,
          period,
          due,
          submittedAt,
          submittedAt.slice(0, 10) <= due ? 1 : 0,
          submittedAt,
        ) as { id: number }
      ).id;
    }
    this.ids.set(key, id);
    return id;
  }

  /**
   * When a report came in (09:00 UTC on a day of the month after it): on time within the first fortnight, late
   * after the 16th. The last month's on-time reports are spread over the days of this month gone by, so that on
   * any day most CSComs have reported; its late ones have not come in before the 17th.
   */
  private submittedAt(facilityId: string, period: string, end: string, last: boolean, late: boolean): string {
    const spread = unitHash(`day:${facilityId}:${period}`);
    const today = Number(this.opts.now.slice(8, 10));
    let day = Math.min(28, Math.floor(1 + 14 * spread) + (late ? 16 : 0));
    if (last && !late) day = 1 + Math.floor(Math.min(14, today) * spread);
    return `${end.slice(0, 8)}${String(day).padStart(2, "0")}T09:00:00.000Z`;
  }

  /**
   * Writes one line (if the facility reported that month), with its AMC over the reported months
   * of the last six (`figures[u]` is month u; months before the reports began count as not reported).
   */
  line(facilityId: string, p: SeedProduct, t: number, figures: MonthFigures[]): void {
    const id = this.reportId(facilityId, t);
    if (id === null) return;
    const m = figures[t]!;
    const adjustments = m.closing - (m.opening + m.received - m.consumed);
    const series = Array.from({ length: 6 }, (_, i) => {
      const u = t - 5 + i;
      const f = this.covers(u) ? figures[u] : undefined;
      return f ? { days: f.days, consumed: f.consumed, stockoutDays: f.stockoutDays } : null;
    });
    const amc = averageMonthlyConsumption(
      series.map((x) => (x === null ? null : adjustedConsumption(x.consumed, x.days, x.stockoutDays))),
      3,
    );
    this.insertLine.run(
      id,
      p.id,
      p.programme,
      m.days,
      m.opening,
      m.received,
      m.consumed,
      adjustments,
      m.closing,
      m.stockoutDays,
      amc,
      encodePeriods(series),
    );
    this.lines++;
  }
}

/** Stock of one product at one facility, lot by lot, kept in expiry order. */
class Shelf {
  readonly lots: { lot: SeedLot; qty: number; lastId: number }[] = [];

  total(): number {
    return this.lots.reduce((s, l) => s + l.qty, 0);
  }

  add(lot: SeedLot, qty: number): { qty: number } & { lastId: number } {
    let entry = this.lots.find((l) => l.lot.id === lot.id);
    if (!entry) {
      entry = { lot, qty: 0, lastId: 0 };
      this.lots.push(entry);
      this.lots.sort((a, b) =>
        a.lot.expiry < b.lot.expiry ? -1 : a.lot.expiry > b.lot.expiry ? 1 : a.lot.id - b.lot.id,
      );
    }
    entry.qty += qty;
    return entry;
  }
}

/** Context for one facility × product simulation. */
interface SimContext {
  w: LedgerWriter;
  reports: ReportWriter;
  opts: HistoryOptions;
  facilityId: string;
  /** Position of the facility in the seed, used to keep batch ids short */
  facilityIndex: number;
  supplierId: string;
  sizeFactor: number;
  product: SeedProduct;
  lots: SeedLot[];
}

/** Removes `qty` FEFO from the shelf, writing one line per lot touched. */
function takeFefo(
  ctx: SimContext,
  shelf: Shelf,
  qty: number,
  kind: Kind,
  reason: string | null,
  at: string,
  batch: string,
  reference: string | null,
) {
  let left = qty;
  for (const entry of shelf.lots) {
    if (left === 0) break;
    const take = Math.min(entry.qty, left);
    if (take === 0) continue;
    entry.qty -= take;
    left -= take;
    entry.lastId = ctx.w.line(
      ctx.facilityId,
      ctx.product,
      entry.lot.id,
      kind,
      reason,
      -take,
      entry.qty,
      at,
      null,
      batch,
      reference,
    );
  }
}

/** The lot the district ships in month t: usually the newest released two months before, sometimes an old one. */
function lotForDelivery(lots: SeedLot[], t: number, rng: Rng): SeedLot {
  const lag = rng.next() < 0.08 ? 14 : 2;
  let chosen = lots[0]!;
  for (const lot of lots) if (lot.releasedAt <= t - lag) chosen = lot;
  return chosen;
}

/** Simulates one facility × product over the whole history. */
function simulate(ctx: SimContext): void {
  const { product: p, opts, facilityId: f } = ctx;
  const rng = new Rng(hashString(`${opts.seed}:${f}:${p.code}`));
  const base = p.cscomMonthlyUnits * ctx.sizeFactor * rng.lognormal(0.35);
  const growth = 0.04 + 0.06 * rng.normal();
  const shelf = new Shelf();
  const history: number[] = [];
  const figures: MonthFigures[] = [];
  const fund = (t: number) => monthStart(opts.firstMonth, t);

  // Opening balance: what the CSCom held when its records were taken over (about 1.5 months).
  const opening = Math.max(1, Math.round(base * 1.5));
  const firstLot = lotForDelivery(ctx.lots, 0, rng);
  const e0 = shelf.add(firstLot, opening);
  e0.lastId = ctx.w.line(
    f,
    p,
    firstLot.id,
    "receipt",
    null,
    opening,
    e0.qty,
    `${fund(0)}T07:00:00.000Z`,
    null,
    `h${ctx.facilityIndex}.${p.id}.open`,
    "Solde d'ouverture (reprise des fiches de stock)",
  );

  for (let t = 0; t < opts.months; t++) {
    const start = fund(t);
    const month = Number(start.slice(5, 7));
    const days = daysInPeriod(start.slice(0, 7));
    const nextStart = fund(t + 1);
    const tag = `h${ctx.facilityIndex}.${p.id}.${t}`;
    const openingOfMonth = shelf.total();

    // 1. Withdraw lots that expire before next month.
    for (const entry of shelf.lots) {
      if (entry.qty > 0 && entry.lot.expiry < nextStart) {
        const q = entry.qty;
        entry.qty = 0;
        entry.lastId = ctx.w.line(
          f,
          p,
          entry.lot.id,
          "adjustment",
          "expiry",
          -q,
          0,
          `${start}T07:00:00.000Z`,
          null,
          `${tag}e`,
          null,
        );
      }
    }

    // 2. This month's demand.
    const demand = Math.round(
      base * (1 + growth) ** (t / 12) * seasonFactor(p.seasonality, month) * rng.lognormal(0.25),
    );

    // 3. Delivery from the district depot (forced ordering up to 3 months of AMC).
    const stockAtStart = shelf.total();
    const recent = history.slice(-3);
    const amc = recent.length > 0 ? Math.ceil(recent.reduce((s, x) => s + x, 0) / recent.length) : Math.ceil(base);
    let received = 0;
    const deliveryDay = rng.int(3, 12);
    if (t > 0) {
      const need = Math.max(0, amc * 3 - stockAtStart);
      const packs = packsFor(need, p);
      const fill = rng.next();
      const shipped = fill < 0.06 ? 0 : fill < 0.18 ? Math.floor(packs * (0.3 + 0.5 * rng.next())) : packs;
      received = shipped * p.packSize;
      if (received > 0) {
        const lot = lotForDelivery(ctx.lots, t, rng);
        const entry = shelf.add(lot, received);
        const at = `${start.slice(0, 8)}${String(deliveryDay).padStart(2, "0")}T10:00:00.000Z`;
        entry.lastId = ctx.w.line(
          f,
          p,
          lot.id,
          "receipt",
          null,
          received,
          entry.qty,
          at,
          ctx.supplierId,
          `${tag}r`,
          `Livraison DRC ${start.slice(0, 7)}`,
        );
      }
    }

    // 4. Consumption: demand is spread over the month; stock before the delivery limits the first part.
    const rate = demand / days;
    const beforeDelivery = t > 0 ? rate * (deliveryDay - 1) : 0;
    const c1 = Math.min(stockAtStart, beforeDelivery);
    const c2 = Math.min(stockAtStart - c1 + received, demand - beforeDelivery);
    let consumed = Math.min(Math.round(c1 + c2), stockAtStart + received);

    // 5. Occasional losses (damage, rarely theft), dated mid-month.
    const lossDraw = rng.next();
    if (lossDraw < 0.04 && shelf.total() > consumed) {
      const reason = lossDraw < 0.004 ? "theft" : "damage";
      const loss = Math.min(shelf.total() - consumed, Math.max(1, Math.round(shelf.total() * 0.03 * rng.next())));
      takeFefo(
        ctx,
        shelf,
        loss,
        "adjustment",
        reason,
        `${start.slice(0, 8)}20T12:00:00.000Z`,
        `${tag}l`,
        reason === "theft" ? "Vol constaté" : "Produit endommagé",
      );
    }
    consumed = Math.min(consumed, shelf.total());
    if (consumed > 0)
      takeFefo(ctx, shelf, consumed, "issue", null, `${start.slice(0, 8)}${days}T17:00:00.000Z`, `${tag}c`, null);

    // Adjusted consumption for the AMC estimate (stock-out days inflate it, PRODUCT.md §3).
    const stockoutShare = demand > 0 ? Math.max(0, 1 - consumed / demand) : 0;
    history.push(stockoutShare >= 1 ? consumed : Math.ceil(consumed / Math.max(0.05, 1 - stockoutShare)));

    // 6. Year-end physical count: small discrepancies become count adjustments.
    if (month === 12 && rng.next() < 0.3 && shelf.total() > 0) {
      const delta = Math.round(shelf.total() * 0.02 * rng.normal());
      const at = `${start.slice(0, 8)}${days}T18:00:00.000Z`;
      if (delta < 0)
        takeFefo(
          ctx,
          shelf,
          Math.min(-delta, shelf.total()),
          "adjustment",
          "count",
          at,
          `${tag}i`,
          "Inventaire annuel",
        );
      else if (delta > 0) {
        const entry = shelf.lots[shelf.lots.length - 1]!;
        entry.qty += delta;
        entry.lastId = ctx.w.line(
          f,
          p,
          entry.lot.id,
          "adjustment",
          "count",
          delta,
          entry.qty,
          at,
          null,
          `${tag}i`,
          "Inventaire annuel",
        );
      }
    }
    if (ctx.reports.covers(t)) {
      const stockoutDays = Math.min(days, Math.round(stockoutShare * days));
      figures[t] = { opening: openingOfMonth, received, consumed, closing: shelf.total(), stockoutDays, days };
      ctx.reports.line(f, p, t, figures);
    }
  }
  for (const entry of shelf.lots) ctx.w.balance(f, p, entry.lot.id, entry.qty, entry.lastId);
}

/** Which catalogue products a CSCom stocks (fixed by its id and the product code). */
export function stocks(facilityId: string, p: CatalogueProduct): boolean {
  return unitHash(`stocks:${facilityId}:${p.code}`) < p.cscomShare;
}

/** Size of a CSCom's catchment relative to the typical one (urban Bamako centres are busier). */
export function sizeFactor(facilityId: string, regionId: string): number {
  const u = Math.max(unitHash(`size:${facilityId}`), 1e-6);
  return (
    (regionId === "bamako" ? 1.5 : 1) *
    Math.exp(0.45 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * unitHash(`size2:${facilityId}`)) - 0.1)
  );
}

/** Generates the history of every CSCom × product it stocks. */
export function generateHistory(
  sqlite: Database.Database,
  cscoms: { id: string; regionId: string; supplierId: string }[],
  products: SeedProduct[],
  lotsByProduct: Map<number, SeedLot[]>,
  opts: HistoryOptions,
): HistoryStats {
  const w = new LedgerWriter(sqlite);
  const reports = new ReportWriter(sqlite, opts);
  let facilityProducts = 0;
  for (const [facilityIndex, c] of cscoms.entries()) {
    const size = sizeFactor(c.id, c.regionId);
    for (const p of products) {
      if (!stocks(c.id, p)) continue;
      facilityProducts++;
      simulate({
        w,
        reports,
        opts,
        facilityId: c.id,
        facilityIndex,
        supplierId: c.supplierId,
        sizeFactor: size,
        product: p,
        lots: lotsByProduct.get(p.id)!,
      });
    }
  }
  return { movements: w.movements, facilityProducts, reportLines: reports.lines };
}
