/**
 * Why stock changes outside receipts, issues and transfers: the one list of adjustment reasons, used by the
 * ledger's column, the API, a report's D split by reason, the stock card and the forms. Stored data written with
 * any earlier list is readable: every reason ever stored is in ADJUSTMENT_REASONS or REPORT_D_KEYS.
 */

/** Every reason an adjustment line of the ledger may carry. */
export const ADJUSTMENT_REASONS = ["loss", "damage", "expiry", "theft", "correction", "count"] as const;
/** Why an adjustment changed stock. */
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** Reasons that can only take stock out (their quantity is negative): what was lost, damaged, expired or stolen. */
export const LOSS_REASONS = ["loss", "damage", "expiry", "theft"] as const satisfies readonly AdjustmentReason[];

/**
 * The reasons a person gives for an adjustment (POST /stock/movements): every reason but "count", which only a
 * physical count writes (POST /stock/counts), from the difference between the book and the shelf.
 */
export const MANUAL_ADJUSTMENT_REASONS = [
  "loss",
  "damage",
  "expiry",
  "theft",
  "correction",
] as const satisfies readonly AdjustmentReason[];

/**
 * The keys of a monthly report's D (losses and adjustments) split by reason: the ledger's reasons, transfers out
 * (recorded in D, not in consumption C), and "other" for the part of a D typed from paper that no reason explains.
 */
export const REPORT_D_KEYS = [...ADJUSTMENT_REASONS, "transfer_out", "other"] as const;
/** A key of a report's D split by reason. */
export type ReportDKey = (typeof REPORT_D_KEYS)[number];

/** Keys of D that can only take stock out: the losses and transfers out. */
export const OUTFLOW_D_KEYS: readonly ReportDKey[] = [...LOSS_REASONS, "transfer_out"];

/** Whether a reason (of the ledger or of a report's D) can only take stock out. */
export function isOutflowReason(reason: string): boolean {
  return (OUTFLOW_D_KEYS as readonly string[]).includes(reason);
}
