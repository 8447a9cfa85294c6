/** The requester's changes to a draft order: requested quantities typed per line before submitting (pure, tested). */
import { OrderLinesEdit, type Order } from "@shared/contracts/replenishment";
import { parseQty } from "./approvalDraft";

/** Typed requested quantities (base units, as text) by line id; a line without an entry keeps its quantity. */
export type RequestDraft = Record<number, string>;

/** The lines whose typed quantity differs from the requested one, as PATCH /orders/:id/lines wants them; `invalid` lists the lines typed wrong. */
export function requestChanges(
  order: Pick<Order, "lines">,
  draft: RequestDraft,
): { lines: { lineId: number; requestedQty: number }[]; invalid: number[] } {
  const lines: { lineId: number; requestedQty: number }[] = [];
  const invalid: number[] = [];
  for (const line of order.lines) {
    const text = draft[line.id];
    if (text === undefined) continue;
    const qty = parseQty(text);
    if (qty === null) invalid.push(line.id);
    else if (qty !== line.requestedQty) lines.push({ lineId: line.id, requestedQty: qty });
  }
  // The shared contract has the last word (e.g. a page of more than 1,000 changes).
  if (lines.length > 0 && !OrderLinesEdit.safeParse({ lines }).success)
    return { lines: [], invalid: lines.map((l) => l.lineId) };
  return { lines, invalid };
}
