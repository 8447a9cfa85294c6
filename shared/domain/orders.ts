/** The order life cycle (PRODUCT.md §3): the statuses, and which transition is allowed from which status. */

/** Every order status, in life-cycle order: the one list (database, contracts, filters and badges use it). */
export const ORDER_STATUSES = [
  "draft",
  "submitted",
  "approved",
  "rejected",
  "picking",
  "shipped",
  "delivered",
  "received",
] as const;
/** Where an order stands in its life cycle. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The statuses of an order that has left its depot (shipped, then delivered, then received). */
export const SHIPPED_STATUSES = ["shipped", "delivered", "received"] as const satisfies readonly OrderStatus[];

/** The statuses of an order ready to go from its depot: being picked, or shipped (a route plan's shipments). */
export const READY_STATUSES = ["picking", "shipped"] as const satisfies readonly OrderStatus[];
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

/** Whether the order's status allows the transition. */
export function allows(status: OrderStatus, transition: OrderTransition): boolean {
  return TRANSITIONS[transition].from.includes(status);
}

/** The status after `transition`, or null when the order's status does not allow it. */
export function nextStatus(status: OrderStatus, transition: OrderTransition): OrderStatus | null {
  const t = TRANSITIONS[transition];
  if (!t.from.includes(status)) return null;
  return t.to ?? status;
}
