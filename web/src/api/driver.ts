/**
 * The driver's reads, usable offline: their published plans and each plan's detail (marked for the
 * service worker's cache, each answer with where it came from), and the places of their depots (kept
 * on the device). Answers stay in memory for the session, and a failed refresh keeps what was shown.
 * They are typed by the shared contracts but not parsed here (`apiGetAs`): zod stays off the driver's screen.
 */
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { FacilityDetail } from "@shared/contracts/reference";
import type { RoutePlan, RoutePlanPage } from "@shared/contracts/routePlans";
import { ME_KEY } from "./auth";
import { ApiError, apiGetAs } from "./client";
import { answerSource, readOfflineNote, writeOfflineNote, type AnswerSource } from "./offlineCache";

/** An answer and where it came from (network or the service worker's cache). */
export interface Sourced<T> {
  data: T;
  source: AnswerSource;
}

/** Plans asked for at once: the driver's most recent published plans (newest date first). */
export const DRIVER_PAGE = 100;

/** Query keys of the driver's screen. */
export const driverKeys = {
  all: ["driver"] as const,
  recent: ["driver", "plans", "recent"] as const,
  day: (date: string) => ["driver", "plans", "day", date] as const,
  plan: (id: number) => ["driver", "plan", id] as const,
  depot: (id: string) => ["driver", "depot", id] as const,
};

const LAST_SYNC = "lastSync";

/** When the driver's data last came from the network (ISO, server time when known), or null. */
export function lastSync(): string | null {
  return readOfflineNote<string>(LAST_SYNC);
}

/** Network errors and 4xx are not retried: offline, the cached answer (or the error) shows at once. */
const retry = (count: number, error: unknown) =>
  !(error instanceof ApiError && (error.code === "network_error" || (error.status >= 400 && error.status < 500))) &&
  count < 2;

/**
 * Options of an offline-capable read: asked even when the browser says it is offline (the service
 * worker answers), never garbage-collected during the session, a failed refresh keeps the data, and
 * asked again as soon as the network is back (an answer from the cache is replaced by a live one).
 */
const offlineFirst = {
  networkMode: "offlineFirst",
  gcTime: Infinity,
  staleTime: 30_000,
  refetchOnReconnect: "always",
  // An answer from the cache is asked for again every minute (the network may be back without an "online" event),
  // and after 10 s when the browser says it is online: the refetch at the "online" event can still find the network
  // down (the service worker's requests may fail for a moment after the page's come back).
  refetchInterval: (query: { state: { data?: Sourced<unknown> | undefined } }) =>
    query.state.data?.source.fromCache ? (navigator.onLine ? 10_000 : 60_000) : false,
  retry,
} as const;

/** GET marked for the service worker's cache, returning the answer and its source; notes the time of live answers. */
async function getSourced<T>(
  path: string,
  options: { query?: Record<string, string | number>; signal?: AbortSignal },
): Promise<Sourced<T>> {
  let source: AnswerSource = { fromCache: false, servedAt: null };
  const data = await apiGetAs<T>(path, {
    ...options,
    offline: true,
    onResponse: (res) => (source = answerSource(res)),
  });
  if (!source.fromCache) writeOfflineNote(LAST_SYNC, source.servedAt ?? new Date().toISOString());
  return { data, source };
}

/** The driver's most recent published plans (the API shows a driver only plans with their own route). */
export function useDriverRecentPlans() {
  return useQuery({
    queryKey: driverKeys.recent,
    queryFn: ({ signal }) =>
      getSourced<RoutePlanPage>("/route-plans", { query: { status: "published", limit: DRIVER_PAGE }, signal }),
    ...offlineFirst,
  });
}

/** The driver's published plans of one day (only when that day is older than the recent page reaches). */
export function useDriverDayPlans(date: string, enabled: boolean) {
  return useQuery({
    queryKey: driverKeys.day(date),
    queryFn: ({ signal }) =>
      getSourced<RoutePlanPage>("/route-plans", {
        query: { status: "published", date, limit: DRIVER_PAGE },
        signal,
      }),
    enabled,
    ...offlineFirst,
  });
}

/** Query options of one plan as the driver sees it (their routes only), for useQueries and prefetching. */
export function driverPlanQuery(id: number) {
  return {
    queryKey: driverKeys.plan(id),
    queryFn: ({ signal }: { signal: AbortSignal }) => getSourced<RoutePlan>(`/route-plans/${id}`, { signal }),
    ...offlineFirst,
  };
}

/** Several plans as the driver sees them. */
export function useDriverPlans(ids: readonly number[]) {
  return useQueries({ queries: ids.map(driverPlanQuery) });
}

/** The places of depots, from GET /facilities/:id online, else as last kept on the device. */
export function useDepotPlaces(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: driverKeys.depot(id),
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        const f = await apiGetAs<FacilityDetail>(`/facilities/${encodeURIComponent(id)}`, { signal });
        const place = { id, lat: f.lat, lon: f.lon };
        writeOfflineNote(`depot.${id}`, place);
        return place;
      },
      initialData: () => readOfflineNote<{ id: string; lat: number; lon: number }>(`depot.${id}`) ?? undefined,
      // What the device kept is shown at once but refreshed when online.
      initialDataUpdatedAt: 0,
      staleTime: 24 * 3600_000,
      gcTime: Infinity,
      networkMode: "offlineFirst" as const,
      retry: false,
    })),
  });
}

/**
 * Keeps the service worker's cache filled for the next offline start and the screen live: when a worker
 * takes control of the page (first visit), and once on opening the screen, the session and the driver's
 * plans are asked again so their answers pass through the worker; when the network comes back, too (a
 * page opened offline gets no "offline" event, so react-query may not know it was ever offline).
 */
export function useWarmOfflineCache(): void {
  const client = useQueryClient();
  useEffect(() => {
    const sw = "serviceWorker" in navigator ? navigator.serviceWorker : undefined;
    const warm = () => {
      if (!navigator.onLine) return;
      void client.invalidateQueries({ queryKey: ME_KEY });
      void client.invalidateQueries({ queryKey: driverKeys.all });
    };
    if (sw?.controller && navigator.onLine) void client.invalidateQueries({ queryKey: ME_KEY });
    sw?.addEventListener("controllerchange", warm);
    window.addEventListener("online", warm);
    return () => {
      sw?.removeEventListener("controllerchange", warm);
      window.removeEventListener("online", warm);
    };
  }, [client]);
}
