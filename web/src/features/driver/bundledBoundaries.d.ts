/** The region polygons bundled at build time by vite.config.ts (shaped like GET /regions/boundaries). */
declare module "virtual:fura-boundaries" {
  import type { BoundaryCollection } from "../../map/types";
  const boundaries: BoundaryCollection;
  export default boundaries;
}
