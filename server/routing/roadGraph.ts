/**
 * The road graph read from a GeoJSON of road lines (LineString or MultiLineString features with a
 * road class), contracted for fast shortest paths. Lines join where they share a vertex
 * (coordinates equal to 1e-6°, ~0.1 m). OSM-like data is mostly shape vertices of degree 2; they
 * are folded into "chains" between "junctions" (vertices of another degree, or where the rainy
 * closure changes), so that Dijkstra runs on the junctions only. Each chain keeps its length per
 * road class, and each vertex inside a chain its offset from the chain's first junction, so a
 * facility can still be snapped to any vertex.
 */
import { GridIndex, greatCircleM } from "./geo";
import { ROAD_CLASSES, type RoadClass } from "./roadModel";

/** Number of road classes (length of the per-class arrays). */
export const NC = ROAD_CLASSES.length;

/** The contracted road graph. Per-class arrays hold NC entries per item: [item*NC + class index]. */
export interface RoadGraph {
  nodeLat: Float64Array;
  nodeLon: Float64Array;
  index: GridIndex;
  /** Road lines and segments (vertex to vertex) read. */
  lines: number;
  segments: number;
  /** Junction number of each vertex, or -1 for a vertex inside a chain. */
  junctionOf: Int32Array;
  junctions: number;
  /** Chain of each vertex inside one (-1 for junctions), and its road length from the chain's first junction, per class. */
  chainOf: Int32Array;
  offsetM: Float64Array;
  /** Chains: first and last junction, length per class, impassable in the rainy season. */
  chainA: Int32Array;
  chainB: Int32Array;
  chainLenM: Float64Array;
  chainRainyClosed: Uint8Array;
  /** Junction adjacency: edges of junction u are adjOff[u] .. adjOff[u+1]-1, to adjTo[e] along chain adjChain[e]. */
  adjOff: Int32Array;
  adjTo: Int32Array;
  adjChain: Int32Array;
}

/** OSM `highway` values by class, for networks exported from OpenStreetMap without a `class` property. */
const OSM_HIGHWAY: Record<string, RoadClass> = {
  motorway: "paved",
  trunk: "paved",
  primary: "paved",
  secondary: "paved",
  motorway_link: "paved",
  trunk_link: "paved",
  primary_link: "paved",
  secondary_link: "paved",
  tertiary: "laterite",
  tertiary_link: "laterite",
  unclassified: "laterite",
  residential: "laterite",
  road: "laterite",
  track: "track",
  path: "track",
};

/** Class of a road line: `class` property if valid, else OSM `highway`, else `surface` (paved/asphalt), else laterite. */
export function classOfRoad(props: Record<string, unknown> | null | undefined): RoadClass {
  const p = props ?? {};
  if (ROAD_CLASSES.includes(p.class as RoadClass)) return p.class as RoadClass;
  const byHighway = typeof p.highway === "string" ? OSM_HIGHWAY[p.highway] : undefined;
  if (byHighway) return byHighway;
  if (p.surface === "paved" || p.surface === "asphalt") return "paved";
  return "laterite";
}

type Position = [number, number];
interface Feature {
  geometry?: { type?: string; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

/** The vertex-level graph before contraction: both directions of each segment; rev[e] is the opposite edge. */
interface RawGraph {
  lat: Float64Array;
  lon: Float64Array;
  off: Int32Array;
  to: Int32Array;
  rev: Int32Array;
  lenM: Float64Array;
  cls: Uint8Array;
  closed: Uint8Array;
  lines: number;
}

/** The coordinate lists of a feature's LineString or MultiLineString geometry (others are ignored). */
function linesOf(f: Feature): Position[][] {
  const g = f.geometry;
  if (g?.type === "LineString") return [g.coordinates as Position[]];
  if (g?.type === "MultiLineString") return g.coordinates as Position[][];
  return [];
}

/** Reads the vertices and segments of the lines. */
function readRaw(geojson: unknown): RawGraph {
  const fc = geojson as { type?: string; features?: Feature[] };
  if (fc?.type !== "FeatureCollection" || !Array.isArray(fc.features))
    throw new Error("road network: expected a GeoJSON FeatureCollection");
  const ids = new Map<string, number>();
  const lat: number[] = [];
  const lon: number[] = [];
  const segs: number[] = []; // a, b, class, closed — 4 per segment
  const node = ([x, y]: Position) => {
    const key = `${Math.round(y * 1e6)}:${Math.round(x * 1e6)}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = lat.push(y) - 1;
      lon.push(x);
      ids.set(key, id);
    }
    return id;
  };
  let lines = 0;
  fc.features.forEach((f, fi) => {
    const cls = ROAD_CLASSES.indexOf(classOfRoad(f.properties));
    const closed = f.properties?.rainy === "closed" ? 1 : 0;
    for (const line of linesOf(f)) {
      if (
        !Array.isArray(line) ||
        line.some((c) => !Array.isArray(c) || !Number.isFinite(c[0]) || !Number.isFinite(c[1]))
      )
        throw new Error(`road network: feature ${fi} has invalid coordinates`);
      lines++;
      for (let k = 1; k < line.length; k++) {
        const a = node(line[k - 1]!),
          b = node(line[k]!);
        if (a !== b) segs.push(a, b, cls, closed);
      }
    }
  });
  return toCsr(Float64Array.from(lat), Float64Array.from(lon), segs, lines);
}

/** Compressed adjacency of the raw segments, both directions, with the opposite edge of each. */
function toCsr(lat: Float64Array, lon: Float64Array, segs: number[], lines: number): RawGraph {
  const n = lat.length,
    m = segs.length / 2;
  const off = new Int32Array(n + 1);
  for (let s = 0; s < segs.length; s += 4) {
    off[segs[s]! + 1]!++;
    off[segs[s + 1]! + 1]!++;
  }
  for (let i = 0; i < n; i++) off[i + 1]! += off[i]!;
  const fill = off.slice(0, n);
  const g = {
    to: new Int32Array(m),
    rev: new Int32Array(m),
    lenM: new Float64Array(m),
    cls: new Uint8Array(m),
    closed: new Uint8Array(m),
  };
  for (let s = 0; s < segs.length; s += 4) {
    const a = segs[s]!,
      b = segs[s + 1]!;
    const ab = fill[a]!++,
      ba = fill[b]!++;
    const len = greatCircleM(lat[a]!, lon[a]!, lat[b]!, lon[b]!);
    for (const [e, to, r] of [
      [ab, b, ba],
      [ba, a, ab],
    ] as const) {
      g.to[e] = to;
      g.rev[e] = r;
      g.lenM[e] = len;
      g.cls[e] = segs[s + 2]!;
      g.closed[e] = segs[s + 3]!;
    }
  }
  return { lat, lon, off, ...g, lines };
}

/** Builds the contracted road graph from a GeoJSON FeatureCollection; throws an Error naming the problem when it is not one. */
export function buildRoadGraph(geojson: unknown): RoadGraph {
  const raw = readRaw(geojson);
  const n = raw.lat.length;
  const isJ = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const e = raw.off[v]!;
    isJ[v] = raw.off[v + 1]! - e !== 2 || raw.closed[e] !== raw.closed[e + 1] ? 1 : 0;
  }
  const chainOf = new Int32Array(n).fill(-1);
  const offsetM = new Float64Array(n * NC);
  const used = new Uint8Array(raw.to.length);
  const chains: { a: number; b: number; len: number[]; closed: number }[] = [];
  /** Follows the chain leaving junction u by edge e up to the next junction. */
  const walk = (u: number, e: number) => {
    if (used[e]) return;
    const len = new Array<number>(NC).fill(0);
    let closed = 0;
    for (let edge = e; ;) {
      used[edge] = used[raw.rev[edge]!] = 1;
      len[raw.cls[edge]!]! += raw.lenM[edge]!;
      closed |= raw.closed[edge]!;
      const v = raw.to[edge]!;
      if (isJ[v]) return void chains.push({ a: u, b: v, len, closed });
      chainOf[v] = chains.length;
      for (let c = 0; c < NC; c++) offsetM[v * NC + c] = len[c]!;
      edge = raw.off[v]! === raw.rev[edge]! ? raw.off[v]! + 1 : raw.off[v]!;
    }
  };
  const walkAll = (v: number) => {
    for (let e = raw.off[v]!; e < raw.off[v + 1]!; e++) walk(v, e);
  };
  for (let v = 0; v < n; v++) if (isJ[v]) walkAll(v);
  // Loops without any junction (a ring road alone): one of their vertices becomes the junction.
  for (let v = 0; v < n; v++) {
    if (!isJ[v] && chainOf[v] === -1) {
      isJ[v] = 1;
      walkAll(v);
    }
  }
  return assemble(raw, isJ, chainOf, offsetM, chains);
}

/** Numbers the junctions and builds their adjacency from the chains (loops from a junction to itself add no edge). */
function assemble(
  raw: RawGraph,
  isJ: Uint8Array,
  chainOf: Int32Array,
  offsetM: Float64Array,
  chains: { a: number; b: number; len: number[]; closed: number }[],
): RoadGraph {
  const n = raw.lat.length;
  const junctionOf = new Int32Array(n).fill(-1);
  let junctions = 0;
  for (let v = 0; v < n; v++) if (isJ[v]) junctionOf[v] = junctions++;
  const k = chains.length;
  const chainA = Int32Array.from(chains, (c) => junctionOf[c.a]!);
  const chainB = Int32Array.from(chains, (c) => junctionOf[c.b]!);
  const chainLenM = Float64Array.from(chains.flatMap((c) => c.len));
  const chainRainyClosed = Uint8Array.from(chains, (c) => c.closed);
  const adjOff = new Int32Array(junctions + 1);
  for (let c = 0; c < k; c++) {
    if (chainA[c] === chainB[c]) continue;
    adjOff[chainA[c]! + 1]!++;
    adjOff[chainB[c]! + 1]!++;
  }
  for (let j = 0; j < junctions; j++) adjOff[j + 1]! += adjOff[j]!;
  const fill = adjOff.slice(0, junctions);
  const adjTo = new Int32Array(adjOff[junctions]!);
  const adjChain = new Int32Array(adjOff[junctions]!);
  for (let c = 0; c < k; c++) {
    const a = chainA[c]!,
      b = chainB[c]!;
    if (a === b) continue;
    adjTo[fill[a]!] = b;
    adjChain[fill[a]!++] = c;
    adjTo[fill[b]!] = a;
    adjChain[fill[b]!++] = c;
  }
  return {
    nodeLat: raw.lat,
    nodeLon: raw.lon,
    index: new GridIndex(raw.lat, raw.lon),
    lines: raw.lines,
    segments: raw.to.length / 2,
    junctionOf,
    junctions,
    chainOf,
    offsetM,
    chainA,
    chainB,
    chainLenM,
    chainRainyClosed,
    adjOff,
    adjTo,
    adjChain,
  };
}
