/**
 * Refuses quantities that pass the contract's bound but are implausible for the facility, unless the request
 * confirms them (`confirmImplausible: true`): one rule (shared/domain/stock/plausibility.ts) for stock movements,
 * counts, report lines and order line edits.
 */
import { implausible, type Implausible, type QuantityField } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import type { Tx } from "../../db/client";
import { plausibilityBases } from "../queries/plausibility";

/** One quantity of a request: where it is, what it is, its product. */
export interface QuantityToCheck {
  path: string;
  field: QuantityField;
  value: number;
  productId: number;
  /** The AMC the quantity was computed from, when it has its own (an order line's); else the facility's */
  amc?: number;
}

/**
 * Throws implausible_quantity (422) listing every implausible value with what it was compared with — unless
 * `confirmed`, when they are accepted as typed (the request, flag included, is in the audit log).
 */
export function assertPlausible(
  tx: Tx,
  facilityId: string,
  quantities: QuantityToCheck[],
  confirmed: boolean | undefined,
  now: Date,
): void {
  if (confirmed === true || quantities.length === 0) return;
  const bases = plausibilityBases(
    tx,
    facilityId,
    quantities.map((q) => q.productId),
    now.toISOString().slice(0, 10),
  );
  const found: (Implausible & { path: string; productId: number })[] = [];
  for (const q of quantities) {
    const basis = bases.get(q.productId);
    const problem = basis
      ? implausible(q.field, q.value, q.amc === undefined ? basis : { ...basis, amc: q.amc })
      : null;
    if (problem) found.push({ ...problem, path: q.path, productId: q.productId });
  }
  if (found.length === 0) return;
  throw new AppError(
    "implausible_quantity",
    found
      .map(
        (f) =>
          `${f.path}: ${f.value} is more than ${f.factor}× the ${f.basis === "amc" ? `AMC (${f.amc})` : `maximum stock (${f.maxStock})`}; resend with confirmImplausible: true if it is right`,
      )
      .join("; "),
    {
      issues: found.map((f) => ({
        path: f.path,
        message: `implausible: more than ${f.limit} (${f.factor}× the ${f.basis === "amc" ? "AMC" : "maximum stock"})`,
      })),
      items: found,
    },
  );
}
