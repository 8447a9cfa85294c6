import { describe, expect, it } from "vitest";
import { isoWeekUtc, rotate } from "./rotation";

const at = (iso: string) => ({ name: iso, createdAt: new Date(iso) });

describe("isoWeekUtc", () => {
  it("numbers weeks from Monday, week 1 holding the year's first Thursday", () => {
    expect(isoWeekUtc(new Date("2026-12-03T10:00:00Z"))).toBe("2026-W49");
    expect(isoWeekUtc(new Date("2026-01-01T00:00:00Z"))).toBe("2026-W01"); // a Thursday
    expect(isoWeekUtc(new Date("2027-01-01T00:00:00Z"))).toBe("2026-W53"); // a Friday: last week of 2026
    expect(isoWeekUtc(new Date("2024-12-30T23:59:59Z"))).toBe("2025-W01"); // a Monday
    expect(isoWeekUtc(new Date("2026-12-06T23:59:59Z"))).toBe("2026-W49"); // Sunday ends the week
    expect(isoWeekUtc(new Date("2026-12-07T00:00:00Z"))).toBe("2026-W50");
  });
});

describe("rotate", () => {
  it("keeps the newest backup of each of the last 7 days and of each of the last 4 weeks", () => {
    // Four backups a day (every 6 h) for 60 days, ending Thursday 3 December 2026.
    const backups = [];
    for (let h = 0; h < 60 * 24; h += 6)
      backups.push(at(new Date(Date.UTC(2026, 11, 3, 18) - h * 3_600_000).toISOString()));
    const { keep, drop } = rotate(backups, { daily: 7, weekly: 4 });
    expect(keep).toEqual([
      "2026-12-03T18:00:00.000Z",
      "2026-12-02T18:00:00.000Z",
      "2026-12-01T18:00:00.000Z",
      "2026-11-30T18:00:00.000Z",
      "2026-11-29T18:00:00.000Z", // also the newest of week 48
      "2026-11-28T18:00:00.000Z",
      "2026-11-27T18:00:00.000Z",
      "2026-11-22T18:00:00.000Z", // Sunday of week 47
      "2026-11-15T18:00:00.000Z", // week 46
    ]);
    expect(keep.length + drop.length).toBe(backups.length);
  });

  it("always keeps the newest backup, even with a policy of zero", () => {
    const { keep, drop } = rotate([at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z")], { daily: 0, weekly: 0 });
    expect(keep).toEqual(["2026-12-02T00:00:00Z"]);
    expect(drop).toEqual(["2026-12-01T00:00:00Z"]);
  });

  it("counts only days that have a backup: a server off for a month keeps its last seven days of backups", () => {
    const old = ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"];
    const backups = [...old.map((d) => at(`${d}T02:00:00Z`)), at("2026-11-20T02:00:00Z")];
    const { keep } = rotate(backups, { daily: 7, weekly: 0 });
    expect(keep).toEqual([
      "2026-11-20T02:00:00Z",
      ...old
        .slice(1)
        .reverse()
        .map((d) => `${d}T02:00:00Z`),
    ]);
  });
});
