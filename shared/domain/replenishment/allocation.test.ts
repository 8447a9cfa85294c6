import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate } from "./allocation";
import { capByBudget } from "./budget";

describe("allocate", () => {
  const claim = (facilityId: string, need: number, monthsOfStock: number | null = 1) => ({
    facilityId,
    need,
    monthsOfStock,
    ven: "V" as const,
  });

  it("gives every facility its need rounded up to whole packs when stock covers it", () => {
    const plan = allocate([claim("a", 250), claim("b", 100), claim("c", 0)], 10_000, 50);
    expect(plan.rationed).toBe(false);
    expect(plan.shares.map((s) => s.quantity)).toEqual([250, 100, 0]);
  });

  it("rounds a small need up to a pack when stock is plentiful, instead of giving nothing (need 705 for 16,290)", () => {
    // Sixteen CSComs needing 20 to 80 units of a 100-unit pack: each gets one pack, none is left out.
    const needs = [20, 30, 40, 45, 50, 35, 25, 60, 80, 30, 40, 50, 55, 45, 40, 60];
    expect(needs.reduce((s, n) => s + n, 0)).toBe(705);
    const plan = allocate(
      needs.map((n, i) => claim(`c${i}`, n)),
      16_290,
      100,
    );
    expect(plan.rationed).toBe(false);
    expect(plan.shares.every((s) => s.packs === 1 && s.quantity >= s.need)).toBe(true);
    expect(plan.allocated).toBe(1600);
  });

  it("rations in proportion to need, with left-over packs to the lowest months of stock", () => {
    const plan = allocate([claim("a", 300, 2), claim("b", 300, 0.2), claim("c", 400, 1)], 500, 100);
    // 5 packs for 10 packs of need: proportional floors 1, 1, 2 = 4; the last pack to b (lowest MOS).
    expect(plan).toMatchObject({ rationed: true, allocated: 500 });
    expect(plan.shares.map((s) => s.packs)).toEqual([1, 2, 2]);
  });

  it("when short, rounds nobody up while another facility is below its need in whole packs", () => {
    // Needs 130 and 250 (3 and 2 + 1 packs rounded up, 1 and 2 packs rounded down), 3 packs of 100 available.
    const plan = allocate([claim("a", 130, 0.1), claim("b", 250, 3)], 300, 100);
    expect(plan.rationed).toBe(true);
    expect(plan.shares.map((s) => s.packs)).toEqual([1, 2]);
    // One more pack: everybody has their rounded-down need, so the lowest months of stock is rounded up.
    expect(allocate([claim("a", 130, 0.1), claim("b", 250, 3)], 400, 100).shares.map((s) => s.packs)).toEqual([2, 2]);
  });

  it("holds its invariants on random claims", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            facilityId: fc.string(),
            need: fc.integer({ min: -10, max: 5000 }),
            monthsOfStock: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: null }),
            ven: fc.constantFrom("V" as const, "E" as const, "N" as const),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 1, max: 200 }),
        (claims, available, packSize) => {
          const plan = allocate(claims, available, packSize);
          const need = (i: number) => Math.max(0, claims[i]!.need);
          // Whole packs, never more than the stock, never a pack or more above a facility's need.
          expect(plan.allocated).toBeLessThanOrEqual(available);
          plan.shares.forEach((s, i) => {
            expect(s.quantity % packSize).toBe(0);
            expect(s.quantity).toBeLessThan(need(i) + packSize);
            if (need(i) === 0) expect(s.quantity).toBe(0);
          });
          const upPacks = claims.reduce((sum, _, i) => sum + Math.ceil(need(i) / packSize), 0);
          const packsAvailable = Math.floor(available / packSize);
          // Not rationed exactly when the rounded-up needs fit: then every need is met.
          expect(plan.rationed).toBe(upPacks > packsAvailable);
          if (!plan.rationed) plan.shares.forEach((s, i) => expect(s.quantity).toBeGreaterThanOrEqual(need(i)));
          // Rationed: every whole pack is handed out.
          else expect(plan.allocated).toBe(packsAvailable * packSize);
          // Nobody is rounded above their need while another is below their need in whole packs.
          const roundedUp = plan.shares.some((s, i) => s.quantity > need(i));
          const shortOfWhole = plan.shares.some((s, i) => s.packs < Math.floor(need(i) / packSize));
          expect(roundedUp && shortOfWhole).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("capByBudget", () => {
  it("funds vital lines first, then essential, then non-essential, in whole packs", () => {
    const r = capByBudget(
      [
        { key: "n", ven: "N", packs: 2, pricePerPackXof: 1000 },
        { key: "v", ven: "V", packs: 3, pricePerPackXof: 2000 },
        { key: "e", ven: "E", packs: 4, pricePerPackXof: 500 },
      ],
      7500,
    );
    expect(r.lines).toEqual([
      { key: "n", packs: 0, cut: true },
      { key: "v", packs: 3, cut: false },
      { key: "e", packs: 3, cut: true },
    ]);
    expect(r).toMatchObject({ costXof: 7500, exceeded: true });
  });
  it("leaves an order within budget untouched", () => {
    const r = capByBudget([{ key: "v", ven: "V", packs: 1, pricePerPackXof: 100 }], 1000);
    expect(r).toMatchObject({ costXof: 100, exceeded: false, lines: [{ key: "v", packs: 1, cut: false }] });
  });
});
