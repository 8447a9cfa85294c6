/** Facilities (administration): a page of the list with closed ones, create, change (open / close). */
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { pageOf } from "@shared/contracts/common";
import type { FacilityCreate, FacilityUpdate } from "@shared/contracts/facilityAdmin";
import { FacilityDetailSchema, FacilitySchema } from "@shared/contracts/reference";
import { apiGet, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

const facilitiesPage = pageOf(FacilitySchema);

/** Filters of the administration list (GET /facilities). */
export interface FacilityFilter {
  q?: string | undefined;
  level?: string | undefined;
  regionId?: string | undefined;
  districtId?: string | undefined;
  status: "open" | "closed" | "all";
  limit: number;
  offset: number;
}

/** One page of facilities, open, closed or both. */
export function useFacilityPage(filter: FacilityFilter) {
  return useQuery({
    queryKey: ["facilities", "admin", filter],
    queryFn: ({ signal }) => apiGet(facilitiesPage, "/facilities", { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** After a change every facility query is read again (the map, the lists, the pickers). */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ["facilities"] });
}

/** Creates a facility (POST /facilities). */
export function useCreateFacility() {
  const refresh = useRefresh();
  return useWriteMutation(
    (body: FacilityCreate, idempotencyKey: string) =>
      apiWrite(FacilityDetailSchema, "/facilities", { body, idempotencyKey }),
    { onSuccess: refresh },
  );
}

/** Changes a facility (PATCH /facilities/:id): its record, `active: false` closes it, `true` reopens it. */
export function useUpdateFacility() {
  const refresh = useRefresh();
  return useWriteMutation(
    ({ id, body }: { id: string; body: FacilityUpdate }, idempotencyKey: string) =>
      apiWrite(FacilityDetailSchema, `/facilities/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body,
        idempotencyKey,
      }),
    { onSuccess: refresh },
  );
}
