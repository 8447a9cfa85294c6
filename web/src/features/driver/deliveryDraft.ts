/**
 * The delivery form's state at one stop (pure, tested): per manifest lot the rejected quantity and its reason
 * (accepted = shipped − rejected), the recipient and signature, or a skipped stop's reason; turned into the
 * POST /deliveries body and checked with the shared rules before it is queued.
 */
import { DeliveryCreate, type RejectionReason, type SkipReason } from "@shared/contracts/deliveries";
import type { RoutePlan } from "@shared/contracts/routePlans";
import { deliveryLineIssues } from "@shared/domain/deliveries";

type Stop = RoutePlan["routes"][number]["stops"][number];

/** One lot of the manifest as the form edits it. */
export interface DraftLot {
  orderId: number;
  lineId: number;
  lotId: number;
  lotCode: string;
  expiry: string;
  genericName: string;
  packSize: number;
  shippedQty: number;
  /** As typed (may be empty or invalid while typing) */
  rejected: string;
  reason: RejectionReason | "";
}

/** The whole form. */
export interface DeliveryDraft {
  mode: "delivered" | "skipped";
  lots: DraftLot[];
  recipient: string;
  signature: string | null;
  skipReason: SkipReason | "";
  /** "HH:MM" of arrival (the tablet's clock when the form opened, editable) */
  arrivedAt: string;
}

/** A fresh draft: every lot accepted in full. */
export function newDraft(stop: Stop, arrivedAt: string): DeliveryDraft {
  const lots = stop.manifest.flatMap((o) =>
    o.lines.flatMap((l) =>
      l.lots.map((lot) => ({
        orderId: o.orderId,
        lineId: l.lineId,
        lotId: lot.lotId,
        lotCode: lot.lotCode,
        expiry: lot.expiry,
        genericName: l.genericName,
        packSize: l.packSize,
        shippedQty: lot.qty,
        rejected: "0",
        reason: "" as const,
      })),
    ),
  );
  return { mode: "delivered", lots, recipient: "", signature: null, skipReason: "", arrivedAt };
}

/** The rejected quantity typed, or null when it is not a whole number. */
export function rejectedOf(lot: DraftLot): number | null {
  const text = lot.rejected.trim();
  if (!/^\d{1,9}$/.test(text)) return null;
  return Number(text);
}

/** ISO date-time of "HH:MM" on the day of `now` (the tablet's local day). */
function atClock(hhmm: string, now: Date): string | undefined {
  if (!/^\d{2}:\d{2}$/.test(hhmm)) return undefined;
  const d = new Date(now);
  d.setHours(Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5)), 0, 0);
  return d.toISOString();
}

/** Where the draft is wrong, by form field (`lot.<index>`, `recipient`, `signature`, `skipReason`); empty when it can be queued. */
export function draftIssues(draft: DeliveryDraft): Map<string, string> {
  const out = new Map<string, string>();
  if (draft.mode === "skipped") {
    if (!draft.skipReason) out.set("skipReason", "required");
    return out;
  }
  draft.lots.forEach((lot, i) => {
    const rejected = rejectedOf(lot);
    if (rejected === null) out.set(`lot.${i}`, "whole");
    else if (rejected > lot.shippedQty) out.set(`lot.${i}`, "tooMany");
    else if (rejected > 0 && !lot.reason) out.set(`lot.${i}.reason`, "reason");
  });
  if (!draft.recipient.trim()) out.set("recipient", "required");
  if (!draft.signature) out.set("signature", "required");
  return out;
}

/** The POST /deliveries body of a complete draft, checked with the shared contract and line rules (throws if wrong). */
export function deliveryBody(
  draft: DeliveryDraft,
  ids: { deliveryId: string; routePlanId: number; stopId: number },
  now: Date,
  position: { lat: number; lon: number; accuracyM?: number } | null,
): DeliveryCreate {
  const common = {
    ...ids,
    arrivedAt: atClock(draft.arrivedAt, now),
    departedAt: now.toISOString(),
    ...(position ? { position } : {}),
  };
  const body =
    draft.mode === "skipped"
      ? { ...common, status: "skipped" as const, reason: draft.skipReason || undefined }
      : {
          ...common,
          status: "delivered" as const,
          recipient: draft.recipient.trim(),
          signature: draft.signature ?? undefined,
          lines: draft.lots.map((lot) => {
            const rejectedQty = rejectedOf(lot) ?? 0;
            return {
              lineId: lot.lineId,
              lotId: lot.lotId,
              acceptedQty: lot.shippedQty - rejectedQty,
              rejectedQty,
              ...(rejectedQty > 0 && lot.reason ? { reason: lot.reason } : {}),
            };
          }),
        };
  // An arrival typed after the departure is dropped rather than refused by the server.
  if (body.arrivedAt && body.arrivedAt > body.departedAt) body.arrivedAt = undefined;
  const parsed = DeliveryCreate.parse(body);
  const issues = deliveryLineIssues(
    draft.lots.map((l) => ({ lineId: l.lineId, lotId: l.lotId, shippedQty: l.shippedQty })),
    parsed.lines ?? [],
  );
  if (parsed.status === "delivered" && issues.length > 0) throw new Error(issues[0]!.message);
  return parsed;
}

/** Units accepted and rejected by a draft (for the summary before recording). */
export function draftTotals(draft: DeliveryDraft): { accepted: number; rejected: number } {
  return draft.lots.reduce(
    (t, lot) => {
      const r = Math.min(rejectedOf(lot) ?? 0, lot.shippedQty);
      return { accepted: t.accepted + lot.shippedQty - r, rejected: t.rejected + r };
    },
    { accepted: 0, rejected: 0 },
  );
}
