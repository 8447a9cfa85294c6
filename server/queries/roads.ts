/**
 * The road layer the maps draw when a road network is configured (FURA_ROADS_GEOJSON, the file the road model
 * routes on): its lines only, with their class, coordinates rounded to 5 decimals (about a metre). Read once.
 */
import { readFileSync } from "node:fs";

type Line = {
  type: "Feature";
  properties: { class: string };
  geometry: { type: "LineString"; coordinates: number[][] };
};
/** A GeoJSON FeatureCollection of road lines. */
export interface RoadLayer {
  type: "FeatureCollection";
  features: Line[];
}

const CLASS_OF: Record<string, string> = { motorway: "paved", trunk: "paved", primary: "paved", secondary: "laterite" };
const round = (x: number) => Math.round(x * 1e5) / 1e5;

/** The file's lines (LineString and MultiLineString) as a light layer. */
export function roadLayerOf(geojson: unknown): RoadLayer {
  const features: Line[] = [];
  const input = geojson as {
    features?: { properties?: Record<string, unknown>; geometry?: { type: string; coordinates: unknown } }[];
  };
  for (const f of input.features ?? []) {
    const props = f.properties ?? {};
    const cls = typeof props.class === "string" ? props.class : (CLASS_OF[String(props.highway)] ?? "track");
    const parts =
      f.geometry?.type === "LineString"
        ? [f.geometry.coordinates as number[][]]
        : f.geometry?.type === "MultiLineString"
          ? (f.geometry.coordinates as number[][][])
          : [];
    for (const coords of parts)
      features.push({
        type: "Feature",
        properties: { class: cls },
        geometry: { type: "LineString", coordinates: coords.map(([lon, lat]) => [round(lon!), round(lat!)]) },
      });
  }
  return { type: "FeatureCollection", features };
}

/** A reader of the configured file's layer (no lines when none is configured), parsed on the first call. */
export function roadLayerReader(file: string | undefined): () => RoadLayer {
  let layer: RoadLayer | null = null;
  return () => {
    layer ??= file ? roadLayerOf(JSON.parse(readFileSync(file, "utf8"))) : { type: "FeatureCollection", features: [] };
    return layer;
  };
}
