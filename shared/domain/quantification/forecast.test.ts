import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backtestMethod } from "./backtest";
import { forecastSeries, HISTORY_METHODS } from "./forecast";

const PROFILE = [0.6, 0.55, 0.55, 0.6, 0.7, 0.85, 1.25, 1.6, 1.85, 1.75, 1.35, 0.95];

describe("auto forecast", () => {
  it("picks Holt-Winters on a seasonal series and says why with the errors it compared", () => {
    const y = Float64Array.from({ length: 36 }, (_, t) => 1000 * PROFILE[t % 12]! * (1 + ((t * 7919) % 11) / 200));
    const f = forecastSeries(y, { horizon: 12 });
    expect(f.method).toBe("holt-winters");
    expect(f.why.key).toBe("auto_lowest_error");
    expect(f.why.values.chosen).toBe("holt-winters");
    const [best, second] = f.methods;
    expect(best!.method).toBe("holt-winters");
    expect(f.why.values.mae).toBeCloseTo(best!.metrics!.mae, 3);
    expect(f.why.values.runnerUp).toBe(second!.method);
    expect(best!.metrics!.mase!).toBeLessThan(second!.metrics!.mase!);
    expect(f.why.values.origins).toBe(12);
    // The band holds the forecast.
    for (let h = 0; h < 12; h++) {
      expect(f.lower![h]!).toBeLessThanOrEqual(f.values[h]!);
      expect(f.upper![h]!).toBeGreaterThanOrEqual(f.values[h]!);
    }
  });

  it("picks linear regression on a trend and a method for intermittent demand on a sparse series", () => {
    const trend = Float64Array.from({ length: 30 }, (_, t) => 100 + 8 * t + (t % 2 ? 4 : -4));
    expect(forecastSeries(trend, { horizon: 6 }).method).toBe("linear");
    const sparse = Float64Array.from([
      0, 0, 3, 0, 0, 0, 2, 0, 4, 0, 0, 0, 0, 3, 0, 0, 1, 0, 0, 2, 0, 0, 0, 4, 0, 2, 0, 0, 0, 3, 0, 0, 0, 2, 0, 4,
    ]);
    const f = forecastSeries(sparse, { horizon: 6 });
    expect(f.profile.kind).toBe("intermittent");
    expect(["croston", "tsb", "ma"]).toContain(f.method);
    expect(f.methods.map((m) => m.method)).not.toContain("linear");
  });

  it("forecasts zero for a series without consumption and the mean of a series too short to back-test", () => {
    expect(forecastSeries(new Float64Array(24), { horizon: 3 }).why.key).toBe("all_zero");
    const short = forecastSeries(Float64Array.from([10, 20, 30]), { horizon: 2 });
    expect(short.why.key).toBe("history_too_short");
    expect([...short.values]).toEqual([20, 20]);
    expect(short.methods.every((m) => m.note?.key === "too_short")).toBe(true);
  });

  it("uses a requested method and still reports its back-test", () => {
    const y = Float64Array.from({ length: 24 }, (_, t) => 50 + t);
    const f = forecastSeries(y, { horizon: 3, method: "ma", compare: true });
    expect(f.method).toBe("ma");
    expect(f.why).toEqual({ key: "method_requested", values: { method: "ma" } });
    expect(f.methods[0]!.metrics!.count).toBeGreaterThan(0);
    expect(f.methods[0]!.values).toBe(f.values);
    expect(forecastSeries(Float64Array.from([1, 2]), { horizon: 1, method: "holt-winters" }).why.key).toBe(
      "method_too_short",
    );
  });

  it("compares the morbidity method when its assumptions are given", () => {
    const y = Float64Array.from({ length: 24 }, () => 6000);
    const f = forecastSeries(y, {
      horizon: 3,
      compare: true,
      morbidity: {
        start: "2025-01",
        assumptions: {
          basePeriod: "2025-01",
          population: 10_000,
          populationGrowthPerYear: 0,
          incidencePerPersonYear: 12,
          shareTreated: 1,
          bands: [{ key: "all", shareOfCases: 1, unitsPerTreatment: 0.6 }],
        },
      },
    });
    const morbidity = f.methods.find((m) => m.method === "morbidity")!;
    expect(morbidity.metrics!.mae).toBeCloseTo(0, 9);
    expect([...morbidity.values!]).toEqual([6000, 6000, 6000]);
  });
});

describe("back-test properties", () => {
  const series = fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 30, maxLength: 48 });

  it("never lets an origin see its own future, and never forecasts below zero", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 0, max: 4 }), (values, pick) => {
        const id = (["ma", "linear", "holt-winters", "croston", "tsb"] as const)[pick]!;
        const method = HISTORY_METHODS[id];
        const y = Float64Array.from(values);
        const origin = y.length - 6;
        const params = method.fit(y, origin);
        const a = new Float64Array(6);
        method.forecast(y, origin, params, 6, a);
        const future = Float64Array.from(y);
        for (let t = origin; t < y.length; t++) future[t] = 1e6 - future[t]!;
        const b = new Float64Array(6);
        method.forecast(future, origin, params, 6, b);
        expect([...b]).toEqual([...a]);
        expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
        const bt = backtestMethod(method, y, y.length, { window: 12, horizon: 3 });
        expect(bt!.metrics.count).toBe(1 + 2 + 3 * 10);
      }),
      { numRuns: 60 },
    );
  });

  it("makes the band hold the forecast for any series", () => {
    fc.assert(
      fc.property(series, (values) => {
        const f = forecastSeries(Float64Array.from(values), { horizon: 6 });
        for (let h = 0; h < 6; h++) {
          expect(f.values[h]!).toBeGreaterThanOrEqual(0);
          if (f.lower) expect(f.lower[h]!).toBeLessThanOrEqual(f.values[h]! + 1e-9);
          if (f.upper) expect(f.upper[h]!).toBeGreaterThanOrEqual(f.values[h]! - 1e-9);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("auto's choice within the back-test's noise", () => {
  it("keeps the first candidate when another is better only within the noise, and says so", () => {
    // A noisy level with no trend or season: Holt-Winters edges out the moving average on the back-test by chance.
    let seed = 16;
    const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 60;
    const y = Float64Array.from({ length: 36 }, () => 100 + noise());
    const f = forecastSeries(y, { horizon: 6 });
    const lowest = [...f.methods].filter((m) => m.metrics).sort((a, b) => a.metrics!.mae - b.metrics!.mae)[0]!;
    expect(lowest.method).toBe("holt-winters");
    expect(f.method).toBe("ma");
    expect(f.why.key).toBe("auto_first_kept");
    expect(f.why.values).toMatchObject({ chosen: "ma", lowest: "holt-winters", threshold: 1 });
    expect(Number(f.why.values.advantage)).toBeLessThanOrEqual(1);
    // With no threshold the lowest error wins.
    expect(forecastSeries(y, { horizon: 6, selectionThreshold: -Infinity }).method).toBe("holt-winters");
  });

  it("borrows the area's season for a CSCom's small series", () => {
    const index = Float64Array.from(PROFILE, (p) => (p * 12) / PROFILE.reduce((s, x) => s + x, 0));
    const y = Float64Array.from({ length: 36 }, (_, t) => Math.round(6 * index[t % 12]!));
    const f = forecastSeries(y, { horizon: 12, seasonalIndex: { index, start: "2023-01" } });
    expect(f.methods.map((m) => m.method)).not.toContain("holt-winters");
    expect(f.method).toBe("seasonal-index");
  });
});
