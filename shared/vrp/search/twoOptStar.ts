import type { RouteState } from "../state";
import { SpecOperator, type MoveArgs } from "./operator";

/**
 * 2-opt*: two routes exchange their tails. r1 keeps positions 0..p1 and takes
 * r2's jobs after p2; r2 keeps 0..p2 and takes r1's jobs after p1.
 * Explored so that u is followed by v, and so that v is followed by u.
 */
export class TwoOptStar extends SpecOperator {
  readonly name = "2-opt*";

  protected describe(st: RouteState, m: MoveArgs): number {
    const [s0, s1] = this.specs as [(typeof this.specs)[0], (typeof this.specs)[0]];
    s0.v = m.r1;
    s0.a = m.p1;
    s0.m = 0;
    s0.w = m.r2;
    s0.b = m.p2 + 1;
    s1.v = m.r2;
    s1.a = m.p2;
    s1.m = 0;
    s1.w = m.r1;
    s1.b = m.p1 + 1;
    return 2;
  }

  explore(st: RouteState, u: number, v: number, m: MoveArgs, attempt: () => boolean): boolean {
    m.r1 = st.routeOf[u]!;
    m.r2 = st.routeOf[v]!;
    if (m.r1 === m.r2) return false;
    m.p1 = st.posOf[u]!;
    m.p2 = st.posOf[v]! - 1;
    if (attempt()) return true;
    m.p1 = st.posOf[u]! - 1;
    m.p2 = st.posOf[v]!;
    return attempt();
  }
}
