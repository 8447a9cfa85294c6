/**
 * The road-network provider: fastest paths by Dijkstra on the contracted road graph (roadGraph.ts),
 * facilities snapped to the nearest road vertex. A facility joins the network by a connector
 * (straight line × circuity, at its access class) to that vertex, then along its chain to the
 * junctions at both ends. Pairs the network cannot join (a facility farther than `maxSnapM` from
 * any road, on a road closed this season, or in another component) fall back to the great-circle
 * model and are counted in `fallbackPairs`.
 */
import { MinHeap } from "./minHeap";
import { NC, type RoadGraph } from "./roadGraph";
import {
  DEFAULT_ROAD_OPTIONS,
  ROAD_CLASSES,
  UNREACHABLE,
  accessClass,
  driveS,
  emptyMatrices,
  greatCircleLeg,
  setPair,
  type RoadMatrices,
  type RoadModel,
  type RoadModelOptions,
  type RoadPoint,
  type Season,
} from "./roadModel";

export { buildRoadGraph, classOfRoad, type RoadGraph } from "./roadGraph";

/** Options of the network provider on top of the road-model ones. */
export interface RoadNetworkOptions extends RoadModelOptions {
  /** A facility farther than this from every road vertex is off-network (great-circle legs), metres. */
  maxSnapM: number;
}

/** A way from a snapped vertex to a junction: seconds and metres along its chain. */
interface Attach {
  junction: number;
  s: number;
  m: number;
}

/** Where a facility joins the network. */
interface Snap {
  vertex: number;
  /** Connector from the facility to the vertex */
  connS: number;
  connM: number;
  /** Junctions reachable along the vertex's chain (itself when it is a junction; none on a closed chain) */
  attach: Attach[];
  /** The chain the vertex lies inside, or -1 */
  chain: number;
}

/** Road-network matrices; reuses its Dijkstra buffers between calls (one instance per thread). */
export class RoadNetworkModel implements RoadModel {
  readonly options: RoadNetworkOptions;
  private readonly chainS = new Map<Season, Float64Array>();
  private readonly durS: Float64Array;
  private readonly distM: Float64Array;
  /** stamp = run: reached in this run; stamp = -run: settled */
  private readonly stamp: Int32Array;
  private run = 0;
  private readonly heap = new MinHeap();

  constructor(
    readonly graph: RoadGraph,
    options: Partial<RoadNetworkOptions> = {},
  ) {
    this.options = { ...DEFAULT_ROAD_OPTIONS, maxSnapM: 20_000, ...options };
    this.durS = new Float64Array(graph.junctions);
    this.distM = new Float64Array(graph.junctions);
    this.stamp = new Int32Array(graph.junctions);
  }

  /** Seconds and metres of per-class lengths `len[at .. at+NC)` (optionally minus `sub[subAt ..]`, absolute). */
  private drive(
    len: Float64Array,
    at: number,
    season: Season,
    sub?: Float64Array,
    subAt = 0,
  ): { s: number; m: number } {
    let s = 0,
      m = 0;
    for (let c = 0; c < NC; c++) {
      const km = Math.abs(len[at + c]! - (sub ? sub[subAt + c]! : 0)) / 1000;
      s += driveS(km, ROAD_CLASSES[c]!, season, this.options);
      m += km * 1000;
    }
    return { s, m };
  }

  /** Travel seconds of each chain in a season (Infinity when closed). */
  private chainSeconds(season: Season): Float64Array {
    let out = this.chainS.get(season);
    if (!out) {
      const g = this.graph;
      out = new Float64Array(g.chainA.length);
      for (let c = 0; c < out.length; c++)
        out[c] = season === "rainy" && g.chainRainyClosed[c] ? Infinity : this.drive(g.chainLenM, c * NC, season).s;
      this.chainS.set(season, out);
    }
    return out;
  }

  private snap(p: RoadPoint, season: Season): Snap | null {
    const g = this.graph;
    const hit = g.index.nearest(p, this.options.maxSnapM);
    if (!hit) return null;
    const roadM = hit.distanceM * this.options.circuity;
    const base = { vertex: hit.node, connS: driveS(roadM / 1000, accessClass(p), season, this.options), connM: roadM };
    const j = g.junctionOf[hit.node]!;
    if (j >= 0) return { ...base, attach: [{ junction: j, s: 0, m: 0 }], chain: -1 };
    const c = g.chainOf[hit.node]!;
    if (season === "rainy" && g.chainRainyClosed[c]) return { ...base, attach: [], chain: c };
    const toA = this.drive(g.offsetM, hit.node * NC, season);
    const toB = this.drive(g.chainLenM, c * NC, season, g.offsetM, hit.node * NC);
    return {
      ...base,
      attach: [
        { junction: g.chainA[c]!, ...toA },
        { junction: g.chainB[c]!, ...toB },
      ],
      chain: c,
    };
  }

  /** Fastest paths from the seeds until every junction flagged in `targets` (count `left`) is settled; returns the run's settled stamp. */
  private dijkstra(seeds: Attach[], targets: Uint8Array, left: number, chainS: Float64Array): number {
    const { adjOff, adjTo, adjChain, chainLenM } = this.graph;
    const run = ++this.run;
    this.heap.clear();
    for (const a of seeds) {
      if (this.stamp[a.junction] === run && this.durS[a.junction]! <= a.s) continue;
      this.stamp[a.junction] = run;
      this.durS[a.junction] = a.s;
      this.distM[a.junction] = a.m;
      this.heap.push(a.s, a.junction);
    }
    while (this.heap.size > 0 && left > 0) {
      const key = this.heap.peekKey();
      const u = this.heap.pop();
      if (this.stamp[u] === -run || key > this.durS[u]!) continue;
      this.stamp[u] = -run;
      if (targets[u]) left--;
      for (let e = adjOff[u]!; e < adjOff[u + 1]!; e++) {
        const v = adjTo[e]!,
          c = adjChain[e]!;
        const t = key + chainS[c]!;
        if (this.stamp[v] === -run || t === Infinity) continue;
        if (this.stamp[v] !== run || t < this.durS[v]!) {
          this.stamp[v] = run;
          this.durS[v] = t;
          this.distM[v] = this.distM[u]! + chainLenM[c * NC]! + chainLenM[c * NC + 1]! + chainLenM[c * NC + 2]!;
          this.heap.push(t, v);
        }
      }
    }
    return -run;
  }

  /** Best way between two snapped facilities after a Dijkstra from the first (settled = its stamp), or null. */
  private between(si: Snap, sj: Snap, settled: number, season: Season): { s: number; m: number } | null {
    let best: { s: number; m: number } | null = null;
    for (const a of sj.attach) {
      if (this.stamp[a.junction] !== settled) continue;
      const s = this.durS[a.junction]! + a.s;
      if (!best || s < best.s) best = { s, m: this.distM[a.junction]! + a.m };
    }
    if (si.chain >= 0 && si.chain === sj.chain && sj.attach.length > 0) {
      // Both inside the same chain: straight along it, between their offsets.
      const g = this.graph;
      const direct = this.drive(g.offsetM, si.vertex * NC, season, g.offsetM, sj.vertex * NC);
      if (!best || direct.s < best.s) best = direct;
    }
    return best && { s: si.connS + best.s + sj.connS, m: si.connM + best.m + sj.connM };
  }

  /** Distance and duration matrices between the points in the season. */
  matrices(points: RoadPoint[], season: Season): RoadMatrices {
    const m = emptyMatrices(points, season, "road_network");
    const n = points.length;
    const snaps = points.map((p, i) => (m.isClosed[i] ? null : this.snap(p, season)));
    const chainS = this.chainSeconds(season);
    const targets = new Uint8Array(this.graph.junctions);
    for (let i = 0; i < n; i++) {
      const si = snaps[i];
      let left = 0;
      for (let j = i + 1; j < n && si?.attach.length; j++) {
        for (const a of snaps[j]?.attach ?? []) {
          if (targets[a.junction]) continue;
          targets[a.junction] = 1;
          left++;
        }
      }
      const settled = si?.attach.length ? this.dijkstra(si.attach, targets, left, chainS) : 0.5; // 0.5 matches no stamp
      for (let j = i + 1; j < n; j++) {
        const sj = snaps[j];
        for (const a of sj?.attach ?? []) targets[a.junction] = 0;
        if (m.isClosed[i] || m.isClosed[j]) setPair(m, i, j, UNREACHABLE, UNREACHABLE);
        else {
          const way = si && sj && si.vertex !== sj.vertex ? this.between(si, sj, settled, season) : null;
          // Off-network, closed road or another component: great-circle leg (also for two facilities on one vertex).
          if (!way && !(si && sj && si.vertex === sj.vertex)) m.fallbackPairs += 2;
          const leg = way
            ? { distanceM: Math.round(way.m), durationS: Math.round(way.s) }
            : greatCircleLeg(points[i]!, points[j]!, season, this.options);
          setPair(m, i, j, leg.distanceM, leg.durationS);
        }
      }
    }
    const { isClosed: _drop, ...out } = m;
    return out;
  }
}
