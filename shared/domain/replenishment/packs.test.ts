import { describe, expect, it } from "vitest";
import { packsFor } from "./packs";

const rule = { packSize: 100, packRoundingThreshold: 20, roundToZero: false };

describe("packsFor", () => {
  it("gives zero packs for zero or negative quantities", () => {
    expect(packsFor(0, rule)).toBe(0);
    expect(packsFor(-5, rule)).toBe(0);
  });
  it("keeps whole packs and adds one only when the remainder exceeds the threshold", () => {
    expect(packsFor(300, rule)).toBe(3);
    expect(packsFor(320, rule)).toBe(3); // remainder exactly at the threshold: no extra pack
    expect(packsFor(321, rule)).toBe(4);
  });
  it("gives at least one pack unless the product may round to zero", () => {
    expect(packsFor(10, rule)).toBe(1);
    expect(packsFor(10, { ...rule, roundToZero: true })).toBe(0);
    expect(packsFor(21, { ...rule, roundToZero: true })).toBe(1);
  });
});
