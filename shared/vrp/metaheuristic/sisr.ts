import type { Rng } from "../prng";
import type { RouteState } from "../state";
import { bestInsertion, insertionResult } from "../construct/insertion";

/** Tuning of the ruin-and-recreate search (defaults from Christiaens & Vanden Berghe 2020). */
export interface SisrParams {
  /** Average number of removed jobs per ruin. */
  cBar: number;
  /** Maximum string length. */
  lMax: number;
  /** Probability to skip an insertion position (blink). */
  blink: number;
  /** Number of nearest jobs whose routes are tried first when reinserting. */
  kInsert: number;
}

export const defaultSisr: SisrParams = { cBar: 10, lMax: 10, blink: 0.01, kInsert: 30 };

/**
 * One ruin-and-recreate step on `st` with an undo log, so a rejected candidate
 * is rolled back by rewriting only the routes it touched.
 */
export class Sisr {
  private readonly st: RouteState;
  private readonly rng: Rng;
  private readonly p: SisrParams;
  /** Per route: iteration stamp of the last time it was saved in the undo log. */
  private readonly touched: Int32Array;
  private readonly touchedList: Int32Array;
  private nTouched = 0;
  /** Undo log: saved job sequences of touched routes, concatenated. */
  private readonly saveBuf: Int32Array;
  private readonly saveOff: Int32Array;
  private readonly saveCost: Float64Array;
  /** Weighted overload of each saved route when it was saved (capacity penalty). */
  private readonly saveOver: Float64Array;
  private readonly removed: Int32Array;
  private nRemoved = 0;
  private readonly mark: Uint8Array;
  private readonly routeStamp: Int32Array;
  private readonly classStamp: Int32Array;
  private readonly scratch: Int32Array;
  private readonly sortKey: Float64Array;
  /** Sort keys of the recreate orders: total relative demand, distance to the first vehicle's start. */
  private readonly demandKey: Float64Array;
  private readonly depotKey: Float64Array;
  private iter = 0;
  /** Per-insertion marker for routeStamp/classStamp (even: route tried, odd: empty class tried). */
  private stamp = 0;

  /** Objective cost of leaving job j unassigned during the search (softer than Instance.penalty so that
   * annealing can pass through incomplete solutions on fleet-limited problems). */
  readonly penalty: Float64Array;
  /**
   * Soft capacity (HGS-style, for tightly packed fleets): cost per unit of excess load per dimension,
   * or null when capacity is a hard constraint. Set through `setOverloadCost`.
   */
  private overloadCost: Float64Array | null = null;

  constructor(st: RouteState, rng: Rng, penalty: Float64Array, params: SisrParams = defaultSisr) {
    const inst = st.inst;
    this.penalty = penalty;
    this.saveOver = new Float64Array(inst.nVeh);
    this.st = st;
    this.rng = rng;
    this.p = params;
    this.touched = new Int32Array(inst.nVeh).fill(-1);
    this.touchedList = new Int32Array(inst.nVeh);
    this.saveBuf = new Int32Array(inst.nJobs + inst.nVeh);
    this.saveOff = new Int32Array(inst.nVeh + 1);
    this.saveCost = new Float64Array(inst.nVeh);
    this.removed = new Int32Array(inst.nJobs);
    this.mark = new Uint8Array(inst.nJobs);
    this.routeStamp = new Int32Array(inst.nVeh).fill(-1);
    this.classStamp = new Int32Array(inst.nVeh).fill(-1);
    this.scratch = new Int32Array(inst.nJobs + 2);
    this.sortKey = new Float64Array(inst.nJobs);
    this.demandKey = new Float64Array(inst.nJobs);
    this.depotKey = new Float64Array(inst.nJobs);
    const D = inst.nDim;
    const s0 = inst.vehStart[0] ?? inst.dummy;
    for (let j = 0; j < inst.nJobs; j++) {
      let q = 0;
      for (let d = 0; d < D; d++) q += inst.demand[j * D + d]! / Math.max(1, inst.cap[d]!);
      this.demandKey[j] = q;
      this.depotKey[j] = inst.costMats[0]![s0 * inst.size + inst.jobLoc[j]!]!;
    }
  }

  /** Make capacity soft at `costPerUnit` per unit of excess load per dimension (null: hard again). */
  setOverloadCost(costPerUnit: Float64Array | null): void {
    this.overloadCost = costPerUnit;
  }

  /** Penalised excess load of route v at the current overload cost. */
  overloadOf(v: number): number {
    return this.overloadCost ? this.st.overload(v, this.overloadCost) : 0;
  }

  /** Save route v in the undo log once per iteration. */
  private touch(v: number): void {
    if (this.touched[v] === this.iter) return;
    this.touched[v] = this.iter;
    const off = this.saveOff[this.nTouched]!;
    const n = this.st.jobsOf(v, this.saveBuf.subarray(off));
    this.saveCost[this.nTouched] = this.st.cost[v]!;
    this.saveOver[this.nTouched] = this.overloadOf(v);
    this.touchedList[this.nTouched++] = v;
    this.saveOff[this.nTouched] = off + n;
  }

  /**
   * Ruin and recreate; returns the objective change (candidate − current).
   * The candidate stays in `st` until `accept()` or `reject()`.
   */
  step(unassigned: number[]): number {
    this.iter++;
    this.nTouched = 0;
    this.saveOff[0] = 0;
    this.nRemoved = 0;
    for (const j of unassigned) this.removed[this.nRemoved++] = j;
    const nUn = this.nRemoved;
    this.ruin();
    let delta = 0;
    // Ruined jobs leave the routes (penalty added); jobs already unassigned are counted in the current objective.
    for (let i = nUn; i < this.nRemoved; i++) delta += this.penalty[this.removed[i]!]!;
    delta += this.recreate();
    for (let k = 0; k < this.nTouched; k++) {
      const v = this.touchedList[k]!;
      delta += this.st.cost[v]! - this.saveCost[k]! + this.overloadOf(v) - this.saveOver[k]!;
    }
    return delta;
  }

  /** Jobs left unassigned by the last step. */
  unassignedAfter(out: number[]): void {
    out.length = 0;
    for (let i = 0; i < this.nRemoved; i++) {
      const j = this.removed[i]!;
      if (this.st.routeOf[j] === -1) out.push(j);
    }
  }

  /** Roll the last step back. */
  reject(): void {
    const st = this.st;
    for (let i = 0; i < this.nRemoved; i++) st.routeOf[this.removed[i]!] = -1;
    for (let k = 0; k < this.nTouched; k++) {
      const off = this.saveOff[k]!;
      st.setRoute(this.touchedList[k]!, this.saveBuf.subarray(off, this.saveOff[k + 1]!));
    }
  }

  /** SISR ruin: remove strings (or split strings) from routes adjacent to a random seed job. */
  private ruin(): void {
    const st = this.st;
    const inst = st.inst;
    const rng = this.rng;
    let assigned = 0,
      routes = 0;
    for (let v = 0; v < inst.nVeh; v++)
      if (st.len[v]! > 0) {
        assigned += st.len[v]!;
        routes++;
      }
    if (assigned === 0) return;
    const lsMax = Math.min(this.p.lMax, assigned / routes);
    const ksMax = (4 * this.p.cBar) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;
    let seed = rng.int(inst.nJobs);
    while (st.routeOf[seed] === -1) seed = rng.int(inst.nJobs);
    let done = 0;
    for (let k = -1; k < inst.K && done < ks; k++) {
      const c = k < 0 ? seed : inst.neigh[seed * inst.K + k]!;
      const v = st.routeOf[c]!;
      if (v < 0 || this.touched[v] === this.iter) continue;
      const ltMax = Math.min(st.len[v]!, lsMax);
      const lt = Math.floor(rng.next() * ltMax) + 1;
      this.touch(v);
      this.removeString(v, st.posOf[c]!, lt);
      done++;
    }
  }

  /** Remove a string of `l` jobs containing position pc of route v, or a split string (keeping m inner jobs). */
  private removeString(v: number, pc: number, l: number): void {
    const st = this.st;
    const rng = this.rng;
    const n = st.len[v]!;
    let m = 0;
    if (l < n && rng.next() < 0.5) {
      m = 1;
      while (l + m < n && rng.next() > 0.01) m++;
    }
    const w = l + m;
    const lo = Math.max(1, pc - w + 1);
    const hi = Math.min(pc, n - w + 1);
    const start = lo + rng.int(hi - lo + 1);
    const keepAt = m > 0 ? start + rng.int(l + 1) : -1;
    const b = v * st.stride;
    let k = 0;
    for (let p = 1; p <= n; p++) {
      const j = st.job[b + p]!;
      const inWindow = p >= start && p < start + w;
      const kept = m > 0 && p >= keepAt && p < keepAt + m;
      if (inWindow && !kept) {
        this.removed[this.nRemoved++] = j;
        st.routeOf[j] = -1;
      } else this.scratch[k++] = j;
    }
    st.setRoute(v, this.scratch, k);
  }

  /** Reinsert every removed job in a random SISR order; returns the penalty change for jobs reinserted. */
  private recreate(): number {
    const rng = this.rng;
    const r = rng.int(11);
    const key = this.sortKey;
    for (let i = 0; i < this.nRemoved; i++) {
      const j = this.removed[i]!;
      key[j] = r < 4 ? rng.next() : r < 8 ? -this.demandKey[j]! : r < 10 ? -this.depotKey[j]! : this.depotKey[j]!;
    }
    const list = Array.from(this.removed.subarray(0, this.nRemoved)).sort((a, b) => key[a]! - key[b]!);
    let delta = 0;
    for (const j of list) {
      if (this.insertOne(j)) delta -= this.penalty[j]!;
    }
    return delta;
  }

  /** Insert job j at its cheapest position among neighbour routes, else any route, else a new route. */
  private insertOne(j: number): boolean {
    const st = this.st;
    const inst = st.inst;
    const blink = this.p.blink;
    const stamp = (this.stamp += 2);
    let best = Infinity,
      bestV = -1,
      bestP = -1;
    const kk = Math.min(this.p.kInsert, inst.K);
    for (let k = 0; k < kk; k++) {
      const v = st.routeOf[inst.neigh[j * inst.K + k]!]!;
      if (v < 0 || this.routeStamp[v] === stamp) continue;
      this.routeStamp[v] = stamp;
      const c = bestInsertion(st, v, j, best, blink, this.rng, this.overloadCost);
      if (c < best) {
        best = c;
        bestV = v;
        bestP = insertionResult.pos;
      }
    }
    if (bestV < 0) {
      for (let v = 0; v < inst.nVeh; v++) {
        if (st.len[v] === 0 || this.routeStamp[v] === stamp) continue;
        const c = bestInsertion(st, v, j, best, blink, this.rng, this.overloadCost);
        if (c < best) {
          best = c;
          bestV = v;
          bestP = insertionResult.pos;
        }
      }
    }
    for (let v = 0; v < inst.nVeh; v++) {
      if (st.len[v] !== 0 || this.classStamp[inst.vehClass[v]!] === stamp + 1) continue;
      this.classStamp[inst.vehClass[v]!] = stamp + 1;
      const c = bestInsertion(st, v, j, best, 0, null, this.overloadCost);
      if (c < best) {
        best = c;
        bestV = v;
        bestP = insertionResult.pos;
      }
    }
    if (bestV < 0) return false;
    this.touch(bestV);
    st.insert(bestV, j, bestP);
    return true;
  }
}
