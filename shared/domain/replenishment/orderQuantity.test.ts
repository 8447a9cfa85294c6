import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjustedConsumption, averageMonthlyConsumption } from "./consumption";
import { computeOrderQuantity, roundHalfUp, type OrderInput } from "./orderQuantity";

const product = { packSize: 100, packRoundingThreshold: 20, roundToZero: false };
const forced = { rule: "forced" as const, maxMonths: 3, minMonths: 1, eopMonths: 0.5 };
const month = (consumed: number, stockoutDays = 0, days = 30) => ({ days, consumed, stockoutDays });

describe("adjusted consumption", () => {
  it("is 0 when nothing was consumed, even with stock-out days", () => {
    expect(adjustedConsumption(0, 30, 30)).toBe(0);
    expect(adjustedConsumption(0, 30, 10)).toBe(0);
  });
  it("is C when the product was out of stock every day", () => {
    expect(adjustedConsumption(40, 30, 30)).toBe(40);
  });
  it("scales C up to the days in stock, rounding up", () => {
    expect(adjustedConsumption(100, 30, 0)).toBe(100);
    expect(adjustedConsumption(100, 30, 10)).toBe(150);
    expect(adjustedConsumption(100, 31, 7)).toBe(130); // 100 × 31 / 24 = 129.17 → 130
  });
});

describe("average monthly consumption", () => {
  it("takes the ceiling of the mean of the last n reported periods", () => {
    expect(averageMonthlyConsumption([90, 100, 110, 121], 3)).toBe(111); // (100+110+121)/3 = 110.33
  });
  it("skips periods that were not reported", () => {
    expect(averageMonthlyConsumption([90, 100, null, 110], 3)).toBe(100);
    expect(averageMonthlyConsumption([null, null, 50], 3)).toBe(50);
    expect(averageMonthlyConsumption([null, null], 3)).toBe(0);
  });
  it("averages at least two periods", () => {
    expect(averageMonthlyConsumption([10, 20, 30], 1)).toBe(25);
  });
});

describe("computeOrderQuantity — worked examples", () => {
  it("orders up to max under forced ordering, net of stock and transit", () => {
    const s = computeOrderQuantity({
      product,
      policy: forced,
      periods: [month(100), month(100, 10), month(90)],
      stockOnHand: 120,
      inTransit: 30,
    });
    // N = 100, 150, 90 → AMC = ⌈340/3⌉ = 114; MOS = 120/114; H = 342; I = 342 − 120 − 30 = 192
    expect(s).toMatchObject({
      adjustedConsumption: [100, 150, 90],
      amc: 114,
      maxStock: 342,
      need: 192,
      quantity: 192,
      packs: 2,
      emergency: false,
      decision: "order",
    });
    expect(s.monthsOfStock).toBeCloseTo(1.0526, 3);
  });
  it("does not order under the standard rule while MOS is above min", () => {
    const s = computeOrderQuantity({
      product,
      policy: { ...forced, rule: "standard" },
      periods: [month(100), month(100), month(100)],
      stockOnHand: 150,
      inTransit: 0,
    });
    expect(s).toMatchObject({ amc: 100, need: 150, quantity: 0, packs: 0, decision: "above_min" });
  });
  it("orders under the standard rule when MOS is at or below min", () => {
    const s = computeOrderQuantity({
      product,
      policy: { ...forced, rule: "standard" },
      periods: [month(100), month(100)],
      stockOnHand: 100,
      inTransit: 0,
    });
    expect(s).toMatchObject({ quantity: 200, decision: "order", emergency: false });
  });
  it("flags an emergency at the EOP, whatever the rule", () => {
    const s = computeOrderQuantity({
      product,
      policy: { ...forced, rule: "standard" },
      periods: [month(100), month(100)],
      stockOnHand: 50,
      inTransit: 0,
    });
    expect(s).toMatchObject({ emergency: true, quantity: 250, packs: 3 });
  });
  it("handles zero consumption: AMC 0, MOS undefined, nothing to order", () => {
    const s = computeOrderQuantity({
      product,
      policy: forced,
      periods: [month(0), month(0)],
      stockOnHand: 10,
      inTransit: 0,
    });
    expect(s).toMatchObject({
      amc: 0,
      monthsOfStock: null,
      maxStock: 0,
      quantity: 0,
      packs: 0,
      emergency: false,
      decision: "no_need",
    });
  });
  it("uses C for a period out of stock all month", () => {
    const s = computeOrderQuantity({
      product,
      policy: forced,
      periods: [month(60), month(30, 30)],
      stockOnHand: 0,
      inTransit: 0,
    });
    expect(s.adjustedConsumption).toEqual([60, 30]);
    expect(s).toMatchObject({ amc: 45, maxStock: 135, quantity: 135, emergency: true });
  });
  it("rounds the pack remainder up only above the threshold", () => {
    const at = computeOrderQuantity({
      product,
      policy: forced,
      periods: [month(40), month(40)],
      stockOnHand: 0,
      inTransit: 0,
    });
    expect(at).toMatchObject({ quantity: 120, packs: 1 }); // remainder 20 = threshold
    const above = computeOrderQuantity({
      product,
      policy: forced,
      periods: [month(41), month(40)],
      stockOnHand: 2,
      inTransit: 0,
    });
    expect(above).toMatchObject({ amc: 41, quantity: 121, packs: 2 });
  });
  it("may round a small quantity to zero packs when the product allows it", () => {
    const s = computeOrderQuantity({
      product: { ...product, roundToZero: true },
      policy: forced,
      periods: [month(5), month(5)],
      stockOnHand: 0,
      inTransit: 0,
    });
    expect(s).toMatchObject({ quantity: 15, packs: 0 });
    const t = computeOrderQuantity({
      product,
      policy: forced,
      periods: [month(5), month(5)],
      stockOnHand: 0,
      inTransit: 0,
    });
    expect(t.packs).toBe(1);
  });
  it("skips missing periods when averaging", () => {
    const s = computeOrderQuantity({
      product,
      policy: forced,
      periods: [month(100), null, month(50)],
      stockOnHand: 0,
      inTransit: 0,
    });
    expect(s).toMatchObject({ adjustedConsumption: [100, null, 50], amc: 75 });
  });
  it("rounds H half up", () => {
    expect(roundHalfUp(2.5)).toBe(3);
    expect(roundHalfUp(2.4999)).toBe(2);
    const s = computeOrderQuantity({
      product,
      policy: { ...forced, maxMonths: 1.5 },
      periods: [month(1), month(2)],
      stockOnHand: 0,
      inTransit: 0,
    });
    expect(s.maxStock).toBe(3); // AMC 2 × 1.5
  });
  it("explains every number as keys and values, no sentence", () => {
    const s = computeOrderQuantity({
      product,
      policy: forced,
      periods: [month(100), month(100)],
      stockOnHand: 50,
      inTransit: 0,
    });
    expect(s.explanation.map((e) => e.key)).toEqual(["adjusted", "amc", "mos", "max", "need", "emergency", "packs"]);
    for (const step of s.explanation) expect(Object.keys(step)).toEqual(["key", "values"]);
    expect(s.explanation.find((e) => e.key === "max")!.values).toMatchObject({ amc: 100, maxStock: 300 });
    expect(s.explanation.find((e) => e.key === "adjusted")!.values).toEqual({ periods: [100, 100] });
  });
});

describe("computeOrderQuantity — properties", () => {
  const period = fc.record({
    days: fc.integer({ min: 28, max: 31 }),
    consumed: fc.integer({ min: 0, max: 5000 }),
    stockoutDays: fc.integer({ min: 0, max: 28 }),
  });
  const input: fc.Arbitrary<OrderInput> = fc.record({
    product: fc.integer({ min: 1, max: 1000 }).chain((packSize) =>
      fc.record({
        packSize: fc.constant(packSize),
        packRoundingThreshold: fc.integer({ min: 0, max: packSize - 1 }),
        roundToZero: fc.boolean(),
      }),
    ),
    policy: fc.record({
      rule: fc.constantFrom("forced" as const, "standard" as const),
      maxMonths: fc.constantFrom(3, 4, 6, 12),
      minMonths: fc.constantFrom(1, 2, 3),
      eopMonths: fc.constantFrom(0.5, 1, 2, null),
    }),
    periods: fc.array(fc.option(period, { nil: null }), { minLength: 1, maxLength: 6 }),
    stockOnHand: fc.integer({ min: 0, max: 50_000 }),
    inTransit: fc.integer({ min: 0, max: 5_000 }),
  });

  it("never orders a negative quantity or above max stock, and packs cover the quantity when rounding up", () => {
    fc.assert(
      fc.property(input, (i) => {
        const s = computeOrderQuantity(i);
        expect(s.quantity).toBeGreaterThanOrEqual(0);
        expect(s.quantity).toBeLessThanOrEqual(s.maxStock);
        expect(s.quantity + i.stockOnHand + i.inTransit).toBeLessThanOrEqual(
          Math.max(s.maxStock, i.stockOnHand + i.inTransit),
        );
        const remainder = s.quantity % i.product.packSize;
        if (s.quantity > 0 && (remainder > i.product.packRoundingThreshold || remainder === 0))
          expect(s.packs * i.product.packSize).toBeGreaterThanOrEqual(s.quantity);
        if (s.quantity > 0 && !i.product.roundToZero) expect(s.packs).toBeGreaterThanOrEqual(1);
        expect(s.packs * i.product.packSize).toBeLessThanOrEqual(s.quantity + i.product.packSize);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("stored calculation", () => {
  it("round-trips the inputs and rebuilds the same suggestion", async () => {
    const { encodeInputs, decodeInputs, readCalculation, storeCalculation } = await import("./calcInputs");
    const input = {
      product,
      policy: { ...forced, eopMonths: null },
      periods: [month(100), null, month(90, 3, 31)],
      stockOnHand: 20,
      inTransit: 5,
      averagingPeriods: 3,
    };
    const code = encodeInputs(input);
    expect(decodeInputs(code, product)).toEqual(input);
    expect(computeOrderQuantity(decodeInputs(code, product))).toEqual(computeOrderQuantity(input));
    expect(readCalculation(storeCalculation({ inputs: code, notes: [] }))).toEqual({ inputs: code, notes: [] });
    const note = { key: "budget" as const, values: { budgetXof: 1000, before: 300, after: 200 } };
    expect(readCalculation(storeCalculation({ inputs: code, notes: [note] }))).toEqual({ inputs: code, notes: [note] });
    // A note stored with its French and English sentences by an older version still reads, as key and values.
    const old = JSON.stringify({ inputs: code, notes: [{ ...note, fr: "Budget dépassé", en: "Budget exceeded" }] });
    expect(readCalculation(old)).toEqual({ inputs: code, notes: [note] });
  });

  it("refers to a report line's periods without copying them, and writes them out on demand", async () => {
    const { encodeInputs, encodeInputsHead, encodePeriods, decodeInputs, withReportPeriods, REPORT_PERIODS } =
      await import("./calcInputs");
    const input = {
      product,
      policy: forced,
      periods: [month(100), null, month(90, 3, 31)],
      stockOnHand: 20,
      inTransit: 5,
      averagingPeriods: 3,
    };
    const periods = encodePeriods(input.periods);
    const byReference = encodeInputsHead(input) + REPORT_PERIODS;
    expect(decodeInputs(byReference, product, periods)).toEqual(decodeInputs(encodeInputs(input), product));
    expect(() => decodeInputs(byReference, product)).toThrow(/report line/);
    expect(withReportPeriods(byReference, () => periods)).toBe(encodeInputs(input));
    expect(
      withReportPeriods(encodeInputs(input), () => {
        throw new Error("not read");
      }),
    ).toBe(encodeInputs(input));
    expect(() => withReportPeriods(byReference, () => null)).toThrow();
  });
});
