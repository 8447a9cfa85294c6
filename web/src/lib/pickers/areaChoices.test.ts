import { describe, expect, it } from "vitest";
import type { Me } from "@shared/contracts/auth";
import { visibleDistricts, visibleRegions } from "./areaChoices";

const regions = [
  { id: "kayes", name: "Kayes" },
  { id: "koulikoro", name: "Koulikoro" },
  { id: "mopti", name: "Mopti" },
];
const districts = [
  { id: "kati", name: "Kati", regionId: "koulikoro" },
  { id: "kolokani", name: "Kolokani", regionId: "koulikoro" },
  { id: "bandiagara", name: "Bandiagara", regionId: "mopti" },
];
const me = (over: Partial<Me>): Me =>
  ({
    id: 1,
    username: "u",
    displayName: "U",
    role: "procurement_officer",
    scopeRegionId: null,
    scopeDistrictId: null,
    scopeFacilityId: null,
    mustChangePassword: false,
    ...over,
  }) as Me;

describe("area choices", () => {
  it("lists every region and district to the national roles", () => {
    expect(visibleRegions(me({}), regions, districts)).toHaveLength(3);
    expect(visibleDistricts(me({ role: "admin" }), districts, "koulikoro").map((d) => d.id)).toEqual([
      "kati",
      "kolokani",
    ]);
  });
  it("lists only the regional manager's region, with all its districts", () => {
    const m = me({ role: "regional_manager", scopeRegionId: "koulikoro" });
    expect(visibleRegions(m, regions, districts).map((r) => r.id)).toEqual(["koulikoro"]);
    expect(visibleDistricts(m, districts, "koulikoro").map((d) => d.id)).toEqual(["kati", "kolokani"]);
  });
  it("lists only the district pharmacist's region and district, even without a region on the user", () => {
    const m = me({ role: "district_pharmacist", scopeDistrictId: "kati" });
    expect(visibleRegions(m, regions, districts).map((r) => r.id)).toEqual(["koulikoro"]);
    expect(visibleDistricts(m, districts, "koulikoro").map((d) => d.id)).toEqual(["kati"]);
    expect(visibleRegions(null, regions, districts)).toEqual([]);
  });
});
