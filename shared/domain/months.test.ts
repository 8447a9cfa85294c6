import { describe, expect, it } from "vitest";
import {
  addMonthsToDate,
  addPeriods,
  daysInPeriod,
  lastCompletePeriod,
  periodEnd,
  periodsEnding,
  recentPeriods,
} from "./months";
import { reportDueDate } from "./replenishment/report";

describe("months", () => {
  it("shifts across years, lists complete months and knows month lengths", () => {
    expect(addPeriods("2026-01", -1)).toBe("2025-12");
    expect(addPeriods("2025-11", 14)).toBe("2027-01");
    expect(lastCompletePeriod("2026-11-15")).toBe("2026-10");
    expect(periodsEnding("2026-02", 3)).toEqual(["2025-12", "2026-01", "2026-02"]);
    expect([daysInPeriod("2024-02"), daysInPeriod("2026-02"), daysInPeriod("2026-10")]).toEqual([29, 28, 31]);
  });

  it("bounds a month by its first day and the next month's, lists the months owed newest first, and clips days", () => {
    expect(periodEnd("2026-12")).toBe("2027-01-01");
    expect(recentPeriods("2026-12-03", 3)).toEqual(["2026-11", "2026-10", "2026-09"]);
    expect(addMonthsToDate("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonthsToDate("2026-11-15", 6)).toBe("2027-05-15");
  });
  it("dates a report due the given number of days after the month", () => {
    expect(reportDueDate("2026-11", 15)).toBe("2026-12-16");
    expect(reportDueDate("2026-12", 0)).toBe("2027-01-01");
  });
});
