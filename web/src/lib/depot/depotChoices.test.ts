import { describe, expect, it } from "vitest";
import type { Me } from "@shared/contracts/auth";
import type { District, Facility } from "@shared/contracts/reference";
import { depotChoices } from "../../lib/depot/depotChoices";

const f = (id: string, level: Facility["level"], regionId = "koulikoro", districtId: string | null = null) =>
  ({ id, name: id, level, regionId, districtId }) as Facility;
const facilities = [
  f("ppm", "central", "bamako"),
  f("reg-k", "regional"),
  f("drc-kati", "district", "koulikoro", "kati"),
  f("drc-kita", "district", "kayes", "kita"),
  f("cscom", "cscom", "koulikoro", "kati"),
];
const districts = [{ id: "kati", depotId: "drc-kati" }] as District[];
const me = (role: Me["role"], scope: Partial<Me> = {}): Me => ({
  id: 1,
  username: "u",
  displayName: "U",
  role,
  scopeRegionId: null,
  scopeDistrictId: null,
  scopeFacilityId: null,
  mustChangePassword: false,
  ...scope,
});

describe("depot choices", () => {
  it("gives the storekeeper their depot and the district pharmacist their district's depot", () => {
    expect(
      depotChoices(me("storekeeper", { scopeFacilityId: "drc-kati" }), facilities, districts).map((d) => d.id),
    ).toEqual(["drc-kati"]);
    expect(
      depotChoices(me("district_pharmacist", { scopeDistrictId: "kati" }), facilities, districts).map((d) => d.id),
    ).toEqual(["drc-kati"]);
  });

  it("gives the regional manager the regional warehouse first, then the region's district depots", () => {
    expect(
      depotChoices(me("regional_manager", { scopeRegionId: "koulikoro" }), facilities, districts).map((d) => d.id),
    ).toEqual(["reg-k", "drc-kati"]);
  });

  it("gives no depot to a CSCom manager", () => {
    expect(depotChoices(me("cscom_manager", { scopeFacilityId: "cscom" }), facilities, districts)).toEqual([]);
  });
});
