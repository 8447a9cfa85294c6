import type { RouteState } from "../state";
import { bestInsertion, insertionResult } from "./insertion";

/**
 * Regret-2 insertion from the current (possibly empty) routes: repeatedly insert
 * the job whose best insertion beats its second-best route by the most (jobs
 * with a single feasible route first), so that hard-to-place jobs go first.
 * Caches the best insertion of every job into every route and refreshes only
 * the route that changed: O(n² · route length) overall.
 */
export function regretInsertion(st: RouteState, jobs: number[]): void {
  const inst = st.inst;
  const V = inst.nVeh;
  const costs = new Float64Array(inst.nJobs * V);
  const pos = new Int32Array(inst.nJobs * V);
  const refresh = (j: number, v: number) => {
    costs[j * V + v] = bestInsertion(st, v, j, Infinity, 0, null);
    pos[j * V + v] = insertionResult.pos;
  };
  const pending = new Set(jobs);
  for (const j of pending) for (let v = 0; v < V; v++) refresh(j, v);
  while (pending.size > 0) {
    let pick = -1;
    let pickV = -1;
    let pickScore = -Infinity;
    for (const j of pending) {
      let b1 = Infinity,
        b2 = Infinity,
        bv = -1;
      for (let v = 0; v < V; v++) {
        const c = costs[j * V + v]!;
        if (c < b1) {
          b2 = b1;
          b1 = c;
          bv = v;
        } else if (c < b2) b2 = c;
      }
      if (bv < 0) continue;
      // A job with one feasible route gets an infinite regret; ties prefer cheaper insertions.
      const score = (b2 === Infinity ? 1e15 : b2 - b1) - 1e-6 * b1;
      if (score > pickScore) {
        pickScore = score;
        pick = j;
        pickV = bv;
      }
    }
    if (pick < 0) break;
    st.insert(pickV, pick, pos[pick * V + pickV]!);
    pending.delete(pick);
    for (const j of pending) refresh(j, pickV);
  }
}
