import { describe, expect, it } from "vitest";
import { addPeriods } from "./calendar";
import type { HistoryRecord } from "./history";
import { forecastHistory } from "./historyForecast";

/** 10 CSComs × 30 months of 100 units; CS-7..9 miss June 2025, CS-0 was out of stock 10 days in March 2025. */
function history(): HistoryRecord[] {
  const rows: HistoryRecord[] = [];
  for (let s = 0; s < 10; s++) {
    for (let t = 0; t < 30; t++) {
      const period = addPeriods("2024-01", t);
      if (s >= 7 && period === "2025-06") continue;
      const stockout = s === 0 && period === "2025-03" ? 10 : 0;
      const consumed = stockout ? 68 : 100;
      rows.push({
        period,
        facility: `CS-${s}`,
        product: "ACT-1",
        opening: 200,
        received: consumed,
        consumed,
        adjustments: 0,
        closing: 200,
        stockoutDays: stockout,
      });
    }
  }
  return rows;
}

describe("forecast from history rows", () => {
  it("corrects stock-outs and reporting at national level, notes both, and forecasts from the month after", () => {
    const { series, unmappedFacilities } = forecastHistory(history(), { level: "national", horizon: 6 });
    expect(unmappedFacilities).toEqual([]);
    expect(series).toHaveLength(1);
    const s = series[0]!;
    expect(s.code).toBe("national");
    expect(s.forecastStart).toBe("2026-07");
    // June 2025 (month 17): 700 reported, 1,000 after the correction.
    expect(s.reported[17]).toBe(700);
    expect(s.adjusted[17]).toBeCloseTo(1000, 0);
    // March 2025 (month 14): CS-0's 68 units in 21 days of stock count as ⌈68 × 31 / 21⌉ = 101.
    expect(s.adjusted[14]).toBe(1001);
    expect(s.notes).toContainEqual({
      key: "stockout_adjusted_sites",
      values: { period: "2025-03", sites: 1, consumed: 68, adjusted: 101 },
    });
    expect(s.notes.some((n) => n.key === "reporting_rate" && n.values.period === "2025-06")).toBe(true);
    for (const x of s.forecast.values) expect(x).toBeGreaterThan(950);
  });

  it("lists the facilities without an area and offers the morbidity method when assumptions are given", () => {
    const { series, unmappedFacilities } = forecastHistory(history(), {
      level: "district",
      horizon: 3,
      areaOf: (f) => (f === "CS-9" ? undefined : "kati"),
      morbidityOf: (product, code) =>
        product === "ACT-1" && code === "kati"
          ? {
              basePeriod: "2024-01",
              population: 900,
              populationGrowthPerYear: 0,
              incidencePerPersonYear: 1,
              shareTreated: 1,
              bands: [{ key: "all", shareOfCases: 1, unitsPerTreatment: 12 }],
            }
          : null,
    });
    expect(unmappedFacilities).toEqual(["CS-9"]);
    expect(series.map((s) => s.code)).toEqual(["kati"]);
    const morbidity = series[0]!.forecast.methods.find((m) => m.method === "morbidity");
    expect(morbidity?.metrics?.count).toBeGreaterThan(0);
  });
});
