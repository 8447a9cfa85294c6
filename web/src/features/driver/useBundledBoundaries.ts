/** The region boundaries bundled with the app (a lazy chunk the service worker precaches): the driver's map needs no network. */
import { useQuery } from "@tanstack/react-query";

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
