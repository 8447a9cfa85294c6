/** Adjusted consumption and average monthly consumption (PRODUCT.md §3), from reports or from the ledger. */
import { addPeriods, periodOf, periodStart } from "../months";

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

/**
 * Complete months of ledger outflow averaged for an AMC when no submitted report gives one (stock positions,
 * the national stock picture, the indicators, free-care allocations).
 */
export const LEDGER_AMC_MONTHS = 3;

/**
 * The ledger AMC window: the LEDGER_AMC_MONTHS complete months before the month of `asOf`, as [from, to) ISO
 * dates. The current month never counts: it is not over, and would pull the average down.
 */
export function ledgerAmcWindow(asOf: string): { from: string; to: string } {
  const current = periodOf(asOf);
  return { from: periodStart(addPeriods(current, -LEDGER_AMC_MONTHS)), to: periodStart(current) };
}

/**
 * What counts as a facility's consumption in the ledger: what it issued or transferred out (OWN_OUTFLOW_TYPES),
 * plus the deliveries the facilities it supplies recorded as receipts naming it as counterparty
 * (DELIVERED_TYPES: a depot's deliveries entered at the receiving end, e.g. history from before go-live). Losses,
 * damage, expiry and count adjustments are not consumption. Transfers in are not counted at the supplier: its
 * own transfer out already is.
 */
export const OWN_OUTFLOW_TYPES = ["issue", "transfer_out"] as const;
/** Movement types recorded at a supplied facility that count as its supplier's outflow (see OWN_OUTFLOW_TYPES). */
export const DELIVERED_TYPES = ["receipt"] as const;

/** AMC from the ledger: ⌈outflow over the window ÷ LEDGER_AMC_MONTHS⌉ (base units per month). */
export function ledgerAmc(outflowUnits: number): number {
  return Math.ceil(Math.max(0, outflowUnits) / LEDGER_AMC_MONTHS);
}
