/**
 * Stock indicators over facility × product pairs (pure; the server loads the pairs in one query):
 * availability of tracer products, stock-outs, months of stock per level, and the value at risk of expiry.
 */
import { expiryRisk } from "../stock/position";
import type { ChainLevel } from "./depotDemand";
import { figure, median, round, type Figure } from "./figures";

/** One facility's stock of one product, as the indicators need it. */
export interface StockPair {
  facilityId: string;
  level: ChainLevel;
  productId: number;
  tracer: boolean;
  /** Price of one base unit in FCFA (pack price / pack size) */
  unitPriceXof: number;
  /** Stock on hand, every lot, base units */
  stockOnHand: number;
  /** Stock on hand in lots not yet expired on the day of the indicators */
  usableOnHand: number;
  /** AMC used for the pair (own, or rolled up for a depot), base units per month */
  amc: number;
  /** Lots with stock that expire before the horizon (or are already expired): days to expiry (≤ 0 = expired) and quantity */
  expiringLots: { daysToExpiry: number; qty: number }[];
}

/**
 * Availability of tracer products (WHO/SARA "tracer availability" at the point of care): among the CSCom ×
 * tracer product pairs that the CSCom manages (it has held the product), the share with usable stock > 0.
 */
export function tracerAvailability(pairs: readonly StockPair[]): Figure {
  const managed = pairs.filter((p) => p.tracer && p.level === "cscom");
  return figure(managed.filter((p) => p.usableOnHand > 0).length, managed.length);
}

/** Stock-outs now: pairs (every product, every level) with no usable stock, out of the pairs managed; also per level. */
export function stockouts(pairs: readonly StockPair[]): Figure & { byLevel: ({ level: ChainLevel } & Figure)[] } {
  const out = (list: readonly StockPair[]) => figure(list.filter((p) => p.usableOnHand === 0).length, list.length);
  const levels: ChainLevel[] = ["central", "regional", "district", "cscom"];
  return { ...out(pairs), byLevel: levels.map((level) => ({ level, ...out(pairs.filter((p) => p.level === level)) })) };
}

/** Months of stock of one level. */
export interface LevelMonthsOfStock {
  level: ChainLevel;
  /** Median of stock ÷ AMC over the level's tracer pairs with an AMC; null when none has one */
  median: number | null;
  /** Tracer pairs measured (AMC > 0) and not measured (no consumption known) */
  pairs: number;
  unmeasured: number;
  /** Aggregate: value of the measured pairs' stock ÷ value of their monthly consumption (FCFA) */
  stockValueXof: number;
  consumptionValueXof: number;
  aggregate: number | null;
}

/** Months of stock per level over tracer products: median per pair, and the value-weighted aggregate. */
export function monthsOfStockByLevel(pairs: readonly StockPair[]): LevelMonthsOfStock[] {
  const levels: ChainLevel[] = ["central", "regional", "district", "cscom"];
  return levels.map((level) => {
    const tracer = pairs.filter((p) => p.tracer && p.level === level);
    const measured = tracer.filter((p) => p.amc > 0);
    const stockValueXof = round(measured.reduce((s, p) => s + p.stockOnHand * p.unitPriceXof, 0));
    const consumptionValueXof = round(measured.reduce((s, p) => s + p.amc * p.unitPriceXof, 0));
    const mid = median(measured.map((p) => p.stockOnHand / p.amc));
    return {
      level,
      median: mid === null ? null : round(mid, 2),
      pairs: measured.length,
      unmeasured: tracer.length - measured.length,
      stockValueXof,
      consumptionValueXof,
      aggregate: consumptionValueXof > 0 ? round(stockValueXof / consumptionValueXof, 2) : null,
    };
  });
}

/**
 * Value at risk of expiry (PRODUCT.md §3: stock that will expire before it is consumed at the current AMC),
 * for the lots expiring within the horizon, in FCFA; the denominator is the value of all stock on hand.
 * `expiringValueXof` is the gross value of those lots (whether or not they would be consumed in time).
 */
export function expiryRiskValue(pairs: readonly StockPair[]): Figure & { expiringValueXof: number } {
  let atRisk = 0;
  let expiring = 0;
  let total = 0;
  for (const p of pairs) {
    total += p.stockOnHand * p.unitPriceXof;
    if (p.expiringLots.length === 0) continue;
    const lots = p.expiringLots.map((l) => ({ expiry: "", qty: l.qty, daysToExpiry: l.daysToExpiry }));
    atRisk += expiryRisk(lots, p.amc) * p.unitPriceXof;
    expiring += p.expiringLots.reduce((s, l) => s + l.qty, 0) * p.unitPriceXof;
  }
  return { ...figure(round(atRisk), round(total)), expiringValueXof: round(expiring) };
}
