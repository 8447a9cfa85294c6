import { describe, expect, it } from "vitest";
import { morbidityForecast, type MorbidityAssumptions } from "./morbidity";

describe("morbidity method", () => {
  const assumptions: MorbidityAssumptions = {
    basePeriod: "2026-01",
    population: 120_000,
    populationGrowthPerYear: 0.03,
    incidencePerPersonYear: 1.2,
    shareTreated: 0.5,
    bands: [
      { key: "5-14kg", shareOfCases: 0.6, unitsPerTreatment: 6 },
      { key: "15-24kg", shareOfCases: 0.4, unitsPerTreatment: 12 },
    ],
    wastageRate: 0.05,
  };

  it("multiplies population, incidence, share treated and units per treatment per band", () => {
    const { values, months } = morbidityForecast(assumptions, "2026-01", 1);
    // 120,000 × 1.2 ÷ 12 = 12,000 cases; 6,000 treated; 0.6 × 6 + 0.4 × 12 = 8.4 units; × 1.05
    expect(months[0]!.cases).toBeCloseTo(12_000, 6);
    expect(months[0]!.treated).toBeCloseTo(6_000, 6);
    expect(values[0]).toBeCloseTo(6_000 * 8.4 * 1.05, 6);
    expect(months[0]!.byBand.map((b) => Math.round(b.units))).toEqual([22_680, 30_240]);
  });

  it("grows the population from the base month and follows the seasonal index", () => {
    const seasonal = { ...assumptions, seasonalIndex: [1, 1, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1] };
    const { values, months } = morbidityForecast(seasonal, "2027-01", 12);
    expect(months[0]!.population).toBeCloseTo(120_000 * 1.03, 6);
    // September has three times an ordinary month; the index is rescaled to mean 1.
    expect(values[8]! / values[7]!).toBeCloseTo(3 * 1.03 ** (1 / 12), 6);
    // Over a year the seasonal index moves units between months, not the total (up to the growth within the year).
    const flat = morbidityForecast(assumptions, "2027-01", 12).values;
    const total = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
    expect(Math.abs(total(values) / total(flat) - 1)).toBeLessThan(0.002);
  });
});
