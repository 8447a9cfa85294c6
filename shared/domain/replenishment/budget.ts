/** Caps a cost-recovery order at the CSCom's budget: vital products first, then essential, then the rest. */
import type { VenClass } from "./allocation";

/** One order line as the budget cap sees it (quantities in packs). */
export interface BudgetLine {
  key: string;
  ven: VenClass;
  packs: number;
  pricePerPackXof: number;
}

/** A line after the cap: the packs kept and whether it was cut. */
export interface CappedLine {
  key: string;
  packs: number;
  cut: boolean;
}

const ORDER: Record<VenClass, number> = { V: 0, E: 1, N: 2 };

/**
 * Keeps whole packs within `budgetXof`: lines are funded in VEN order (V, E, N; within a class in
 * the given order); the first line that does not fit gets as many packs as remain affordable, and
 * the lines after it only what still fits. Returns the lines in their original order and the cost.
 */
export function capByBudget(
  lines: BudgetLine[],
  budgetXof: number,
): { lines: CappedLine[]; costXof: number; exceeded: boolean } {
  const order = lines.map((l, i) => ({ l, i })).sort((a, b) => ORDER[a.l.ven] - ORDER[b.l.ven] || a.i - b.i);
  let left = Math.max(0, Math.floor(budgetXof));
  const kept = new Array<CappedLine>(lines.length);
  for (const { l, i } of order) {
    const affordable = l.pricePerPackXof > 0 ? Math.floor(left / l.pricePerPackXof) : l.packs;
    const packs = Math.min(l.packs, affordable);
    left -= packs * l.pricePerPackXof;
    kept[i] = { key: l.key, packs, cut: packs < l.packs };
  }
  const costXof = kept.reduce((s, k, i) => s + k.packs * lines[i]!.pricePerPackXof, 0);
  return { lines: kept, costXof, exceeded: kept.some((k) => k.cut) };
}
