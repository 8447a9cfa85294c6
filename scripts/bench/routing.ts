/**
 * Road-model benchmark: time to build distance/duration matrices, without a road network
 * (great-circle × circuity) and on a synthetic road network over Mali shaped like an OSM extract
 * (a road every 0.1°, ~11 km, with a shape vertex every 0.01°; every 5th road paved, every 2nd
 * laterite, the rest tracks). Point sets: the Kati depot with its 99 nearest real CSComs (a
 * district plan), the depot with 499 points within 150 km (a regional plan), and every real CSCom
 * of the bundled data (a national worst case). Prints figures; asserts nothing.
 *
 *   node --import tsx scripts/bench/routing.ts [--runs 5]
 */
import { parseArgs } from "node:util";
import { buildGeography } from "../../db/seed/geography";
import { Rng } from "../../shared/vrp/prng";
import { greatCircleM } from "../../server/routing/geo";
import { GreatCircleModel, type RoadModel, type RoadPoint } from "../../server/routing/roadModel";
import { RoadNetworkModel, buildRoadGraph } from "../../server/routing/roadNetwork";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } }, strict: false });
const runs = Number(values.runs);
const fmt = (n: number, d = 1) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

/** Median wall time of `runs` calls, ms. */
function time(fn: () => void, n = runs): number {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

/** Roads along every `roadDeg` of latitude and longitude over the box, with a vertex every `vertexDeg`. */
function syntheticNetwork(
  box: { minLat: number; maxLat: number; minLon: number; maxLon: number },
  roadDeg = 0.1,
  vertexDeg = 0.01,
) {
  const features: object[] = [];
  const cls = (k: number) => (k % 5 === 0 ? "paved" : k % 2 === 0 ? "laterite" : "track");
  const range = (a: number, b: number, step: number) =>
    Array.from({ length: Math.floor((b - a) / step + 1e-9) + 1 }, (_, i) => Number((a + i * step).toFixed(6)));
  const lats = range(box.minLat, box.maxLat, vertexDeg);
  const lons = range(box.minLon, box.maxLon, vertexDeg);
  range(box.minLat, box.maxLat, roadDeg).forEach((y, k) =>
    features.push({
      type: "Feature",
      properties: { class: cls(k) },
      geometry: { type: "LineString", coordinates: lons.map((x) => [x, y]) },
    }),
  );
  range(box.minLon, box.maxLon, roadDeg).forEach((x, k) =>
    features.push({
      type: "Feature",
      properties: { class: cls(k) },
      geometry: { type: "LineString", coordinates: lats.map((y) => [x, y]) },
    }),
  );
  return { type: "FeatureCollection", features };
}

function pointSets() {
  const geo = buildGeography();
  const depot = geo.facilities.find((f) => f.level === "district" && f.districtId === "kati")!;
  const depotPoint: RoadPoint = { lat: depot.lat, lon: depot.lon, level: "district", access: "all_year" };
  const cscoms = geo.facilities
    .filter((f) => f.level === "cscom")
    .sort((a, b) => greatCircleM(depot.lat, depot.lon, a.lat, a.lon) - greatCircleM(depot.lat, depot.lon, b.lat, b.lon))
    .map((f): RoadPoint => ({ lat: f.lat, lon: f.lon, level: "cscom", access: f.rainySeasonAccess ?? "all_year" }));
  const rng = new Rng(1);
  const regional: RoadPoint[] = [depotPoint];
  while (regional.length < 500) {
    const lat = depot.lat + (rng.next() * 2 - 1) * 1.4,
      lon = depot.lon + (rng.next() * 2 - 1) * 1.4;
    if (greatCircleM(depot.lat, depot.lon, lat, lon) <= 150_000)
      regional.push({ lat, lon, level: "cscom", access: rng.next() < 0.1 ? "slow" : "all_year" });
  }
  return [
    { name: "district (Kati)", points: [depotPoint, ...cscoms.slice(0, 99)] },
    { name: "regional ≤150 km", points: regional },
    { name: "national, all CSComs", points: [depotPoint, ...cscoms] },
  ];
}

function main(): void {
  const sets = pointSets();
  const all = sets.flatMap((s) => s.points);
  const box = {
    minLat: Math.floor(Math.min(...all.map((p) => p.lat))) - 0.5,
    maxLat: Math.ceil(Math.max(...all.map((p) => p.lat))) + 0.5,
    minLon: Math.floor(Math.min(...all.map((p) => p.lon))) - 0.5,
    maxLon: Math.ceil(Math.max(...all.map((p) => p.lon))) + 0.5,
  };
  const t0 = performance.now();
  const graph = buildRoadGraph(syntheticNetwork(box));
  const buildMs = performance.now() - t0;
  console.log(
    `synthetic road network: ${fmt(graph.lines, 0)} roads, ${fmt(graph.nodeLat.length, 0)} vertices, ${fmt(graph.segments, 0)} segments, ${fmt(graph.junctions, 0)} junctions, ${fmt(graph.chainA.length, 0)} chains, built in ${fmt(buildMs, 0)} ms`,
  );
  console.log(
    `  (lat ${box.minLat}..${box.maxLat}, lon ${box.minLon}..${box.maxLon}); median of ${runs} runs, single thread\n`,
  );
  const models: [string, RoadModel][] = [
    ["great-circle", new GreatCircleModel()],
    ["road network", new RoadNetworkModel(graph)],
  ];
  console.log(
    `${"provider".padEnd(14)} ${"point set".padEnd(22)} ${"points".padStart(6)} ${"dry ms".padStart(9)} ${"rainy ms".padStart(9)} ${"fallback pairs".padStart(15)}`,
  );
  for (const [name, model] of models) {
    for (const set of sets) {
      let fallback = 0;
      const dry = time(() => (fallback = model.matrices(set.points, "dry").fallbackPairs));
      const rainy = time(() => model.matrices(set.points, "rainy"));
      console.log(
        `${name.padEnd(14)} ${set.name.padEnd(22)} ${String(set.points.length).padStart(6)} ${fmt(dry).padStart(9)} ${fmt(rainy).padStart(9)} ${String(fallback).padStart(15)}`,
      );
    }
  }
}

main();
