/**
 * Seasonality of consumption: for each calendar month, its average share of a year's consumption. The
 * series is cut into 12-month windows ending with its last month (so each window holds every calendar month
 * once); each window with consumption gives every month its share of the window's total; a month's share
 * is the mean over those windows. The index is share × 12 (1 = an average month, 1.5 = half again as much).
 */
import { monthOfPeriod, type Period } from "../months";

/** One calendar month's place in the year. */
export interface SeasonalMonth {
  /** Calendar month 1–12 */
  month: number;
  /** Mean share of the year's consumption (0–1); null when no full year had consumption */
  share: number | null;
  index: number | null;
}

/** Seasonality of a monthly series (oldest first): 12 months, and the number of full years it rests on. */
export function seasonality(series: readonly { period: Period; qty: number }[]): {
  months: SeasonalMonth[];
  years: number;
} {
  const sums = Array.from({ length: 12 }, () => 0);
  let years = 0;
  for (let end = series.length; end - 12 >= 0; end -= 12) {
    const window = series.slice(end - 12, end);
    const total = window.reduce((s, p) => s + p.qty, 0);
    if (total <= 0) continue;
    years += 1;
    for (const p of window) sums[monthOfPeriod(p.period) - 1]! += p.qty / total;
  }
  const months = sums.map((sum, i) => {
    const share = years > 0 ? Math.round((sum / years) * 10_000) / 10_000 : null;
    return { month: i + 1, share, index: share === null ? null : Math.round(share * 12 * 100) / 100 };
  });
  return { months, years };
}
