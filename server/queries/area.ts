/**
 * The area of a dashboard request: the user's scope, optionally narrowed to a region or a district. A region
 * or district that does not exist or lies outside the scope answers 404 alike (as facilities do), so that
 * the existence of what is out of scope does not leak.
 */
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { districts, facilities, regions } from "../../db/schema";
import { AppError } from "../../shared/errors";
import type { ScopeFilter } from "../policies";
import { facilityInScope } from "./scope";

/** The region / district asked for. */
export interface AreaQuery {
  regionId?: string | undefined;
  districtId?: string | undefined;
}

/** A checked area: its ids and the SQL condition on the facilities table it stands for. */
export interface Area {
  regionId: string | null;
  districtId: string | null;
  /** Condition on `facilities` (scope ∧ region ∧ district) */
  where: SQL;
}

/** Region and district of the scope's own facility or district (for the narrower scopes). */
function scopeGeography(db: Db, scope: ScopeFilter): { regionId: string | null; districtId: string | null } | null {
  if ("districtId" in scope) {
    const d = db
      .select({ regionId: districts.regionId })
      .from(districts)
      .where(eq(districts.id, scope.districtId))
      .get();
    return { regionId: d?.regionId ?? null, districtId: scope.districtId };
  }
  if ("facilityId" in scope) {
    const f = db
      .select({ regionId: facilities.regionId, districtId: facilities.districtId })
      .from(facilities)
      .where(eq(facilities.id, scope.facilityId))
      .get();
    return { regionId: f?.regionId ?? null, districtId: f?.districtId ?? null };
  }
  return null;
}

/** True when the region is visible in the scope. */
function regionVisible(db: Db, scope: ScopeFilter, regionId: string): boolean {
  if ("all" in scope) return true;
  if ("none" in scope) return false;
  if ("regionId" in scope) return scope.regionId === regionId;
  return scopeGeography(db, scope)?.regionId === regionId;
}

/** True when the district (of region `regionId`) is visible in the scope. */
function districtVisible(db: Db, scope: ScopeFilter, district: { id: string; regionId: string }): boolean {
  if ("all" in scope) return true;
  if ("none" in scope) return false;
  if ("regionId" in scope) return scope.regionId === district.regionId;
  return scopeGeography(db, scope)?.districtId === district.id;
}

/** Checks the region and district against the scope (404 outside or unknown; 400 when the district is not in the region). */
export function resolveArea(db: Db, scope: ScopeFilter, q: AreaQuery): Area {
  if (q.regionId !== undefined) {
    const region = db.select({ id: regions.id }).from(regions).where(eq(regions.id, q.regionId)).get();
    if (!region || !regionVisible(db, scope, q.regionId))
      throw new AppError("not_found", `Unknown region ${q.regionId}`);
  }
  if (q.districtId !== undefined) {
    const district = db
      .select({ id: districts.id, regionId: districts.regionId })
      .from(districts)
      .where(eq(districts.id, q.districtId))
      .get();
    if (!district || !districtVisible(db, scope, district))
      throw new AppError("not_found", `Unknown district ${q.districtId}`);
    if (q.regionId !== undefined && district.regionId !== q.regionId) {
      throw new AppError("validation_failed", `districtId: district ${q.districtId} is not in region ${q.regionId}`, {
        issues: [{ path: "districtId", message: `not in region ${q.regionId}` }],
      });
    }
  }
  const conditions = [
    facilityInScope(scope, facilities),
    q.regionId !== undefined ? eq(facilities.regionId, q.regionId) : undefined,
    q.districtId !== undefined ? eq(facilities.districtId, q.districtId) : undefined,
  ].filter((c): c is SQL => c !== undefined);
  return {
    regionId: q.regionId ?? null,
    districtId: q.districtId ?? null,
    where: conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`1`,
  };
}
