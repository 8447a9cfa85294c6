/**
 * Facilities (administration): create, edit (place picked on the map, district, suppliers per programme, hours,
 * rainy-season access, insecurity, contact), close and reopen. A regional manager names only districts, regions
 * and facilities of their region (DistrictRef, RegionRef, FacilityRef); suppliers are CounterpartyRefs.
 */
import { z } from "zod";
import { CLOCK_PATTERN, MALI_BOUNDS } from "../domain/admin/facilityRules";
import { Code, freeText, identifier } from "./common";
import { FacilityLevel } from "./reference";
import { CounterpartyRef, DistrictRef, RegionRef } from "./refs";

const Clock = z.string().regex(CLOCK_PATTERN, "HH:MM");
/** The ministry's code of a facility. */
export const FacilityCode = identifier({ max: 40, letterCase: "upper" }).pipe(
  z.string().regex(/^[A-Z0-9._/-]+$/, "letters, digits, '.', '-', '_' and '/' only"),
);
/** A telephone number as typed ("+223 76 00 00 00"). */
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{6,24}$/, "a telephone number");
const Lat = z.number().min(MALI_BOUNDS.minLat, "outside Mali").max(MALI_BOUNDS.maxLat, "outside Mali");
const Lon = z.number().min(MALI_BOUNDS.minLon, "outside Mali").max(MALI_BOUNDS.maxLon, "outside Mali");
export const RainyAccess = z.enum(["all_year", "slow", "closed"]);

/** Who supplies the facility for a programme. */
export const SupplyLineInput = z.strictObject({
  programmeCode: Code,
  supplierId: CounterpartyRef,
});

/** A new facility: a district for a depot, CSCom or ASC site (its region follows), a region for the others. */
export const FacilityCreate = z.strictObject({
  name: freeText({ min: 2, max: 160 }),
  level: FacilityLevel,
  code: FacilityCode.optional(),
  lat: Lat,
  lon: Lon,
  regionId: RegionRef.optional(),
  districtId: DistrictRef.optional(),
  opensAt: Clock.default("08:00"),
  closesAt: Clock.default("16:00"),
  rainySeasonAccess: RainyAccess.default("all_year"),
  insecure: z.boolean().default(false),
  contactPhone: Phone.optional(),
  supplyLines: z.array(SupplyLineInput).max(20).default([]),
});
export type FacilityCreate = z.infer<typeof FacilityCreate>;

/**
 * A change to a facility: any of its fields; `code` / `contactPhone` null clears them; `supplyLines` replaces all
 * its supply lines; `active: false` closes it (refused while orders to or from it are approved and not yet
 * received), `true` reopens it.
 */
export const FacilityUpdate = z
  .strictObject({
    name: freeText({ min: 2, max: 160 }).optional(),
    level: FacilityLevel.optional(),
    code: FacilityCode.nullable().optional(),
    lat: Lat.optional(),
    lon: Lon.optional(),
    regionId: RegionRef.optional(),
    districtId: DistrictRef.optional(),
    opensAt: Clock.optional(),
    closesAt: Clock.optional(),
    rainySeasonAccess: RainyAccess.optional(),
    insecure: z.boolean().optional(),
    contactPhone: Phone.nullable().optional(),
    supplyLines: z.array(SupplyLineInput).max(20).optional(),
    active: z.boolean().optional(),
  })
  .refine((f) => Object.keys(f).length > 0, { message: "nothing to change" });
export type FacilityUpdate = z.infer<typeof FacilityUpdate>;
