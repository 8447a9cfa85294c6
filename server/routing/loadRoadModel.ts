/** Picks the road model at start: the road network of FURA_ROADS_GEOJSON when set, else great-circle × circuity. */
import { readFileSync } from "node:fs";
import type { Logger } from "pino";
import { GreatCircleModel, type RoadModel } from "./roadModel";
import { RoadNetworkModel, buildRoadGraph } from "./roadNetwork";

/** Loads the road network GeoJSON (LineStrings with a `class` or OSM `highway` property); a bad file stops the start with its reason. */
export function loadRoadModel(file: string | undefined, log: Logger): RoadModel {
  if (!file) {
    log.info("road model: great-circle distance × circuity (no FURA_ROADS_GEOJSON)");
    return new GreatCircleModel();
  }
  const started = Date.now();
  const graph = buildRoadGraph(JSON.parse(readFileSync(file, "utf8")));
  log.info(
    { file, lines: graph.lines, nodes: graph.nodeLat.length, ms: Date.now() - started },
    "road model: road network loaded",
  );
  return new RoadNetworkModel(graph);
}
