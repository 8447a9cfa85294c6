/**
 * What makes a facility's record consistent (pure): where it sits (a district for a depot, a CSCom or an ASC site;
 * a region for a regional warehouse or PPM central), its opening hours, and its suppliers — each from a level
 * above its own, never itself, and open. Used by the facility commands and the spreadsheet import alike.
 */
import type { SupplyLevel } from "../policy";

/** Levels from the top of the chain (PPM central) down to the ASC sites. */
export const LEVEL_RANK: Record<SupplyLevel, number> = { central: 4, regional: 3, district: 2, cscom: 1, asc: 0 };

/** Levels placed in a health district (the others only in a region). */
export const DISTRICT_LEVELS: readonly SupplyLevel[] = ["district", "cscom", "asc"];

/** A facility's problem: the field, the key of the reason and its values. */
export interface FacilityProblem {
  path: string;
  key:
    | "facility.districtRequired"
    | "facility.regionRequired"
    | "facility.hours"
    | "facility.supplierSelf"
    | "facility.supplierLevel"
    | "facility.supplierClosed"
    | "facility.programmeTwice";
  values: Record<string, string | number>;
}

/** A supplier as the rule needs it. */
export interface SupplierInfo {
  id: string;
  level: SupplyLevel;
  active: boolean;
}

/** "HH:MM" → minutes after midnight. */
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The problems of a facility record. `suppliers` gives each supply line's supplier as found (undefined: unknown,
 * already refused by the caller).
 */
export function facilityProblems(f: {
  id: string | null;
  level: SupplyLevel;
  regionId: string | null;
  districtId: string | null;
  opensAt: string;
  closesAt: string;
  supplyLines: { programmeCode: string; supplier: SupplierInfo | undefined }[];
}): FacilityProblem[] {
  const out: FacilityProblem[] = [];
  if (DISTRICT_LEVELS.includes(f.level) && !f.districtId)
    out.push({ path: "districtId", key: "facility.districtRequired", values: { level: f.level } });
  if (!DISTRICT_LEVELS.includes(f.level) && !f.regionId)
    out.push({ path: "regionId", key: "facility.regionRequired", values: { level: f.level } });
  if (minutes(f.closesAt) <= minutes(f.opensAt))
    out.push({ path: "closesAt", key: "facility.hours", values: { opensAt: f.opensAt, closesAt: f.closesAt } });
  const seen = new Set<string>();
  f.supplyLines.forEach((line, i) => {
    if (seen.has(line.programmeCode))
      out.push({
        path: `supplyLines.${i}.programmeCode`,
        key: "facility.programmeTwice",
        values: { programme: line.programmeCode },
      });
    seen.add(line.programmeCode);
    const s = line.supplier;
    if (!s) return;
    const path = `supplyLines.${i}.supplierId`;
    if (f.id !== null && s.id === f.id) out.push({ path, key: "facility.supplierSelf", values: { supplier: s.id } });
    else if (LEVEL_RANK[s.level] <= LEVEL_RANK[f.level])
      out.push({ path, key: "facility.supplierLevel", values: { supplier: s.id, level: s.level, own: f.level } });
    else if (!s.active) out.push({ path, key: "facility.supplierClosed", values: { supplier: s.id } });
  });
  return out;
}

/** Mali's bounding box (with a margin): a facility picked on the map or typed in must lie inside. */
export const MALI_BOUNDS = { minLat: 10, maxLat: 25.1, minLon: -12.5, maxLon: 4.5 } as const;

/** "HH:MM" (00:00–23:59). */
export const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A facility id typed by hand (new facilities get one generated when none is given). */
export const FACILITY_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/** Order statuses during which stock is reserved for, moving to or arriving at a facility: it may not close then. */
export const ORDERS_IN_PROGRESS = ["approved", "picking", "shipped", "delivered"] as const;
