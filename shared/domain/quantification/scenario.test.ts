import { describe, expect, it } from "vitest";
import { budgetsForPlan, overriddenForecast } from "./scenario";

describe("scenario overrides of a forecast", () => {
  it("multiplies every month by the factor and rounds to whole units", () => {
    expect(overriddenForecast([100, 200.4, 0], "2027-01", { forecastFactor: 1.1 })).toEqual([110, 220, 0]);
  });

  it("replaces the months given (not multiplied) and ignores months outside the forecast", () => {
    const out = overriddenForecast([10, 10, 10], "2027-01", {
      forecastFactor: 2,
      monthly: { "2027-02": 55, "2026-12": 99, "2027-04": 99 },
    });
    expect(out).toEqual([20, 55, 20]);
  });

  it("leaves the forecast as whole non-negative units without an override", () => {
    expect(overriddenForecast([1.6, -3], "2027-01", undefined)).toEqual([2, 0]);
  });
});

describe("budgets over a plan", () => {
  it("pro-rates each yearly budget to the months of its year the plan covers", () => {
    // 2026-11 … 2028-01: 2 months of 2026, 12 of 2027, 1 of 2028.
    const budgets = budgetsForPlan(
      [
        { fundingSource: "malaria", year: 2026, amountXof: 1_200_000 },
        { fundingSource: "malaria", year: 2027, amountXof: 2_400_000 },
        { fundingSource: "malaria", year: 2028, amountXof: 1_200_000 },
        { fundingSource: "hiv", year: 2030, amountXof: 5_000_000 },
      ],
      "2026-11",
      15,
    );
    expect(budgets).toEqual([
      { fundingSource: "malaria", budgetXof: 200_000 + 2_400_000 + 100_000 },
      { fundingSource: "hiv", budgetXof: 0 },
    ]);
  });
});
