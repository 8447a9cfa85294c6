/** Small planar geometry helpers for map labels (coordinates in degrees, [lon, lat] as in GeoJSON). */

type Ring = number[][];

/** True when [x, y] lies inside the ring (even-odd rule). */
function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

/** Squared distance from [x, y] to the segment a–b. */
function segmentDistance2(x: number, y: number, a: number[], b: number[]): number {
  const [ax, ay] = a as [number, number];
  const [bx, by] = b as [number, number];
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
  const px = ax + t * dx - x;
  const py = ay + t * dy - y;
  return px * px + py * py;
}

function ringArea(ring: Ring): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    area += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
  return Math.abs(area / 2);
}

/**
 * A point well inside a polygon, for its label: on a grid over the largest part, the inside point farthest
 * from every edge (an approximate "pole of inaccessibility"; centroids can fall outside concave shapes).
 * Returns [lon, lat], or null for an empty geometry.
 */
export function interiorPoint(
  geometry: { type: "Polygon" | "MultiPolygon"; coordinates: unknown[] },
  steps = 40,
): [number, number] | null {
  const polygons = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  const largest = polygons.filter((p) => p[0] && p[0].length > 2).sort((a, b) => ringArea(b[0]!) - ringArea(a[0]!))[0];
  if (!largest) return null;
  const outer = largest[0]!;
  const xs = outer.map((p) => p[0]!);
  const ys = outer.map((p) => p[1]!);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best: [number, number] = [(minX + maxX) / 2, (minY + maxY) / 2];
  let bestD = -1;
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const x = minX + ((maxX - minX) * i) / steps;
      const y = minY + ((maxY - minY) * j) / steps;
      if (!inRing(x, y, outer) || largest.slice(1).some((hole) => inRing(x, y, hole))) continue;
      let d = Infinity;
      for (const ring of largest)
        for (let k = 0, l = ring.length - 1; k < ring.length; l = k++)
          d = Math.min(d, segmentDistance2(x, y, ring[k]!, ring[l]!));
      if (d > bestD) {
        bestD = d;
        best = [x, y];
      }
    }
  }
  return best;
}
