/**
 * Which order actions the signed-in user is offered: by the order's status (the life cycle of
 * shared/domain/orders), the user's role (the roles table of shared/domain/access), and the side of the
 * order their scope covers (the ordering facility or the supplier). The server decides in the end (a
 * refused action shows its error); this only hides buttons that could never work.
 */
import type { Me } from "@shared/contracts/auth";
import { inScope as placedInScope, may, type Action, type ScopedFacility } from "@shared/domain/access";
import { allows, type OrderTransition } from "@shared/domain/orders";
import type { Order } from "@shared/contracts/replenishment";

/** The geography of a facility as scope needs it. */
export type PlacedFacility = ScopedFacility;

/** Whether a facility lies in the user's scope (the server's rule, from shared/domain/access). */
export function inScope(me: Me, f: PlacedFacility | undefined): boolean {
  return f !== undefined && placedInScope(me, f);
}

/** The actions the order page may offer. */
export type OrderActionName = "submit" | "approve" | "pick" | "unpick" | "ship" | "deliver" | "receive";

/** Per action: the transition it makes, the role action it needs and the side(s) of the order the user must cover. */
const ACTIONS: Record<OrderActionName, { transition: OrderTransition; needs: Action; side: Side }> = {
  submit: { transition: "submit", needs: "orders:request", side: "requester" },
  approve: { transition: "approve", needs: "orders:approve", side: "supplier" },
  pick: { transition: "pick", needs: "orders:fulfil", side: "supplier" },
  ship: { transition: "ship", needs: "orders:fulfil", side: "supplier" },
  unpick: { transition: "unpick", needs: "orders:fulfil", side: "supplier" },
  deliver: { transition: "deliver", needs: "orders:deliver", side: "either" },
  receive: { transition: "receive", needs: "orders:deliver", side: "requester" },
};
type Side = "requester" | "supplier" | "either";

/** The actions offered on an order now. */
export function allowedActions(
  me: Me,
  order: Pick<Order, "status" | "facilityId" | "supplierId">,
  facilities: Map<string, PlacedFacility>,
): Set<OrderActionName> {
  const sides: Record<Side, boolean> = {
    requester: inScope(me, facilities.get(order.facilityId)),
    supplier: inScope(me, facilities.get(order.supplierId)),
    either: false,
  };
  sides.either = sides.requester || sides.supplier;
  const out = new Set<OrderActionName>();
  for (const [name, a] of Object.entries(ACTIONS) as [OrderActionName, (typeof ACTIONS)[OrderActionName]][]) {
    if (allows(order.status, a.transition) && may(me, a.needs) && sides[a.side]) out.add(name);
  }
  return out;
}
