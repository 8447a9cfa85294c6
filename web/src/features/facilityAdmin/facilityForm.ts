/**
 * The facility form as typed (pure): its values, the request of a new or changed facility (a district for a
 * depot, CSCom or ASC site, a region for the others — shared/domain/admin/facilityRules.ts), numbers read by the
 * shared parser ("12,71"), the supplier chosen per programme as supply lines, and back from a request path to its field.
 */
import type { FacilityDetail } from "@shared/contracts/reference";
import { DISTRICT_LEVELS } from "@shared/domain/admin/facilityRules";
import type { SupplyLevel } from "@shared/domain/policy";
import { numberOrNaN, optionalText } from "../../lib/forms/parse";

/** What the form holds. `suppliers` maps a programme code to the supplier chosen ("" = none). */
export interface FacilityValues {
  name: string;
  code: string;
  level: string;
  regionId: string;
  districtId: string;
  lat: string;
  lon: string;
  opensAt: string;
  closesAt: string;
  rainySeasonAccess: string;
  insecure: boolean;
  contactPhone: string;
  suppliers: Record<string, string>;
}

export const EMPTY_FACILITY: FacilityValues = {
  name: "",
  code: "",
  level: "cscom",
  regionId: "",
  districtId: "",
  lat: "",
  lon: "",
  opensAt: "08:00",
  closesAt: "16:00",
  rainySeasonAccess: "all_year",
  insecure: false,
  contactPhone: "",
  suppliers: {},
};

/** Whether a level sits in a district (else in a region only). */
export const inDistrict = (level: string) => DISTRICT_LEVELS.includes(level as SupplyLevel);

/** The programmes in the order the form lists them (the supply lines' indexes follow it). */
const chosen = (v: FacilityValues) => Object.entries(v.suppliers).filter(([, supplier]) => supplier !== "");

/** The fields common to a creation and a change. */
function record(v: FacilityValues) {
  return {
    name: optionalText(v.name),
    level: v.level,
    lat: numberOrNaN(v.lat),
    lon: numberOrNaN(v.lon),
    ...(inDistrict(v.level) ? { districtId: optionalText(v.districtId) } : { regionId: optionalText(v.regionId) }),
    opensAt: v.opensAt.trim(),
    closesAt: v.closesAt.trim(),
    rainySeasonAccess: v.rainySeasonAccess,
    insecure: v.insecure,
    supplyLines: chosen(v).map(([programmeCode, supplierId]) => ({ programmeCode, supplierId })),
  };
}

/** POST /facilities of what was typed. */
export const toCreateRequest = (v: FacilityValues) => ({
  ...record(v),
  code: optionalText(v.code),
  contactPhone: optionalText(v.contactPhone),
});

/** PATCH /facilities/:id of what was typed (an emptied code or telephone is cleared). */
export const toUpdateRequest = (v: FacilityValues) => ({
  ...record(v),
  code: optionalText(v.code) ?? null,
  contactPhone: optionalText(v.contactPhone) ?? null,
});

/** The form field of a request path: a supply line's supplier is the programme's select. */
export function fieldOfPath(path: string, v: FacilityValues): string {
  const m = /^supplyLines\.(\d+)\./.exec(path);
  if (!m) return path;
  const programme = chosen(v)[Number(m[1])]?.[0];
  return programme ? `suppliers.${programme}` : path;
}

/** The form's values of a stored facility. */
export function valuesOf(f: FacilityDetail): FacilityValues {
  return {
    name: f.name,
    code: f.code ?? "",
    level: f.level,
    regionId: f.regionId,
    districtId: f.districtId ?? "",
    lat: String(f.lat).replace(".", ","),
    lon: String(f.lon).replace(".", ","),
    opensAt: f.opensAt,
    closesAt: f.closesAt,
    rainySeasonAccess: f.rainySeasonAccess,
    insecure: f.insecure,
    contactPhone: f.contactPhone ?? "",
    suppliers: Object.fromEntries(f.supplyLines.map((l) => [l.programmeCode, l.supplierId])),
  };
}
