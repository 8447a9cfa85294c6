/** The region boundaries and towns bundled with the app (lazy chunks the service worker precaches): the driver's map needs no network. */
import { useQuery } from "@tanstack/react-query";
import type { MapLabel } from "../../map/types";

/** The bundled region polygons, loaded once. */
export function useBundledBoundaries() {
  return useQuery({
    queryKey: ["boundaries", "bundled"],
    queryFn: async () => (await import("virtual:fura-boundaries")).default,
    staleTime: Infinity,
    gcTime: Infinity,
    networkMode: "always",
  });
}

/** The bundled towns as map labels, loaded once. */
export function useBundledTowns() {
  return useQuery({
    queryKey: ["places", "bundled"],
    queryFn: async (): Promise<MapLabel[]> =>
      (await import("virtual:fura-places")).default.map((p) => ({
        id: `town-${p.name}`,
        lat: p.lat,
        lon: p.lon,
        text: p.name,
        kind: "town" as const,
      })),
    staleTime: Infinity,
    gcTime: Infinity,
    networkMode: "always",
  });
}
