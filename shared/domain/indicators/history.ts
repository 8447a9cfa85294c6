/**
 * Monthly history of one product at one facility, rebuilt from its ledger lines: closing stock, consumption
 * (what left the facility), receipts, losses, other adjustments and stock-out days. Pure: the server loads the
 * balance before the first month and the lines of the months asked for.
 */
import { daysInPeriod, type Period } from "../months";

/**
 * What a ledger line means for the history. "delivered" is a depot's delivery recorded only at the facility
 * that received it (counterparty = this depot, before Fura recorded both ends): it counts as consumption of
 * the depot but does not move the depot's own balance.
 */
export type HistoryKind = "receipt" | "consumption" | "loss" | "adjustment" | "delivered";

/** One ledger line of the product at the facility. */
export interface HistoryEvent {
  /** ISO date-time it happened (UTC, Mali's time) */
  at: string;
  kind: HistoryKind;
  /** Signed change of the facility's balance (for "delivered": the quantity delivered, positive) */
  qty: number;
}

/** One month of the history (quantities in base units; losses and consumption as positive numbers). */
export interface HistoryPoint {
  period: Period;
  days: number;
  opening: number;
  receipts: number;
  consumption: number;
  losses: number;
  /** Counts and corrections, signed */
  adjustments: number;
  closing: number;
  /** Days whose end-of-day balance was 0, once the facility had held the product */
  stockoutDays: number;
}

/** Adds one event to a month's totals and returns the balance change it causes. */
function apply(point: HistoryPoint, e: HistoryEvent): number {
  switch (e.kind) {
    case "receipt":
      point.receipts += e.qty;
      return e.qty;
    case "consumption":
      point.consumption += -e.qty;
      return e.qty;
    case "loss":
      point.losses += -e.qty;
      return e.qty;
    case "adjustment":
      point.adjustments += e.qty;
      return e.qty;
    case "delivered":
      point.consumption += e.qty;
      return 0;
  }
}

/**
 * The months asked for (oldest first), from the balance before the first one and the events inside them.
 * `held` says whether the facility had held the product before the first month (so a zero balance then is
 * a stock-out, not "never stocked"). Events outside the months are ignored.
 */
export function monthlyHistory(
  periods: readonly Period[],
  openingBalance: number,
  events: readonly HistoryEvent[],
  held = openingBalance > 0,
): HistoryPoint[] {
  const byDay = new Map<string, HistoryEvent[]>();
  for (const e of [...events].sort((a, b) => a.at.localeCompare(b.at))) {
    const day = e.at.slice(0, 10);
    const list = byDay.get(day);
    if (list) list.push(e);
    else byDay.set(day, [e]);
  }
  let balance = openingBalance;
  let everHeld = held;
  return periods.map((period) => {
    const days = daysInPeriod(period);
    const point: HistoryPoint = {
      period,
      days,
      opening: balance,
      receipts: 0,
      consumption: 0,
      losses: 0,
      adjustments: 0,
      closing: 0,
      stockoutDays: 0,
    };
    for (let d = 1; d <= days; d++) {
      for (const e of byDay.get(`${period}-${String(d).padStart(2, "0")}`) ?? []) {
        balance += apply(point, e);
        if (e.kind !== "delivered") everHeld = true;
      }
      if (everHeld && balance <= 0) point.stockoutDays += 1;
    }
    point.closing = balance;
    return point;
  });
}
