/**
 * What a scenario does to a product's plan, as pure rules: forecast overrides (a factor, months replaced) and the
 * budgets a plan draws on (yearly budgets pro-rated to the plan's months, unless the scenario gives its own).
 */
import { addPeriods, monthsBetween, type Period } from "./calendar";
import type { FundingBudget } from "./funding";

/** A scenario's change to one product's forecast. */
export interface ForecastOverride {
  /** Multiplies every month (1.1 = 10 % more) */
  forecastFactor?: number | undefined;
  /** Replaces these months (base units), "YYYY-MM" → units */
  monthly?: Record<string, number> | undefined;
}

/**
 * The forecast of the months from `start` after the override, in whole base units (never negative): the factor
 * first, then the months replaced (a replaced month is not multiplied).
 */
export function overriddenForecast(
  values: ArrayLike<number>,
  start: Period,
  override: ForecastOverride | undefined,
): number[] {
  const factor = override?.forecastFactor ?? 1;
  const out = Array.from(values, (v) => Math.max(0, Math.round(v * factor)));
  for (const [period, units] of Object.entries(override?.monthly ?? {})) {
    const i = monthsBetween(start, period);
    if (i >= 0 && i < out.length) out[i] = Math.max(0, Math.round(units));
  }
  return out;
}

/** A funding source's budget for one calendar year (FCFA). */
export interface YearBudget {
  fundingSource: string;
  year: number;
  amountXof: number;
}

/**
 * Each funding source's budget over the plan's `months` months from `start`: a yearly budget counts for the
 * share of its year the plan covers (months ÷ 12, rounded down to the franc); years the plan does not touch
 * count for nothing. A source without any row has no budget (it covers everything, see `fundingSummary`).
 */
export function budgetsForPlan(budgets: readonly YearBudget[], start: Period, months: number): FundingBudget[] {
  const monthsInYear = new Map<number, number>();
  for (let i = 0; i < months; i++) {
    const year = Number(addPeriods(start, i).slice(0, 4));
    monthsInYear.set(year, (monthsInYear.get(year) ?? 0) + 1);
  }
  const bySource = new Map<string, number>();
  for (const b of budgets) {
    const share = (monthsInYear.get(b.year) ?? 0) / 12;
    bySource.set(b.fundingSource, (bySource.get(b.fundingSource) ?? 0) + Math.floor(b.amountXof * share));
  }
  return [...bySource].map(([fundingSource, budgetXof]) => ({ fundingSource, budgetXof }));
}
