import type { RouteState } from "../state";
import { describeSegmentMove } from "./relocate";
import { SpecOperator, type MoveArgs } from "./operator";

/**
 * Or-opt: move a string of 2 or 3 consecutive jobs starting at u, possibly
 * reversed, right before or right after v (same or another route).
 */
export class OrOpt extends SpecOperator {
  readonly name = "or-opt";
  private readonly seg = new Int32Array(4);

  protected describe(st: RouteState, m: MoveArgs): number {
    return describeSegmentMove(st, m, this.specs, this.seg);
  }

  explore(st: RouteState, u: number, v: number, m: MoveArgs, attempt: () => boolean): boolean {
    m.r1 = st.routeOf[u]!;
    m.p1 = st.posOf[u]!;
    m.r2 = st.routeOf[v]!;
    const pv = st.posOf[v]!;
    for (let l = 2; l <= 3; l++) {
      if (m.p1 + l - 1 > st.len[m.r1]!) break;
      m.l1 = l;
      for (const q of [pv, pv + 1]) {
        if (m.r1 === m.r2 && q >= m.p1 && q <= m.p1 + l) continue;
        m.q2 = q;
        for (let rev = 0; rev < 2; rev++) {
          m.rev = rev;
          if (attempt()) return true;
        }
      }
    }
    return false;
  }
}
