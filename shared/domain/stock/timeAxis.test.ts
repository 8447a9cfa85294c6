import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_CLOCK_SKEW_MS,
  availableAt,
  closableMonths,
  checkLineTime,
  monthAfter,
  openWindow,
  placeLine,
  runningBalances,
} from "./timeAxis";

const NOW = new Date("2026-11-15T09:00:00.000Z");

describe("checkLineTime", () => {
  const open = { openFrom: null, closedBy: null };
  it("accepts now and a small clock skew, refuses anything later", () => {
    expect(checkLineTime(NOW.toISOString(), NOW, open)).toEqual({ ok: true });
    expect(checkLineTime(new Date(NOW.getTime() + MAX_CLOCK_SKEW_MS).toISOString(), NOW, open)).toEqual({ ok: true });
    expect(checkLineTime(new Date(NOW.getTime() + MAX_CLOCK_SKEW_MS + 1000).toISOString(), NOW, open)).toMatchObject({
      ok: false,
      reason: "future",
    });
  });
  it("refuses a date before the open window, from its first instant on", () => {
    const window = openWindow({ period: "2026-10", by: "report" }, null);
    expect(window).toMatchObject({ openFrom: "2026-11-01", closedBy: "report" });
    expect(checkLineTime("2026-10-31T23:59:59.999Z", NOW, window)).toMatchObject({ ok: false, reason: "closed" });
    expect(checkLineTime("2026-11-01T00:00:00.000Z", NOW, window)).toEqual({ ok: true });
  });
  it("takes the later of the closed month and the product's last count", () => {
    expect(openWindow({ period: "2026-10", by: "close" }, "2026-11-05T10:00:00.000Z")).toMatchObject({
      openFrom: "2026-11-05T10:00:00.000Z",
      closedBy: "count",
    });
    expect(openWindow({ period: "2026-10", by: "close" }, "2026-09-05T10:00:00.000Z")).toMatchObject({
      openFrom: "2026-11-01",
      closedBy: "close",
    });
    expect(openWindow(null, null)).toMatchObject({ openFrom: null });
    expect(monthAfter("2026-12")).toBe("2027-01-01");
  });
});

describe("placing a line in the past", () => {
  it("is applyDelta for a line dated after every other", () => {
    expect(placeLine(10, [], -10)).toMatchObject({ ok: true, balanceAtT: 0, balanceNow: 0 });
    expect(placeLine(10, [], -11)).toMatchObject({ ok: false, shortfall: 1 });
  });
  it("refuses a removal that makes a later running balance negative even when today's stays positive", () => {
    // 10 on hand at t; later: −8 (→ 2), +50 (→ 52). Taking 5 at t leaves today's balance at 47 but the one after −8 at −3.
    expect(placeLine(10, [-8, 50], -5)).toMatchObject({ ok: false, shortfall: 3, least: 2 });
    expect(placeLine(10, [-8, 50], -2)).toMatchObject({ ok: true, balanceAtT: 8, balanceNow: 50 });
  });
  it("always accepts an addition", () => {
    expect(placeLine(0, [-0, 5], 3)).toMatchObject({ ok: true, balanceNow: 8 });
  });
  it("counts reservations as stock leaving after every line", () => {
    expect(availableAt(10, [-2, 5], 0)).toBe(8);
    expect(availableAt(10, [-2, 5], 10)).toBe(3);
    expect(availableAt(10, [], 12)).toBe(0);
  });
  it("never lets a running balance along the dates go negative (random backdated sequences)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.integer({ min: 1, max: 28 }),
            qty: fc.integer({ min: -60, max: 60 }).filter((q) => q !== 0),
          }),
          { maxLength: 60 },
        ),
        (attempts) => {
          const lines: { occurredAt: string; seq: number; qtyDelta: number }[] = [];
          attempts.forEach((a, seq) => {
            const occurredAt = `2026-11-${String(a.day).padStart(2, "0")}T08:00:00.000Z`;
            const at = lines.filter((l) => l.occurredAt <= occurredAt).reduce((s, l) => s + l.qtyDelta, 0);
            const later = lines
              .filter((l) => l.occurredAt > occurredAt)
              .sort((x, y) => (x.occurredAt === y.occurredAt ? x.seq - y.seq : x.occurredAt < y.occurredAt ? -1 : 1))
              .map((l) => l.qtyDelta);
            if (placeLine(at, later, a.qty).ok) lines.push({ occurredAt, seq, qtyDelta: a.qty });
          });
          for (const b of runningBalances(lines)) expect(b).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("closableMonths", () => {
  it("offers the finished months after the last closed one, newest first", () => {
    expect(closableMonths("2026-09", "2026-12-03")).toEqual(["2026-11", "2026-10"]);
    expect(closableMonths("2026-11", "2026-12-03")).toEqual([]);
    expect(closableMonths(null, "2026-01-15", 3)).toEqual(["2025-12", "2025-11", "2025-10"]);
  });
});
