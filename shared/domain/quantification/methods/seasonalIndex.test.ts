import { describe, expect, it } from "vitest";
import { seasonalIndexMethod, seasonalIndexOf } from "./seasonalIndex";

const PROFILE = [0.6, 0.55, 0.55, 0.6, 0.7, 0.85, 1.25, 1.6, 1.85, 1.75, 1.35, 0.95];
const MEAN = PROFILE.reduce((s, x) => s + x, 0) / 12;

describe("seasonal index borrowed from an area", () => {
  it("recovers the calendar months' indices of an area's series, from any starting month", () => {
    const y = Array.from({ length: 36 }, (_, t) => 5000 * PROFILE[(t + 3) % 12]!);
    const index = seasonalIndexOf(y, "2023-04")!;
    PROFILE.forEach((p, m) => expect(index[m]!).toBeCloseTo(p / MEAN, 2));
    expect(seasonalIndexOf(y.slice(0, 18), "2023-04")).toBeNull();
  });

  it("forecasts a CSCom's small seasonal series as its level × the area's season", () => {
    const index = Float64Array.from(PROFILE, (p) => p / MEAN);
    // 4 units a month on average, with the season; starts in January.
    const y = Float64Array.from({ length: 30 }, (_, t) => Math.round(4 * index[t % 12]!));
    const method = seasonalIndexMethod(index, 0);
    const out = new Float64Array(12);
    method.forecast(y, 30, method.fit(y, 30), 12, out);
    // From July (month 30 is July): the peak in September–October is kept.
    expect(out.indexOf(Math.max(...out))).toBeGreaterThanOrEqual(2);
    expect(out.indexOf(Math.max(...out))).toBeLessThanOrEqual(3);
    const total = out.reduce((s, x) => s + x, 0);
    expect(total / 12).toBeGreaterThan(3.3);
    expect(total / 12).toBeLessThan(4.7);
  });

  it("skips the months a campaign does not run (index near 0) when it follows the level", () => {
    const smc = [0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 0, 0];
    const y = Float64Array.from({ length: 24 }, (_, t) => 20 * smc[t % 12]!);
    const method = seasonalIndexMethod(smc, 0);
    const out = new Float64Array(12);
    method.forecast(y, 24, method.fit(y, 24), 12, out);
    expect([...out].map((x) => Math.round(x))).toEqual([0, 0, 0, 0, 0, 0, 60, 60, 60, 60, 0, 0]);
  });
});
