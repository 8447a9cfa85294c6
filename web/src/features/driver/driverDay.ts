/**
 * The driver's day from their published plans (pure, tested): which plans fall on a day, the next days
 * with a route, the day's routes in order with their departure and return, the map's points and lines,
 * and whether the data on screen is live or the tablet's copy.
 */
import { localeOf } from "../../i18n/format";
import type { TFunction } from "i18next";
import type { RoutePlan, RoutePlanSummary } from "@shared/contracts/routePlans";
import type { MapLine, MapPoint } from "../../map/types";
import { planLines, planPoints } from "../../lib/routePlan/routeView";

type Route = RoutePlan["routes"][number];

/** Today in Mali ("YYYY-MM-DD"): Mali keeps UTC all year, as the plan dates do. */
export function maliToday(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" moved by `days` days. */
export function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Ids of the plans of one day, oldest first (the order they were planned). */
export function plansOn(items: readonly RoutePlanSummary[], day: string): number[] {
  return items
    .filter((p) => p.date === day)
    .map((p) => p.id)
    .sort((a, b) => a - b);
}

/** Ids of the plans from `today` to `days` days later (the coming routes the tablet keeps for offline use), soonest first. */
export function aheadOf(items: readonly RoutePlanSummary[], today: string, days = 7): number[] {
  const last = shiftDay(today, days);
  return items
    .filter((p) => p.date >= today && p.date <= last)
    .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
    .map((p) => p.id);
}

/** The next days after `day` with a published route: each date once, soonest first, at most `max`. */
export function upcomingDays(
  items: readonly RoutePlanSummary[],
  day: string,
  max = 5,
): { date: string; stops: number }[] {
  const byDate = new Map<string, number>();
  for (const p of items) if (p.date > day) byDate.set(p.date, (byDate.get(p.date) ?? 0) + p.totals.stops);
  return [...byDate]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(0, max)
    .map(([date, stops]) => ({ date, stops }));
}

/**
 * Whether a page of plans (newest date first) shows every plan of `day`: the page holds them all, or
 * `day` is not older than its oldest date. Otherwise the day must be asked for on its own.
 */
export function pageCovers(page: { items: readonly RoutePlanSummary[]; total: number }, day: string): boolean {
  if (page.items.length >= page.total) return true;
  const oldest = page.items.reduce((min, p) => (p.date < min ? p.date : min), "9999-12-31");
  return day > oldest;
}

/** One route of the driver's day, with the plan it belongs to and its index (colour and letter) on the screen. */
export interface DayRoute {
  plan: RoutePlan;
  route: Route;
  index: number;
}

/** The day's routes (one driver may have several, in one plan or more), ordered by departure. */
export function dayRoutes(plans: readonly RoutePlan[]): DayRoute[] {
  return plans
    .flatMap((plan) => plan.routes.map((route) => ({ plan, route })))
    .sort((a, b) => departureS(a.route) - departureS(b.route) || a.route.vehicleId - b.route.vehicleId)
    .map((e, index) => ({ ...e, index }));
}

/** Departure from the depot, seconds after midnight: the first stop's arrival less the drive to it, else the shift start. */
export function departureS(route: Route): number {
  const first = route.stops[0];
  if (!first) return clockS(route.shiftStart);
  return first.arrivalS - first.drivingFromPrevS;
}

/** Expected return to the depot, seconds after midnight (departure + the route's whole duration). */
export function returnS(route: Route): number {
  return departureS(route) + route.durationS;
}

function clockS(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;
}

/**
 * The day on the map: each route in its colour with numbered stops, and each depot. Routes are drawn
 * from their own plan's depot; a depot whose place is unknown (`depots` has none) draws no lines.
 */
export function dayMap(
  routes: readonly DayRoute[],
  depots: ReadonlyMap<string, { lat: number; lon: number }>,
  t: TFunction,
): { points: MapPoint[]; lines: MapLine[] } {
  const first = routes[0];
  if (!first) return { points: [], lines: [] };
  const depotIds = [...new Set(routes.map((r) => r.plan.depotId))];
  const points: MapPoint[] = [];
  const lines: MapLine[] = [];
  for (const depotId of depotIds) {
    const plan = routes.find((r) => r.plan.depotId === depotId)!.plan;
    // One plan-shaped view per depot: the day's routes in screen order, those of other depots emptied (keeps colours and letters).
    const view: RoutePlan = {
      ...plan,
      unassigned: [],
      routes: routes.map((r) => (r.plan.depotId === depotId ? r.route : { ...r.route, stops: [] })),
    };
    const place = depots.get(depotId) ?? null;
    points.push(...planPoints(view, place, t));
    lines.push(...planLines(view, place));
  }
  return { points, lines };
}

/** What the screen says about its data: live, or the tablet's copy and from when. */
export interface Freshness {
  offline: boolean;
  /** When the server produced the data on screen (ISO), null when unknown */
  asOf: string | null;
}

/**
 * Offline when the browser says so or any answer came from the service worker's cache; the data's
 * time is the oldest cached answer's, else the last answer received from the network (`lastSync`).
 */
export function freshness(
  online: boolean,
  sources: readonly { fromCache: boolean; servedAt: string | null }[],
  lastSync: string | null,
): Freshness {
  const cached = sources.filter((s) => s.fromCache);
  const offline = !online || cached.length > 0;
  if (!offline) return { offline, asOf: null };
  const times = cached.flatMap((s) => (s.servedAt ? [s.servedAt] : [])).sort();
  return { offline, asOf: times[0] ?? lastSync };
}

/** A day in words for the driver's title: "dimanche 22 novembre 2026" / "Sunday, 22 November 2026". */
export function formatDay(day: string, lang: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(localeOf(lang), {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(d);
}

/** A "YYYY-MM-DD" from the address bar, or null when absent or not a real date. */
export function parseDay(value: string | null): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
}
