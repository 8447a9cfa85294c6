/**
 * Plausible quantities: a value that passes the contract's bound may still be implausible for the facility
 * (a CSCom typing 120 000 where it consumes 1 200 a month — a slip of the finger or a hostile request). Such a
 * value is accepted only when the request confirms it (`confirmImplausible: true`); otherwise the server refuses
 * it with `implausible_quantity` and these details, and the web app shows the warning and asks.
 *
 * One rule for every field: a monthly flow (consumption, an issue or a transfer) is compared with the AMC; a
 * stock level or what fills it (a receipt, a count, opening or closing stock, losses, an order) with the maximum
 * stock (AMC × the policy's max months). The limit is IMPLAUSIBLE_FACTOR times that basis, and never below
 * IMPLAUSIBLE_FACTOR packs, so that a small consumer receiving one carton is not warned. Without an AMC there is
 * nothing to compare with: every value is plausible (the contract's bound still applies). A ledger adjustment that
 * removes stock is bounded by what the lot holds (the ledger refuses more), and losing a whole lot is ordinary (it
 * expired): only corrections that add stock are compared.
 */

/** How many times the basis a value may reach before it needs a confirmation. */
export const IMPLAUSIBLE_FACTOR = 10;

/** What a quantity is, which decides what it is compared with. */
export type QuantityField =
  | "receipt"
  | "issue"
  | "transfer"
  | "adjustment"
  | "count"
  | "report.opening"
  | "report.received"
  | "report.consumed"
  | "report.adjustments"
  | "report.closing"
  | "order.requested"
  | "order.approved";

/** Monthly flows, compared with the AMC; everything else is compared with the maximum stock. */
const FLOWS: ReadonlySet<QuantityField> = new Set(["issue", "transfer", "report.consumed"]);

/** What the rule needs to know about the facility × product. */
export interface PlausibilityBasis {
  /** Average monthly consumption, base units (0: unknown) */
  amc: number;
  /** The policy's maximum months of stock */
  maxMonths: number;
  /** Base units per pack */
  packSize: number;
}

/** An implausible value and what it was compared with (the API's error details, the UI's warning). */
export interface Implausible {
  field: QuantityField;
  value: number;
  amc: number;
  maxStock: number;
  basis: "amc" | "maxStock";
  factor: number;
  /** The largest value accepted without a confirmation */
  limit: number;
}

/** The largest value of `field` accepted without a confirmation, or null when there is nothing to compare with. */
export function plausibleLimit(field: QuantityField, b: PlausibilityBasis): number | null {
  if (!(b.amc > 0)) return null;
  const basis = FLOWS.has(field) ? b.amc : b.amc * b.maxMonths;
  return Math.max(Math.ceil(IMPLAUSIBLE_FACTOR * basis), IMPLAUSIBLE_FACTOR * Math.max(1, b.packSize));
}

/** Null when `value` is plausible for the field; else what makes it implausible. Signed values count by their size. */
export function implausible(field: QuantityField, value: number, b: PlausibilityBasis): Implausible | null {
  if (field === "adjustment" && value < 0) return null;
  const limit = plausibleLimit(field, b);
  if (limit === null || Math.abs(value) <= limit) return null;
  return {
    field,
    value,
    amc: b.amc,
    maxStock: Math.round(b.amc * b.maxMonths),
    basis: FLOWS.has(field) ? "amc" : "maxStock",
    factor: IMPLAUSIBLE_FACTOR,
    limit,
  };
}
