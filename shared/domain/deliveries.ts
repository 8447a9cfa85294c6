/**
 * Proof of delivery at a stop, as pure rules shared by the tablet (checked before a delivery is queued) and the
 * server (checked again before it applies): every lot shipped to the stop is accounted for exactly once, accepted
 * + rejected = shipped, and a rejection has a reason. Also the state a stop shows once recorded.
 */
import type { FieldIssue } from "../errors";

/** A lot shipped on an order line to the stop (what the manifest lists). */
export interface ShippedLot {
  lineId: number;
  lotId: number;
  shippedQty: number;
}

/** A lot as the recipient counted it. */
export interface CountedLot {
  lineId: number;
  lotId: number;
  acceptedQty: number;
  rejectedQty: number;
  reason?: string | undefined;
}

/** The field issues of a delivery's lines against what was shipped (paths like `lines.2.acceptedQty`); empty when right. */
export function deliveryLineIssues(shipped: readonly ShippedLot[], lines: readonly CountedLot[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const lot = shipped.find((s) => s.lineId === l.lineId && s.lotId === l.lotId);
    if (!lot) {
      const known = shipped.some((s) => s.lineId === l.lineId);
      issues.push(
        known
          ? { path: `lines.${i}.lotId`, message: `lot ${l.lotId} was not shipped on line ${l.lineId}` }
          : { path: `lines.${i}.lineId`, message: `line ${l.lineId} is not a line shipped to this stop` },
      );
      return;
    }
    const key = `${l.lineId}:${l.lotId}`;
    if (seen.has(key))
      issues.push({ path: `lines.${i}.lotId`, message: `lot ${l.lotId} of line ${l.lineId} appears twice` });
    seen.add(key);
    const total = l.acceptedQty + l.rejectedQty;
    if (total > lot.shippedQty)
      issues.push({
        path: `lines.${i}.acceptedQty`,
        message: `more than shipped: ${total} accepted and rejected, ${lot.shippedQty} shipped`,
      });
    else if (total < lot.shippedQty)
      issues.push({
        path: `lines.${i}.acceptedQty`,
        message: `accepted + rejected must equal the ${lot.shippedQty} shipped`,
      });
    if (l.rejectedQty > 0 && !l.reason)
      issues.push({ path: `lines.${i}.reason`, message: "a rejected quantity needs a reason" });
  });
  const missing = shipped.filter((s) => s.shippedQty > 0 && !seen.has(`${s.lineId}:${s.lotId}`));
  if (missing.length > 0)
    issues.push({
      path: "lines",
      message: `every shipped lot must be accounted for (missing: ${missing.map((m) => `line ${m.lineId} lot ${m.lotId}`).join(", ")})`,
    });
  return issues;
}

/** What a stop shows once a delivery applied: skipped, delivered in part (something rejected) or in full. */
export function recordedStopState(d: { status: "delivered" | "skipped"; rejectedUnits: number }) {
  if (d.status === "skipped") return "skipped" as const;
  return d.rejectedUnits > 0 ? ("partial" as const) : ("delivered" as const);
}
