import type { Rng } from "../prng";
import type { RouteState } from "../state";

/** Result slot of `bestInsertion` (module-level to avoid allocation in the hot loop). */
export const insertionResult = { pos: -1 };

/**
 * Cheapest feasible insertion of job j into route v: returns the cost increase
 * (fixed cost included when v is empty) and sets insertionResult.pos, or
 * returns Infinity. Each position is skipped with probability `blink` (SISR's
 * blinks); positions that cannot beat `bound` are not checked for feasibility.
 * With `overloadCost` (cost per unit of excess load, per dimension) capacity is
 * soft: the increase of the route's excess load is paid instead of refusing.
 * O(route length), O(1) per position thanks to the dep/lat caches.
 */
export function bestInsertion(
  st: RouteState,
  v: number,
  j: number,
  bound: number,
  blink: number,
  rng: Rng | null,
  overloadCost: Float64Array | null = null,
): number {
  const inst = st.inst;
  const { size, nDim: D, dur, twOff, twStart, twEnd } = inst;
  if (!inst.compat[j * inst.nVeh + v]) return Infinity;
  const b = v * st.stride;
  const n = st.len[v]!;
  let extra = n === 0 ? inst.fixed[v]! : 0;
  let over = 0;
  for (let d = 0; d < D; d++) {
    const load = st.load[(b + n) * D + d]!,
      cap = inst.cap[v * D + d]!;
    const after = load + inst.demand[j * D + d]!;
    if (after <= cap) continue;
    if (!overloadCost) return Infinity;
    over += overloadCost[d]! * (after - Math.max(load, cap));
  }
  // The detour is ≥ 0 on a metric matrix: an overload that alone reaches the bound cannot win.
  if (over > 0 && over + extra >= bound) return Infinity;
  extra += over;
  const cm = inst.costMats[inst.profile[v]!]!;
  const lj = inst.jobLoc[j]!;
  const svc = inst.serviceS[j]!;
  const travelLeft = inst.maxTravel[v]! - st.ftravel[b + n + 1]!;
  const w0 = twOff[j]!;
  const single = twOff[j + 1]! - w0 === 1;
  const ws = twStart[w0]!;
  const we = twEnd[w0]!;
  let best = bound - extra;
  let bestPos = -1;
  const loc = st.loc,
    dep = st.dep,
    lat = st.lat;
  for (let p = 1; p <= n + 1; p++) {
    if (blink > 0 && rng!.next() < blink) continue;
    const prev = loc[b + p - 1]!;
    const next = loc[b + p]!;
    const dc = cm[prev * size + lj]! + cm[lj * size + next]! - cm[prev * size + next]!;
    if (dc >= best) continue;
    const a = dep[b + p - 1]! + dur[prev * size + lj]!;
    let s: number;
    if (single) {
      if (a > we) continue;
      s = a > ws ? a : ws;
    } else {
      s = earliest(st, j, a);
      if (s === Infinity) continue;
    }
    if (s + svc + dur[lj * size + next]! > lat[b + p]!) continue;
    if (dur[prev * size + lj]! + dur[lj * size + next]! - dur[prev * size + next]! > travelLeft) continue;
    best = dc;
    bestPos = p;
  }
  insertionResult.pos = bestPos;
  return bestPos < 0 ? Infinity : best + extra;
}

/** Earliest service start among several windows. */
function earliest(st: RouteState, j: number, t: number): number {
  const inst = st.inst;
  const end = inst.twOff[j + 1]!;
  for (let w = inst.twOff[j]!; w < end; w++) {
    if (t <= inst.twEnd[w]!) return t > inst.twStart[w]! ? t : inst.twStart[w]!;
  }
  return Infinity;
}
