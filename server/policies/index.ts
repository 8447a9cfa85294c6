/**
 * Who may do what, where. Every API route declares a policy (see secureRouter); a role gets an
 * action only if it is listed here (deny by default), and facility-scoped routes also check that
 * the facility lies in the user's geographic scope. Objects outside scope answer 404, so their
 * existence does not leak; an action the role lacks answers 403.
 */
import type { Me, Role } from "../../shared/contracts/auth";

/** Everything a route can require. */
export const ACTIONS = ["session", "reference:read", "stock:read", "stock:write", "audit:read"] as const;
export type Action = (typeof ACTIONS)[number];

/** The actions of each role. "session" (own session: me, logout, password) is every signed-in user's. */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  admin: ["session", "reference:read", "stock:read", "stock:write", "audit:read"],
  procurement_officer: ["session", "reference:read", "stock:read"],
  regional_manager: ["session", "reference:read", "stock:read", "stock:write"],
  district_pharmacist: ["session", "reference:read", "stock:read", "stock:write"],
  storekeeper: ["session", "reference:read", "stock:read", "stock:write"],
  cscom_manager: ["session", "reference:read", "stock:read", "stock:write"],
  driver: ["session", "reference:read"],
};

/** True when the role may perform the action somewhere. */
export function may(user: Me, action: Action): boolean {
  return ROLE_ACTIONS[user.role].includes(action);
}

/** The geography of a facility as far as scope is concerned. */
export interface ScopedFacility {
  id: string;
  regionId: string;
  districtId: string | null;
}

/**
 * Whether a facility lies in the user's scope: national roles see everything; a regional manager
 * their region; a district pharmacist their district (depot and CSComs); a storekeeper or CSCom
 * manager their own facility; a driver no facility's stock (only their own routes).
 */
export function inScope(user: Me, f: ScopedFacility): boolean {
  switch (user.role) {
    case "admin":
    case "procurement_officer":
      return true;
    case "regional_manager":
      return user.scopeRegionId !== null && f.regionId === user.scopeRegionId;
    case "district_pharmacist":
      return user.scopeDistrictId !== null && f.districtId === user.scopeDistrictId;
    case "storekeeper":
    case "cscom_manager":
      return user.scopeFacilityId !== null && f.id === user.scopeFacilityId;
    case "driver":
      return false;
  }
}
