import type { RouteState } from "../state";
import { copySeg, SpecOperator, type MoveArgs } from "./operator";

/** 2-opt within one route: reverse the jobs at positions p1..p2 (p1 < p2). Explored so that u and v become adjacent. */
export class TwoOpt extends SpecOperator {
  readonly name = "2-opt";

  protected describe(st: RouteState, m: MoveArgs): number {
    const s = this.specs[0]!;
    s.v = m.r1;
    s.w = m.r1;
    s.a = m.p1 - 1;
    s.b = m.p2 + 1;
    s.m = copySeg(st, m.r1, m.p1, m.p2 - m.p1 + 1, true, s.mid, 0);
    return 1;
  }

  explore(st: RouteState, u: number, v: number, m: MoveArgs, attempt: () => boolean): boolean {
    m.r1 = st.routeOf[u]!;
    if (st.routeOf[v] !== m.r1) return false;
    const pu = st.posOf[u]!,
      pv = st.posOf[v]!;
    if (pu < pv - 1) {
      m.p1 = pu + 1; // u then v
      m.p2 = pv;
    } else if (pv < pu - 1) {
      m.p1 = pv + 1; // v then u
      m.p2 = pu;
    } else return false;
    return attempt();
  }
}
