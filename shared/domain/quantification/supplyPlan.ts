/**
 * The central supply plan of one product, month by month (PRODUCT.md §4; the procurement rule follows QAT).
 *
 * Each month: opening stock + arrivals − expiries − consumption = closing stock.
 * - **Arrivals**: pipeline shipments not yet received (planned, ordered, shipped) in the month of their expected
 *   date; one already late counts in the first month (noted). A received shipment is already in the stock.
 * - **Expiries by lot**: a lot expires at the start of its expiry day (as `lotStatus`), so it can supply a month
 *   only when its expiry date is after the month's last day; what is left of it in the month its expiry date
 *   falls in (or of an already expired lot, in the first month) is counted expired, lot by lot.
 * - **Consumption** is the forecast, taken first-expiry-first-out from the usable lots; what the stock cannot
 *   cover is unmet (a stock-out).
 * - **Months of stock** = closing ÷ AMC, the AMC being the mean forecast of the next `amcMonths` months (3; the
 *   month itself at the end of the plan); against the policy's min and max.
 * - **Suggested procurements**: when the months of stock are below min in a month and the two after it (or
 *   until the plan ends), an arrival is suggested at the start of that month, enough to bring its closing
 *   stock up to max (plus what was unmet), in whole packs rounded down (at least one); order date = arrival −
 *   lead time; emergency when that date is before `asOf` (it should already have been ordered: inside the lead
 *   time), with the earliest arrival still possible; cost = packs × price per pack (FCFA). The plan is
 *   projected again with it and the search goes on from the next month.
 */
import { addDaysIso } from "../stock/dates";
import { addPeriods, monthsBetween, type Period } from "./calendar";
import { round, type Note } from "./types";

export const SHIPMENT_STATUSES = ["planned", "ordered", "shipped", "received"] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** A shipment in the pipeline to the central store. */
export interface PipelineShipment {
  id: string;
  supplier: string;
  fundingSource: string;
  qtyUnits: number;
  /** Expected arrival "YYYY-MM-DD" */
  expectedDate: string;
  status: ShipmentStatus;
  /** Expiry of what it brings, when known (else arrival + shelf life) */
  expiry?: string | null;
  /** Its cost when known (else packs × price per pack) */
  costXof?: number | null;
}

/** A lot in stock at the start of the plan. */
export interface PlanLot {
  lotCode: string;
  /** "YYYY-MM-DD" */
  expiry: string;
  qtyUnits: number;
}

/** What the supply plan of one product needs. */
export interface SupplyPlanInput {
  /** Today "YYYY-MM-DD": an order date before it is an emergency */
  asOf: string;
  /** First month of the plan */
  start: Period;
  /** Forecast consumption, one per month of the plan (12–36), base units */
  forecastUnits: readonly number[];
  /** Usable and expired lots on hand at the start of the first month */
  stock: readonly PlanLot[];
  pipeline: readonly PipelineShipment[];
  policy: { minMonths: number; maxMonths: number; leadTimeDays: number };
  product: { packSize: number; pricePerPackXof: number };
  /** Where suggested procurements come from and how long what arrives keeps */
  procurement: { fundingSource: string; supplier: string; shelfLifeMonths: number };
  /** Months of forecast the AMC averages (default 3) */
  amcMonths?: number;
  /** Suggest procurements (default true) */
  suggest?: boolean;
}

export type PlanStatus = "stockout" | "below_min" | "adequate" | "above_max" | "no_consumption";

/** One month of the plan (base units). */
export interface PlanMonth {
  period: Period;
  opening: number;
  /** Pipeline arrivals */
  arrivals: number;
  /** Arrivals of suggested procurements */
  suggestedArrivals: number;
  /** Ids of the shipments (pipeline and suggested) arriving this month */
  shipmentIds: string[];
  expired: number;
  expiredLots: { lotCode: string; qtyUnits: number }[];
  forecast: number;
  consumed: number;
  /** Forecast the stock could not cover */
  unmet: number;
  closing: number;
  amc: number;
  /** closing ÷ AMC (null when the AMC is 0) */
  mos: number | null;
  minUnits: number;
  maxUnits: number;
  status: PlanStatus;
}

/** A procurement the plan suggests. */
export interface SuggestedProcurement {
  id: string;
  /** Month it must arrive in */
  period: Period;
  arrivalDate: string;
  orderDate: string;
  qtyUnits: number;
  packs: number;
  costXof: number;
  fundingSource: string;
  supplier: string;
  /** The order date is already past: order now, it arrives at the earliest on earliestArrivalDate */
  emergency: boolean;
  earliestArrivalDate: string;
  /** Expiry assumed for what it brings (arrival + shelf life) */
  expiry: string;
  /** mos_below_min: the months of stock that triggered it, min, max, AMC, closing before it, target */
  why: Note;
}

/** The supply plan of one product. */
export interface SupplyPlan {
  months: PlanMonth[];
  suggestions: SuggestedProcurement[];
  /** shipment_overdue, shipment_after_plan, shipment_received_ignored, shipment_expiry_assumed */
  notes: Note[];
  totals: {
    forecast: number;
    consumed: number;
    unmet: number;
    expired: number;
    arrivals: number;
    suggestedUnits: number;
    suggestedCostXof: number;
    emergencies: number;
  };
}

interface Lot {
  code: string;
  expiry: string;
  qty: number;
}

interface Arrival {
  id: string;
  month: number;
  qty: number;
  expiry: string;
  suggested: boolean;
}

const firstDay = (p: Period) => `${p}-01`;

/** The date `months` months after the first day of `period`. */
const monthsAfter = (period: Period, months: number) => firstDay(addPeriods(period, months));

/** Projects the plan with the given arrivals (no suggestions). */
function project(input: SupplyPlanInput, arrivals: readonly Arrival[]): PlanMonth[] {
  const T = input.forecastUnits.length;
  const amcMonths = Math.max(1, input.amcMonths ?? 3);
  const forecast = input.forecastUnits.map((f) => Math.max(0, Math.round(f)));
  const lots: Lot[] = input.stock
    .filter((l) => l.qtyUnits > 0)
    .map((l) => ({ code: l.lotCode, expiry: l.expiry, qty: l.qtyUnits }));
  const months: PlanMonth[] = [];
  for (let t = 0; t < T; t++) {
    const period = addPeriods(input.start, t);
    const nextStart = monthsAfter(period, 1);
    const opening = lots.reduce((s, l) => s + l.qty, 0);
    let pipelineIn = 0;
    let suggestedIn = 0;
    const shipmentIds: string[] = [];
    for (const a of arrivals) {
      if (a.month !== t || a.qty <= 0) continue;
      lots.push({ code: a.id, expiry: a.expiry, qty: a.qty });
      shipmentIds.push(a.id);
      if (a.suggested) suggestedIn += a.qty;
      else pipelineIn += a.qty;
    }
    lots.sort((a, b) => a.expiry.localeCompare(b.expiry));
    const expiredLots: { lotCode: string; qtyUnits: number }[] = [];
    let expired = 0;
    for (let i = lots.length - 1; i >= 0; i--) {
      const l = lots[i]!;
      if (l.expiry < nextStart) {
        expiredLots.unshift({ lotCode: l.code, qtyUnits: l.qty });
        expired += l.qty;
        lots.splice(i, 1);
      }
    }
    let need = forecast[t]!;
    let consumed = 0;
    for (const l of lots) {
      if (need === 0) break;
      const take = Math.min(need, l.qty);
      l.qty -= take;
      need -= take;
      consumed += take;
    }
    for (let i = lots.length - 1; i >= 0; i--) if (lots[i]!.qty === 0) lots.splice(i, 1);
    const closing = lots.reduce((s, l) => s + l.qty, 0);
    const ahead = forecast.slice(t + 1, t + 1 + amcMonths);
    const amc = ahead.length > 0 ? ahead.reduce((s, x) => s + x, 0) / ahead.length : forecast[t]!;
    const mos = amc > 0 ? closing / amc : null;
    const minUnits = Math.ceil(amc * input.policy.minMonths);
    const maxUnits = Math.floor(amc * input.policy.maxMonths);
    const unmet = forecast[t]! - consumed;
    const status: PlanStatus =
      amc === 0 && forecast[t] === 0
        ? "no_consumption"
        : closing === 0 || unmet > 0
          ? "stockout"
          : mos !== null && mos < input.policy.minMonths
            ? "below_min"
            : mos !== null && mos > input.policy.maxMonths
              ? "above_max"
              : "adequate";
    months.push({
      period,
      opening,
      arrivals: pipelineIn,
      suggestedArrivals: suggestedIn,
      shipmentIds,
      expired,
      expiredLots,
      forecast: forecast[t]!,
      consumed,
      unmet,
      closing,
      amc: round(amc, 2),
      mos: mos === null ? null : round(mos, 2),
      minUnits,
      maxUnits,
      status,
    });
  }
  return months;
}

const below = (m: PlanMonth | undefined) => m !== undefined && (m.status === "stockout" || m.status === "below_min");

/** The supply plan of one product (see the file comment for the rules). */
export function planSupply(input: SupplyPlanInput): SupplyPlan {
  const T = input.forecastUnits.length;
  const end = addPeriods(input.start, T);
  const shelf = input.procurement.shelfLifeMonths;
  const notes: Note[] = [];
  const arrivals: Arrival[] = [];
  for (const s of input.pipeline) {
    if (s.status === "received") {
      notes.push({ key: "shipment_received_ignored", values: { id: s.id } });
      continue;
    }
    const arrivalPeriod = s.expectedDate.slice(0, 7);
    let month = monthsBetween(input.start, arrivalPeriod);
    if (month < 0) {
      notes.push({ key: "shipment_overdue", values: { id: s.id, expectedDate: s.expectedDate } });
      month = 0;
    } else if (arrivalPeriod >= end) {
      notes.push({ key: "shipment_after_plan", values: { id: s.id, expectedDate: s.expectedDate } });
      continue;
    }
    let expiry = s.expiry ?? null;
    if (!expiry) {
      expiry = monthsAfter(arrivalPeriod, shelf);
      notes.push({ key: "shipment_expiry_assumed", values: { id: s.id, expiry } });
    }
    arrivals.push({ id: s.id, month, qty: s.qtyUnits, expiry, suggested: false });
  }

  const suggestions: SuggestedProcurement[] = [];
  let months = project(input, arrivals);
  const { minMonths, maxMonths, leadTimeDays } = input.policy;
  const { packSize, pricePerPackXof } = input.product;
  let from = 0;
  while (input.suggest !== false && from < T) {
    let t = -1;
    for (let i = from; i < T; i++) {
      if (below(months[i]) && (i + 1 >= T || below(months[i + 1])) && (i + 2 >= T || below(months[i + 2]))) {
        t = i;
        break;
      }
    }
    if (t < 0) break;
    const m = months[t]!;
    const target = Math.floor(m.amc * maxMonths);
    const qty = Math.max(0, target - m.closing + m.unmet);
    const packs = Math.max(1, Math.floor(qty / packSize));
    const units = packs * packSize;
    const arrivalDate = firstDay(m.period);
    const orderDate = addDaysIso(arrivalDate, -leadTimeDays);
    const id = `suggested-${suggestions.length + 1}`;
    const expiry = monthsAfter(m.period, shelf);
    const mosAt = (i: number) => (i < T ? months[i]!.mos : null);
    suggestions.push({
      id,
      period: m.period,
      arrivalDate,
      orderDate,
      qtyUnits: units,
      packs,
      costXof: packs * pricePerPackXof,
      fundingSource: input.procurement.fundingSource,
      supplier: input.procurement.supplier,
      emergency: orderDate < input.asOf,
      earliestArrivalDate: orderDate < input.asOf ? addDaysIso(input.asOf, leadTimeDays) : arrivalDate,
      expiry,
      why: {
        key: "mos_below_min",
        values: {
          period: m.period,
          mos: mosAt(t),
          mosNext: mosAt(t + 1),
          mosAfter: mosAt(t + 2),
          minMonths,
          maxMonths,
          amc: m.amc,
          closing: m.closing,
          unmet: m.unmet,
          targetUnits: target,
        },
      },
    });
    arrivals.push({ id, month: t, qty: units, expiry, suggested: true });
    months = project(input, arrivals);
    from = t + 1;
  }

  const sum = (f: (m: PlanMonth) => number) => months.reduce((s, m) => s + f(m), 0);
  return {
    months,
    suggestions,
    notes,
    totals: {
      forecast: sum((m) => m.forecast),
      consumed: sum((m) => m.consumed),
      unmet: sum((m) => m.unmet),
      expired: sum((m) => m.expired),
      arrivals: sum((m) => m.arrivals),
      suggestedUnits: suggestions.reduce((s, x) => s + x.qtyUnits, 0),
      suggestedCostXof: suggestions.reduce((s, x) => s + x.costXof, 0),
      emergencies: suggestions.filter((s) => s.emergency).length,
    },
  };
}
