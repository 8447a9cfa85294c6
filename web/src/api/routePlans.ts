/** Route plans: the shipments ready to plan, the plans of a depot, one plan, and the writes (solve, move, publish), each with an Idempotency-Key. */
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  RouteCandidatesSchema,
  RoutePlanPage,
  RoutePlanSchema,
  type RouteMove,
  RoutePlanCreate,
  type RoutePlan,
} from "@shared/contracts/routePlans";
import { ApiError, apiGet, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

/** Query keys, so writes refresh exactly what they change. */
export const routeKeys = {
  candidates: (depotId: string, date: string) => ["route-plans", "candidates", depotId, date] as const,
  list: (filter: RoutePlanFilter) => ["route-plans", "list", filter] as const,
  detail: (id: number) => ["route-plans", "detail", id] as const,
};

/** Filters of GET /route-plans. */
export interface RoutePlanFilter {
  depotId?: string | undefined;
  date?: string | undefined;
  status?: "draft" | "published" | undefined;
  limit: number;
  offset: number;
}

/** The shipments ready to go from a depot for a date, one stop per facility. */
export function useRouteCandidates(depotId: string | null, date: string) {
  return useQuery({
    queryKey: routeKeys.candidates(depotId ?? "", date),
    queryFn: ({ signal }) =>
      apiGet(RouteCandidatesSchema, "/route-plans/candidates", { query: { depotId, date }, signal }),
    enabled: depotId !== null && /^\d{4}-\d{2}-\d{2}$/.test(date),
    placeholderData: keepPreviousData,
  });
}

/** One page of the plans in scope. */
export function useRoutePlans(filter: RoutePlanFilter, enabled = true) {
  return useQuery({
    queryKey: routeKeys.list(filter),
    queryFn: ({ signal }) => apiGet(RoutePlanPage, "/route-plans", { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Seconds between refreshes of a published plan (the dispatcher follows the drivers' deliveries). */
export const PLAN_POLL_MS = 20_000;

/** One plan with its routes, stops, manifests, unassigned stops, violations and each stop's delivery state (polled once published). */
export function useRoutePlan(id: number) {
  return useQuery({
    queryKey: routeKeys.detail(id),
    queryFn: ({ signal }) => apiGet(RoutePlanSchema, `/route-plans/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
    refetchInterval: (query) => (query.state.data?.status === "published" ? PLAN_POLL_MS : false),
  });
}

/** After a write: the plan's new state in the cache, lists and candidates refetched. */
function useRefresh() {
  const client = useQueryClient();
  return (plan: RoutePlan) => {
    client.setQueryData(routeKeys.detail(plan.id), plan);
    void client.invalidateQueries({ queryKey: ["route-plans", "list"] });
    void client.invalidateQueries({ queryKey: ["route-plans", "candidates"] });
  };
}

/** The body of POST /route-plans as sent (defaults not yet applied). */
export type RoutePlanCreateBody = z.input<typeof RoutePlanCreate>;

/** Solves and stores a new plan (POST /route-plans); the answer arrives when the solver's deadline is reached. */
export function useCreateRoutePlan() {
  const refresh = useRefresh();
  const client = useQueryClient();
  return useWriteMutation(
    (body: RoutePlanCreateBody, key) => apiWrite(RoutePlanSchema, "/route-plans", { body, idempotencyKey: key }),
    {
      onSuccess: refresh,
      // An order refused as no longer ready: show the shipments as they are now.
      onError: (error) => {
        if (error instanceof ApiError && error.code === "validation_failed")
          void client.invalidateQueries({ queryKey: ["route-plans", "candidates"] });
      },
    },
  );
}

/** A change to a plan: move a stop (routed or unassigned), assign a route's driver, or publish (confirmed) / un-publish. */
export type RoutePlanChange =
  | { move: RouteMove }
  | { driver: { vehicleId: number; driverUserId: number | null } }
  | { status: "draft" | "published"; confirm?: boolean };

/** Sends one change of a plan (PATCH /route-plans/:id); the answer is the re-checked plan. */
export function usePatchRoutePlan(id: number) {
  const refresh = useRefresh();
  return useWriteMutation(
    (body: RoutePlanChange, key) =>
      apiWrite(RoutePlanSchema, `/route-plans/${id}`, { method: "PATCH", body, idempotencyKey: key }),
    { onSuccess: refresh },
  );
}
