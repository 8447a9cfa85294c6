/** The proof of delivery as typed (pure, tested): accepted quantity and rejection reason per shipped lot, and the OrderDeliver request. */
import type { Order } from "@shared/contracts/replenishment";
import { numberOrNaN, optionalText } from "../../lib/forms/parse";

/** What was typed for one shipped lot. */
export interface LotEntry {
  accepted: string;
  reason: string;
}
/** The form: entries by lot key ("lineId-lotId"). */
export interface DeliveryValues {
  lots: Record<string, LotEntry>;
}

/** The shipped lots of an order, grouped by line as the request sends them. */
export function shippedLines(order: Pick<Order, "lines">) {
  return order.lines
    .map((line) => ({
      line,
      lots: line.lots.filter((lot) => lot.shippedQty > 0).map((lot) => ({ lot, key: `${line.id}-${lot.lotId}` })),
    }))
    .filter((l) => l.lots.length > 0);
}

/** The form's first values: every lot accepted in full. */
export function deliveryDefaults(order: Pick<Order, "lines">): DeliveryValues {
  const lots: Record<string, LotEntry> = {};
  for (const { lots: shipped } of shippedLines(order))
    for (const { lot, key } of shipped) lots[key] = { accepted: String(lot.shippedQty), reason: "" };
  return { lots };
}

/** The OrderDeliver candidate: rejected = shipped − accepted, with the reason when something is rejected. */
export function toRequest(order: Pick<Order, "lines">, v: DeliveryValues) {
  return {
    lines: shippedLines(order).map(({ line, lots }) => ({
      lineId: line.id,
      lots: lots.map(({ lot, key }) => {
        const accepted = numberOrNaN(v.lots[key]?.accepted ?? "");
        const rejectedQty = accepted === undefined || Number.isNaN(accepted) ? 0 : lot.shippedQty - accepted;
        return {
          lotId: lot.lotId,
          acceptedQty: accepted,
          rejectedQty,
          ...(rejectedQty > 0 ? { reason: optionalText(v.lots[key]?.reason ?? "") ?? "" } : {}),
        };
      }),
    })),
  };
}

/** The form field of a request path: "lines.0.lots.1.acceptedQty" → "lots.7-12.accepted"; a rejection → "lots.7-12.rejected". */
export function fieldOf(order: Pick<Order, "lines">, path: string): string {
  const m = /^lines\.(\d+)\.lots\.(\d+)\.(\w+)/.exec(path);
  const key = m ? shippedLines(order)[Number(m[1])]?.lots[Number(m[2])]?.key : undefined;
  if (!m || !key) return path;
  const field = m[3] === "reason" ? "reason" : m[3] === "rejectedQty" ? "rejected" : "accepted";
  return `lots.${key}.${field}`;
}

/** Accepting more than was shipped makes a negative rejection; a rejection needs a reason. */
export const DELIVERY_MESSAGES = { "lots.*.rejected:too_small": "pod.tooMany", "lots.*.reason": "order.errors.reason" };
