/**
 * Free-care push allocation with rationing when the programme holds less than the need (PRODUCT.md §3).
 *
 * The rule, in whole packs (a pack is never opened to push a programme product):
 * - a facility's share is at most its need rounded UP to whole packs, ⌈need / pack⌉ packs: less than one pack
 *   above its need, so a facility that needs 30 units of a 100-unit pack gets one pack, not nothing;
 * - when the stock covers every facility's rounded-up need, each gets exactly that (every need is met);
 * - otherwise it is rationed: first nobody gets more than their need rounded DOWN to whole packs — shares in
 *   proportion to need, then the packs left one at a time by priority (vital products first, then the lowest
 *   months of stock, then the largest need) — and only once every such share is given do the packs still left
 *   round facilities up, in the same priority; every whole pack available is handed out.
 */

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

/** Allocates `available` base units in whole packs of `packSize` by the rule of the file comment. */
export function allocate(claims: AllocationClaim[], available: number, packSize: number): AllocationPlan {
  const needs = claims.map((c) => Math.max(0, c.need));
  const upPacks = needs.map((n) => Math.ceil(n / packSize));
  const downPacks = needs.map((n) => Math.floor(n / packSize));
  const totalNeed = needs.reduce((s, n) => s + n, 0);
  const packsAvailable = Math.floor(Math.max(0, available) / packSize);
  const rationed = upPacks.reduce((s, p) => s + p, 0) > packsAvailable;
  const packs = rationed ? ration(claims, needs, downPacks, upPacks, packsAvailable) : [...upPacks];
  const shares = claims.map((c, i) => ({
    facilityId: c.facilityId,
    need: c.need,
    quantity: packs[i]! * packSize,
    packs: packs[i]!,
  }));
  return { available, totalNeed, allocated: shares.reduce((s, x) => s + x.quantity, 0), rationed, shares };
}

/** Rationed packs: proportional shares within the rounded-down needs, the rest by priority, rounding up last. */
function ration(
  claims: AllocationClaim[],
  needs: number[],
  downPacks: number[],
  upPacks: number[],
  packsAvailable: number,
): number[] {
  const totalNeed = needs.reduce((s, n) => s + n, 0);
  const packs = downPacks.map((cap, i) =>
    Math.min(cap, Math.floor((needs[i]! / Math.max(1, totalNeed)) * packsAvailable)),
  );
  let left = packsAvailable - packs.reduce((s, p) => s + p, 0);
  const order = priority(claims);
  left = handOut(packs, downPacks, order, left);
  handOut(packs, upPacks, order, left);
  return packs;
}

/** Gives the `left` packs one at a time, in `order`, to facilities below their cap; returns the packs still left. */
function handOut(packs: number[], caps: number[], order: number[], left: number): number {
  while (left > 0) {
    let gave = false;
    for (const i of order) {
      if (left === 0) break;
      if (packs[i]! < caps[i]!) {
        packs[i]!++;
        left--;
        gave = true;
      }
    }
    if (!gave) break;
  }
  return left;
}

/** Claim indices by priority: vital first, then the lowest months of stock, then the largest need, then as listed. */
function priority(claims: AllocationClaim[]): number[] {
  return claims
    .map((c, i) => ({ c, i }))
    .sort(
      (a, b) =>
        rank(a.c) - rank(b.c) ||
        (a.c.monthsOfStock ?? Infinity) - (b.c.monthsOfStock ?? Infinity) ||
        b.c.need - a.c.need ||
        a.i - b.i,
    )
    .map(({ i }) => i);
}

function rank(c: AllocationClaim): number {
  return c.ven === "V" ? 0 : c.ven === "E" ? 1 : 2;
}
