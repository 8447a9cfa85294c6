import { describe, expect, it } from "vitest";
import { PolicyCreate } from "@shared/contracts/policies";
import { EMPTY_ROW, toCreateRequest, toValues, valuesOf } from "./policyForm";

describe("the policy forms", () => {
  it("read months with a decimal comma, an empty emergency point as none, and an empty target as the whole level", () => {
    const request = toCreateRequest({
      ...EMPTY_ROW,
      maxMonths: "2,5",
      minMonths: "1",
      eopMonths: "",
      leadTimeDays: "10",
    });
    expect(request).toEqual({
      level: "cscom",
      facilityId: undefined,
      programmeCode: undefined,
      productId: undefined,
      rule: "standard",
      maxMonths: 2.5,
      minMonths: 1,
      eopMonths: null,
      reviewPeriodMonths: 1,
      leadTimeDays: 10,
    });
    expect(PolicyCreate.safeParse(request).success).toBe(true);
  });

  it("sends a product as its id, and what is not a number as NaN so that the contract names the field", () => {
    const request = toCreateRequest({
      ...EMPTY_ROW,
      productId: "12",
      maxMonths: "beaucoup",
      minMonths: "1",
      leadTimeDays: "7",
    });
    expect(request.productId).toBe(12);
    const parsed = PolicyCreate.safeParse(request);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["maxMonths"]);
  });

  it("reads a stored row back as typed", () => {
    const values = valuesOf({
      id: 1,
      level: "district",
      facilityId: null,
      facilityName: null,
      programmeCode: null,
      productId: null,
      productCode: null,
      productName: null,
      scope: "level",
      rule: "standard",
      maxMonths: 4,
      minMonths: 2,
      eopMonths: 1.5,
      reviewPeriodMonths: 1,
      leadTimeDays: 30,
    });
    expect(values).toEqual({
      rule: "standard",
      maxMonths: "4",
      minMonths: "2",
      eopMonths: "1,5",
      reviewPeriodMonths: "1",
      leadTimeDays: "30",
    });
    expect(toValues(values)).toMatchObject({ eopMonths: 1.5, maxMonths: 4 });
  });
});
