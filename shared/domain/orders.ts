/** The order life cycle (PRODUCT.md §3): which transition is allowed from which status. */

export type OrderStatus =
  "draft" | "submitted" | "approved" | "rejected" | "picking" | "shipped" | "delivered" | "received";
export type OrderTransition =
  "submit" | "approve" | "reject" | "pick" | "unpick" | "ship" | "deliver" | "receive" | "edit" | "return";

/** Status each transition requires, and the status it leads to ("edit" keeps the status). */
export const TRANSITIONS: Record<OrderTransition, { from: OrderStatus[]; to: OrderStatus | null }> = {
  edit: { from: ["draft", "rejected"], to: null },
  submit: { from: ["draft", "rejected"], to: "submitted" },
  approve: { from: ["submitted"], to: "approved" },
  reject: { from: ["submitted"], to: "rejected" },
  pick: { from: ["approved"], to: "picking" },
  /** The pick is cancelled: its reservations are released, the order waits to be picked again */
  unpick: { from: ["picking"], to: "approved" },
  ship: { from: ["picking"], to: "shipped" },
  deliver: { from: ["shipped"], to: "delivered" },
  receive: { from: ["delivered"], to: "received" },
  // A skipped stop's goods are back at the depot: picked again, ready to ship on another day.
  return: { from: ["shipped"], to: "picking" },
};

/** The status after `transition`, or null when the order's status does not allow it. */
export function nextStatus(status: OrderStatus, transition: OrderTransition): OrderStatus | null {
  const t = TRANSITIONS[transition];
  if (!t.from.includes(status)) return null;
  return t.to ?? status;
}
