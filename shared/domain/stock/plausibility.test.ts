import { describe, expect, it } from "vitest";
import { IMPLAUSIBLE_FACTOR, implausible, plausibleLimit } from "./plausibility";

const basis = { amc: 1200, maxMonths: 3, packSize: 100 };

describe("plausible quantities", () => {
  it("compares monthly flows with the AMC and stock figures with the maximum stock", () => {
    expect(plausibleLimit("issue", basis)).toBe(IMPLAUSIBLE_FACTOR * 1200);
    expect(plausibleLimit("report.consumed", basis)).toBe(12_000);
    expect(plausibleLimit("receipt", basis)).toBe(IMPLAUSIBLE_FACTOR * 3600);
    expect(plausibleLimit("report.closing", basis)).toBe(36_000);
  });
  it("flags a value above the limit with what it was compared with, and accepts the limit itself", () => {
    expect(implausible("issue", 12_000, basis)).toBeNull();
    expect(implausible("issue", 12_001, basis)).toEqual({
      field: "issue",
      value: 12_001,
      amc: 1200,
      maxStock: 3600,
      basis: "amc",
      factor: IMPLAUSIBLE_FACTOR,
      limit: 12_000,
    });
  });
  it("counts a signed report figure by its size, and leaves ledger losses to the lot's stock", () => {
    expect(implausible("report.adjustments", -40_000, basis)).toMatchObject({ basis: "maxStock", value: -40_000 });
    expect(implausible("report.adjustments", -300, basis)).toBeNull();
    expect(implausible("adjustment", 40_000, basis)).toMatchObject({ basis: "maxStock" });
    expect(implausible("adjustment", -40_000, basis)).toBeNull();
  });
  it("never warns below ten packs, and has nothing to compare with when the AMC is unknown", () => {
    expect(implausible("receipt", 1000, { amc: 1, maxMonths: 3, packSize: 100 })).toBeNull();
    expect(implausible("receipt", 1001, { amc: 1, maxMonths: 3, packSize: 100 })).toMatchObject({ limit: 1000 });
    expect(implausible("receipt", 9_000_000, { amc: 0, maxMonths: 3, packSize: 100 })).toBeNull();
  });
});
