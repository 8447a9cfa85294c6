import { describe, expect, it } from "vitest";
import type { ResolverOptions } from "react-hook-form";
import { AllocationRequest } from "@shared/contracts/replenishment";
import { decodeMessage } from "../../lib/forms/messages";
import { contractResolver } from "../../lib/forms/useContractForm";
import { ALLOCATION_MESSAGES, fieldOf, toRequest, type AllocationValues } from "./allocationForm";

const form: AllocationValues = {
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

/** The form's resolver: the request, or the message key of each field. */
async function check(values: AllocationValues) {
  const resolve = contractResolver<AllocationValues, unknown>({
    contract: AllocationRequest,
    toRequest,
    fieldOf,
    customMessages: ALLOCATION_MESSAGES,
  });
  const result = await resolve(values, undefined, { fields: {} } as ResolverOptions<AllocationValues>);
  const keys = Object.fromEntries(
    Object.entries(result.errors).map(([k, v]) => [k, decodeMessage((v as { message?: string }).message)?.key]),
  );
  return { request: result.values, keys };
}

describe("allocation form", () => {
  it("makes an AMC-based request for a district", async () => {
    expect(await check(form)).toEqual({
      request: { productId: 2, sourceFacilityId: "drc-kati", districtId: "kati", monthsOfCover: 3, basis: "amc" },
      keys: {},
    });
  });

  it("makes a population-based request with the populations typed, decimals with a comma", async () => {
    const { request } = await check({
      ...form,
      targetKind: "region",
      targetId: "koulikoro",
      months: "1,5",
      basis: "population",
      unitsPerPerson: "0,6",
      populations: { a: "1 200", b: "" },
    });
    expect(request).toMatchObject({
      regionId: "koulikoro",
      monthsOfCover: 1.5,
      population: { unitsPerPersonPerMonth: 0.6, facilities: [{ facilityId: "a", targetPopulation: 1200 }] },
    });
  });

  it("names the fields to correct", async () => {
    expect((await check({ ...form, productId: "", months: "20", targetId: "" })).keys).toEqual({
      productId: "allocation.errors.product",
      months: "allocation.errors.months",
      targetId: "allocation.errors.target",
    });
    expect((await check({ ...form, basis: "population", unitsPerPerson: "x", populations: {} })).keys).toMatchObject({
      unitsPerPerson: "allocation.errors.units",
      populations: "allocation.errors.populations",
    });
  });
});
