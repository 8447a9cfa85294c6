/** The region polygons bundled at build time by vite.config.ts (shaped like GET /regions/boundaries). */
declare module "virtual:fura-boundaries" {
  import type { BoundaryCollection } from "../../map/types";
  const boundaries: BoundaryCollection;
  export default boundaries;
}

/** The towns bundled at build time by vite.config.ts (GeoNames: region capitals and cercle seats). */
declare module "virtual:fura-places" {
  const places: { name: string; lat: number; lon: number; capital: boolean }[];
  export default places;
}
