import { describe, expect, it } from "vitest";
import { movingAverage, trailingMean } from "./movingAverage";

describe("moving average", () => {
  it("forecasts the mean of the last window for every month ahead", () => {
    const y = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(trailingMean(y, 9, 3)).toBe(8);
    const out = new Float64Array(4);
    movingAverage.forecast(y, 9, { window: 3 }, 4, out);
    expect([...out]).toEqual([8, 8, 8, 8]);
  });

  it("picks the short window after a level shift and the long one on stationary noise", () => {
    const shifted = Float64Array.from({ length: 30 }, (_, t) => (t < 15 ? 100 : 200) + (t % 2 ? 3 : -3));
    expect(movingAverage.fit(shifted, 30).window).toBe(3);
    let seed = 7;
    const uniform = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
    const noisy = Float64Array.from({ length: 60 }, () => 100 + 80 * uniform());
    expect(movingAverage.fit(noisy, 60).window).toBe(12);
  });
});
