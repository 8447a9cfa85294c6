/**
 * Which order actions the signed-in user is offered: by the order's status, the user's role, and the
 * side of the order their scope covers (the ordering facility or the supplier). The server decides in
 * the end (a refused action shows its error); this only hides buttons that could never work.
 */
import type { Me } from "@shared/contracts/auth";
import { inScope as placedInScope, may, type Action, type ScopedFacility } from "@shared/domain/access";
import type { Order } from "@shared/contracts/replenishment";

/** The geography of a facility as scope needs it. */
export type PlacedFacility = ScopedFacility;

/** Whether a facility lies in the user's scope (the server's rule, from shared/domain/access). */
export function inScope(me: Me, f: PlacedFacility | undefined): boolean {
  return f !== undefined && placedInScope(me, f);
}

/** The actions the order page may offer. */
export type OrderActionName = "submit" | "approve" | "pick" | "unpick" | "ship" | "deliver" | "receive";

/** The actions offered on an order now. */
export function allowedActions(
  me: Me,
  order: Pick<Order, "status" | "facilityId" | "supplierId">,
  facilities: Map<string, PlacedFacility>,
): Set<OrderActionName> {
  const requester = inScope(me, facilities.get(order.facilityId));
  const supplier = inScope(me, facilities.get(order.supplierId));
  const has = (action: Action) => may(me, action);
  const out = new Set<OrderActionName>();
  if ((order.status === "draft" || order.status === "rejected") && has("orders:request") && requester)
    out.add("submit");
  if (order.status === "submitted" && has("orders:approve") && supplier) out.add("approve");
  if (order.status === "approved" && has("orders:fulfil") && supplier) out.add("pick");
  if (order.status === "picking" && has("orders:fulfil") && supplier) {
    out.add("ship");
    out.add("unpick");
  }
  if (order.status === "shipped" && has("orders:deliver") && (requester || supplier)) out.add("deliver");
  if (order.status === "delivered" && has("orders:deliver") && requester) out.add("receive");
  return out;
}
