/** Free-care push allocation with rationing when the programme holds less than the need (PRODUCT.md §3). */

/** VEN class: vital, essential, non-essential. */
export type VenClass = "V" | "E" | "N";

/** One facility's claim on the programme's stock (need in base units). */
export interface AllocationClaim {
  facilityId: string;
  need: number;
  monthsOfStock: number | null;
  ven: VenClass;
}

/** What one facility gets. */
export interface AllocationShare {
  facilityId: string;
  need: number;
  quantity: number;
  packs: number;
}

/** The plan: shares, what was available and whether it was rationed. */
export interface AllocationPlan {
  available: number;
  totalNeed: number;
  allocated: number;
  rationed: boolean;
  shares: AllocationShare[];
}

/**
 * Allocates `available` base units in whole packs, never above a facility's need (its need rounded
 * down to whole packs). When stock covers every need, each gets its need. Otherwise each gets its
 * share proportional to need (rounded down to packs), and the packs left are handed out one at a
 * time by priority: vital products first, then the lowest months of stock, then the largest
 * unmet need.
 */
export function allocate(claims: AllocationClaim[], available: number, packSize: number): AllocationPlan {
  const capPacks = claims.map((c) => Math.floor(Math.max(0, c.need) / packSize));
  const totalNeed = claims.reduce((s, c) => s + Math.max(0, c.need), 0);
  const wanted = capPacks.reduce((s, p) => s + p, 0);
  let packsLeft = Math.floor(Math.max(0, available) / packSize);
  const rationed = wanted > packsLeft;
  const packs = rationed
    ? capPacks.map((cap, i) =>
        Math.min(cap, Math.floor((Math.max(0, claims[i]!.need) / Math.max(1, totalNeed)) * packsLeft)),
      )
    : [...capPacks];
  packsLeft -= packs.reduce((s, p) => s + p, 0);
  if (rationed) {
    const priority = claims
      .map((c, i) => ({ c, i }))
      .sort(
        (a, b) =>
          rank(a.c) - rank(b.c) ||
          (a.c.monthsOfStock ?? Infinity) - (b.c.monthsOfStock ?? Infinity) ||
          b.c.need - a.c.need ||
          a.i - b.i,
      );
    while (packsLeft > 0) {
      let gave = false;
      for (const { i } of priority) {
        if (packsLeft === 0) break;
        if (packs[i]! < capPacks[i]!) {
          packs[i]!++;
          packsLeft--;
          gave = true;
        }
      }
      if (!gave) break;
    }
  }
  const shares = claims.map((c, i) => ({
    facilityId: c.facilityId,
    need: c.need,
    quantity: packs[i]! * packSize,
    packs: packs[i]!,
  }));
  return { available, totalNeed, allocated: shares.reduce((s, x) => s + x.quantity, 0), rationed, shares };
}

function rank(c: AllocationClaim): number {
  return c.ven === "V" ? 0 : c.ven === "E" ? 1 : 2;
}
