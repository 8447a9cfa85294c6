import type { RouteState } from "../state";
import { copySeg, removeInsert, SpecOperator, type MoveArgs } from "./operator";

/** Swap: the jobs at (r1, p1) and (r2, p2) of two different routes trade places. Explored as swap(u, v). */
export class Swap extends SpecOperator {
  readonly name = "swap";
  private readonly a = new Int32Array(1);
  private readonly b = new Int32Array(1);

  protected describe(st: RouteState, m: MoveArgs): number {
    copySeg(st, m.r1, m.p1, 1, false, this.a, 0);
    copySeg(st, m.r2, m.p2, 1, false, this.b, 0);
    removeInsert(st, m.r1, m.p1, 1, this.b, 1, m.p1, this.specs[0]!);
    removeInsert(st, m.r2, m.p2, 1, this.a, 1, m.p2, this.specs[1]!);
    return 2;
  }

  explore(st: RouteState, u: number, v: number, m: MoveArgs, attempt: () => boolean): boolean {
    m.r1 = st.routeOf[u]!;
    m.r2 = st.routeOf[v]!;
    if (m.r1 === m.r2) return false;
    m.p1 = st.posOf[u]!;
    m.p2 = st.posOf[v]!;
    return attempt();
  }
}
