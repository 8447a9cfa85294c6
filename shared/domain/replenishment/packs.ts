/** Pack rounding (PRODUCT.md §3): base units → whole packs for picking and shipping. */

/** The product fields pack rounding needs. */
export interface PackRule {
  packSize: number;
  packRoundingThreshold: number;
  roundToZero: boolean;
}

/**
 * packs = ⌊q / packSize⌋, plus one when the remainder exceeds the threshold; at least one pack
 * when q > 0 unless the product may round to zero.
 */
export function packsFor(quantity: number, rule: PackRule): number {
  if (quantity <= 0) return 0;
  const whole = Math.floor(quantity / rule.packSize);
  const remainder = quantity - whole * rule.packSize;
  const packs = whole + (remainder > rule.packRoundingThreshold ? 1 : 0);
  return packs === 0 && !rule.roundToZero ? 1 : packs;
}
