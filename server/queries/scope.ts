/** The user's geographic scope as an SQL condition on a facilities table (the list-query form of inScope). */
import { eq, sql, type SQL } from "drizzle-orm";
import type { facilities } from "../../db/schema";
import type { ScopeFilter } from "../policies";

/** SQL condition: the facility column lies in the scope (undefined = no restriction). */
export function facilityInScope(scope: ScopeFilter, f: typeof facilities): SQL | undefined {
  if ("all" in scope) return undefined;
  if ("none" in scope) return sql`0`;
  if ("regionId" in scope) return eq(f.regionId, scope.regionId);
  if ("districtId" in scope) return eq(f.districtId, scope.districtId);
  return eq(f.id, scope.facilityId);
}
