/**
 * The monthly logistics figures Fura reports to DHIS2, and how each is computed from a submitted monthly report
 * (CRGS, PRODUCT.md §3). One rule, one place: the export, the mapping screens and the spreadsheet import use
 * this list and these functions.
 */
import { monthsOfStock } from "../stock/position";

/** The DHIS2 fields, in the order of the CRGS form. */
export const DHIS2_FIELDS = [
  "opening_balance",
  "received",
  "consumed",
  "losses_adjustments",
  "closing_stock",
  "stockout_days",
  "amc",
  "months_of_stock",
] as const;
export type Dhis2Field = (typeof DHIS2_FIELDS)[number];

/** One product's figures at one facility for the month (base units; stock-out days in days). */
export interface ProductMonthFigures {
  /** A: opening balance */
  openingUnits: number;
  /** B: received */
  receivedUnits: number;
  /** C: consumed */
  consumedUnits: number;
  /** D: losses and adjustments, signed */
  adjustmentsUnits: number;
  /** E: closing stock */
  closingUnits: number;
  /** X: days out of stock */
  stockoutDays: number;
  /** P: AMC stored when the report was submitted (null when it could not be computed) */
  amcUnitsPerMonth: number | null;
}

/** A report line (one product × funding source) as the export reads it. */
export type ReportLineFigures = ProductMonthFigures;

/**
 * One product's figures from its report lines (one per funding source — usually one). Quantities and AMC add
 * up; stock-out days are the smallest of the lines: the product counts as out only on days every source was
 * out, and without day-by-day data the smallest count is the closest bound (exact when there is one line).
 * AMC is null when a line has none.
 */
export function combineFundingLines(lines: ReportLineFigures[]): ProductMonthFigures {
  if (lines.length === 0) throw new Error("combineFundingLines: no line");
  const sum = (f: (l: ReportLineFigures) => number) => lines.reduce((s, l) => s + f(l), 0);
  const amcs = lines.map((l) => l.amcUnitsPerMonth);
  return {
    openingUnits: sum((l) => l.openingUnits),
    receivedUnits: sum((l) => l.receivedUnits),
    consumedUnits: sum((l) => l.consumedUnits),
    adjustmentsUnits: sum((l) => l.adjustmentsUnits),
    closingUnits: sum((l) => l.closingUnits),
    stockoutDays: Math.min(...lines.map((l) => l.stockoutDays)),
    amcUnitsPerMonth: amcs.some((a) => a === null) ? null : amcs.reduce<number>((s, a) => s + a!, 0),
  };
}

/** Why a field has no value to send. */
export type MissingValueReason = "noAmc" | "amcZero";

/**
 * The DHIS2 value of a field, as DHIS2 wants it (a string; integers plain, months of stock with at most two
 * decimals and a point), or why there is none: AMC unknown, or zero (months of stock undefined, PRODUCT.md §3).
 * Losses and adjustments are signed: the data element must accept negative integers (value type INTEGER).
 */
export function fieldValue(
  field: Dhis2Field,
  f: ProductMonthFigures,
): { value: string } | { missing: MissingValueReason } {
  switch (field) {
    case "opening_balance":
      return { value: String(f.openingUnits) };
    case "received":
      return { value: String(f.receivedUnits) };
    case "consumed":
      return { value: String(f.consumedUnits) };
    case "losses_adjustments":
      return { value: String(f.adjustmentsUnits) };
    case "closing_stock":
      return { value: String(f.closingUnits) };
    case "stockout_days":
      return { value: String(f.stockoutDays) };
    case "amc":
      return f.amcUnitsPerMonth === null ? { missing: "noAmc" } : { value: String(f.amcUnitsPerMonth) };
    case "months_of_stock": {
      if (f.amcUnitsPerMonth === null) return { missing: "noAmc" };
      const mos = monthsOfStock(f.closingUnits, f.amcUnitsPerMonth);
      return mos === null ? { missing: "amcZero" } : { value: formatDecimal(mos, 2) };
    }
  }
}

/** A number with at most `decimals` decimals, rounded half away from zero, without trailing zeros ("1.62", "3"). */
export function formatDecimal(n: number, decimals: number): string {
  const factor = 10 ** decimals;
  const rounded = (Math.sign(n) * Math.round((Math.abs(n) + Number.EPSILON) * factor)) / factor;
  return String(rounded === 0 ? 0 : rounded);
}

/** A Fura period "YYYY-MM" as a DHIS2 monthly period "YYYYMM". */
export function dhis2Period(period: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new Error(`dhis2Period: not a month ${period}`);
  return period.replace("-", "");
}

/** A Fura period "YYYY-MM" as an ADX period: first day and ISO 8601 duration ("2026-10-01/P1M"). */
export function adxPeriod(period: string): string {
  dhis2Period(period);
  return `${period}-01/P1M`;
}

/** A DHIS2 UID: 11 characters, letters and digits, starting with a letter. */
export const DHIS2_UID = /^[A-Za-z][A-Za-z0-9]{10}$/;

/** True for a DHIS2 UID. */
export function isDhis2Uid(s: string): boolean {
  return DHIS2_UID.test(s);
}
