import { beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestContext } from "../helpers/app";

let t: TestContext;
beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 2 });
});

const valid = {
  product: { packSize: 100, packRoundingThreshold: 20, roundToZero: false },
  policy: { rule: "forced", maxMonths: 3, minMonths: 1, eopMonths: 0.5 },
  periods: [
    { days: 30, consumed: 100, stockoutDays: 0 },
    { days: 31, consumed: 100, stockoutDays: 10 },
    { days: 30, consumed: 90, stockoutDays: 0 },
  ],
  stockOnHand: 120,
  inTransit: 30,
  averagingPeriods: 3,
};

describe("POST /replenishment/preview", () => {
  it("computes the line with the domain functions and explains it", async () => {
    const res = await t.agent.post("/api/v1/replenishment/preview").send(valid);
    expect(res.status).toBe(200);
    // N = 100, ⌈100 × 31 / 21⌉ = 148, 90 → AMC ⌈338/3⌉ = 113; H = 339; I = 339 − 120 − 30 = 189 → 2 packs
    expect(res.body).toMatchObject({
      adjustedConsumption: [100, 148, 90],
      amc: 113,
      maxStock: 339,
      quantity: 189,
      packs: 2,
      emergency: false,
    });
    expect(res.body.monthsOfStock).toBeCloseTo(120 / 113, 4);
    expect(res.body.explanation.length).toBeGreaterThan(5);
  });

  it.each([
    [
      "stock-out days above the period length",
      { periods: [{ days: 30, consumed: 10, stockoutDays: 31 }] },
      "periods.0.stockoutDays",
    ],
    ["a negative consumption", { periods: [{ days: 30, consumed: -1, stockoutDays: 0 }] }, "periods.0.consumed"],
    [
      "a threshold not below the pack size",
      { product: { packSize: 10, packRoundingThreshold: 10, roundToZero: false } },
      "product.packRoundingThreshold",
    ],
    ["min above max", { policy: { rule: "forced", maxMonths: 2, minMonths: 3, eopMonths: null } }, "policy.minMonths"],
    ["an unknown rule", { policy: { rule: "push", maxMonths: 3, minMonths: 1, eopMonths: null } }, "policy.rule"],
    ["averaging over one period", { averagingPeriods: 1 }, "averagingPeriods"],
  ])("refuses %s with the field", async (_name, patch, path) => {
    const res = await t.agent.post("/api/v1/replenishment/preview").send({ ...valid, ...patch });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});
