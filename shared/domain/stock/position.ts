/** Months of stock and stock status bands (PRODUCT.md §3). */

/** Months of stock = stock on hand / AMC; null ("—") when AMC is 0. */
export function monthsOfStock(stockOnHand: number, amc: number): number | null {
  return amc > 0 ? stockOnHand / amc : null;
}

/** National dashboard bands. */
export type StockStatus = "stockout" | "under" | "adequate" | "over" | "unknown";

/** Status band from stock on hand, stock-out days, MOS and the policy's min / max months. */
export function stockStatus(input: {
  stockOnHand: number;
  stockoutDays?: number;
  mos: number | null;
  minMonths: number;
  maxMonths: number;
}): StockStatus {
  if (input.stockOnHand === 0 || (input.stockoutDays ?? 0) > 0) return "stockout";
  if (input.mos === null) return "unknown";
  if (input.mos < input.minMonths) return "under";
  if (input.mos > input.maxMonths) return "over";
  return "adequate";
}

/**
 * Quantity that will expire before it is consumed: lots are consumed FEFO at `amc` per month
 * (30.44 days); whatever of a lot remains on its expiry day is at risk.
 */
export function expiryRisk(lots: { expiry: string; qty: number; daysToExpiry: number }[], amc: number): number {
  const sorted = [...lots].sort((a, b) => a.daysToExpiry - b.daysToExpiry);
  const perDay = amc / 30.44;
  let consumedBefore = 0;
  let atRisk = 0;
  for (const lot of sorted) {
    const days = Math.max(0, lot.daysToExpiry);
    const canConsume = Math.max(0, days * perDay - consumedBefore);
    const used = Math.min(lot.qty, canConsume);
    atRisk += lot.qty - used;
    consumedBefore += used;
  }
  return Math.round(atRisk);
}
