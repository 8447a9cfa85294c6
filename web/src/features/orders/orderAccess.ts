/**
 * Which order actions the signed-in user is offered: by the order's status, the user's role, and the
 * side of the order their scope covers (the ordering facility or the supplier). The server decides in
 * the end (a refused action shows its error); this only hides buttons that could never work.
 */
import type { Me, Role } from "@shared/contracts/auth";
import type { Order } from "@shared/contracts/replenishment";

/** The geography of a facility as scope needs it. */
export interface PlacedFacility {
  id: string;
  regionId: string;
  districtId: string | null;
}

/** The actions the order page may offer. */
export type OrderActionName = "submit" | "approve" | "pick" | "ship" | "deliver" | "receive";

// Mirrors the role → action table of the server's policies (README "Roles"): requesting, approving, fulfilling, delivering.
const REQUEST: readonly Role[] = ["admin", "regional_manager", "district_pharmacist", "cscom_manager"];
const APPROVE: readonly Role[] = ["admin", "procurement_officer", "regional_manager", "district_pharmacist"];
const FULFIL: readonly Role[] = ["admin", "regional_manager", "district_pharmacist", "storekeeper"];
const DELIVER: readonly Role[] = ["admin", "regional_manager", "district_pharmacist", "storekeeper", "cscom_manager"];

/** Whether a facility lies in the user's scope (the same rule as the server's inScope). */
export function inScope(me: Me, f: PlacedFacility | undefined): boolean {
  if (!f) return false;
  switch (me.role) {
    case "admin":
    case "procurement_officer":
      return true;
    case "regional_manager":
      return f.regionId === me.scopeRegionId;
    case "district_pharmacist":
      return f.districtId !== null && f.districtId === me.scopeDistrictId;
    case "storekeeper":
    case "cscom_manager":
      return f.id === me.scopeFacilityId;
    case "driver":
      return false;
  }
}

/** The actions offered on an order now. */
export function allowedActions(
  me: Me,
  order: Pick<Order, "status" | "facilityId" | "supplierId">,
  facilities: Map<string, PlacedFacility>,
): Set<OrderActionName> {
  const requester = inScope(me, facilities.get(order.facilityId));
  const supplier = inScope(me, facilities.get(order.supplierId));
  const has = (roles: readonly Role[]) => roles.includes(me.role);
  const out = new Set<OrderActionName>();
  if ((order.status === "draft" || order.status === "rejected") && has(REQUEST) && requester) out.add("submit");
  if (order.status === "submitted" && has(APPROVE) && supplier) out.add("approve");
  if (order.status === "approved" && has(FULFIL) && supplier) out.add("pick");
  if (order.status === "picking" && has(FULFIL) && supplier) out.add("ship");
  if (order.status === "shipped" && has(DELIVER) && (requester || supplier)) out.add("deliver");
  if (order.status === "delivered" && has(DELIVER) && requester) out.add("receive");
  return out;
}
