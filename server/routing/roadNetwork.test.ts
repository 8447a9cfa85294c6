import { describe, expect, it } from "vitest";
import { greatCircleM } from "./geo";
import { Rng } from "../../shared/vrp/prng";
import {
  DEFAULT_ROAD_OPTIONS,
  GreatCircleModel,
  ROAD_CLASSES,
  accessClass,
  driveS,
  greatCircleLeg,
  type RoadPoint,
  type Season,
} from "./roadModel";
import { RoadNetworkModel, buildRoadGraph, classOfRoad } from "./roadNetwork";

/**
 * A hand-made network (lon, lat):
 *
 *   D(-8.0,12.1) ---track--- C(-7.9,12.1)
 *        |                        |
 *      track                    paved
 *        |                        |
 *   A(-8.0,12.0) ---paved--- B(-7.9,12.0)        E(-7.0,12.0)---F(-7.0,12.1)  (separate component)
 *
 * A–C fastest is A→B→C on paved road; A→D→C has the same length on tracks.
 */
const A: [number, number] = [-8.0, 12.0],
  B: [number, number] = [-7.9, 12.0],
  C: [number, number] = [-7.9, 12.1],
  D: [number, number] = [-8.0, 12.1];
const line = (coords: [number, number][], properties: Record<string, unknown>) => ({
  type: "Feature",
  properties,
  geometry: { type: "LineString", coordinates: coords },
});
const network = (abRainy?: "closed") => ({
  type: "FeatureCollection",
  features: [
    line([A, B], { class: "paved", ...(abRainy ? { rainy: abRainy } : {}) }),
    line([B, C], { highway: "primary" }),
    {
      type: "Feature",
      properties: { class: "track" },
      geometry: {
        type: "MultiLineString",
        coordinates: [
          [A, D],
          [D, C],
        ],
      },
    },
    line(
      [
        [-7.0, 12.0],
        [-7.0, 12.1],
      ],
      { class: "paved" },
    ),
    { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [-7.5, 12.5] } },
  ],
});
const at = ([lon, lat]: [number, number], level: RoadPoint["level"] = "district"): RoadPoint => ({
  lat,
  lon,
  level,
  access: "all_year",
});
const len = (p: [number, number], q: [number, number]) => greatCircleM(p[1], p[0], q[1], q[0]);

describe("road network", () => {
  it("builds one node per distinct vertex, joins lines at shared vertices and ignores non-line features", () => {
    const g = buildRoadGraph(network());
    expect(g.nodeLat.length).toBe(6);
    expect(g.lines).toBe(5);
    expect(g.segments).toBe(5);
  });

  it("folds vertices of degree 2 into chains between junctions, split where the rainy closure changes", () => {
    // The square alone is a ring: one of its vertices becomes the junction; E and F are dead ends.
    const open = buildRoadGraph(network());
    expect(open.junctions).toBe(3);
    expect(open.chainA.length).toBe(2);
    // With A–B closed in the rainy season, A and B become junctions: chains A–B and A–D–C–B.
    const closed = buildRoadGraph(network("closed"));
    expect(closed.junctions).toBe(4);
    expect(Array.from(closed.chainRainyClosed).sort()).toEqual([0, 0, 1]);
  });

  it("takes the fastest path (paved A→B→C rather than the track A→D→C) and reports its length", () => {
    const model = new RoadNetworkModel(buildRoadGraph(network()));
    const m = model.matrices([at(A), at(C)], "dry");
    expect(m.provider).toBe("road_network");
    expect(m.fallbackPairs).toBe(0);
    const pavedM = len(A, B) + len(B, C);
    expect(m.distancesM[1]).toBe(Math.round(pavedM));
    expect(m.durationsS[1]).toBe(Math.round((pavedM / 1000 / 60) * 3600));
    expect(m.durationsS[2]).toBe(m.durationsS[1]);
  });

  it("avoids a road closed in the rainy season", () => {
    const model = new RoadNetworkModel(buildRoadGraph(network("closed")));
    const dry = model.matrices([at(A), at(C)], "dry");
    const rainy = model.matrices([at(A), at(C)], "rainy");
    expect(dry.distancesM[1]).toBe(Math.round(len(A, B) + len(B, C)));
    expect(rainy.distancesM[1]).toBe(Math.round(len(A, D) + len(D, C)));
    expect(rainy.durationsS[1]).toBe(Math.round(((len(A, D) + len(D, C)) / 1000 / 12) * 3600));
  });

  it("snaps a facility to the nearest node and adds the connector at its access class", () => {
    const model = new RoadNetworkModel(buildRoadGraph(network()));
    const nearB: RoadPoint = { lat: 12.01, lon: -7.9, level: "cscom", access: "all_year" };
    const m = model.matrices([at(A), nearB], "dry");
    const connectorM = len(B, [-7.9, 12.01]) * 1.35;
    expect(m.distancesM[1]).toBe(Math.round(len(A, B) + connectorM));
    expect(m.durationsS[1]).toBe(Math.round((len(A, B) / 1000 / 60 + connectorM / 1000 / 40) * 3600));
  });

  it("falls back to great-circle legs for disconnected and off-network facilities", () => {
    const model = new RoadNetworkModel(buildRoadGraph(network()), { maxSnapM: 5_000 });
    const pts = [at(A), at([-7.0, 12.0]), at([-5.0, 14.0])];
    const m = model.matrices(pts, "dry");
    const gc = new GreatCircleModel().matrices(pts, "dry");
    // A–E: different components; every pair with the off-network point: no snap. 3 pairs, both directions.
    expect(m.fallbackPairs).toBe(6);
    expect(Array.from(m.distancesM)).toEqual(Array.from(gc.distancesM));
    expect(Array.from(m.durationsS)).toEqual(Array.from(gc.durationsS));
  });

  it("maps OSM highway and surface tags to road classes", () => {
    expect(classOfRoad({ class: "track" })).toBe("track");
    expect(classOfRoad({ highway: "trunk" })).toBe("paved");
    expect(classOfRoad({ highway: "tertiary" })).toBe("laterite");
    expect(classOfRoad({ highway: "track" })).toBe("track");
    expect(classOfRoad({ surface: "asphalt" })).toBe("paved");
    expect(classOfRoad(null)).toBe("laterite");
  });

  it("refuses what is not a FeatureCollection of valid lines", () => {
    expect(() => buildRoadGraph({ type: "Feature" })).toThrow(/FeatureCollection/);
    expect(() => buildRoadGraph({ type: "FeatureCollection", features: [line([A, [Number.NaN, 1]], {})] })).toThrow(
      /feature 0/,
    );
  });

  it.each(["dry", "rainy"] as const)(
    "gives the same fastest times as Floyd–Warshall on every vertex (random networks, %s season)",
    (season) => {
      for (const seed of [1, 2, 3, 7, 11]) {
        const { geojson, points } = randomNetwork(seed);
        const got = new RoadNetworkModel(buildRoadGraph(geojson), { maxSnapM: 3_000 }).matrices(points, season);
        const want = referenceDurations(geojson, points, season, 3_000);
        const off = Array.from(got.durationsS).filter((d, k) => Math.abs(d - want[k]!) > 1);
        expect(off, `seed ${seed}`).toEqual([]);
      }
    },
  );
});

/** A jittered 5×5 grid of roads with shape vertices, random classes and rainy closures, and 12 facilities. */
function randomNetwork(seed: number) {
  const rng = new Rng(seed);
  const at = (r: number, c: number): [number, number] => [
    -8 + c * 0.05 + (rng.next() - 0.5) * 0.01,
    12 + r * 0.05 + (rng.next() - 0.5) * 0.01,
  ];
  const grid = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => at(r, c)));
  const features: object[] = [];
  const road = (a: [number, number], b: [number, number]) => {
    if (rng.next() < 0.15) return;
    const mid: [number, number] = [
      (a[0] + b[0]) / 2 + (rng.next() - 0.5) * 0.01,
      (a[1] + b[1]) / 2 + (rng.next() - 0.5) * 0.01,
    ];
    const props = { class: ROAD_CLASSES[rng.int(3)], ...(rng.next() < 0.2 ? { rainy: "closed" } : {}) };
    features.push(line([a, mid, b], props));
  };
  for (let r = 0; r < 5; r++)
    for (let c = 0; c < 5; c++) {
      if (c < 4) road(grid[r]![c]!, grid[r]![c + 1]!);
      if (r < 4) road(grid[r]![c]!, grid[r + 1]![c]!);
    }
  const points: RoadPoint[] = Array.from({ length: 12 }, () => ({
    lat: 12 + rng.next() * 0.2,
    lon: -8 + rng.next() * 0.2,
    level: "cscom",
    access: rng.next() < 0.3 ? "slow" : "all_year",
  }));
  return { geojson: { type: "FeatureCollection", features }, points };
}

/** Durations by Floyd–Warshall on the raw vertices, with the same snapping and fallback rules as the model. */
function referenceDurations(
  geojson: { features: object[] },
  points: RoadPoint[],
  season: Season,
  maxSnapM: number,
): number[] {
  const o = DEFAULT_ROAD_OPTIONS;
  const ids = new Map<string, number>();
  const xy: [number, number][] = [];
  const id = (p: [number, number]) => {
    const k = `${Math.round(p[1] * 1e6)}:${Math.round(p[0] * 1e6)}`;
    if (!ids.has(k)) ids.set(k, xy.push(p) - 1);
    return ids.get(k)!;
  };
  const edges: [number, number, number][] = [];
  for (const f of geojson.features as {
    properties: { class: (typeof ROAD_CLASSES)[number]; rainy?: string };
    geometry: { coordinates: [number, number][] };
  }[]) {
    const cs = f.geometry.coordinates;
    for (let k = 1; k < cs.length; k++) {
      const s =
        season === "rainy" && f.properties.rainy === "closed"
          ? Infinity
          : driveS(len(cs[k - 1]!, cs[k]!) / 1000, f.properties.class, season, o);
      edges.push([id(cs[k - 1]!), id(cs[k]!), s]);
    }
  }
  const n = xy.length;
  const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
  for (const [a, b, s] of edges) d[a]![b] = d[b]![a] = Math.min(d[a]![b]!, s);
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (d[i]![k]! + d[k]![j]! < d[i]![j]!) d[i]![j] = d[i]![k]! + d[k]![j]!;
  const snap = points.map((p) => {
    let best = -1,
      bestM = Infinity;
    xy.forEach((q, v) => {
      const m = greatCircleM(p.lat, p.lon, q[1], q[0]);
      if (m < bestM) [best, bestM] = [v, m];
    });
    return bestM <= maxSnapM ? { v: best, s: driveS((bestM * o.circuity) / 1000, accessClass(p), season, o) } : null;
  });
  const out: number[] = [];
  points.forEach((p, i) =>
    points.forEach((q, j) => {
      const a = snap[i],
        b = snap[j];
      const via = a && b && a.v !== b.v ? a.s + d[a.v]![b.v]! + b.s : Infinity;
      out.push(i === j ? 0 : Number.isFinite(via) ? Math.round(via) : greatCircleLeg(p, q, season, o).durationS);
    }),
  );
  return out;
}
