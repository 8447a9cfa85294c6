/**
 * Confirming what arrived (a transfer's receipt, like an order's proof of delivery): every lot sent is answered
 * exactly once, accepted + rejected = sent, and a rejection carries a reason. Used by the server before it writes
 * and by the web form as the user types.
 */

/** A lot that left the sender. */
export interface SentLot {
  lotId: number;
  qty: number;
}

/** What the receiver says of one lot. */
export interface ReceivedLot {
  lotId: number;
  acceptedQty: number;
  rejectedQty: number;
  reason?: string | undefined;
}

/** A problem with one field of the receipt (path relative to the request body). */
export interface ReceiptIssue {
  path: string;
  message: string;
}

/** Shortest reason accepted for a rejection. */
export const MIN_REJECTION_REASON = 3;

/** The problems of a receipt against what was sent; empty when it may be written. */
export function receiptIssues(sent: readonly SentLot[], received: readonly ReceivedLot[]): ReceiptIssue[] {
  const issues: ReceiptIssue[] = [];
  const bySent = new Map(sent.map((s) => [s.lotId, s.qty]));
  const seen = new Set<number>();
  received.forEach((r, i) => {
    const path = `lots.${i}`;
    const qty = bySent.get(r.lotId);
    if (qty === undefined) {
      issues.push({ path: `${path}.lotId`, message: `lot ${r.lotId} was not sent` });
      return;
    }
    if (seen.has(r.lotId)) issues.push({ path: `${path}.lotId`, message: `lot ${r.lotId} appears twice` });
    seen.add(r.lotId);
    if (r.acceptedQty + r.rejectedQty !== qty)
      issues.push({ path: `${path}.acceptedQty`, message: `accepted + rejected must equal the ${qty} sent` });
    if (r.rejectedQty > 0 && (r.reason ?? "").trim().length < MIN_REJECTION_REASON)
      issues.push({ path: `${path}.reason`, message: "a rejection needs a reason" });
  });
  const missing = sent.filter((s) => !seen.has(s.lotId));
  if (missing.length > 0)
    issues.push({
      path: "lots",
      message: `every lot sent must be answered (missing: ${missing.map((m) => m.lotId).join(", ")})`,
    });
  return issues;
}
