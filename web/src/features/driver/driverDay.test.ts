import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import type { RoutePlan, RoutePlanSummary } from "@shared/contracts/routePlans";
import { ROUTE_COLOURS } from "../../lib/routePlan/routeView";
import {
  dayMap,
  dayRoutes,
  departureS,
  formatDay,
  freshness,
  maliToday,
  pageCovers,
  parseDay,
  plansOn,
  returnS,
  shiftDay,
  upcomingDays,
} from "./driverDay";

const t = ((key: string) => key) as unknown as TFunction;
const summary = (id: number, date: string, stops = 3) =>
  ({ id, date, totals: { stops } }) as unknown as RoutePlanSummary;
const stop = (id: number, position: number, arrivalS: number, drivingFromPrevS: number) => ({
  id,
  position,
  facilityId: `f${id}`,
  facilityName: `CSCom ${id}`,
  lat: 12 + id / 100,
  lon: -8,
  arrivalS,
  drivingFromPrevS,
  etaS: arrivalS,
});
const route = (vehicleId: number, stops: ReturnType<typeof stop>[], durationS = 20_000) => ({
  vehicleId,
  name: `V${vehicleId}`,
  shiftStart: "07:30",
  durationS,
  stops,
});
const plan = (id: number, depotId: string, routes: ReturnType<typeof route>[]) =>
  ({ id, depotId, depotName: depotId, routes, unassigned: [] }) as unknown as RoutePlan;

describe("the driver's day", () => {
  it("takes today's date in Mali time (UTC) and moves across months", () => {
    expect(maliToday(new Date("2026-11-22T23:59:00Z"))).toBe("2026-11-22");
    expect(maliToday(new Date("2026-11-23T00:01:00+01:00"))).toBe("2026-11-22");
    expect(shiftDay("2026-11-30", 1)).toBe("2026-12-01");
    expect(shiftDay("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("reads a day from the address bar only when it is a real date, and writes it in words", () => {
    expect(parseDay("2026-11-22")).toBe("2026-11-22");
    expect([
      parseDay(null),
      parseDay(""),
      parseDay("2026-02-30"),
      parseDay("22/11/2026"),
      parseDay("2026-11-22T10:00"),
    ]).toEqual([null, null, null, null, null]);
    expect(formatDay("2026-11-22", "fr")).toBe("dimanche 22 novembre 2026");
    expect(formatDay("2026-11-22", "en")).toBe("Sunday, 22 November 2026");
  });

  it("finds the plans of a day and the next days with a route, soonest first", () => {
    const items = [
      summary(9, "2026-12-02", 4),
      summary(8, "2026-11-28"),
      summary(7, "2026-11-28", 2),
      summary(5, "2026-11-22"),
      summary(4, "2026-11-20"),
    ];
    expect(plansOn(items, "2026-11-28")).toEqual([7, 8]);
    expect(plansOn(items, "2026-11-23")).toEqual([]);
    expect(upcomingDays(items, "2026-11-22")).toEqual([
      { date: "2026-11-28", stops: 5 },
      { date: "2026-12-02", stops: 4 },
    ]);
    expect(upcomingDays(items, "2026-11-22", 1)).toEqual([{ date: "2026-11-28", stops: 5 }]);
    expect(upcomingDays(items, "2026-12-02")).toEqual([]);
  });

  it("knows when a page of plans (newest first) does not reach back to a day", () => {
    const items = [summary(9, "2026-12-02"), summary(8, "2026-11-28")];
    expect(pageCovers({ items, total: 2 }, "2025-01-01")).toBe(true);
    expect(pageCovers({ items, total: 40 }, "2026-11-29")).toBe(true);
    // Other plans of the oldest date shown may be on the next page.
    expect(pageCovers({ items, total: 40 }, "2026-11-28")).toBe(false);
    expect(pageCovers({ items: [], total: 0 }, "2026-11-28")).toBe(true);
  });

  it("orders the day's routes by departure across plans, with departure and return times", () => {
    const late = route(20, [stop(3, 1, 40_000, 1_800)]);
    const early = route(10, [stop(1, 1, 29_000, 1_000), stop(2, 2, 31_000, 600)], 18_000);
    const idle = route(11, []);
    const day = dayRoutes([plan(2, "kati", [late]), plan(1, "kati", [early, idle])]);
    expect(day.map((d) => [d.route.vehicleId, d.plan.id, d.index])).toEqual([
      [11, 1, 0],
      [10, 1, 1],
      [20, 2, 2],
    ]);
    expect(departureS(early as never)).toBe(28_000);
    expect(returnS(early as never)).toBe(46_000);
    expect(departureS(idle as never)).toBe(7.5 * 3600);
  });

  it("draws each route from its own depot in its screen colour, numbered stops, and each known depot", () => {
    const a = route(10, [stop(1, 1, 29_000, 1_000), stop(2, 2, 31_000, 600)]);
    const b = route(20, [stop(3, 1, 40_000, 1_800)]);
    const day = dayRoutes([plan(1, "kati", [a]), plan(2, "koulikoro", [b])]);
    const { points, lines } = dayMap(day, new Map([["kati", { lat: 12.7, lon: -8.1 }]]), t);
    expect(points.map((p) => [p.id, p.badge, p.colour])).toEqual([
      ["stop:1", "1", ROUTE_COLOURS[0]],
      ["stop:2", "2", ROUTE_COLOURS[0]],
      ["depot:kati", "D", "#e65100"],
      ["stop:3", "1", ROUTE_COLOURS[1]],
    ]);
    // The second depot's place is unknown (never loaded online): its route draws no line, its stops still show.
    expect(lines.map((l) => [l.id, l.colour, l.coords.length])).toEqual([["route:10", ROUTE_COLOURS[0], 4]]);
    expect(dayMap([], new Map(), t)).toEqual({ points: [], lines: [] });
  });

  it("says the data is live online, else gives the time of the oldest cached answer or the last sync", () => {
    const live = { fromCache: false, servedAt: "2026-11-22T08:00:00.000Z" };
    const cachedOld = { fromCache: true, servedAt: "2026-11-22T06:10:00.000Z" };
    const cachedNew = { fromCache: true, servedAt: "2026-11-22T07:00:00.000Z" };
    expect(freshness(true, [live], "2026-11-22T08:00:00.000Z")).toEqual({ offline: false, asOf: null });
    expect(freshness(true, [live, cachedNew, cachedOld], null)).toEqual({
      offline: true,
      asOf: "2026-11-22T06:10:00.000Z",
    });
    expect(freshness(false, [], "2026-11-21T18:00:00.000Z")).toEqual({
      offline: true,
      asOf: "2026-11-21T18:00:00.000Z",
    });
    expect(freshness(false, [{ fromCache: true, servedAt: null }], null)).toEqual({ offline: true, asOf: null });
  });
});
