import { describe, expect, it } from "vitest";
import { leastSquares, linear } from "./linear";

describe("linear regression", () => {
  it("recovers a linear series exactly and extrapolates it", () => {
    const y = Float64Array.from({ length: 24 }, (_, t) => 40 + 3 * t);
    expect(leastSquares(y, 24)).toEqual({ intercept: 40, slope: 3 });
    const out = new Float64Array(12);
    linear.forecast(y, 24, linear.fit(y, 24), 12, out);
    expect([...out]).toEqual(Array.from({ length: 12 }, (_, h) => 40 + 3 * (24 + h)));
  });

  it("recovers the trend of a noisy linear series within 5 %", () => {
    const y = Float64Array.from({ length: 36 }, (_, t) => 200 + 5 * t + (t % 2 ? 15 : -15));
    const { slope } = leastSquares(y, 36);
    expect(Math.abs(slope - 5) / 5).toBeLessThan(0.05);
  });

  it("stops at zero when the trend goes down", () => {
    const y = Float64Array.from({ length: 12 }, (_, t) => 100 - 10 * t);
    const out = new Float64Array(12);
    linear.forecast(y, 12, {}, 12, out);
    expect(out[0]).toBe(0);
    expect(Math.min(...out)).toBe(0);
  });
});
