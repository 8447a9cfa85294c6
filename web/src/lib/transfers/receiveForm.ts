/** A transfer's receipt as typed (pure, tested): accepted quantity and rejection reason per lot sent, and the TransferReceive request. */
import type { Transfer } from "@shared/contracts/transfers";
import { numberOrNaN, optionalText } from "../../lib/forms/parse";

/** What was typed for one lot sent. */
export interface ReceiveEntry {
  accepted: string;
  reason: string;
}
/** What the form needs of a transfer: the lots sent and their quantities. */
type Sent = { lots: readonly Pick<Transfer["lots"][number], "lotId" | "qty">[] };

/** The form: entries by lot id. */
export interface ReceiveValues {
  lots: Record<string, ReceiveEntry>;
}

/** The form's first values: every lot accepted in full. */
export function receiveDefaults(transfer: Sent): ReceiveValues {
  return {
    lots: Object.fromEntries(transfer.lots.map((l) => [String(l.lotId), { accepted: String(l.qty), reason: "" }])),
  };
}

/** The TransferReceive candidate: rejected = sent − accepted (it goes back to the sender), with the reason when something is rejected. */
export function toReceiveRequest(transfer: Sent, v: ReceiveValues) {
  return {
    lots: transfer.lots.map((lot) => {
      const entry = v.lots[String(lot.lotId)];
      const accepted = numberOrNaN(entry?.accepted ?? "");
      const rejectedQty = accepted === undefined || Number.isNaN(accepted) ? 0 : lot.qty - accepted;
      return {
        lotId: lot.lotId,
        acceptedQty: accepted,
        rejectedQty,
        ...(rejectedQty > 0 ? { reason: optionalText(entry?.reason ?? "") ?? "" } : {}),
      };
    }),
  };
}

/** The form field of a request path: "lots.1.acceptedQty" → "lots.812.accepted"; a rejection → "lots.812.rejected". */
export function receiveFieldOf(transfer: Sent, path: string): string {
  const m = /^lots\.(\d+)\.(\w+)/.exec(path);
  const lot = m ? transfer.lots[Number(m[1])] : undefined;
  if (!m || !lot) return path;
  const field = m[2] === "reason" ? "reason" : m[2] === "rejectedQty" ? "rejected" : "accepted";
  return `lots.${lot.lotId}.${field}`;
}

/** Accepting more than was sent makes a negative rejection; a rejection needs a reason. */
export const RECEIVE_MESSAGES = { "lots.*.rejected:too_small": "pod.tooMany", "lots.*.reason": "order.errors.reason" };
