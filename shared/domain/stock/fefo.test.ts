import { describe, expect, it } from "vitest";
import { pickFefo, type ShelfLot } from "./fefo";
import { lotStatus } from "./lots";

const lot = (lotId: number, expiry: string, qtyOnHand: number): ShelfLot => ({
  lotId,
  lotCode: `L${lotId}`,
  expiry,
  qtyOnHand,
});

describe("lotStatus", () => {
  it("treats a lot as expired from its expiry day on", () => {
    expect(lotStatus("2026-11-15", "2026-11-15", 0)).toMatchObject({
      usable: false,
      reason: "expired",
      daysToExpiry: 0,
    });
    expect(lotStatus("2026-11-16", "2026-11-15", 0)).toMatchObject({ usable: true, daysToExpiry: 1 });
  });
  it("blocks lots with less shelf life left than the threshold", () => {
    expect(lotStatus("2026-12-14", "2026-11-15", 30)).toMatchObject({
      usable: false,
      reason: "short_dated",
      daysToExpiry: 29,
    });
    expect(lotStatus("2026-12-15", "2026-11-15", 30)).toMatchObject({ usable: true, daysToExpiry: 30 });
  });
});

describe("pickFefo", () => {
  const asOf = "2026-11-15";
  it("picks the earliest expiry first, across lots, and reports no shortfall when covered", () => {
    const p = pickFefo({
      lots: [lot(1, "2028-01-01", 50), lot(2, "2027-06-01", 30)],
      quantity: 45,
      asOf,
      minShelfLifeDays: 30,
    });
    expect(p.allocations.map((a) => [a.lotId, a.qty])).toEqual([
      [2, 30],
      [1, 15],
    ]);
    expect(p).toMatchObject({ allocated: 45, shortfall: 0, usableOnHand: 80 });
  });
  it("breaks expiry ties by lot id (received first)", () => {
    const p = pickFefo({
      lots: [lot(9, "2027-06-01", 10), lot(3, "2027-06-01", 10)],
      quantity: 5,
      asOf,
      minShelfLifeDays: 0,
    });
    expect(p.allocations[0]!.lotId).toBe(3);
  });
  it("never picks expired or short-dated lots and lists them with the reason", () => {
    const p = pickFefo({
      lots: [lot(1, "2026-11-01", 100), lot(2, "2026-12-01", 100), lot(3, "2027-12-01", 10)],
      quantity: 50,
      asOf,
      minShelfLifeDays: 30,
    });
    expect(p.allocations).toEqual([{ lotId: 3, lotCode: "L3", expiry: "2027-12-01", qty: 10 }]);
    expect(p.shortfall).toBe(40);
    expect(p.blocked.map((b) => [b.lotId, b.reason])).toEqual([
      [1, "expired"],
      [2, "short_dated"],
    ]);
  });
  it("ignores empty lots", () => {
    const p = pickFefo({ lots: [lot(1, "2027-01-01", 0)], quantity: 1, asOf, minShelfLifeDays: 0 });
    expect(p).toMatchObject({ allocated: 0, shortfall: 1, blocked: [], usableOnHand: 0 });
  });
});
