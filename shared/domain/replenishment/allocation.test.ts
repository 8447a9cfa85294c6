import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate } from "./allocation";
import { capByBudget } from "./budget";

describe("allocate", () => {
  it("gives every facility its need (whole packs) when stock suffices", () => {
    const plan = allocate(
      [
        { facilityId: "a", need: 250, monthsOfStock: 1, ven: "V" },
        { facilityId: "b", need: 100, monthsOfStock: 2, ven: "V" },
      ],
      10_000,
      50,
    );
    expect(plan.rationed).toBe(false);
    expect(plan.shares.map((s) => s.quantity)).toEqual([250, 100]);
  });
  it("rations in proportion to need, with left-over packs to the lowest months of stock", () => {
    const plan = allocate(
      [
        { facilityId: "a", need: 300, monthsOfStock: 2, ven: "V" },
        { facilityId: "b", need: 300, monthsOfStock: 0.2, ven: "V" },
        { facilityId: "c", need: 400, monthsOfStock: 1, ven: "V" },
      ],
      500,
      100,
    );
    // 5 packs for 10 packs of need: proportional floors 1, 1, 2 = 4; the last pack to b (lowest MOS).
    expect(plan).toMatchObject({ rationed: true, allocated: 500 });
    expect(plan.shares.map((s) => s.packs)).toEqual([1, 2, 2]);
  });
  it("never gives more than the need, rounded down to whole packs", () => {
    const plan = allocate([{ facilityId: "a", need: 130, monthsOfStock: 0, ven: "V" }], 10_000, 50);
    expect(plan.shares[0]).toMatchObject({ quantity: 100, packs: 2 });
  });
  it("holds its invariants on random claims", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            facilityId: fc.string(),
            need: fc.integer({ min: 0, max: 5000 }),
            monthsOfStock: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: null }),
            ven: fc.constantFrom("V" as const, "E" as const, "N" as const),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 1, max: 200 }),
        (claims, available, packSize) => {
          const plan = allocate(claims, available, packSize);
          expect(plan.allocated).toBeLessThanOrEqual(available);
          plan.shares.forEach((s, i) => {
            expect(s.quantity % packSize).toBe(0);
            expect(s.quantity).toBeLessThanOrEqual(Math.max(0, claims[i]!.need));
          });
          // Nothing useful left unallocated: either every need is met in packs, or fewer than one pack remains.
          const unmet = plan.shares.some((s, i) => s.quantity + packSize <= claims[i]!.need);
          if (unmet) expect(available - plan.allocated).toBeLessThan(packSize);
        },
      ),
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
