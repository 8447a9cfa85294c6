import { describe, expect, it } from "vitest";
import { holtWinters } from "./holtWinters";

/** Malaria-like monthly profile, January first (peak September–October). */
const PROFILE = [0.6, 0.55, 0.55, 0.6, 0.7, 0.85, 1.25, 1.6, 1.85, 1.75, 1.35, 0.95];

function forecastOf(y: number[], horizon: number): Float64Array {
  const series = Float64Array.from(y);
  const params = holtWinters.fit(series, series.length);
  const out = new Float64Array(horizon);
  holtWinters.forecast(series, series.length, params, horizon, out);
  return out;
}

function maxRelativeError(forecast: Float64Array, truth: number[]): number {
  return Math.max(...truth.map((t, i) => Math.abs(forecast[i]! - t) / t));
}

describe("Holt-Winters", () => {
  it("recovers a pure seasonal series (malaria peak July–November) within 1 %", () => {
    const truth = Array.from({ length: 48 }, (_, t) => 1000 * PROFILE[t % 12]!);
    const forecast = forecastOf(truth.slice(0, 36), 12);
    expect(maxRelativeError(forecast, truth.slice(36))).toBeLessThan(0.01);
    // The peak stays in September–October.
    const peak = forecast.indexOf(Math.max(...forecast));
    expect([8, 9]).toContain(peak);
  });

  it("recovers a seasonal series with a linear trend within 3 %", () => {
    const truth = Array.from({ length: 48 }, (_, t) => 500 + 10 * t + 200 * Math.sin((2 * Math.PI * t) / 12));
    const forecast = forecastOf(truth.slice(0, 36), 12);
    expect(maxRelativeError(forecast, truth.slice(36))).toBeLessThan(0.03);
  });

  it("recovers a multiplicative seasonal series with growth within 3 %", () => {
    const truth = Array.from({ length: 48 }, (_, t) => (800 + 8 * t) * PROFILE[t % 12]!);
    const forecast = forecastOf(truth.slice(0, 36), 12);
    expect(maxRelativeError(forecast, truth.slice(36))).toBeLessThan(0.03);
  });

  it("uses only the months before the origin", () => {
    const y = Float64Array.from({ length: 36 }, (_, t) => 100 * PROFILE[t % 12]! + t);
    const params = holtWinters.fit(y, 30);
    const a = new Float64Array(6);
    holtWinters.forecast(y, 30, params, 6, a);
    const changed = Float64Array.from(y);
    for (let t = 30; t < 36; t++) changed[t] = 1e6;
    const b = new Float64Array(6);
    holtWinters.forecast(changed, 30, params, 6, b);
    expect([...b]).toEqual([...a]);
  });

  it("never forecasts below zero on a collapsing series", () => {
    const y = Float64Array.from({ length: 30 }, (_, t) => Math.max(0, 300 - 12 * t));
    const params = holtWinters.fit(y, 30);
    const out = new Float64Array(24);
    holtWinters.forecast(y, 30, params, 24, out);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
  });
});
