/** The pharmacist's corrections before approving: approved quantities typed per line, each change with its reason (pure, tested). */
import { OrderApprove, type Order } from "@shared/contracts/replenishment";
import { parseWhole } from "../../lib/forms/parse";

/** What was typed for one line: the quantity as text (base units) and the reason. */
export interface LineEdit {
  qty: string;
  reason: string;
}

/** Edits by line id; a line without an entry keeps its requested quantity. */
export type ApprovalDraft = Record<number, LineEdit>;

/** Problems of one line, as i18n keys. */
export interface LineProblems {
  qty?: "order.errors.qty";
  reason?: "order.errors.reason";
}

/** The quantity typed for a line, or null when it is not a whole number ≥ 0 (the app's one parser, lib/forms/parse). */
export const parseQty = (text: string): number | null => parseWhole(text);

/** The lines whose approved quantity differs from the requested one, as the approve request wants them. */
export function changedLines(
  order: Pick<Order, "lines">,
  draft: ApprovalDraft,
): { lineId: number; approvedQty: number; reason: string }[] {
  const out: { lineId: number; approvedQty: number; reason: string }[] = [];
  for (const line of order.lines) {
    const edit = draft[line.id];
    if (!edit) continue;
    const qty = parseQty(edit.qty);
    if (qty === null || qty !== line.requestedQty)
      out.push({ lineId: line.id, approvedQty: qty ?? -1, reason: edit.reason.trim() });
  }
  return out;
}

/** Checks the draft with the shared OrderApprove contract: problems by line id (empty when it can be sent). */
export function draftProblems(order: Pick<Order, "lines">, draft: ApprovalDraft): Map<number, LineProblems> {
  const lines = changedLines(order, draft);
  const problems = new Map<number, LineProblems>();
  const parsed = OrderApprove.safeParse({ lines });
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const [, index, field] = issue.path;
    const line = typeof index === "number" ? lines[index] : undefined;
    if (!line) continue;
    const p = problems.get(line.lineId) ?? {};
    if (field === "approvedQty") p.qty = "order.errors.qty";
    if (field === "reason") p.reason = "order.errors.reason";
    problems.set(line.lineId, p);
  }
  return problems;
}
