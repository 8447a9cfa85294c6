/** Great-circle geometry and a grid index for snapping points to the nearest road-network node. */

/** Mean Earth radius, metres (the sphere of the haversine formula). */
export const EARTH_RADIUS_M = 6_371_000;

/** A position in WGS84 degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** Great-circle (haversine) distance between two positions, metres. */
export function greatCircleM(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const s1 = Math.sin(((bLat - aLat) * rad) / 2);
  const s2 = Math.sin(((bLon - aLon) * rad) / 2);
  const h = s1 * s1 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Nodes bucketed in square cells of `cellDeg` degrees, to find the nearest node of a point without
 * scanning them all: rings of cells are searched outwards until no closer node can exist.
 */
export class GridIndex {
  private readonly cells = new Map<string, number[]>();

  /** `lat`/`lon` hold the node coordinates (index = node id). */
  constructor(
    private readonly lat: Float64Array,
    private readonly lon: Float64Array,
    private readonly cellDeg = 0.05,
  ) {
    for (let i = 0; i < lat.length; i++) {
      const key = this.key(Math.floor(lat[i]! / cellDeg), Math.floor(lon[i]! / cellDeg));
      const cell = this.cells.get(key);
      if (cell) cell.push(i);
      else this.cells.set(key, [i]);
    }
  }

  private key(r: number, c: number): string {
    return `${r}:${c}`;
  }

  /** Nearest node within `maxM` metres of the point, or null. */
  nearest(p: LatLon, maxM: number): { node: number; distanceM: number } | null {
    const r0 = Math.floor(p.lat / this.cellDeg);
    const c0 = Math.floor(p.lon / this.cellDeg);
    // One cell is at least this many metres wide (longitude cells shrink with latitude).
    const cellM =
      this.cellDeg *
      (Math.PI / 180) *
      EARTH_RADIUS_M *
      Math.max(0.1, Math.cos((Math.abs(p.lat) + this.cellDeg) * (Math.PI / 180)));
    const maxRing = Math.ceil(maxM / cellM) + 1;
    let best = -1;
    let bestM = Infinity;
    for (let ring = 0; ring <= maxRing; ring++) {
      if (best >= 0 && (ring - 1) * cellM > bestM) break;
      for (let dr = -ring; dr <= ring; dr++) {
        for (let dc = -ring; dc <= ring; dc++) {
          if (Math.max(Math.abs(dr), Math.abs(dc)) !== ring) continue;
          for (const i of this.cells.get(this.key(r0 + dr, c0 + dc)) ?? []) {
            const d = greatCircleM(p.lat, p.lon, this.lat[i]!, this.lon[i]!);
            if (d < bestM) [best, bestM] = [i, d];
          }
        }
      }
    }
    return best >= 0 && bestM <= maxM ? { node: best, distanceM: bestM } : null;
  }
}
