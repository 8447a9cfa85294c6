import { describe, expect, it } from "vitest";
import { FacilityCreate } from "@shared/contracts/facilityAdmin";
import { EMPTY_FACILITY, fieldOfPath, toCreateRequest, toUpdateRequest, valuesOf } from "./facilityForm";

const typed = {
  ...EMPTY_FACILITY,
  name: "CSCom de Sirakoro",
  districtId: "kati",
  regionId: "koulikoro",
  lat: "12,71",
  lon: "-8,12",
  suppliers: { cost_recovery: "depot-kati", malaria: "", hiv: "region-koulikoro" },
};

describe("the facility form", () => {
  it("places a CSCom in its district (the region follows on the server) and reads decimals with a comma", () => {
    const request = toCreateRequest(typed);
    expect(request).toMatchObject({ level: "cscom", districtId: "kati", lat: 12.71, lon: -8.12 });
    expect(request).not.toHaveProperty("regionId");
    expect(FacilityCreate.safeParse(request).success).toBe(true);
  });

  it("places a regional warehouse in its region only", () => {
    const request = toCreateRequest({ ...typed, level: "regional" });
    expect(request).toMatchObject({ regionId: "koulikoro" });
    expect(request).not.toHaveProperty("districtId");
  });

  it("turns the chosen suppliers into supply lines and a line's error back into its programme's field", () => {
    expect(toCreateRequest(typed).supplyLines).toEqual([
      { programmeCode: "cost_recovery", supplierId: "depot-kati" },
      { programmeCode: "hiv", supplierId: "region-koulikoro" },
    ]);
    expect(fieldOfPath("supplyLines.1.supplierId", typed)).toBe("suppliers.hiv");
    expect(fieldOfPath("lat", typed)).toBe("lat");
  });

  it("clears an emptied code or telephone on a change, and reads a stored facility back as typed", () => {
    expect(toUpdateRequest({ ...typed, code: " ", contactPhone: "" })).toMatchObject({
      code: null,
      contactPhone: null,
    });
    const values = valuesOf({
      id: "f1",
      name: "CSCom",
      code: "ML-1",
      level: "cscom",
      regionId: "koulikoro",
      districtId: "kati",
      regionName: "Koulikoro",
      districtName: "Kati",
      lat: 12.5,
      lon: -8,
      opensAt: "08:00",
      closesAt: "16:00",
      rainySeasonAccess: "slow",
      insecure: true,
      source: "admin",
      derivation: null,
      contactPhone: null,
      active: true,
      closedAt: null,
      supplierId: "d1",
      supplyLines: [{ programmeCode: "cost_recovery", supplierId: "d1", supplierName: "Dépôt" }],
    });
    expect(values).toMatchObject({ lat: "12,5", lon: "-8", code: "ML-1", suppliers: { cost_recovery: "d1" } });
  });
});
