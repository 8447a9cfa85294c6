/**
 * The road model: distance (metres) and duration (seconds) matrices between facilities, for the
 * route solver. Without a road network (the default), a leg is the great-circle distance times a
 * circuity factor, driven at the speeds of the road classes inferred for it (see `legDurationS`).
 * With a loaded network, `RoadNetworkModel` (roadNetwork.ts) takes shortest paths on it and falls
 * back to this model for pairs it cannot join. Both apply the season the same way.
 */
import { greatCircleM } from "./geo";

/** Road classes, fastest first: paved national road, laterite (graded earth) road, track. */
export const ROAD_CLASSES = ["paved", "laterite", "track"] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

/** Dry season (November–June) or rainy season (July–October, hivernage). */
export type Season = "dry" | "rainy";

/** A facility's access in the rainy season (the `rainySeasonAccess` column). */
export type RainyAccess = "all_year" | "slow" | "closed";

/** What the road model needs of a facility. */
export interface RoadPoint {
  lat: number;
  lon: number;
  /** Facility level: depots and warehouses sit on paved roads, CSComs and ASC sites may not. */
  level: "central" | "regional" | "district" | "cscom" | "asc";
  access: RainyAccess;
}

/** Tunable parameters of the road model (defaults in DEFAULT_ROAD_OPTIONS). */
export interface RoadModelOptions {
  /** Road distance / great-circle distance when no network is loaded. */
  circuity: number;
  /** Speeds per road class and season, km/h. */
  speedsKmh: Record<Season, Record<RoadClass, number>>;
  /** Length of the access stretch at each end of a leg, driven at the class of that facility's access, km of road. */
  accessKm: number;
  /** Legs longer than this (road km) use a paved trunk between the access stretches; shorter ones a laterite one. */
  pavedTrunkMinKm: number;
}

/** Defaults: circuity 1.35 (typical for sparse rural networks); speeds of loaded light trucks on Malian roads. */
export const DEFAULT_ROAD_OPTIONS: RoadModelOptions = {
  circuity: 1.35,
  speedsKmh: {
    dry: { paved: 60, laterite: 40, track: 25 },
    rainy: { paved: 55, laterite: 30, track: 12 },
  },
  accessKm: 15,
  pavedTrunkMinKm: 40,
};

/** Duration and distance of an "unreachable" cell: large, yet safe in an Int32Array and in sums of a few. */
export const UNREACHABLE = 1 << 28;

/** Matrices over points, flattened row-major (from i to j at i*size+j). */
export interface RoadMatrices {
  size: number;
  distancesM: Int32Array;
  durationsS: Int32Array;
  /** Points closed this season (rainy season, access "closed"): their off-diagonal cells hold UNREACHABLE. */
  closed: number[];
  provider: "great_circle" | "road_network";
  /** Ordered pairs computed with the great-circle fallback (road network only: off-network or disconnected). */
  fallbackPairs: number;
}

/** A matrix provider. */
export interface RoadModel {
  readonly options: RoadModelOptions;
  matrices(points: RoadPoint[], season: Season): RoadMatrices;
}

/** Rainy season when the plan date ("YYYY-MM-DD") falls in July–October, unless stated explicitly. */
export function seasonOf(date: string, explicit?: Season): Season {
  if (explicit) return explicit;
  const month = Number(date.slice(5, 7));
  return month >= 7 && month <= 10 ? "rainy" : "dry";
}

/** Whether a facility cannot be reached at all this season. */
export function isClosed(p: RoadPoint, season: Season): boolean {
  return season === "rainy" && p.access === "closed";
}

/**
 * The road class of the last stretch to a facility: depots and warehouses are on paved roads;
 * CSComs and ASC sites reachable all year on laterite; those flagged slow or closed in the rainy
 * season are at the end of a track (that is what the flag tells us about their road).
 */
export function accessClass(p: RoadPoint): RoadClass {
  if (p.level === "central" || p.level === "regional" || p.level === "district") return "paved";
  return p.access === "all_year" ? "laterite" : "track";
}

/** Seconds to drive `km` of road of a class in a season. */
export function driveS(km: number, cls: RoadClass, season: Season, o: RoadModelOptions): number {
  return (km / o.speedsKmh[season][cls]) * 3600;
}

/**
 * Duration of a leg of `roadKm` without a network: an access stretch at each end (up to `accessKm`,
 * at most half the leg each) at the access class of that end, and a trunk for the rest, paved when
 * the leg is long enough to use the national roads, laterite otherwise.
 */
export function legDurationS(a: RoadPoint, b: RoadPoint, roadKm: number, season: Season, o: RoadModelOptions): number {
  const end = Math.min(o.accessKm, roadKm / 2);
  const trunk = roadKm - 2 * end;
  const trunkClass: RoadClass = roadKm >= o.pavedTrunkMinKm ? "paved" : "laterite";
  return (
    driveS(end, accessClass(a), season, o) +
    driveS(end, accessClass(b), season, o) +
    driveS(trunk, trunkClass, season, o)
  );
}

/** Great-circle distance × circuity, and duration by `legDurationS`, for one ordered pair. */
export function greatCircleLeg(
  a: RoadPoint,
  b: RoadPoint,
  season: Season,
  o: RoadModelOptions,
): { distanceM: number; durationS: number } {
  const roadM = greatCircleM(a.lat, a.lon, b.lat, b.lon) * o.circuity;
  return { distanceM: Math.round(roadM), durationS: Math.round(legDurationS(a, b, roadM / 1000, season, o)) };
}

/** Empty matrices of `n` points with the closed points already marked unreachable. */
export function emptyMatrices(
  points: RoadPoint[],
  season: Season,
  provider: RoadMatrices["provider"],
): RoadMatrices & { isClosed: Uint8Array } {
  const n = points.length;
  const m = {
    size: n,
    distancesM: new Int32Array(n * n),
    durationsS: new Int32Array(n * n),
    closed: [] as number[],
    provider,
    fallbackPairs: 0,
    isClosed: new Uint8Array(n),
  };
  points.forEach((p, i) => {
    if (isClosed(p, season)) {
      m.closed.push(i);
      m.isClosed[i] = 1;
    }
  });
  return m;
}

/** Sets cell (i, j) and (j, i): legs are symmetric in both models. */
export function setPair(m: RoadMatrices, i: number, j: number, distanceM: number, durationS: number): void {
  m.distancesM[i * m.size + j] = m.distancesM[j * m.size + i] = distanceM;
  m.durationsS[i * m.size + j] = m.durationsS[j * m.size + i] = durationS;
}

/** The model without a road network. O(n²) haversines: ~100 points in about a millisecond. */
export class GreatCircleModel implements RoadModel {
  readonly options: RoadModelOptions;

  constructor(options: Partial<RoadModelOptions> = {}) {
    this.options = { ...DEFAULT_ROAD_OPTIONS, ...options };
  }

  /** Distance and duration matrices between the points in the season. */
  matrices(points: RoadPoint[], season: Season): RoadMatrices {
    const m = emptyMatrices(points, season, "great_circle");
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        if (m.isClosed[i] || m.isClosed[j]) setPair(m, i, j, UNREACHABLE, UNREACHABLE);
        else {
          const leg = greatCircleLeg(points[i]!, points[j]!, season, this.options);
          setPair(m, i, j, leg.distanceM, leg.durationS);
        }
      }
    }
    const { isClosed: _drop, ...out } = m;
    return out;
  }
}
