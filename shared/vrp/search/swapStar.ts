import type { RouteState } from "../state";
import { removeInsert, SpecOperator, type MoveArgs } from "./operator";

/**
 * SWAP* (Vidal 2022): u of r1 and v of r2 trade routes, each inserted at its
 * best position in the other route rather than in the other's place.
 * q1 is where v goes in r1, q2 where u goes in r2 (positions of the original
 * routes; q = own position means "in place"). The route-pair search keeps the
 * three cheapest insertion positions of every job in the other route, so a pair
 * of routes costs O(|r1|·|r2|) instead of O(|r1|²·|r2|²).
 */
export class SwapStar extends SpecOperator {
  readonly name = "swap*";
  private readonly one = new Int32Array(1);
  private readonly other = new Int32Array(1);
  /** Versions of (r1, r2) when the pair was last searched, [r1*nVeh+r2]. */
  private readonly seen1: Int32Array;
  private readonly seen2: Int32Array;
  /** Top-3 insertion (cost, position) of each job into the other route. */
  private readonly topCost: Float64Array;
  private readonly topPos: Int32Array;
  private readonly best: MoveArgs = { r1: 0, p1: 0, r2: 0, p2: 0, l1: 1, l2: 1, rev: 0, q1: 0, q2: 0 };

  constructor(nJobs: number, nVeh: number) {
    super(nJobs);
    this.seen1 = new Int32Array(nVeh * nVeh).fill(-1);
    this.seen2 = new Int32Array(nVeh * nVeh).fill(-1);
    this.topCost = new Float64Array(nJobs * 3);
    this.topPos = new Int32Array(nJobs * 3);
  }

  protected describe(st: RouteState, m: MoveArgs): number {
    this.one[0] = st.job[m.r1 * st.stride + m.p1]!;
    this.other[0] = st.job[m.r2 * st.stride + m.p2]!;
    removeInsert(st, m.r1, m.p1, 1, this.other, 1, m.q1, this.specs[0]!);
    removeInsert(st, m.r2, m.p2, 1, this.one, 1, m.q2, this.specs[1]!);
    return 2;
  }

  explore(st: RouteState, u: number, v: number, m: MoveArgs, attempt: () => boolean): boolean {
    const r1 = st.routeOf[u]!,
      r2 = st.routeOf[v]!;
    if (r1 === r2) return false;
    const key = r1 * st.inst.nVeh + r2;
    if (this.seen1[key] === st.version[r1] && this.seen2[key] === st.version[r2]) return false;
    this.seen1[key] = st.version[r1]!;
    this.seen2[key] = st.version[r2]!;
    if (!this.searchPair(st, r1, r2)) return false;
    Object.assign(m, this.best);
    return attempt();
  }

  /** Arc cost between positions i and j of route r (depots included). */
  private c(st: RouteState, r: number, li: number, lj: number): number {
    return st.inst.costMats[st.inst.profile[r]!]![li * st.inst.size + lj]!;
  }

  /** Fill the top-3 cheapest insertion positions of every job of `from` into route `to`. */
  private top3(st: RouteState, from: number, to: number): void {
    const bf = from * st.stride,
      bt = to * st.stride;
    const nt = st.len[to]!;
    for (let p = 1; p <= st.len[from]!; p++) {
      const j = st.job[bf + p]!;
      const lj = st.inst.jobLoc[j]!;
      const o = j * 3;
      this.topCost[o] = this.topCost[o + 1] = this.topCost[o + 2] = Infinity;
      for (let q = 1; q <= nt + 1; q++) {
        const a = st.loc[bt + q - 1]!,
          b = st.loc[bt + q]!;
        const d = this.c(st, to, a, lj) + this.c(st, to, lj, b) - this.c(st, to, a, b);
        if (d >= this.topCost[o + 2]!) continue;
        let k = 2;
        while (k > 0 && d < this.topCost[o + k - 1]!) {
          this.topCost[o + k] = this.topCost[o + k - 1]!;
          this.topPos[o + k] = this.topPos[o + k - 1]!;
          k--;
        }
        this.topCost[o + k] = d;
        this.topPos[o + k] = q;
      }
    }
  }

  /** Cheapest way to put job j (top-3 into route r) in r once the job at position pr leaves; sets bestQ. */
  private insertWithout(st: RouteState, j: number, r: number, pr: number): number {
    const b = r * st.stride;
    const lj = st.inst.jobLoc[j]!;
    const pl = st.loc[b + pr - 1]!,
      nl = st.loc[b + pr + 1]!;
    let best = this.c(st, r, pl, lj) + this.c(st, r, lj, nl) - this.c(st, r, pl, nl);
    this.bestQ = pr;
    for (let k = 0; k < 3; k++) {
      const q = this.topPos[j * 3 + k]!;
      const d = this.topCost[j * 3 + k]!;
      if (d === Infinity) break;
      if (q === pr || q === pr + 1) continue;
      if (d < best) {
        best = d;
        this.bestQ = q;
      }
      break;
    }
    return best;
  }

  private bestQ = 0;

  /** Search all (u in r1, v in r2) exchanges; leaves the best valid improving one in this.best. */
  private searchPair(st: RouteState, r1: number, r2: number): boolean {
    this.top3(st, r1, r2);
    this.top3(st, r2, r1);
    const b1 = r1 * st.stride,
      b2 = r2 * st.stride;
    const m = this.best;
    let bestGain = 1e-9;
    let found = false;
    const cand: MoveArgs = { r1, p1: 0, r2, p2: 0, l1: 1, l2: 1, rev: 0, q1: 0, q2: 0 };
    for (let p1 = 1; p1 <= st.len[r1]!; p1++) {
      const u = st.job[b1 + p1]!;
      const remU =
        this.c(st, r1, st.loc[b1 + p1 - 1]!, st.loc[b1 + p1]!) +
        this.c(st, r1, st.loc[b1 + p1]!, st.loc[b1 + p1 + 1]!) -
        this.c(st, r1, st.loc[b1 + p1 - 1]!, st.loc[b1 + p1 + 1]!);
      for (let p2 = 1; p2 <= st.len[r2]!; p2++) {
        const v = st.job[b2 + p2]!;
        const remV =
          this.c(st, r2, st.loc[b2 + p2 - 1]!, st.loc[b2 + p2]!) +
          this.c(st, r2, st.loc[b2 + p2]!, st.loc[b2 + p2 + 1]!) -
          this.c(st, r2, st.loc[b2 + p2 - 1]!, st.loc[b2 + p2 + 1]!);
        const insU = this.insertWithout(st, u, r2, p2);
        const q2 = this.bestQ;
        if (remU + remV - insU <= bestGain) continue;
        const insV = this.insertWithout(st, v, r1, p1);
        const q1 = this.bestQ;
        if (remU + remV - insU - insV <= bestGain) continue;
        cand.p1 = p1;
        cand.p2 = p2;
        cand.q1 = q1;
        cand.q2 = q2;
        const g = this.gain(st, cand);
        if (g > bestGain && this.isValid(st, cand)) {
          bestGain = g;
          Object.assign(m, cand);
          found = true;
        }
      }
    }
    return found;
  }
}
