/**
 * Which scope each role takes (PRODUCT.md §1): the country, a region, a district, or one facility of given levels.
 * A user's scope must fit their role: a scope field the role does not take, or a missing one, is refused with the
 * field named. The server stores the region and district of a district or facility scope beside it.
 */
import type { Role } from "../../contracts/auth";
import type { SupplyLevel } from "../policy";

/** What a role's scope is made of. */
export type ScopeNeed = "national" | "region" | "district" | "facility";

/** The scope of each role; a facility scope lists the levels it may be. */
export const ROLE_SCOPE: Record<Role, { need: ScopeNeed; levels?: readonly SupplyLevel[] }> = {
  admin: { need: "national" },
  procurement_officer: { need: "national" },
  regional_manager: { need: "region" },
  district_pharmacist: { need: "district" },
  storekeeper: { need: "facility", levels: ["central", "regional", "district"] },
  cscom_manager: { need: "facility", levels: ["cscom", "asc"] },
  driver: { need: "facility", levels: ["central", "regional", "district"] },
};

/** The scope fields of a request, as given. */
export interface ScopeGiven {
  regionId?: string | null | undefined;
  districtId?: string | null | undefined;
  facilityId?: string | null | undefined;
}

/** A scope field refused, with the key and values of the reason. */
export interface ScopeProblem {
  path: "regionId" | "districtId" | "facilityId";
  key: "userScope.required" | "userScope.notAllowed" | "userScope.facilityLevel";
  values: Record<string, string>;
}

const FIELD_OF: Record<Exclude<ScopeNeed, "national">, ScopeProblem["path"]> = {
  region: "regionId",
  district: "districtId",
  facility: "facilityId",
};

/**
 * The problems of a scope for a role: the role's field missing, another field given, or a facility of a level
 * the role does not work at (`facilityLevel`: the level of the facility given, when it exists).
 */
export function userScopeProblems(role: Role, given: ScopeGiven, facilityLevel: string | null): ScopeProblem[] {
  const rule = ROLE_SCOPE[role];
  const wanted = rule.need === "national" ? null : FIELD_OF[rule.need];
  const out: ScopeProblem[] = [];
  for (const path of ["regionId", "districtId", "facilityId"] as const) {
    const value = given[path];
    const present = value !== undefined && value !== null && value !== "";
    if (path === wanted && !present) out.push({ path, key: "userScope.required", values: { role } });
    if (path !== wanted && present) out.push({ path, key: "userScope.notAllowed", values: { role } });
  }
  if (wanted === "facilityId" && facilityLevel !== null && !rule.levels!.includes(facilityLevel as SupplyLevel))
    out.push({ path: "facilityId", key: "userScope.facilityLevel", values: { role, level: facilityLevel } });
  return out;
}
