/** Stock policies and settings (administration): rows, the effective policy of a facility × product, settings. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  EffectivePolicyView,
  PolicyView,
  SettingsView,
  type PolicyCreate,
  type PolicyUpdate,
  type SettingsUpdate,
} from "@shared/contracts/policies";
import { apiGet, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

const KEY = ["policies"] as const;

/** Every stored row. */
export function usePolicies() {
  return useQuery({
    queryKey: [...KEY, "rows"],
    queryFn: async ({ signal }) =>
      (await apiGet(z.object({ items: z.array(PolicyView) }), "/policies", { signal })).items,
  });
}

/** The policy of a facility × product and its source (null ids: nothing asked). */
export function useEffectivePolicy(facilityId: string | null, productId: number | null) {
  return useQuery({
    queryKey: [...KEY, "effective", facilityId, productId],
    queryFn: ({ signal }) =>
      apiGet(EffectivePolicyView, "/policies/effective", { query: { facilityId, productId }, signal }),
    enabled: facilityId !== null && productId !== null,
  });
}

/** The settings. */
export function useSettings() {
  return useQuery({
    queryKey: [...KEY, "settings"],
    queryFn: ({ signal }) => apiGet(SettingsView, "/settings", { signal }),
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: KEY });
}

/** Adds a row. */
export function useCreatePolicy() {
  const refresh = useRefresh();
  return useWriteMutation(
    (body: PolicyCreate, idempotencyKey: string) => apiWrite(PolicyView, "/policies", { body, idempotencyKey }),
    { onSuccess: refresh },
  );
}

/** Changes a row's values. */
export function useUpdatePolicy() {
  const refresh = useRefresh();
  return useWriteMutation(
    ({ id, body }: { id: number; body: PolicyUpdate }, idempotencyKey: string) =>
      apiWrite(PolicyView, `/policies/${id}`, { method: "PATCH", body, idempotencyKey }),
    { onSuccess: refresh },
  );
}

/** Removes a row. */
export function useDeletePolicy() {
  const refresh = useRefresh();
  return useWriteMutation(
    (id: number, idempotencyKey: string) =>
      apiWrite(z.object({ deleted: z.number() }), `/policies/${id}`, { method: "DELETE", idempotencyKey }),
    { onSuccess: refresh },
  );
}

/** Saves settings. */
export function useSaveSettings() {
  const refresh = useRefresh();
  return useWriteMutation(
    (body: SettingsUpdate, idempotencyKey: string) =>
      apiWrite(SettingsView, "/settings", { method: "PATCH", body, idempotencyKey }),
    { onSuccess: refresh },
  );
}
