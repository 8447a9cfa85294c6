/** Reference data hooks: config, regions and their boundaries, districts, facilities, programmes. */
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { pageOf } from "@shared/contracts/common";
import {
  BoundariesSchema,
  DistrictSchema,
  FacilityDetailSchema,
  FacilitySchema,
  ProductSchema,
  ProgrammeSchema,
  RegionSchema,
  type Boundaries,
  type FacilityLevel,
} from "@shared/contracts/reference";
import { apiGet } from "./client";

export { useConfig, useRoads } from "./mapConfig";

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export { BoundariesSchema, type Boundaries };

const pageOfFacilities = pageOf(FacilitySchema);
const forever = { staleTime: Infinity, gcTime: Infinity } as const;

/** The health regions. */
export function useRegions() {
  return useQuery({
    queryKey: ["regions"],
    queryFn: async ({ signal }) => (await apiGet(items(RegionSchema), "/regions", { signal })).items,
    ...forever,
  });
}

/** Region polygons for the base map. */
export function useBoundaries() {
  return useQuery({
    queryKey: ["regions", "boundaries"],
    queryFn: ({ signal }) => apiGet(BoundariesSchema, "/regions/boundaries", { signal }),
    ...forever,
  });
}

/** Every health district. */
export function useDistricts() {
  return useQuery({
    queryKey: ["districts"],
    queryFn: async ({ signal }) => (await apiGet(items(DistrictSchema), "/districts", { signal })).items,
    ...forever,
  });
}

/** Every facility of the network (one page of up to 5,000). */
export function useFacilities() {
  return useQuery({
    queryKey: ["facilities", "all"],
    queryFn: ({ signal }) => apiGet(pageOfFacilities, "/facilities", { query: { limit: 5000 }, signal }),
    staleTime: 10 * 60_000,
  });
}

/** One facility with its region, district and supply lines. */
export function useFacility(id: string) {
  return useQuery({
    queryKey: ["facilities", id],
    queryFn: ({ signal }) => apiGet(FacilityDetailSchema, `/facilities/${encodeURIComponent(id)}`, { signal }),
  });
}

/** The supply programmes (cost recovery and free-care programmes). */
export function useProgrammes() {
  return useQuery({
    queryKey: ["programmes"],
    queryFn: async ({ signal }) => (await apiGet(items(ProgrammeSchema), "/programmes", { signal })).items,
    ...forever,
  });
}

/** Facilities of one level in a district or region (e.g. the CSComs a district pharmacist reviews). */
export function useFacilitiesIn(
  filter: { level: FacilityLevel; districtId?: string | null; regionId?: string | null },
  enabled = true,
) {
  const query = {
    level: filter.level,
    districtId: filter.districtId ?? undefined,
    regionId: filter.regionId ?? undefined,
    limit: 5000,
  };
  return useQuery({
    queryKey: ["facilities", "in", query],
    queryFn: async ({ signal }) => (await apiGet(pageOfFacilities, "/facilities", { query, signal })).items,
    staleTime: 10 * 60_000,
    enabled,
  });
}

/** Products of the catalogue, optionally of one programme. */
export function useProducts(programme: string | null, enabled = true) {
  return useQuery({
    queryKey: ["products", programme ?? "all"],
    queryFn: async ({ signal }) =>
      (await apiGet(pageOf(ProductSchema), "/products", { query: { programme, limit: 1000 }, signal })).items,
    staleTime: 10 * 60_000,
    enabled,
  });
}
