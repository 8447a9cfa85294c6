/** Small arithmetic of the indicators: a ratio that carries its numerator and denominator, the median. */

/** A share with what it was computed from, so that a screen can explain it ("12 / 15"). */
export interface Figure {
  /** numerator / denominator rounded to 4 decimals; null when the denominator is 0 */
  value: number | null;
  numerator: number;
  denominator: number;
}

/** numerator / denominator as a Figure (null value when nothing is measured). */
export function figure(numerator: number, denominator: number): Figure {
  return {
    value: denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null,
    numerator,
    denominator,
  };
}

/** Median of the values (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds to `digits` decimals (figures in FCFA use 0, months of stock 2). */
export const round = (value: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
