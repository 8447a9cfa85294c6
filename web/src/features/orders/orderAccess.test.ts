import { describe, expect, it } from "vitest";
import type { Me } from "@shared/contracts/auth";
import { allowedActions, type PlacedFacility } from "./orderAccess";

const facilities = new Map<string, PlacedFacility>([
  ["cscom", { id: "cscom", regionId: "koulikoro", districtId: "kati" }],
  ["depot", { id: "depot", regionId: "koulikoro", districtId: "kati" }],
  ["region", { id: "region", regionId: "koulikoro", districtId: null }],
]);
const user = (role: Me["role"], scope: Partial<Me> = {}): Me => ({
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
const order = (
  status: "draft" | "submitted" | "approved" | "picking" | "shipped" | "delivered",
  facilityId = "cscom",
  supplierId = "depot",
) => ({ status, facilityId, supplierId });

describe("order actions offered", () => {
  const pharmacist = user("district_pharmacist", { scopeRegionId: "koulikoro", scopeDistrictId: "kati" });
  const storekeeper = user("storekeeper", { scopeFacilityId: "depot" });
  const cscom = user("cscom_manager", { scopeFacilityId: "cscom" });

  it("offers approval to the district pharmacist of the supplying depot, not to the CSCom", () => {
    expect([...allowedActions(pharmacist, order("submitted"), facilities)]).toEqual(["approve"]);
    expect([...allowedActions(cscom, order("submitted"), facilities)]).toEqual([]);
    expect([...allowedActions(storekeeper, order("submitted"), facilities)]).toEqual([]);
  });

  it("offers picking and shipping to the depot's storekeeper, submission and receipt to the CSCom", () => {
    expect([...allowedActions(storekeeper, order("approved"), facilities)]).toEqual(["pick"]);
    expect([...allowedActions(storekeeper, order("picking"), facilities)]).toEqual(["ship", "unpick"]);
    expect([...allowedActions(cscom, order("draft"), facilities)]).toEqual(["submit"]);
    expect([...allowedActions(cscom, order("shipped"), facilities)]).toEqual(["deliver"]);
    expect([...allowedActions(cscom, order("delivered"), facilities)]).toEqual(["receive"]);
  });

  it("does not let a district pharmacist approve the depot's own order to the region", () => {
    expect([...allowedActions(pharmacist, order("submitted", "depot", "region"), facilities)]).toEqual([]);
    expect([
      ...allowedActions(
        user("regional_manager", { scopeRegionId: "koulikoro" }),
        order("submitted", "depot", "region"),
        facilities,
      ),
    ]).toEqual(["approve"]);
  });
});
