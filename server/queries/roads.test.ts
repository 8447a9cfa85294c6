import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { roadLayerOf, roadLayerReader } from "./roads";

describe("the road layer", () => {
  it("keeps the lines of the road network with their class (or one from the OSM highway tag), rounded to 5 decimals", () => {
    const layer = roadLayerOf({
      type: "FeatureCollection",
      features: [
        {
          properties: { class: "laterite" },
          geometry: {
            type: "LineString",
            coordinates: [
              [-8.0712345, 12.6512345],
              [-8.2, 12.7],
            ],
          },
        },
        {
          properties: { highway: "primary" },
          geometry: {
            type: "MultiLineString",
            coordinates: [
              [
                [-8, 12],
                [-8.1, 12.1],
              ],
              [
                [-8.1, 12.1],
                [-8.2, 12.2],
              ],
            ],
          },
        },
        {
          properties: { highway: "path" },
          geometry: {
            type: "LineString",
            coordinates: [
              [-7, 13],
              [-7.1, 13.1],
            ],
          },
        },
        { properties: {}, geometry: { type: "Point", coordinates: [-8, 12] } },
      ],
    });
    expect(layer.features.map((f) => f.properties.class)).toEqual(["laterite", "paved", "paved", "track"]);
    expect(layer.features[0]!.geometry.coordinates[0]).toEqual([-8.07123, 12.65123]);
  });

  it("reads the configured file once, and answers no lines without one", () => {
    expect(roadLayerReader(undefined)().features).toEqual([]);
    const file = join(mkdtempSync(join(tmpdir(), "fura-roads-")), "roads.geojson");
    writeFileSync(
      file,
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            properties: { class: "paved" },
            geometry: {
              type: "LineString",
              coordinates: [
                [-8, 12],
                [-8.5, 12.5],
              ],
            },
          },
        ],
      }),
    );
    const read = roadLayerReader(file);
    expect(read().features).toHaveLength(1);
    writeFileSync(file, "not json any more");
    expect(read().features).toHaveLength(1);
  });
});
