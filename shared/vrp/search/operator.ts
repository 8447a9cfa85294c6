import type { RouteState } from "../state";

/**
 * Arguments of a move, interpreted by each operator (positions are route
 * positions: 1..len are jobs, 0 and len+1 the depots).
 * r1/p1: first route and position; r2/p2: second route and position;
 * l1/l2: segment lengths; rev: bit 0 reverses the first segment, bit 1 the second;
 * q1/q2: insertion positions (before that position of the original route).
 */
export interface MoveArgs {
  r1: number;
  p1: number;
  r2: number;
  p2: number;
  l1: number;
  l2: number;
  rev: number;
  q1: number;
  q2: number;
}

/** A new route expressed on the old ones: route v becomes [0..a of v] + mid[0..m) + [b..len of w] + end of v. */
export interface RouteSpec {
  v: number;
  a: number;
  mid: Int32Array;
  m: number;
  w: number;
  b: number;
}

/** A local-search move (VROOM's operator shape): gain, isValid, apply, plus neighbourhood enumeration. */
export interface Operator {
  readonly name: string;
  /** Cost decrease if applied (positive = improvement), constraints ignored. */
  gain(st: RouteState, m: MoveArgs): number;
  /** True if every route the move changes stays feasible. */
  isValid(st: RouteState, m: MoveArgs): boolean;
  /** Perform the move and refresh the caches of the changed routes. */
  apply(st: RouteState, m: MoveArgs): void;
  /**
   * Enumerate the moves this operator derives from job u and its neighbour v,
   * filling `m` and calling `attempt()` for each; stops and returns true as soon as `attempt()` does.
   */
  explore(st: RouteState, u: number, v: number, m: MoveArgs, attempt: () => boolean): boolean;
}

/** Fresh MoveArgs. */
export function moveArgs(): MoveArgs {
  return { r1: 0, p1: 0, r2: 0, p2: 0, l1: 0, l2: 0, rev: 0, q1: 0, q2: 0 };
}

/** Copy `len` jobs of route r from position p (reversed if `rev`) into out at offset k; returns the new offset. */
export function copySeg(
  st: RouteState,
  r: number,
  p: number,
  len: number,
  rev: boolean,
  out: Int32Array,
  k: number,
): number {
  const b = r * st.stride;
  for (let i = 0; i < len; i++) out[k++] = st.job[b + (rev ? p + len - 1 - i : p + i)]!;
  return k;
}

/**
 * Spec for route r with positions [pRem, pRem+lRem) removed and ins[0..nIns)
 * inserted before original position q (q ≤ pRem or q ≥ pRem+lRem).
 */
export function removeInsert(
  st: RouteState,
  r: number,
  pRem: number,
  lRem: number,
  ins: Int32Array,
  nIns: number,
  q: number,
  s: RouteSpec,
): void {
  s.v = r;
  s.w = r;
  let k = 0;
  if (q <= pRem) {
    s.a = q - 1;
    for (let i = 0; i < nIns; i++) s.mid[k++] = ins[i]!;
    k = copySeg(st, r, q, pRem - q, false, s.mid, k);
    s.b = pRem + lRem;
  } else {
    s.a = pRem - 1;
    k = copySeg(st, r, pRem + lRem, q - pRem - lRem, false, s.mid, k);
    for (let i = 0; i < nIns; i++) s.mid[k++] = ins[i]!;
    s.b = q;
  }
  s.m = k;
}

/**
 * Base of every operator: a move is described as one or two new routes
 * (`describe`), and gain / validity / application all follow from the specs.
 */
export abstract class SpecOperator implements Operator {
  abstract readonly name: string;
  protected readonly specs: RouteSpec[];
  private readonly out: Int32Array[];

  constructor(nJobs: number) {
    const mk = (): RouteSpec => ({ v: 0, a: 0, mid: new Int32Array(nJobs + 2), m: 0, w: 0, b: 0 });
    this.specs = [mk(), mk()];
    this.out = [new Int32Array(nJobs + 2), new Int32Array(nJobs + 2)];
  }

  /** Fill this.specs with the routes after the move; returns how many (1 or 2). */
  protected abstract describe(st: RouteState, m: MoveArgs): number;

  abstract explore(st: RouteState, u: number, v: number, m: MoveArgs, attempt: () => boolean): boolean;

  gain(st: RouteState, m: MoveArgs): number {
    const n = this.describe(st, m);
    let g = 0;
    for (let i = 0; i < n; i++) {
      const s = this.specs[i]!;
      g += st.cost[s.v]! - st.evalConcat(s.v, s.a, s.mid, s.m, s.w, s.b, false);
    }
    return g;
  }

  isValid(st: RouteState, m: MoveArgs): boolean {
    const n = this.describe(st, m);
    for (let i = 0; i < n; i++) {
      const s = this.specs[i]!;
      if (st.evalConcat(s.v, s.a, s.mid, s.m, s.w, s.b, true) === Infinity) return false;
    }
    return true;
  }

  apply(st: RouteState, m: MoveArgs): void {
    const n = this.describe(st, m);
    const lens = [0, 0];
    for (let i = 0; i < n; i++) {
      const s = this.specs[i]!;
      const o = this.out[i]!;
      let k = copySeg(st, s.v, 1, s.a, false, o, 0);
      for (let x = 0; x < s.m; x++) o[k++] = s.mid[x]!;
      k = copySeg(st, s.w, s.b, Math.max(0, st.len[s.w]! - s.b + 1), false, o, k);
      lens[i] = k;
    }
    for (let i = 0; i < n; i++) st.setRoute(this.specs[i]!.v, this.out[i]!, lens[i]);
  }
}
