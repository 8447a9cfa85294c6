/**
 * The shape every history-based forecast method has. A method has hyperparameters, fitted once by `fit` (a
 * small grid search on one-step errors), and a state it rebuilds from the data in `forecast` (a level, a
 * trend, seasonal indices…). The back-test fits on the data before its first origin and then forecasts from
 * every origin with those parameters, so no origin sees its own future.
 */
import type { MethodId } from "../types";

/** Fitted hyperparameters, shown to the user (numbers and codes only). */
export type MethodParams = Record<string, number | string>;

/** A forecast method working on a series without gaps (values[0..n) oldest first). */
export interface ForecastMethod<P extends MethodParams = MethodParams> {
  id: Exclude<MethodId, "morbidity">;
  /** Fewest months `fit` and `forecast` need */
  minLength: number;
  /** Hyperparameters fitted on y[0..n) */
  fit(y: Float64Array, n: number): P;
  /** Writes the forecasts of months n, n+1, … n+horizon−1 (from y[0..n)) into out[0..horizon); never negative */
  forecast(y: Float64Array, n: number, params: P, horizon: number, out: Float64Array): void;
}
