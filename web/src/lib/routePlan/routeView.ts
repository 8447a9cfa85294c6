/** Route plans → what the map and the tables draw: colours per route, numbered points, lines, violations per stop and route (pure, tested). */
import type { TFunction } from "i18next";
import type { RouteCandidates, RoutePlan, RouteViolation } from "@shared/contracts/routePlans";
import { escapeHtml, type MapLine, type MapPoint } from "../../map/types";
import { formatDecimal } from "../../i18n/format";

/**
 * Route colours: the Okabe–Ito palette, safe for the common colour-vision deficiencies (yellow last:
 * weakest on a light map). Beyond eight routes the colours repeat with dashed lines.
 */
export const ROUTE_COLOURS = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#F0E442",
] as const;
/** Depot marker colour (the district level's colour on the network map). */
const DEPOT_COLOUR = "#e65100";
/** Stops with no route, or closed this season. */
const MUTED_COLOUR = "#6b7a8a";

/** The colour of the route at `index` in the plan. */
export function routeColour(index: number): string {
  return ROUTE_COLOURS[index % ROUTE_COLOURS.length]!;
}

/** A letter naming a route next to its colour (A, B, … Z, AA …), so colour is never the only cue. */
export function routeLetter(index: number): string {
  let s = "";
  for (let n = index; n >= 0; n = Math.floor(n / 26) - 1) s = String.fromCharCode(65 + (n % 26)) + s;
  return s;
}

type Route = RoutePlan["routes"][number];
type Stop = Route["stops"][number];

function depotPoint(depot: { id: string; name: string; lat: number; lon: number }, t: TFunction): MapPoint {
  return {
    id: `depot:${depot.id}`,
    lat: depot.lat,
    lon: depot.lon,
    colour: DEPOT_COLOUR,
    radiusPx: 9,
    label: depot.name,
    badge: "D",
    popupHtml: `<div class="popup"><strong class="popup-name">${escapeHtml(depot.name)}</strong><div>${escapeHtml(t("routes.map.depot"))}</div></div>`,
  };
}

function stopPopup(name: string, lines: string[]): string {
  return `<div class="popup"><strong class="popup-name">${escapeHtml(name)}</strong>${lines.map((l) => `<div>${escapeHtml(l)}</div>`).join("")}</div>`;
}

/** Points of the shipments before solving: the depot and one point per facility (greyed when closed this season). */
export function candidatePoints(c: RouteCandidates, selected: ReadonlySet<string>, t: TFunction): MapPoint[] {
  const stops = c.stops.map((s) => ({
    id: `stop:${s.facilityId}`,
    lat: s.lat,
    lon: s.lon,
    radiusPx: 7,
    label: s.facilityName,
    colour: s.closedThisSeason || !selected.has(s.facilityId) ? MUTED_COLOUR : ROUTE_COLOURS[0],
    popupHtml: stopPopup(s.facilityName, [
      t("routes.map.load", { kg: s.loadKg, l: s.loadL }),
      t("routes.map.orders", { count: s.orders.length }),
    ]),
  }));
  return [...stops, depotPoint(c.depot, t)];
}

/** Points of a plan: the depot (D), each routed stop numbered in its route's colour, unassigned stops grey with "!". */
export function planPoints(plan: RoutePlan, depot: { lat: number; lon: number } | null, t: TFunction): MapPoint[] {
  const points: MapPoint[] = [];
  plan.routes.forEach((r, i) => {
    for (const s of r.stops) {
      points.push({
        id: `stop:${s.id}`,
        lat: s.lat,
        lon: s.lon,
        colour: routeColour(i),
        radiusPx: 8,
        badge: String(s.position),
        label: `${routeLetter(i)}${s.position} · ${s.facilityName}`,
        popupHtml: stopPopup(s.facilityName, [
          t("routes.map.stopOf", { route: `${routeLetter(i)} — ${r.name}`, position: s.position }),
          t("routes.map.eta", { time: clock(s.etaS) }),
        ]),
      });
    }
  });
  for (const u of plan.unassigned) {
    points.push({
      id: `unassigned:${u.id}`,
      lat: u.lat,
      lon: u.lon,
      colour: MUTED_COLOUR,
      radiusPx: 8,
      badge: "!",
      label: u.facilityName,
      popupHtml: stopPopup(u.facilityName, [t(`routes.reason.${u.reason}`)]),
    });
  }
  if (depot) points.push(depotPoint({ id: plan.depotId, name: plan.depotName, ...depot }, t));
  return points;
}

/** One line per route with stops: depot → stops in order → depot. */
export function planLines(plan: RoutePlan, depot: { lat: number; lon: number } | null): MapLine[] {
  if (!depot) return [];
  return plan.routes.flatMap((r, i) =>
    r.stops.length === 0
      ? []
      : [
          {
            id: `route:${r.vehicleId}`,
            colour: routeColour(i),
            dashed: i >= ROUTE_COLOURS.length,
            label: `${routeLetter(i)} — ${r.name}`,
            coords: [
              [depot.lat, depot.lon] as [number, number],
              ...r.stops.map((s): [number, number] => [s.lat, s.lon]),
              [depot.lat, depot.lon],
            ],
          },
        ],
  );
}

/** "HH:MM" of seconds after midnight (past 24 h it keeps counting). */
export function clock(s: number): string {
  const m = Math.floor(s / 60);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** A duration in seconds as "2 h 05" or "35 min". */
export function duration(s: number): string {
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")}`;
}

/** The violations of one stop, and those of a route that name no stop (capacity, shift, driving time). */
export function violationsOf(plan: RoutePlan) {
  const byStop = new Map<number, RouteViolation[]>();
  const byRoute = new Map<number, RouteViolation[]>();
  for (const v of plan.violations) {
    if (v.stopId !== null) byStop.set(v.stopId, [...(byStop.get(v.stopId) ?? []), v]);
    else if (v.vehicleId !== null) byRoute.set(v.vehicleId, [...(byRoute.get(v.vehicleId) ?? []), v]);
  }
  return { byStop, byRoute };
}

/** A violation in words: the constraint and by how much it is broken. */
export function violationText(t: TFunction, v: RouteViolation, lang: string): string {
  if (v.type === "capacity") {
    const amount = formatDecimal(v.excess ?? 0, lang, 1);
    return t(v.dimension === "litres" ? "routes.violation.capacityL" : "routes.violation.capacityKg", { amount });
  }
  if (v.type === "skills") return t("routes.violation.skills");
  return t(`routes.violation.${v.type}`, { duration: duration(v.excess ?? 0) });
}

/** Share of a capacity used, in percent (0 when the capacity is 0 and nothing is loaded). */
export function sharePercent(load: number, capacity: number): number {
  if (capacity <= 0) return load > 0 ? Infinity : 0;
  return Math.round((load / capacity) * 100);
}

/** Position choices when moving a stop to a route: 1…n+1 on another route, 1…n on its own. */
export function positionsFor(route: Route, movingStop: Stop | null): number[] {
  const own = movingStop !== null && route.stops.some((s) => s.id === movingStop.id);
  const n = route.stops.length + (own ? 0 : 1);
  return Array.from({ length: n }, (_, i) => i + 1);
}
