import { describe, expect, it } from "vitest";
import { errorMetrics, naiveScale, quantile } from "./metrics";

describe("error measures", () => {
  it("computes MAE, MASE, WAPE and bias", () => {
    const m = errorMetrics([12, 8, 10], [10, 10, 10], 3, 4);
    expect(m.mae).toBeCloseTo(4 / 3, 9);
    expect(m.mase).toBeCloseTo(1 / 3, 9);
    expect(m.wape).toBeCloseTo(4 / 30, 9);
    expect(m.bias).toBe(0);
    expect(m.mape).toBeCloseTo(0.4 / 3, 9);
  });

  it("leaves months with zero actual out of MAPE and counts them", () => {
    const m = errorMetrics([1, 2, 0], [0, 4, 0], 3, 1);
    expect(m.mape).toBe(0.5);
    expect(m.mapeExcluded).toBe(2);
    expect(errorMetrics([1], [0], 1, 1).mape).toBeNull();
  });

  it("has no MASE when the history never changes and the forecast errs", () => {
    expect(naiveScale([5, 5, 5], 3)).toBe(0);
    expect(errorMetrics([6], [5], 1, 0).mase).toBeNull();
    expect(errorMetrics([5], [5], 1, 0).mase).toBe(0);
  });

  it("interpolates quantiles", () => {
    expect(quantile(Float64Array.from([4, 1, 3, 2, 5]), 5, 0.5)).toBe(3);
    expect(quantile(Float64Array.from([0, 10]), 2, 0.1)).toBeCloseTo(1, 9);
  });
});
