import type { Rng } from "../prng";
import type { RouteState } from "../state";
import { CrossExchange } from "./crossExchange";
import { moveArgs, type Operator } from "./operator";
import { OrOpt } from "./orOpt";
import { Relocate } from "./relocate";
import { Swap } from "./swap";
import { SwapStar } from "./swapStar";
import { TwoOpt } from "./twoOpt";
import { TwoOptStar } from "./twoOptStar";

/** Minimum gain for a move to count as an improvement (guards against float noise). */
const EPS = 1e-6;

/** Every operator, cheapest first. */
export function allOperators(nJobs: number, nVeh: number): Operator[] {
  return [
    new Relocate(nJobs),
    new Swap(nJobs),
    new TwoOpt(nJobs),
    new TwoOptStar(nJobs),
    new OrOpt(nJobs),
    new CrossExchange(nJobs),
    new SwapStar(nJobs, nVeh),
  ];
}

/**
 * First-improvement local search over granular neighbourhoods: for each job u
 * (random order) and each of its `k` nearest jobs v, every operator proposes
 * the moves linking u and v; the first improving feasible one is applied.
 * Stops when a full pass finds nothing (or after `maxPasses`).
 */
export function localSearch(
  st: RouteState,
  rng: Rng,
  ops = allOperators(st.inst.nJobs, st.inst.nVeh),
  k = 20,
  maxPasses = 50,
): void {
  const inst = st.inst;
  const kk = Math.min(k, inst.K);
  const order = new Int32Array(inst.nJobs);
  for (let j = 0; j < inst.nJobs; j++) order[j] = j;
  const m = moveArgs();
  let op: Operator = ops[0]!;
  const attempt = () => {
    if (op.gain(st, m) > EPS && op.isValid(st, m)) {
      op.apply(st, m);
      return true;
    }
    return false;
  };
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    rng.shuffle(order);
    for (let i = 0; i < inst.nJobs; i++) {
      const u = order[i]!;
      for (let x = 0; x < kk; x++) {
        if (st.routeOf[u]! < 0) break;
        const v = inst.neigh[u * inst.K + x]!;
        if (st.routeOf[v]! < 0) continue;
        for (op of ops) {
          if (op.explore(st, u, v, m, attempt)) improved = true;
          if (st.routeOf[u]! < 0 || st.routeOf[v]! < 0) break;
        }
      }
    }
    if (!improved) break;
  }
}
