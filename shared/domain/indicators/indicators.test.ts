import { describe, expect, it } from "vitest";
import { rollUpDepotAmc } from "./depotDemand";
import { figure, median } from "./figures";
import { periodsEnding } from "../months";
import { fillRate, reportingRates } from "./reporting";
import { seasonality } from "./seasonality";
import { expiryRiskValue, monthsOfStockByLevel, stockouts, tracerAvailability, type StockPair } from "./stockFigures";
import { DEFAULT_TRACER_CODES, tracerCodes } from "./tracers";

const pair = (over: Partial<StockPair>): StockPair => ({
  facilityId: "c1",
  level: "cscom",
  productId: 1,
  tracer: true,
  unitPriceXof: 10,
  stockOnHand: 0,
  usableOnHand: 0,
  amc: 0,
  expiringLots: [],
  ...over,
});

describe("figure and median", () => {
  it("keeps numerator and denominator and gives null for nothing measured", () => {
    expect(figure(2, 3)).toEqual({ value: 0.6667, numerator: 2, denominator: 3 });
    expect(figure(0, 0)).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect([median([]), median([3, 1, 2]), median([4, 1, 3, 2])]).toEqual([null, 2, 2.5]);
  });
});

describe("rollUpDepotAmc", () => {
  it("gives a depot without consumption of its own the sum of what the facilities it supplies consume, up the chain", () => {
    const amc = rollUpDepotAmc([
      { id: "central", level: "central", supplierId: null, ownAmc: 0 },
      { id: "region", level: "regional", supplierId: "central", ownAmc: 0 },
      { id: "d1", level: "district", supplierId: "region", ownAmc: 40 },
      { id: "d2", level: "district", supplierId: "region", ownAmc: 0 },
      { id: "c1", level: "cscom", supplierId: "d2", ownAmc: 7 },
      { id: "c2", level: "cscom", supplierId: "d2", ownAmc: 5 },
      { id: "c3", level: "cscom", supplierId: "d1", ownAmc: 0 },
    ]);
    expect(amc.get("d1")).toEqual({ amc: 40, source: "own" });
    expect(amc.get("d2")).toEqual({ amc: 12, source: "downstream" });
    expect(amc.get("region")).toEqual({ amc: 52, source: "downstream" });
    expect(amc.get("central")).toEqual({ amc: 52, source: "downstream" });
    expect(amc.get("c3")).toEqual({ amc: 0, source: "own" });
  });

  it("keeps a depot's own AMC when it has one, and 0 when nothing below consumes", () => {
    const amc = rollUpDepotAmc([
      { id: "region", level: "regional", supplierId: null, ownAmc: 9 },
      { id: "d1", level: "district", supplierId: "region", ownAmc: 100 },
      { id: "d2", level: "district", supplierId: null, ownAmc: 0 },
    ]);
    expect(amc.get("region")).toEqual({ amc: 9, source: "own" });
    expect(amc.get("d2")).toEqual({ amc: 0, source: "own" });
  });
});

describe("stock figures", () => {
  const pairs: StockPair[] = [
    pair({ facilityId: "c1", stockOnHand: 30, usableOnHand: 30, amc: 10 }),
    pair({ facilityId: "c2", stockOnHand: 5, usableOnHand: 0, amc: 10 }), // only expired stock: a stock-out
    pair({ facilityId: "c3", stockOnHand: 0, usableOnHand: 0, amc: 0 }),
    pair({ facilityId: "c1", productId: 2, tracer: false, stockOnHand: 0, usableOnHand: 0 }),
    pair({ facilityId: "d1", level: "district", stockOnHand: 200, usableOnHand: 200, amc: 50, unitPriceXof: 10 }),
    pair({
      facilityId: "d1",
      level: "district",
      productId: 3,
      stockOnHand: 90,
      usableOnHand: 90,
      amc: 30,
      unitPriceXof: 20,
    }),
  ];

  it("counts tracer availability on CSCom pairs only, with usable (not expired) stock", () => {
    expect(tracerAvailability(pairs)).toEqual({ value: 0.3333, numerator: 1, denominator: 3 });
  });

  it("counts stock-outs on every product and level, and per level", () => {
    const s = stockouts(pairs);
    expect({ numerator: s.numerator, denominator: s.denominator }).toEqual({ numerator: 3, denominator: 6 });
    expect(s.byLevel.find((l) => l.level === "cscom")).toEqual({
      level: "cscom",
      value: 0.75,
      numerator: 3,
      denominator: 4,
    });
    expect(s.byLevel.find((l) => l.level === "central")).toEqual({
      level: "central",
      value: null,
      numerator: 0,
      denominator: 0,
    });
  });

  it("gives per level the median months of stock of measured tracer pairs and the value-weighted aggregate", () => {
    const byLevel = monthsOfStockByLevel(pairs);
    // CSCom: 30/10 = 3 and 5/10 = 0.5 → median 1.75; c3 has no AMC.
    expect(byLevel.find((l) => l.level === "cscom")).toEqual({
      level: "cscom",
      median: 1.75,
      pairs: 2,
      unmeasured: 1,
      stockValueXof: 350,
      consumptionValueXof: 200,
      aggregate: 1.75,
    });
    // District: 200/50 = 4 and 90/30 = 3; aggregate (2000 + 1800) / (500 + 600).
    expect(byLevel.find((l) => l.level === "district")).toEqual({
      level: "district",
      median: 3.5,
      pairs: 2,
      unmeasured: 0,
      stockValueXof: 3800,
      consumptionValueXof: 1100,
      aggregate: 3.45,
    });
    expect(byLevel.find((l) => l.level === "regional")!.median).toBeNull();
  });

  it("values at risk the part of expiring lots that will not be consumed before expiry, and expired stock in full", () => {
    const risk = expiryRiskValue([
      // 100 units expiring in 61 days at 30/month: about 60 consumed in time, 40 at risk.
      pair({ stockOnHand: 100, amc: 30, unitPriceXof: 5, expiringLots: [{ daysToExpiry: 61, qty: 100 }] }),
      // Already expired: all at risk.
      pair({
        facilityId: "c2",
        stockOnHand: 8,
        amc: 30,
        unitPriceXof: 10,
        expiringLots: [{ daysToExpiry: -3, qty: 8 }],
      }),
      pair({ facilityId: "c3", stockOnHand: 50, amc: 0, unitPriceXof: 2 }),
    ]);
    expect(risk).toEqual({ value: 0.4118, numerator: 280, denominator: 680, expiringValueXof: 580 });
  });
});

describe("seasonality", () => {
  it("averages each calendar month's share of the 12-month windows ending with the series", () => {
    const series = periodsEnding("2026-10", 24).map((period, i) => ({
      period,
      qty: period.endsWith("-08") ? (i < 12 ? 30 : 50) : 10,
    }));
    const s = seasonality(series);
    expect(s.years).toBe(2);
    // August: 30/140 and 50/160; other months 10/140 and 10/160.
    const aug = (30 / 140 + 50 / 160) / 2;
    expect(s.months[7]).toEqual({
      month: 8,
      share: Math.round(aug * 10_000) / 10_000,
      index: Math.round((Math.round(aug * 10_000) / 10_000) * 12 * 100) / 100,
    });
    expect(s.months.reduce((sum, m) => sum + m.share!, 0)).toBeCloseTo(1, 3);
  });

  it("skips years without consumption and has no shares without a full year", () => {
    expect(seasonality(periodsEnding("2026-10", 11).map((period) => ({ period, qty: 5 }))).years).toBe(0);
    const withEmptyYear = periodsEnding("2026-10", 24).map((period, i) => ({ period, qty: i < 12 ? 0 : 12 }));
    expect(seasonality(withEmptyYear)).toMatchObject({ years: 1 });
    expect(seasonality(withEmptyYear).months[0]).toEqual({ month: 1, share: 0.0833, index: 1 });
  });
});

describe("reporting and fill rate", () => {
  it("measures completeness and timeliness against the reports expected", () => {
    expect(reportingRates({ expected: 8, submitted: 6, onTime: 3 })).toEqual({
      completeness: { value: 0.75, numerator: 6, denominator: 8 },
      timeliness: { value: 0.375, numerator: 3, denominator: 8 },
    });
  });
  it("divides shipped by approved quantities, with the lines shipped in full", () => {
    expect(fillRate({ approvedQty: 400, shippedQty: 300, lines: 4, fullLines: 3 })).toEqual({
      value: 0.75,
      numerator: 300,
      denominator: 400,
      lines: { value: 0.75, numerator: 3, denominator: 4 },
    });
  });
});

describe("tracerCodes", () => {
  it("reads a stored JSON list of codes and falls back to the default basket", () => {
    expect(tracerCodes('["A","B"]')).toEqual(["A", "B"]);
    for (const bad of [null, "", "[]", "not json", "[1, 2]", '{"a":1}'])
      expect(tracerCodes(bad)).toBe(DEFAULT_TRACER_CODES);
  });
});
