import { describe, expect, it } from "vitest";
import { aggregateArea, aggregateByArea, type SiteSeries } from "./aggregate";
import { leastSquares } from "./methods/linear";

const site = (facility: string, values: number[], area = "kati"): SiteSeries => ({ facility, area, values });
const missing = (values: number[], months: number[]) => values.map((v, t) => (months.includes(t) ? NaN : v));

describe("reporting-rate correction", () => {
  it("scales a month where 70 % of the sites reported instead of reading a 30 % drop (worked example)", () => {
    const sites = Array.from({ length: 10 }, (_, i) =>
      site(`CS-${i}`, missing(new Array<number>(12).fill(100), i >= 7 ? [5] : [])),
    );
    const area = aggregateArea("kati", sites, "2026-01", 12);
    expect(area.reported[5]).toBe(700);
    expect(area.corrected[5]).toBeCloseTo(1000, 6);
    expect(area.sitesReported[5]).toBe(7);
    expect(area.sitesExpected).toBe(10);
    expect(area.coverage[5]).toBeCloseTo(0.7, 6);
    expect([...area.corrected].every((x) => Math.abs(x - 1000) < 1e-6)).toBe(true);
    expect(area.notes).toEqual([
      {
        key: "reporting_rate",
        values: {
          period: "2026-06",
          reported: 7,
          expected: 10,
          coverage: 0.7,
          reportedUnits: 700,
          estimatedUnits: 300,
        },
      },
    ]);
  });

  it("estimates a missing large site by its own size and the month's seasonality", () => {
    const season = [1, 1, 1, 1, 1, 1, 1.5, 2, 2, 1.5, 1, 1];
    const sizes = [10, 20, 30, 200];
    const sites = sizes.map((size, i) =>
      site(
        `CS-${i}`,
        missing(
          season.map((s) => size * s),
          i === 3 ? [8] : [],
        ),
      ),
    );
    const area = aggregateArea("kati", sites, "2026-01", 12, { minCoverage: 0.2 });
    // September: the three small sites reported 60 × 2; the large one (200 × 2) is estimated.
    expect(area.reported[8]).toBeCloseTo(120, 6);
    expect(area.corrected[8]).toBeCloseTo(520, 3);
    expect(area.coverage[8]).toBeCloseTo(60 / 260, 6);
  });

  it("leaves a month reported by too few sites missing and says so", () => {
    const sites = Array.from({ length: 10 }, (_, i) =>
      site(`CS-${i}`, missing(new Array<number>(12).fill(50), i >= 3 ? [4] : [])),
    );
    const area = aggregateArea("kati", sites, "2026-01", 12, { minCoverage: 0.5 });
    expect(area.corrected[4]).toBeNaN();
    expect(area.notes[0]).toEqual({
      key: "coverage_too_low",
      values: { period: "2026-05", reported: 3, expected: 10, coverage: 0.3, minCoverage: 0.5 },
    });
  });

  it("does not read a site that starts reporting as growth", () => {
    const steady = (i: number) => site(`CS-${i}`, new Array<number>(24).fill(100));
    const late = site("CS-new", missing(new Array<number>(24).fill(100), [...Array(12).keys()]));
    const area = aggregateArea("kati", [steady(1), steady(2), steady(3), steady(4), late], "2025-01", 24);
    expect(area.reported[11]).toBe(400);
    expect(area.reported[12]).toBe(500);
    for (const x of area.corrected) expect(x).toBeCloseTo(500, 6);
    expect(Math.abs(leastSquares(area.corrected, 24).slope)).toBeLessThan(1e-9);
    expect(area.notes).toContainEqual({ key: "site_backcast", values: { facility: "CS-new", firstPeriod: "2026-01" } });
  });

  it("leaves out a site silent for a year instead of reading its closure as a decline", () => {
    const closed = site("CS-old", missing(new Array<number>(30).fill(80), [...Array(30).keys()].slice(14)));
    const area = aggregateArea("kati", [site("CS-1", new Array<number>(30).fill(100)), closed], "2024-01", 30);
    expect(area.sitesExpected).toBe(1);
    for (const x of area.corrected) expect(x).toBe(100);
    expect(area.reported[0]).toBe(180);
    expect(area.notes).toContainEqual({ key: "site_inactive", values: { facility: "CS-old", lastPeriod: "2025-02" } });
  });

  it("aggregates each area apart", () => {
    const areas = aggregateByArea(
      [site("A", [1, 2, 3], "kati"), site("B", [10, 20, 30], "kita"), site("C", [1, 1, 1], "kati")],
      "2026-01",
      3,
    );
    expect(areas.map((a) => [a.area, [...a.corrected]])).toEqual([
      ["kati", [2, 3, 4]],
      ["kita", [10, 20, 30]],
    ]);
  });
});
