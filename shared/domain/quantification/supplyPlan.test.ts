import { describe, expect, it } from "vitest";
import { planSupply, type SupplyPlanInput } from "./supplyPlan";

/**
 * Hand-computed example. 100 units a month from January 2027; min 2, max 4 months; lead time 150 days; packs of
 * 10 at 5,000 FCFA; today 3 December 2026.
 * Stock: lot A 150 (expires 15/02/2027: usable in January only), lot B 200 (expires 01/01/2028).
 * Pipeline: S1 300 units ordered, expected 10/04/2027; S0 already received (ignored).
 *
 * Without a new order: Jan 350 − 100 = 250 (MOS 2.5); Feb: A's last 50 expire, 250 − 50 − 100 = 100 (MOS 1);
 * Mar 0; Apr 0 + 300 − 100 = 200 (MOS 2, not below min); May 100 (1); Jun 0; Jul stock-out...
 * Feb and Mar are below min but April is not: no order (QAT's three-month rule). May, June, July are all
 * below min → an arrival on 01/05/2027 of max (4 × 100) − 100 = 300 units = 30 packs, 150,000 FCFA, ordered
 * 150 days before: 02/12/2026, already past → emergency, earliest arrival 03/12/2026 + 150 days = 02/05/2027.
 * Then May 400, Jun 300, Jul 200, Aug 100 (below), Sep 0, Oct stock-out → arrival 01/08/2027 of 300 units,
 * ordered 04/03/2027. Then Aug 400 … Nov 100 (below), Dec 0, and the plan ends → 01/11/2027, 300 units,
 * ordered 03/06/2027.
 */
const input: SupplyPlanInput = {
  asOf: "2026-12-03",
  start: "2027-01",
  forecastUnits: new Array<number>(12).fill(100),
  stock: [
    { lotCode: "A", expiry: "2027-02-15", qtyUnits: 150 },
    { lotCode: "B", expiry: "2028-01-01", qtyUnits: 200 },
  ],
  pipeline: [
    {
      id: "S1",
      supplier: "IDA",
      fundingSource: "GF",
      qtyUnits: 300,
      expectedDate: "2027-04-10",
      status: "ordered",
      expiry: "2028-06-30",
    },
    { id: "S0", supplier: "IDA", fundingSource: "GF", qtyUnits: 999, expectedDate: "2026-11-02", status: "received" },
  ],
  policy: { minMonths: 2, maxMonths: 4, leadTimeDays: 150 },
  product: { packSize: 10, pricePerPackXof: 5_000 },
  procurement: { fundingSource: "GF", supplier: "IDA", shelfLifeMonths: 24 },
};

describe("supply plan", () => {
  it("projects stock without suggestions: arrivals, expiries by lot (FEFO), closing and months of stock", () => {
    const plan = planSupply({ ...input, suggest: false });
    const rows = plan.months.map((m) => [m.period, m.opening, m.arrivals, m.expired, m.consumed, m.unmet, m.closing]);
    expect(rows.slice(0, 7)).toEqual([
      ["2027-01", 350, 0, 0, 100, 0, 250],
      ["2027-02", 250, 0, 50, 100, 0, 100],
      ["2027-03", 100, 0, 0, 100, 0, 0],
      ["2027-04", 0, 300, 0, 100, 0, 200],
      ["2027-05", 200, 0, 0, 100, 0, 100],
      ["2027-06", 100, 0, 0, 100, 0, 0],
      ["2027-07", 0, 0, 0, 0, 100, 0],
    ]);
    expect(plan.months[1]!.expiredLots).toEqual([{ lotCode: "A", qtyUnits: 50 }]);
    expect(plan.months.map((m) => m.status).slice(0, 6)).toEqual([
      "adequate",
      "below_min",
      "stockout",
      "adequate",
      "below_min",
      "stockout",
    ]);
    expect(plan.months[0]!.mos).toBe(2.5);
    expect(plan.months[3]!.shipmentIds).toEqual(["S1"]);
    expect(plan.notes).toEqual([{ key: "shipment_received_ignored", values: { id: "S0" } }]);
    expect(plan.totals.unmet).toBe(600);
  });

  it("suggests procurements by the three-month rule: quantity, dates, cost and the emergency flag", () => {
    const plan = planSupply(input);
    expect(
      plan.suggestions.map((s) => [s.period, s.qtyUnits, s.packs, s.costXof, s.arrivalDate, s.orderDate, s.emergency]),
    ).toEqual([
      ["2027-05", 300, 30, 150_000, "2027-05-01", "2026-12-02", true],
      ["2027-08", 300, 30, 150_000, "2027-08-01", "2027-03-04", false],
      ["2027-11", 300, 30, 150_000, "2027-11-01", "2027-06-04", false],
    ]);
    expect(plan.suggestions[0]!.earliestArrivalDate).toBe("2027-05-02");
    expect(plan.suggestions[1]!.earliestArrivalDate).toBe("2027-08-01");
    expect(plan.suggestions[0]!.why).toEqual({
      key: "mos_below_min",
      values: {
        period: "2027-05",
        mos: 1,
        mosNext: 0,
        mosAfter: 0,
        minMonths: 2,
        maxMonths: 4,
        amc: 100,
        closing: 100,
        unmet: 0,
        targetUnits: 400,
      },
    });
    expect(plan.months.map((m) => m.closing)).toEqual([250, 100, 0, 200, 400, 300, 200, 400, 300, 200, 400, 300]);
    expect(plan.totals).toMatchObject({ unmet: 0, suggestedUnits: 900, suggestedCostXof: 450_000, emergencies: 1 });
  });

  it("rounds a suggestion down to whole packs and covers what a stock-out left unmet", () => {
    const plan = planSupply({
      ...input,
      stock: [],
      pipeline: [],
      forecastUnits: new Array<number>(6).fill(95),
      product: { packSize: 50, pricePerPackXof: 1_000 },
    });
    // January: nothing in stock, 95 unmet; target 4 × 95 = 380 → 380 + 95 = 475 units → 9 packs (450).
    expect(plan.suggestions[0]).toMatchObject({ period: "2027-01", qtyUnits: 450, packs: 9, costXof: 9_000 });
    expect(plan.months[0]).toMatchObject({ consumed: 95, unmet: 0, closing: 355 });
  });

  it("counts a late shipment in the first month and assumes an expiry when none is given", () => {
    const plan = planSupply({
      ...input,
      suggest: false,
      stock: [],
      pipeline: [
        { id: "L", supplier: "X", fundingSource: "GF", qtyUnits: 500, expectedDate: "2026-11-20", status: "shipped" },
        { id: "F", supplier: "X", fundingSource: "GF", qtyUnits: 500, expectedDate: "2028-03-01", status: "planned" },
      ],
    });
    expect(plan.months[0]!.arrivals).toBe(500);
    expect(plan.notes).toEqual([
      { key: "shipment_overdue", values: { id: "L", expectedDate: "2026-11-20" } },
      { key: "shipment_expiry_assumed", values: { id: "L", expiry: "2028-11-01" } },
      { key: "shipment_after_plan", values: { id: "F", expectedDate: "2028-03-01" } },
    ]);
  });

  it("expires what arrives too close to its expiry to be consumed (FEFO)", () => {
    const plan = planSupply({
      ...input,
      suggest: false,
      stock: [{ lotCode: "OLD", expiry: "2026-12-20", qtyUnits: 40 }],
      pipeline: [
        {
          id: "SHORT",
          supplier: "X",
          fundingSource: "GF",
          qtyUnits: 300,
          expectedDate: "2027-01-05",
          status: "shipped",
          expiry: "2027-03-01",
        },
      ],
    });
    // OLD is already expired; SHORT supplies January and February, its last 100 expire in March.
    expect(plan.months.slice(0, 3).map((m) => [m.expired, m.consumed, m.closing])).toEqual([
      [40, 100, 200],
      [0, 100, 100],
      [100, 0, 0],
    ]);
    expect(plan.months[2]!.expiredLots).toEqual([{ lotCode: "SHORT", qtyUnits: 100 }]);
  });
});
