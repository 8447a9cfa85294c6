/**
 * Who may do what, where. Every API route declares a policy (see secureRouter); a role gets an
 * action only if it is listed here (deny by default), and facility-scoped routes also check that
 * the facility lies in the user's geographic scope. Objects outside scope answer 404, so their
 * existence does not leak; an action the role lacks answers 403.
 */
import type { Me, Role } from "../contracts/auth";

/** Everything a route can require. */
export const ACTIONS = [
  "session",
  "reference:read",
  "stock:read",
  "stock:write",
  "periods:close",
  "audit:read",
  "reports:write",
  "orders:read",
  "orders:request",
  "orders:approve",
  "orders:fulfil",
  "orders:deliver",
  "routes:read",
  "routes:plan",
  "deliveries:record",
  "vrp:solve",
  "users:manage",
  "quantification:read",
  "quantification:plan",
  /** DHIS2 settings, mappings, org-unit import and products' GTINs (the administrator) */
  "interop:admin",
  /** The DHIS2 export of a month over an area of the scope (roles that review an area's reports) */
  "interop:export",
  /** Sending the export to the configured DHIS2 (the administrator) */
  "interop:push",
  "facilities:manage",
  "catalogue:manage",
  "policies:manage",
] as const;
export type Action = (typeof ACTIONS)[number];

/** The actions of each role. "session" (own session: me, logout, password) is every signed-in user's. */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  /** The administrator may do everything (a new action is theirs without a second list to keep). */
  admin: ACTIONS,
  // National quantification (forecasts, supply plan, pipeline, scenarios, history imports) and receiving a
  // pipeline shipment at PPM central are the procurement officer's job.
  procurement_officer: [
    "session",
    "reference:read",
    "stock:read",
    "orders:read",
    "orders:approve",
    "quantification:read",
    "quantification:plan",
    "interop:export",
  ],
  regional_manager: [
    "session",
    "reference:read",
    "stock:read",
    "stock:write",
    "periods:close",
    "orders:read",
    "orders:request",
    "orders:approve",
    "orders:fulfil",
    "orders:deliver",
    "routes:read",
    "routes:plan",
    "deliveries:record",
    "vrp:solve",
    "users:manage",
    "interop:export",
    "facilities:manage",
  ],
  district_pharmacist: [
    "session",
    "reference:read",
    "stock:read",
    "stock:write",
    "periods:close",
    "reports:write",
    "orders:read",
    "orders:request",
    "orders:approve",
    "orders:fulfil",
    "orders:deliver",
    "routes:read",
    "routes:plan",
    "deliveries:record",
    "vrp:solve",
    "interop:export",
  ],
  storekeeper: [
    "session",
    "reference:read",
    "stock:read",
    "stock:write",
    "periods:close",
    "orders:read",
    "orders:fulfil",
    "orders:deliver",
    "routes:read",
    "routes:plan",
    "deliveries:record",
    "vrp:solve",
  ],
  cscom_manager: [
    "session",
    "reference:read",
    "stock:read",
    "stock:write",
    "reports:write",
    "orders:read",
    "orders:request",
    "orders:deliver",
  ],
  driver: ["session", "reference:read", "routes:read", "deliveries:record"],
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

/** A user's scope as a filter on facilities: every facility, none, or those of a region, district or one facility. */
export type ScopeFilter =
  { all: true } | { none: true } | { regionId: string } | { districtId: string } | { facilityId: string };

/** The facilities a user may see, as a filter (the same rule as inScope, for list queries). */
export function scopeFilter(user: Me): ScopeFilter {
  switch (user.role) {
    case "admin":
    case "procurement_officer":
      return { all: true };
    case "regional_manager":
      return user.scopeRegionId ? { regionId: user.scopeRegionId } : { none: true };
    case "district_pharmacist":
      return user.scopeDistrictId ? { districtId: user.scopeDistrictId } : { none: true };
    case "storekeeper":
    case "cscom_manager":
      return user.scopeFacilityId ? { facilityId: user.scopeFacilityId } : { none: true };
    case "driver":
      return { none: true };
  }
}

/** Where a user's own district or facility lies: decides which region or district a narrower role may name. */
export interface ScopeHome {
  regionId: string | null;
  districtId: string | null;
}

/**
 * Whether a region may be named as an area by the user: national roles any; a regional manager their region;
 * the narrower roles the region that contains their district or facility (what they see of it stays narrowed
 * to their scope). `home` is the region / district of the user's district or facility.
 */
export function regionInScope(user: Me, regionId: string, home: ScopeHome | null): boolean {
  switch (user.role) {
    case "admin":
    case "procurement_officer":
      return true;
    case "regional_manager":
      return user.scopeRegionId !== null && user.scopeRegionId === regionId;
    case "district_pharmacist":
    case "storekeeper":
    case "cscom_manager":
      return home?.regionId === regionId;
    case "driver":
      return false;
  }
}

/** Whether a district may be named as an area by the user (the same rule as regionInScope, one level down). */
export function districtInScope(user: Me, district: { id: string; regionId: string }, home: ScopeHome | null): boolean {
  switch (user.role) {
    case "admin":
    case "procurement_officer":
      return true;
    case "regional_manager":
      return user.scopeRegionId !== null && user.scopeRegionId === district.regionId;
    case "district_pharmacist":
      return user.scopeDistrictId !== null && user.scopeDistrictId === district.id;
    case "storekeeper":
    case "cscom_manager":
      return home?.districtId === district.id;
    case "driver":
      return false;
  }
}

/** Roles a regional manager may give and manage, inside their region (the national roles and their own stay with the administrator). */
export const REGION_MANAGED_ROLES: readonly Role[] = ["district_pharmacist", "storekeeper", "cscom_manager", "driver"];

/** A user account as far as managing it is concerned: its role and where its scope lies (region derived from the district or facility). */
export interface ManagedUser {
  role: Role;
  /** The region of the account's scope (its own, or its district's or facility's); null = national */
  regionId: string | null;
}

/**
 * Whether `editor` may see and change the account `target`: the administrator any account; a regional manager
 * the district, facility and driver accounts whose scope lies in their region; nobody else.
 */
export function mayManageUser(editor: Me, target: ManagedUser): boolean {
  if (editor.role === "admin") return true;
  if (editor.role !== "regional_manager" || editor.scopeRegionId === null) return false;
  return REGION_MANAGED_ROLES.includes(target.role) && target.regionId === editor.scopeRegionId;
}

/** The roles `editor` may give to an account. */
export function assignableRoles(editor: Me): readonly Role[] {
  if (editor.role === "admin") return Object.keys(ROLE_ACTIONS) as Role[];
  if (editor.role === "regional_manager") return REGION_MANAGED_ROLES;
  return [];
}
