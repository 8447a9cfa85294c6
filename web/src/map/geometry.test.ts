import { describe, expect, it } from "vitest";
import { interiorPoint } from "./geometry";

describe("interiorPoint", () => {
  it("finds the middle of a square", () => {
    const square = {
      type: "Polygon" as const,
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ],
      ],
    };
    expect(interiorPoint(square)).toEqual([2, 2]);
  });

  it("stays inside an L-shaped polygon whose bounding-box centre is outside", () => {
    const l = {
      type: "Polygon" as const,
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 2],
          [2, 2],
          [2, 10],
          [0, 10],
          [0, 0],
        ],
      ],
    };
    const [x, y] = interiorPoint(l)!;
    expect(x <= 2 || y <= 2).toBe(true);
  });

  it("labels the largest part of a multipolygon", () => {
    const multi = {
      type: "MultiPolygon" as const,
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
        [
          [
            [10, 10],
            [20, 10],
            [20, 20],
            [10, 20],
            [10, 10],
          ],
        ],
      ],
    };
    const [x, y] = interiorPoint(multi)!;
    expect(x).toBeGreaterThan(10);
    expect(y).toBeGreaterThan(10);
  });
});
