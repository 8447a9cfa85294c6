/**
 * A depot's monthly demand when its own ledger says nothing. Fura records a depot's outflow from its issues,
 * transfers out and the deliveries its facilities recorded as receipts from it; a regional warehouse or PPM
 * central whose deliveries predate Fura (or were never entered) would then have no AMC and show "no data".
 * Standard LMIS practice for an upper-level store is to take the demand of the level it serves: here a
 * depot with no AMC of its own takes the sum of the AMCs of the facilities it supplies for that product's
 * programme (their own AMC, or theirs rolled up in turn), bottom-up: CSCom → district → regional → central.
 */

/** Supply levels from the bottom of the chain to the top. */
export const LEVELS_BOTTOM_UP = ["cscom", "district", "regional", "central"] as const;
/** A level of the supply chain that holds stock. */
export type ChainLevel = (typeof LEVELS_BOTTOM_UP)[number];

/** One facility's AMC of one product, with who supplies it that product. */
export interface DemandNode {
  id: string;
  level: ChainLevel;
  /** The facility that supplies this one for the product's programme (null at the top) */
  supplierId: string | null;
  /** AMC from the facility's own report or ledger, base units per month (0 when none) */
  ownAmc: number;
}

/** The AMC used for a facility and where it came from. */
export interface RolledAmc {
  amc: number;
  source: "own" | "downstream";
}

/**
 * AMC of every node: its own when above 0; for a depot (not a CSCom) with none, the sum of the final AMCs of
 * the nodes it supplies. Nodes of one product only; suppliers missing from the list are ignored.
 */
export function rollUpDepotAmc(nodes: readonly DemandNode[]): Map<string, RolledAmc> {
  const result = new Map<string, RolledAmc>();
  const childSum = new Map<string, number>();
  for (const level of LEVELS_BOTTOM_UP) {
    for (const n of nodes) {
      if (n.level !== level) continue;
      const fromBelow = childSum.get(n.id) ?? 0;
      const rolled: RolledAmc =
        n.ownAmc > 0 || level === "cscom" || fromBelow === 0
          ? { amc: n.ownAmc, source: "own" }
          : { amc: fromBelow, source: "downstream" };
      result.set(n.id, rolled);
      if (n.supplierId && rolled.amc > 0) childSum.set(n.supplierId, (childSum.get(n.supplierId) ?? 0) + rolled.amc);
    }
  }
  return result;
}
