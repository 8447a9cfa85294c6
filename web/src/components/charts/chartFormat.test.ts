import { describe, expect, it } from "vitest";
import { axisNumber, calendarMonth, monthLabel, yAxisSize } from "./chartFormat";

describe("chart labels", () => {
  it("writes months in French by default and in English on request", () => {
    expect(monthLabel("2026-01", "fr")).toBe("janv. 26");
    expect(monthLabel("2026-01", "en")).toBe("Jan 26");
    expect(calendarMonth(8, "fr", "long")).toBe("août");
    expect(calendarMonth(2, "fr")).toBe("févr.");
  });
  it("groups axis numbers and shortens millions", () => {
    expect(axisNumber(12_345, "fr")).toBe("12\u202f345");
    expect(axisNumber(0.5, "fr")).toBe("0,5");
    expect(axisNumber(2_500_000, "en")).toBe("2.5m");
    expect(axisNumber(2_500_000, "fr")).toBe("2,5\u00a0M");
  });
});

describe("y axis width", () => {
  it("grows with the widest label, so large figures are never cut", () => {
    const measure = (text: string) => text.length * 7;
    expect(yAxisSize(["0", "50 000", "100 000"], measure)).toBe(7 * 7 + 17);
    expect(yAxisSize(["0", "1 000 000 000"], measure)).toBeGreaterThan(13 * 7);
    expect(yAxisSize([], measure)).toBe(17);
  });
});
