/** Adjusted consumption and average monthly consumption (PRODUCT.md §3). */

/**
 * Adjusted consumption N of one period: 0 when nothing was consumed; C when the product was out of
 * stock every day (nothing to scale from); otherwise ⌈C × days / (days − X)⌉.
 */
export function adjustedConsumption(consumed: number, days: number, stockoutDays: number): number {
  if (consumed === 0) return 0;
  if (stockoutDays >= days) return consumed;
  return Math.ceil((consumed * days) / (days - stockoutDays));
}

/** Smallest number of periods an AMC may average. */
export const MIN_AVERAGING_PERIODS = 2;

/**
 * AMC P = ⌈mean of N over the last n reported periods⌉, skipping periods not reported (null).
 * `n` is at least 2 (default 3); with fewer reported periods than n, the mean is over those there are.
 */
export function averageMonthlyConsumption(adjusted: (number | null)[], n = 3): number {
  const periods = Math.max(MIN_AVERAGING_PERIODS, Math.floor(n));
  const reported = adjusted.filter((x): x is number => x !== null).slice(-periods);
  if (reported.length === 0) return 0;
  return Math.ceil(reported.reduce((s, x) => s + x, 0) / reported.length);
}
