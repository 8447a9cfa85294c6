import { describe, expect, it } from "vitest";
import { fundingSummary, type FundingPlan } from "./funding";
import type { SuggestedProcurement } from "./supplyPlan";

const suggestion = (id: string, packs: number, price: number, orderDate: string, fundingSource = "GF") =>
  ({
    id,
    period: orderDate.slice(0, 7),
    arrivalDate: orderDate,
    orderDate,
    qtyUnits: packs * 10,
    packs,
    costXof: packs * price,
    fundingSource,
    supplier: "IDA",
    emergency: false,
    earliestArrivalDate: orderDate,
    expiry: "2030-01-01",
    why: { key: "mos_below_min", values: {} },
  }) satisfies SuggestedProcurement;

describe("funding summary", () => {
  const plans: FundingPlan[] = [
    {
      product: "PARA",
      ven: "N",
      packSize: 10,
      pricePerPackXof: 1_000,
      pipeline: [],
      suggestions: [suggestion("s1", 50, 1_000, "2027-01-10")],
    },
    {
      product: "ACT",
      ven: "V",
      packSize: 10,
      pricePerPackXof: 2_000,
      pipeline: [
        { id: "p", supplier: "IDA", fundingSource: "GF", qtyUnits: 100, expectedDate: "2027-03-01", status: "planned" },
        {
          id: "o",
          supplier: "IDA",
          fundingSource: "GF",
          qtyUnits: 100,
          expectedDate: "2027-02-01",
          status: "ordered",
          costXof: 7_000,
        },
      ],
      suggestions: [suggestion("s2", 40, 2_000, "2027-05-01"), suggestion("s3", 10, 2_000, "2027-02-01", "STATE")],
    },
  ];

  it("funds planned shipments first, then vital products, and lists what the budget cannot cover", () => {
    const { sources, uncovered } = fundingSummary(plans, [{ fundingSource: "GF", budgetXof: 120_000 }]);
    const gf = sources.find((s) => s.fundingSource === "GF")!;
    // Planned: 10 packs × 2,000 = 20,000; left 100,000 → ACT 40 packs (80,000), then 20 of PARA's 50 packs.
    expect(gf).toEqual({
      fundingSource: "GF",
      budgetXof: 120_000,
      committedXof: 7_000,
      plannedXof: 20_000,
      suggestedXof: 130_000,
      coveredXof: 100_000,
      uncoveredXof: 30_000,
      remainingXof: 0,
    });
    expect(uncovered).toEqual([
      {
        product: "PARA",
        ven: "N",
        suggestionId: "s1",
        period: "2027-01",
        orderDate: "2027-01-10",
        fundingSource: "GF",
        packs: 50,
        packsCovered: 20,
        packsUncovered: 30,
        costUncoveredXof: 30_000,
        emergency: false,
      },
    ]);
    // A source without a budget covers everything.
    expect(sources.find((s) => s.fundingSource === "STATE")).toMatchObject({ budgetXof: null, coveredXof: 20_000 });
  });
});
