import { describe, expect, it } from "vitest";
import { monthlyHistory } from "./history";

describe("monthlyHistory", () => {
  it("rebuilds each month's flows and closing stock, and counts the days that ended at zero", () => {
    const points = monthlyHistory(["2026-09", "2026-10"], 20, [
      { at: "2026-09-05T08:00:00.000Z", kind: "consumption", qty: -20 }, // out from the 5th
      { at: "2026-09-11T08:00:00.000Z", kind: "receipt", qty: 100 }, // back on the 11th: 6 days out (5–10)
      { at: "2026-09-20T12:00:00.000Z", kind: "loss", qty: -4 },
      { at: "2026-09-30T18:00:00.000Z", kind: "consumption", qty: -60 },
      { at: "2026-10-15T10:00:00.000Z", kind: "adjustment", qty: 2 },
      { at: "2026-10-31T18:00:00.000Z", kind: "consumption", qty: -38 }, // out on the 31st: 1 day
    ]);
    expect(points).toEqual([
      {
        period: "2026-09",
        days: 30,
        opening: 20,
        receipts: 100,
        consumption: 80,
        losses: 4,
        adjustments: 0,
        closing: 36,
        stockoutDays: 6,
      },
      {
        period: "2026-10",
        days: 31,
        opening: 36,
        receipts: 0,
        consumption: 38,
        losses: 0,
        adjustments: 2,
        closing: 0,
        stockoutDays: 1,
      },
    ]);
    for (const p of points) expect(p.closing).toBe(p.opening + p.receipts - p.consumption - p.losses + p.adjustments);
  });

  it("counts a depot's deliveries recorded at the facilities as consumption without moving its balance", () => {
    const [p] = monthlyHistory(["2026-10"], 500, [{ at: "2026-10-10T09:00:00.000Z", kind: "delivered", qty: 120 }]);
    expect(p).toMatchObject({ opening: 500, consumption: 120, closing: 500, stockoutDays: 0 });
  });

  it("does not count days before the product was ever held as stock-out days", () => {
    const points = monthlyHistory(["2026-09", "2026-10"], 0, [
      { at: "2026-10-21T07:00:00.000Z", kind: "receipt", qty: 10 },
    ]);
    expect(points.map((p) => p.stockoutDays)).toEqual([0, 0]);
    expect(monthlyHistory(["2026-10"], 0, [], true)[0]!.stockoutDays).toBe(31);
  });
});
