import { describe, expect, it } from "vitest";
import { prepareSeries } from "./prepare";

describe("series preparation", () => {
  it("drops leading months without data, interpolates gaps and carries the end", () => {
    const p = prepareSeries([NaN, NaN, 10, NaN, NaN, 40, 50, 60, NaN], { start: "2026-01" });
    expect(p.offset).toBe(2);
    expect([...p.values]).toEqual([10, 20, 30, 40, 50, 60, 50]);
    expect(p.notes).toEqual([
      { key: "gap_filled", values: { period: "2026-04", value: 20 } },
      { key: "gap_filled", values: { period: "2026-05", value: 30 } },
      { key: "gap_carried", values: { period: "2026-09", value: 50 } },
    ]);
  });

  it("replaces a typing error (an extra zero) by the median around it", () => {
    const y = [100, 104, 98, 101, 1000, 99, 103, 97, 102, 100];
    const p = prepareSeries(y, { start: "2026-01" });
    // The seven months around it: 104, 98, 101, 1000, 99, 103, 97 → median 101.
    expect(p.values[4]).toBe(101);
    expect(p.notes).toEqual([
      { key: "outlier_replaced", values: { period: "2026-05", value: 1000, replacement: 101 } },
    ]);
  });

  it("keeps the malaria peak and intermittent spikes", () => {
    const seasonal = [60, 55, 55, 60, 70, 85, 125, 160, 185, 175, 135, 95, 60, 55, 55, 60];
    expect(prepareSeries(seasonal).changed).toBe(0);
    const intermittent = [0, 0, 0, 12, 0, 0, 0, 0, 30, 0, 0, 1];
    expect(prepareSeries(intermittent).changed).toBe(0);
  });

  it("returns an empty series when nothing was reported", () => {
    expect(prepareSeries([NaN, NaN]).values.length).toBe(0);
  });
});
