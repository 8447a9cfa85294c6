import type { RouteState } from "../state";
import { copySeg, removeInsert, SpecOperator, type MoveArgs } from "./operator";

/**
 * Cross-exchange between two routes: segment [p1, p1+l1) of r1 and
 * [p2, p2+l2) of r2 trade places (bit 0 of rev reverses the first, bit 1 the
 * second). Swap is the case l1 = l2 = 1. Explored with the first segment
 * starting at u and the second right after v, so that u follows v.
 */
export class CrossExchange extends SpecOperator {
  readonly name: string = "cross-exchange";
  private readonly seg1 = new Int32Array(4);
  private readonly seg2 = new Int32Array(4);
  protected maxLen = 3;

  protected describe(st: RouteState, m: MoveArgs): number {
    const n1 = copySeg(st, m.r1, m.p1, m.l1, (m.rev & 1) === 1, this.seg1, 0);
    const n2 = copySeg(st, m.r2, m.p2, m.l2, (m.rev & 2) === 2, this.seg2, 0);
    removeInsert(st, m.r1, m.p1, m.l1, this.seg2, n2, m.p1, this.specs[0]!);
    removeInsert(st, m.r2, m.p2, m.l2, this.seg1, n1, m.p2, this.specs[1]!);
    return 2;
  }

  explore(st: RouteState, u: number, v: number, m: MoveArgs, attempt: () => boolean): boolean {
    m.r1 = st.routeOf[u]!;
    m.r2 = st.routeOf[v]!;
    if (m.r1 === m.r2) return false;
    m.p1 = st.posOf[u]!;
    m.p2 = st.posOf[v]! + 1;
    const n1 = st.len[m.r1]!,
      n2 = st.len[m.r2]!;
    for (let l1 = 1; l1 <= this.maxLen && m.p1 + l1 - 1 <= n1; l1++) {
      for (let l2 = 1; l2 <= this.maxLen && m.p2 + l2 - 1 <= n2; l2++) {
        if (l1 === 1 && l2 === 1) continue;
        m.l1 = l1;
        m.l2 = l2;
        for (let rev = 0; rev < 4; rev++) {
          if ((l1 === 1 && rev & 1) || (l2 === 1 && rev & 2)) continue;
          m.rev = rev;
          if (attempt()) return true;
        }
      }
    }
    return false;
  }
}
