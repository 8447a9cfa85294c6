/** Plain view models the map draws: no API rows, only coordinates, colours and text. */

/** A point drawn as a circle marker. */
export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  /** Fill colour (CSS colour) */
  colour: string;
  /** Radius in screen pixels */
  radiusPx: number;
  /** Short text for the hover tooltip */
  label: string;
  /** Popup content, already escaped; links with `data-route` navigate inside the app */
  popupHtml: string;
  /** Short text drawn inside the marker (a stop's number): the point becomes a DOM marker instead of a canvas circle */
  badge?: string;
}

/** A line drawn on the map (a vehicle's route), in [lat, lon] order. */
export interface MapLine {
  id: string;
  /** Stroke colour (CSS colour) */
  colour: string;
  coords: [number, number][];
  /** Dashed stroke (a second cue when colours repeat) */
  dashed?: boolean;
  /** Hover text */
  label: string;
}

/** A GeoJSON FeatureCollection of polygons with a `name` property (region boundaries). */
export interface BoundaryCollection {
  type: "FeatureCollection";
  features: Array<{
    type: "Feature";
    properties: { id: string; name: string };
    geometry: { type: "Polygon" | "MultiPolygon"; coordinates: unknown[] };
  }>;
}

/** A label drawn permanently on the map (region names, or towns: a dot and a smaller name). */
export interface MapLabel {
  id: string;
  lat: number;
  lon: number;
  text: string;
  kind?: "region" | "town";
}

/** A GeoJSON FeatureCollection of road lines with their class (paved, laterite, track). */
export interface RoadCollection {
  type: "FeatureCollection";
  features: Array<{
    type: "Feature";
    properties: { class: string };
    geometry: { type: "LineString"; coordinates: number[][] };
  }>;
}

/** Mali's bounding box [[south, west], [north, east]], used until the boundaries are loaded. */
export const MALI_BOUNDS: [[number, number], [number, number]] = [
  [10.1, -12.3],
  [25.1, 4.3],
];

/** Escapes text for use inside popup HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
