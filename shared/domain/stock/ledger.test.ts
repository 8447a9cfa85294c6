import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyDelta, replayLedger } from "./ledger";
import { expiryRisk, monthsOfStock, stockStatus } from "./position";

describe("applyDelta", () => {
  it("adds and removes, refusing to go below zero with the shortfall", () => {
    expect(applyDelta(10, 5)).toEqual({ ok: true, balance: 15 });
    expect(applyDelta(10, -10)).toEqual({ ok: true, balance: 0 });
    expect(applyDelta(10, -12)).toEqual({ ok: false, balance: 10, shortfall: 2 });
  });
  it("rejects zero and fractional deltas", () => {
    expect(() => applyDelta(1, 0)).toThrow(RangeError);
    expect(() => applyDelta(1, 0.5)).toThrow(RangeError);
  });
  it("replays any accepted sequence to balances that are the sums of their lines", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 2 }),
            fc.integer({ min: -50, max: 50 }).filter((n) => n !== 0),
          ),
        ),
        (steps) => {
          const accepted: { facilityId: string; lotId: number; fundingSource: string; qtyDelta: number }[] = [];
          const sums = new Map<number, number>();
          for (const [lotId, qtyDelta] of steps) {
            const r = applyDelta(sums.get(lotId) ?? 0, qtyDelta);
            if (!r.ok) continue;
            sums.set(lotId, r.balance);
            accepted.push({ facilityId: "f", lotId, fundingSource: "cr", qtyDelta });
          }
          const balances = replayLedger(accepted);
          for (const [lotId, qty] of sums) expect(balances.get(`f|${lotId}|cr`)).toBe(qty);
          for (const v of balances.values()) expect(v).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
  it("throws when a replayed ledger would go negative", () => {
    expect(() => replayLedger([{ facilityId: "f", lotId: 1, fundingSource: "cr", qtyDelta: -1 }])).toThrow(/negative/);
  });
});

describe("positions", () => {
  it("computes months of stock, undefined when AMC is 0", () => {
    expect(monthsOfStock(300, 100)).toBe(3);
    expect(monthsOfStock(300, 0)).toBeNull();
  });
  it("bands stock as in the national dashboards", () => {
    const policy = { minMonths: 1, maxMonths: 3 };
    expect(stockStatus({ stockOnHand: 0, mos: 0, ...policy })).toBe("stockout");
    expect(stockStatus({ stockOnHand: 10, stockoutDays: 2, mos: 2, ...policy })).toBe("stockout");
    expect(stockStatus({ stockOnHand: 10, mos: 0.5, ...policy })).toBe("under");
    expect(stockStatus({ stockOnHand: 10, mos: 2, ...policy })).toBe("adequate");
    expect(stockStatus({ stockOnHand: 10, mos: 3.5, ...policy })).toBe("over");
    expect(stockStatus({ stockOnHand: 10, mos: null, ...policy })).toBe("unknown");
  });
  it("counts as at risk what cannot be consumed before expiry, FEFO", () => {
    // 100 units/month ≈ 3.29/day. Lot A (30 days) can absorb ~98.6 of its 150; lot B (300 days) absorbs the rest.
    expect(
      expiryRisk(
        [
          { expiry: "x", qty: 150, daysToExpiry: 30 },
          { expiry: "y", qty: 100, daysToExpiry: 300 },
        ],
        100,
      ),
    ).toBe(51);
    expect(expiryRisk([{ expiry: "x", qty: 10, daysToExpiry: -1 }], 100)).toBe(10);
    expect(expiryRisk([{ expiry: "x", qty: 10, daysToExpiry: 100 }], 0)).toBe(10);
  });
});
