import { describe, expect, it } from "vitest";
import { croston, tsb } from "./croston";

function forecast(method: typeof croston | typeof tsb, values: number[]): number {
  const y = Float64Array.from(values);
  const out = new Float64Array(3);
  method.forecast(y, y.length, method.fit(y, y.length) as never, 3, out);
  expect(out[1]).toBe(out[0]);
  return out[0]!;
}

describe("intermittent demand", () => {
  // 6 units every third month: a true rate of 2 units a month.
  const regular = Array.from({ length: 36 }, (_, t) => (t % 3 === 2 ? 6 : 0));

  it("Croston (SBA) forecasts the rate of a regular intermittent series, less its bias correction", () => {
    const rate = forecast(croston, regular);
    // size 6, interval 3 → 2 × (1 − α/2), α ≤ 0.5
    expect(rate).toBeGreaterThanOrEqual(1.5);
    expect(rate).toBeLessThanOrEqual(2);
  });

  it("TSB forecasts the same rate", () => {
    expect(forecast(tsb, regular)).toBeCloseTo(2, 0);
  });

  it("Croston holds its rate after demand stops but TSB fades it out", () => {
    const stopped = [...regular.slice(0, 24), ...new Array<number>(12).fill(0)];
    expect(forecast(croston, stopped)).toBeGreaterThan(1);
    expect(forecast(tsb, stopped)).toBeLessThan(forecast(croston, stopped));
  });

  it("forecasts the rate of an irregular intermittent series (mean 1 unit a month)", () => {
    const y = [
      0, 0, 3, 0, 0, 0, 2, 0, 4, 0, 0, 0, 0, 3, 0, 0, 1, 0, 0, 2, 0, 0, 0, 4, 0, 2, 0, 0, 0, 3, 0, 0, 0, 2, 0, 4,
    ];
    const mean = y.reduce((s, x) => s + x, 0) / y.length;
    expect(Math.abs(forecast(croston, y) - mean)).toBeLessThan(0.35);
    expect(Math.abs(forecast(tsb, y) - mean)).toBeLessThan(0.35);
  });

  it("forecasts 0 for a series without demand", () => {
    expect(forecast(croston, new Array<number>(12).fill(0))).toBe(0);
    expect(forecast(tsb, new Array<number>(12).fill(0))).toBe(0);
  });
});
