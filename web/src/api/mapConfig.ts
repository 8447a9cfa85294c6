/**
 * The map's configuration (GET /config: a tile server or none, whether a road layer exists) and the road layer
 * (GET /roads), typed by the shared contracts but not parsed with zod: the driver's map reads them, and the
 * driver's screen stays small (issue 12). The server builds both answers with those contracts.
 */
import { useQuery } from "@tanstack/react-query";
import type { ConfigSchema, RoadLayerSchema } from "@shared/contracts/reference";
import type { z } from "zod";
import { apiGetAs } from "./client";

/** Public runtime configuration (tile server or none, a road layer or none). */
export function useConfig() {
  return useQuery({
    queryKey: ["config"],
    queryFn: async ({ signal }) => {
      const config = await apiGetAs<z.input<typeof ConfigSchema>>("/config", { signal });
      return { tileUrl: config.tileUrl ?? null, roads: config.roads === true } satisfies z.infer<typeof ConfigSchema>;
    },
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** The road layer, when the server has a road network (GET /roads; the service worker keeps it for offline use). */
export function useRoads(enabled: boolean) {
  return useQuery({
    queryKey: ["roads"],
    queryFn: ({ signal }) => apiGetAs<z.infer<typeof RoadLayerSchema>>("/roads", { signal }),
    enabled,
    staleTime: Infinity,
    gcTime: Infinity,
    networkMode: "offlineFirst",
  });
}
