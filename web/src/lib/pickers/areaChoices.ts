/** The regions and districts a user may choose on the national picture: only those of their scope (the server enforces it too). */
import type { Me } from "@shared/contracts/auth";

interface RegionLike {
  id: string;
  name: string;
}
interface DistrictLike {
  id: string;
  name: string;
  regionId: string;
}

/** True when the user sees the whole country (administrator, procurement officer). */
export const isNational = (me: Me | null | undefined): boolean =>
  me?.role === "admin" || me?.role === "procurement_officer";

/** The region of the user's district or facility scope, found through the district list when the user row does not carry it. */
function scopeRegion(me: Me, districts: readonly DistrictLike[]): string | null {
  if (me.scopeRegionId) return me.scopeRegionId;
  return districts.find((d) => d.id === me.scopeDistrictId)?.regionId ?? null;
}

/** Regions listed in the selector: every region for national roles, else only the user's own. */
export function visibleRegions<R extends RegionLike>(
  me: Me | null | undefined,
  regions: readonly R[],
  districts: readonly DistrictLike[],
): R[] {
  if (!me) return [];
  if (isNational(me)) return [...regions];
  const own = scopeRegion(me, districts);
  return regions.filter((r) => r.id === own);
}

/** Districts of the chosen region listed in the selector: all of them for national and regional roles, else only the user's own. */
export function visibleDistricts<D extends DistrictLike>(
  me: Me | null | undefined,
  districts: readonly D[],
  regionId: string | null,
): D[] {
  if (!me || !regionId) return [];
  const inRegion = districts.filter((d) => d.regionId === regionId);
  if (isNational(me) || me.role === "regional_manager") return inRegion;
  return inRegion.filter((d) => d.id === me.scopeDistrictId);
}
