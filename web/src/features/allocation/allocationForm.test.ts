import { describe, expect, it } from "vitest";
import { buildRequest, type AllocationForm } from "./allocationForm";

const form: AllocationForm = {
  programme: "malaria",
  productId: "2",
  sourceId: "drc-kati",
  targetKind: "district",
  targetId: "kati",
  months: "3",
  basis: "amc",
  unitsPerPerson: "",
  populations: {},
};

describe("allocation form", () => {
  it("makes an AMC-based request for a district", () => {
    expect(buildRequest(form)).toEqual({
      request: { productId: 2, sourceFacilityId: "drc-kati", districtId: "kati", monthsOfCover: 3, basis: "amc" },
      issues: null,
    });
  });

  it("makes a population-based request with the populations typed, decimals with a comma", () => {
    const result = buildRequest({
      ...form,
      targetKind: "region",
      targetId: "koulikoro",
      months: "1,5",
      basis: "population",
      unitsPerPerson: "0,6",
      populations: { a: "1200", b: "" },
    });
    expect(result.request).toMatchObject({
      regionId: "koulikoro",
      monthsOfCover: 1.5,
      population: { unitsPerPersonPerMonth: 0.6, facilities: [{ facilityId: "a", targetPopulation: 1200 }] },
    });
  });

  it("names the fields to correct", () => {
    expect(buildRequest({ ...form, productId: "", months: "20", targetId: "" }).issues).toEqual({
      productId: "allocation.errors.product",
      months: "allocation.errors.months",
      targetId: "allocation.errors.target",
    });
    expect(buildRequest({ ...form, basis: "population", unitsPerPerson: "x", populations: {} }).issues).toMatchObject({
      unitsPerPerson: "allocation.errors.units",
      populations: "allocation.errors.populations",
    });
  });
});
