import { earliestStart, latestArrival, type Instance } from "./instance";

/**
 * Working solution with cached route data, so that inserting, removing or
 * exchanging jobs is checked in O(1) or O(segment).
 *
 * Route v occupies slots [v*stride, v*stride + stride) of every per-position
 * array; within a route, position 0 is the start depot, positions 1..len[v]
 * are jobs in visiting order, and position len[v]+1 is the end depot.
 */
export class RouteState {
  readonly inst: Instance;
  /** Slots per route: nJobs + 2. */
  readonly stride: number;
  /** Number of jobs on route v. */
  readonly len: Int32Array;
  /** Job index at a position (-1 on depot positions). */
  readonly job: Int32Array;
  /** Location index at a position (depots included). */
  readonly loc: Int32Array;
  /** Earliest departure from a position: service start + service; at 0 the shift start; at len+1 the earliest end arrival. */
  readonly dep: Float64Array;
  /** Latest arrival at a position that keeps the rest of the route feasible; at len+1 the shift end; at 0 the latest departure. */
  readonly lat: Float64Array;
  /** Cumulative demand of positions 1..p, [(slot)*nDim + dim]. */
  readonly load: Int32Array;
  /** Arc cost from position 0 to position p. */
  readonly fcost: Float64Array;
  /** Travel duration from position 0 to position p, seconds. */
  readonly ftravel: Float64Array;
  /** Route cost: arcs + fixed cost when the route has jobs. */
  readonly cost: Float64Array;
  /** Route of job j, or -1 when unassigned. */
  readonly routeOf: Int32Array;
  /** Position of job j in its route. */
  readonly posOf: Int32Array;
  /** Incremented each time route v changes (lets neighbourhoods skip unchanged route pairs). */
  readonly version: Int32Array;

  constructor(inst: Instance) {
    this.inst = inst;
    const s = inst.nJobs + 2;
    const slots = s * inst.nVeh;
    this.stride = s;
    this.len = new Int32Array(inst.nVeh);
    this.job = new Int32Array(slots).fill(-1);
    this.loc = new Int32Array(slots);
    this.dep = new Float64Array(slots);
    this.lat = new Float64Array(slots);
    this.load = new Int32Array(slots * inst.nDim);
    this.fcost = new Float64Array(slots);
    this.ftravel = new Float64Array(slots);
    this.cost = new Float64Array(inst.nVeh);
    this.routeOf = new Int32Array(inst.nJobs).fill(-1);
    this.posOf = new Int32Array(inst.nJobs);
    this.version = new Int32Array(inst.nVeh);
    for (let v = 0; v < inst.nVeh; v++) this.update(v);
  }

  /** Recompute every cache of route v from its job sequence, O(len). */
  update(v: number): void {
    const inst = this.inst;
    const { size, nDim: D, dur, jobLoc, serviceS } = inst;
    const cm = inst.costMats[inst.profile[v]!]!;
    const b = v * this.stride;
    const n = this.len[v]!;
    this.version[v]!++;
    const job = this.job,
      loc = this.loc,
      dep = this.dep,
      lat = this.lat,
      load = this.load;
    loc[b] = inst.vehStart[v]!;
    job[b] = -1;
    job[b + n + 1] = -1;
    loc[b + n + 1] = inst.vehEnd[v]!;
    dep[b] = inst.shiftStart[v]!;
    this.fcost[b] = 0;
    this.ftravel[b] = 0;
    for (let d = 0; d < D; d++) load[b * D + d] = 0;
    for (let p = 1; p <= n + 1; p++) {
      const prev = loc[b + p - 1]!;
      const j = job[b + p]!;
      const l = p <= n ? jobLoc[j]! : loc[b + p]!;
      loc[b + p] = l;
      const tr = dur[prev * size + l]!;
      this.fcost[b + p] = this.fcost[b + p - 1]! + cm[prev * size + l]!;
      this.ftravel[b + p] = this.ftravel[b + p - 1]! + tr;
      const arr = dep[b + p - 1]! + tr;
      if (p <= n) {
        dep[b + p] = earliestStart(inst, j, arr) + serviceS[j]!;
        this.routeOf[j] = v;
        this.posOf[j] = p;
        for (let d = 0; d < D; d++) load[(b + p) * D + d] = load[(b + p - 1) * D + d]! + inst.demand[j * D + d]!;
      } else {
        dep[b + p] = arr;
        for (let d = 0; d < D; d++) load[(b + p) * D + d] = load[(b + p - 1) * D + d]!;
      }
    }
    lat[b + n + 1] = inst.shiftEnd[v]!;
    for (let p = n; p >= 0; p--) {
      const x = lat[b + p + 1]! - dur[loc[b + p]! * size + loc[b + p + 1]!]!;
      lat[b + p] = p === 0 ? x : latestArrival(inst, job[b + p]!, x - serviceS[job[b + p]!]!);
    }
    this.cost[v] = n === 0 ? 0 : this.fcost[b + n + 1]! + inst.fixed[v]!;
  }

  /** True if route v respects capacity, time windows, shift, travel time and skills. */
  feasible(v: number): boolean {
    const inst = this.inst;
    const b = v * this.stride;
    const n = this.len[v]!;
    if (n === 0) return true;
    if (!(this.dep[b + n + 1]! <= inst.shiftEnd[v]!)) return false;
    if (this.ftravel[b + n + 1]! > inst.maxTravel[v]!) return false;
    for (let d = 0; d < inst.nDim; d++)
      if (this.load[(b + n) * inst.nDim + d]! > inst.cap[v * inst.nDim + d]!) return false;
    for (let p = 1; p <= n; p++) {
      if (!inst.compat[this.job[b + p]! * inst.nVeh + v]) return false;
      if (this.dep[b + p]! === Infinity) return false;
    }
    return true;
  }

  /** Replace the jobs of route v (no cache of other routes changes; routeOf of removed jobs is not reset). */
  setRoute(v: number, jobs: ArrayLike<number>, n = jobs.length): void {
    const b = v * this.stride;
    for (let i = 0; i < n; i++) this.job[b + 1 + i] = jobs[i]!;
    this.len[v] = n;
    this.update(v);
  }

  /** Copy the job sequence of route v into `out` and return its length. */
  jobsOf(v: number, out: Int32Array | number[]): number {
    const b = v * this.stride;
    const n = this.len[v]!;
    for (let i = 0; i < n; i++) out[i] = this.job[b + 1 + i]!;
    return n;
  }

  /** Insert job j before position p of route v (1 ≤ p ≤ len+1). */
  insert(v: number, j: number, p: number): void {
    const b = v * this.stride;
    const n = this.len[v]!;
    this.job.copyWithin(b + p + 1, b + p, b + n + 1);
    this.job[b + p] = j;
    this.len[v] = n + 1;
    this.update(v);
  }

  /** Mark job j unassigned (its route must be compacted and updated by the caller or via `remove`). */
  remove(j: number): void {
    const v = this.routeOf[j]!;
    const b = v * this.stride;
    const p = this.posOf[j]!;
    const n = this.len[v]!;
    this.job.copyWithin(b + p, b + p + 1, b + n + 1);
    this.len[v] = n - 1;
    this.routeOf[j] = -1;
    this.update(v);
  }

  /** Excess load of route v over its capacity, weighted per dimension by `costPerUnit` (0 when within capacity). */
  overload(v: number, costPerUnit: Float64Array): number {
    const { nDim: D, cap } = this.inst;
    const e = (v * this.stride + this.len[v]!) * D;
    let x = 0;
    for (let d = 0; d < D; d++) {
      const over = this.load[e + d]! - cap[v * D + d]!;
      if (over > 0) x += costPerUnit[d]! * over;
    }
    return x;
  }

  /** Sum of route costs. */
  routingCost(): number {
    let c = 0;
    for (let v = 0; v < this.inst.nVeh; v++) c += this.cost[v]!;
    return c;
  }

  /** Routing cost plus the penalty of every unassigned job that some vehicle could serve. */
  objective(): number {
    let c = this.routingCost();
    for (let j = 0; j < this.inst.nJobs; j++)
      if (this.routeOf[j] === -1 && this.inst.reason[j] === null) c += this.inst.penalty[j]!;
    return c;
  }

  /** Copy all routes from another state of the same instance. */
  copyFrom(o: RouteState): void {
    this.len.set(o.len);
    this.job.set(o.job);
    this.loc.set(o.loc);
    this.dep.set(o.dep);
    this.lat.set(o.lat);
    this.load.set(o.load);
    this.fcost.set(o.fcost);
    this.ftravel.set(o.ftravel);
    this.cost.set(o.cost);
    this.routeOf.set(o.routeOf);
    this.posOf.set(o.posOf);
  }

  /**
   * Cost of the route vehicle v would drive if it became
   * [positions 0..a of route v] + mid[0..m) + [job positions b..len of route w] + end depot of v,
   * or Infinity when `check` is set and that route breaks a constraint. O(m) when the
   * suffix's caches are reusable (same route, or same end class and skills), else O(route).
   */
  evalConcat(v: number, a: number, mid: Int32Array, m: number, w: number, b: number, check: boolean): number {
    const inst = this.inst;
    const { size, dur, jobLoc, serviceS, nDim: D, nVeh } = inst;
    const cm = inst.costMats[inst.profile[v]!]!;
    const bv = v * this.stride;
    const bw = w * this.stride;
    const lenw = this.len[w]!;
    let cost = this.fcost[bv + a]!;
    let travel = this.ftravel[bv + a]!;
    let t = this.dep[bv + a]!;
    let prev = this.loc[bv + a]!;
    for (let i = 0; i < m; i++) {
      const j = mid[i]!;
      const l = jobLoc[j]!;
      const tr = dur[prev * size + l]!;
      cost += cm[prev * size + l]!;
      travel += tr;
      t = earliestStart(inst, j, t + tr) + serviceS[j]!;
      if (check && (t === Infinity || !inst.compat[j * nVeh + v])) return Infinity;
      prev = l;
    }
    const reuse = w === v || (inst.endClass[w] === inst.endClass[v] && inst.skillClass[w] === inst.skillClass[v]);
    if (b <= lenw && reuse) {
      const lb = this.loc[bw + b]!;
      const tr = dur[prev * size + lb]!;
      cost += cm[prev * size + lb]! + this.fcost[bw + lenw + 1]! - this.fcost[bw + b]!;
      travel += tr + this.ftravel[bw + lenw + 1]! - this.ftravel[bw + b]!;
      if (check && t + tr > this.lat[bw + b]!) return Infinity;
    } else {
      for (let p = b; p <= lenw; p++) {
        const j = this.job[bw + p]!;
        const l = jobLoc[j]!;
        const tr = dur[prev * size + l]!;
        cost += cm[prev * size + l]!;
        travel += tr;
        t = earliestStart(inst, j, t + tr) + serviceS[j]!;
        if (check && (t === Infinity || !inst.compat[j * nVeh + v])) return Infinity;
        prev = l;
      }
      const le = inst.vehEnd[v]!;
      cost += cm[prev * size + le]!;
      travel += dur[prev * size + le]!;
      t += dur[prev * size + le]!;
      if (check && t > inst.shiftEnd[v]!) return Infinity;
    }
    if (check) {
      if (travel > inst.maxTravel[v]!) return Infinity;
      for (let d = 0; d < D; d++) {
        let q = this.load[(bv + a) * D + d]!;
        for (let i = 0; i < m; i++) q += inst.demand[mid[i]! * D + d]!;
        if (b <= lenw) q += this.load[(bw + lenw) * D + d]! - this.load[(bw + b - 1) * D + d]!;
        if (q > inst.cap[v * D + d]!) return Infinity;
      }
    }
    const count = a + m + (b <= lenw ? lenw - b + 1 : 0);
    return count === 0 ? 0 : cost + inst.fixed[v]!;
  }
}
