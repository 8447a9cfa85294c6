/** Everything the driver's screens read for one day, from the offline-capable hooks of api/driver.ts. */
import { useMemo, useSyncExternalStore } from "react";
import type { RoutePlan } from "@shared/contracts/routePlans";
import { lastSync, useDepotPlaces, useDriverDayPlans, useDriverPlans, useDriverRecentPlans } from "../../api/driver";
import {
  aheadOf,
  dayRoutes,
  freshness,
  maliToday,
  pageCovers,
  plansOn,
  upcomingDays,
  type DayRoute,
  type Freshness,
} from "./driverDay";

/** The browser's idea of the network (true when it does not know). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (change) => {
      window.addEventListener("online", change);
      window.addEventListener("offline", change);
      return () => {
        window.removeEventListener("online", change);
        window.removeEventListener("offline", change);
      };
    },
    () => navigator.onLine,
    () => true,
  );
}

/** The day's plans, routes, depots' places, the next days with a route, and how fresh the data is. */
export interface DriverDay {
  /** The list of plans is still loading (nothing to show yet) */
  pending: boolean;
  /** Why the list or a plan could not be read (and nothing cached stands in), else null */
  error: unknown;
  routes: DayRoute[];
  plans: RoutePlan[];
  /** Depot id → place, for the depots whose place is known */
  depots: Map<string, { lat: number; lon: number }>;
  upcoming: { date: string; stops: number }[];
  freshness: Freshness;
}

/** Reads the driver's day `day` ("YYYY-MM-DD"). */
export function useDriverDay(day: string): DriverDay {
  const online = useOnline();
  const recent = useDriverRecentPlans();
  const covers = recent.data ? pageCovers(recent.data.data, day) : true;
  const dated = useDriverDayPlans(day, recent.data !== undefined && !covers);
  const list = covers ? recent : dated;
  const ids = plansOn(list.data?.data.items ?? [], day);
  const planQueries = useDriverPlans(ids);
  // The plans of the coming week are read too, so that the service worker keeps them for the days offline.
  useDriverPlans(aheadOf(recent.data?.data.items ?? [], maliToday(new Date())).filter((id) => !ids.includes(id)));
  const signature = planQueries.map((q) => q.dataUpdatedAt).join(",");
  // Recomputed when a plan's answer changes (useQueries returns a new array on every render).
  const plans = useMemo(() => planQueries.flatMap((q) => (q.data ? [q.data.data] : [])), [signature]);
  const routes = useMemo(() => dayRoutes(plans), [plans]);
  const depotIds = [...new Set(plans.map((p) => p.depotId))];
  const depotQueries = useDepotPlaces(depotIds);
  const depotSignature = depotQueries.map((q) => (q.data ? `${q.data.id}:${q.data.lat}:${q.data.lon}` : "")).join(",");
  const depots = useMemo(
    () =>
      new Map(
        depotQueries.flatMap((q) => (q.data ? [[q.data.id, { lat: q.data.lat, lon: q.data.lon }] as const] : [])),
      ),
    [depotSignature],
  );
  const sources = [list.data?.source, ...planQueries.map((q) => q.data?.source)].flatMap((s) => (s ? [s] : []));
  const listError = list.data ? null : list.error;
  const planError = planQueries.find((q) => !q.data && q.error)?.error ?? null;
  return {
    pending: list.isPending || planQueries.some((q) => q.isPending && q.fetchStatus !== "idle"),
    error: listError ?? planError,
    routes,
    plans,
    depots,
    upcoming: upcomingDays(recent.data?.data.items ?? [], day),
    freshness: freshness(online, sources, lastSync()),
  };
}
