/**
 * A compact, lossless record of what a suggestion was computed from, stored with each order line,
 * so that its explanation can be rebuilt at any time (and the national batch need not write
 * sentences): "v1|rule|max|min|eop|n|stock|transit|days:consumed:stockout,-,…" plus notes.
 */
import { keyAndValues } from "../messages";
import type { ExplanationStep, OrderInput, PeriodConsumption } from "./orderQuantity";

/** Periods as "days:consumed:stockoutDays" or "-" (not reported), oldest first, comma-separated. */
export function encodePeriods(periods: (PeriodConsumption | null)[]): string {
  return periods.map((x) => (x === null ? "-" : `${x.days}:${x.consumed}:${x.stockoutDays}`)).join(",");
}

/** The periods of encodePeriods. */
export function decodePeriods(code: string): (PeriodConsumption | null)[] {
  return code.split(",").map((x) => {
    if (x === "-") return null;
    const [days, consumed, stockoutDays] = x.split(":").map(Number) as [number, number, number];
    return { days, consumed, stockoutDays };
  });
}

/** The inputs' head (everything but the periods), for callers that already hold encoded periods. */
export function encodeInputsHead(i: Omit<OrderInput, "periods" | "product">): string {
  const p = i.policy;
  return `v1|${p.rule}|${p.maxMonths}|${p.minMonths}|${p.eopMonths ?? ""}|${i.averagingPeriods ?? 3}|${i.stockOnHand}|${i.inTransit}|`;
}

/** Encodes the inputs of one suggestion. */
export function encodeInputs(i: OrderInput): string {
  return encodeInputsHead(i) + (i.demandAmc !== undefined ? `=${i.demandAmc}` : encodePeriods(i.periods));
}

/**
 * Stands for the periods in inputs whose periods are those of the order's monthly report line
 * (stored once there: a submitted report never changes). The national cycle writes this.
 */
export const REPORT_PERIODS = "@";

/** Inputs standing on their own: REPORT_PERIODS replaced by the report line's periods (read only when needed). */
export function withReportPeriods(inputs: string, reportPeriods: () => string | null): string {
  if (!inputs.endsWith(`|${REPORT_PERIODS}`)) return inputs;
  const periods = reportPeriods();
  if (periods === null) throw new Error("these inputs refer to the periods of a report line that has none");
  return inputs.slice(0, -REPORT_PERIODS.length) + periods;
}

/**
 * Decodes inputs encoded by encodeInputs, with the product's pack rule supplied by the caller, and
 * the report line's encoded periods when the inputs refer to them (REPORT_PERIODS).
 */
export function decodeInputs(code: string, product: OrderInput["product"], reportPeriods?: string | null): OrderInput {
  const [version, rule, max, min, eop, n, stock, transit, stored] = code.split("|");
  if (version !== "v1" || stored === undefined) throw new Error(`unknown inputs encoding ${version}`);
  if (stored === REPORT_PERIODS && (reportPeriods === undefined || reportPeriods === null))
    throw new Error("these inputs refer to the periods of a report line: pass them");
  const periods = stored === REPORT_PERIODS ? reportPeriods! : stored;
  const demand = periods.startsWith("=") ? { demandAmc: Number(periods.slice(1)), periods: [] } : null;
  return {
    ...demand,
    product,
    policy: {
      rule: rule as "forced" | "standard",
      maxMonths: Number(max),
      minMonths: Number(min),
      eopMonths: eop === "" ? null : Number(eop),
    },
    averagingPeriods: Number(n),
    stockOnHand: Number(stock),
    inTransit: Number(transit),
    periods: demand ? [] : decodePeriods(periods),
  };
}

/** What an order line stores: the inputs and any notes added later (budget cut, back-order…). */
export interface StoredCalculation {
  inputs: string;
  notes: ExplanationStep[];
}

/** Serialises a stored calculation: the bare inputs string when there are no notes. */
export function storeCalculation(c: StoredCalculation): string {
  return c.notes.length === 0 ? c.inputs : JSON.stringify(c);
}

/** Reads a stored calculation back; notes stored with their sentences by older versions come back as key and values. */
export function readCalculation(stored: string): StoredCalculation {
  if (!stored.startsWith("{")) return { inputs: stored, notes: [] };
  const c = JSON.parse(stored) as StoredCalculation;
  return { inputs: c.inputs, notes: c.notes.map(keyAndValues) };
}
