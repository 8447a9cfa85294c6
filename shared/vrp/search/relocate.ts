import type { RouteState } from "../state";
import { copySeg, removeInsert, SpecOperator, type MoveArgs } from "./operator";

/**
 * Relocate: move the job at (r1, p1) before position q2 of route r2 (r2 may equal r1).
 * Explored as "u right before v" and "u right after v".
 */
export class Relocate extends SpecOperator {
  readonly name = "relocate";
  protected readonly seg: Int32Array = new Int32Array(4);

  protected describe(st: RouteState, m: MoveArgs): number {
    return describeSegmentMove(st, m, this.specs, this.seg);
  }

  explore(st: RouteState, u: number, v: number, m: MoveArgs, attempt: () => boolean): boolean {
    m.r1 = st.routeOf[u]!;
    m.p1 = st.posOf[u]!;
    m.l1 = 1;
    m.rev = 0;
    m.r2 = st.routeOf[v]!;
    for (const q of [st.posOf[v]!, st.posOf[v]! + 1]) {
      if (m.r1 === m.r2 && (q === m.p1 || q === m.p1 + 1)) continue;
      m.q2 = q;
      if (attempt()) return true;
    }
    return false;
  }
}

/**
 * Shared by relocate and or-opt: segment [p1, p1+l1) of r1 (reversed if rev&1)
 * moves before position q2 of r2.
 */
export function describeSegmentMove(
  st: RouteState,
  m: MoveArgs,
  specs: { v: number; a: number; mid: Int32Array; m: number; w: number; b: number }[],
  seg: Int32Array,
): number {
  const s0 = specs[0]!;
  const s1 = specs[1]!;
  const n = copySeg(st, m.r1, m.p1, m.l1, (m.rev & 1) === 1, seg, 0);
  if (m.r1 === m.r2) {
    removeInsert(st, m.r1, m.p1, m.l1, seg, n, m.q2, s0);
    return 1;
  }
  removeInsert(st, m.r1, m.p1, m.l1, seg, 0, m.p1, s0);
  removeInsert(st, m.r2, m.q2, 0, seg, n, m.q2, s1);
  return 2;
}
