import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import type { RoutePlan } from "@shared/contracts/routePlans";
import {
  duration,
  planLines,
  planPoints,
  positionsFor,
  ROUTE_COLOURS,
  routeLetter,
  violationsOf,
  violationText,
} from "./routeView";

const t = ((key: string, o?: Record<string, unknown>) => `${key}${o ? JSON.stringify(o) : ""}`) as unknown as TFunction;
const stop = (id: number, position: number) => ({
  id,
  position,
  facilityId: `f${id}`,
  facilityName: `CSCom ${id}`,
  lat: 12 + id / 100,
  lon: -8,
  etaS: 30_000 + id * 600,
});
const plan = {
  id: 1,
  depotId: "kati",
  depotName: "Kati",
  routes: [
    { vehicleId: 10, name: "Camion", stops: [stop(1, 1), stop(2, 2)] },
    { vehicleId: 11, name: "Pick-up", stops: [] },
  ],
  unassigned: [{ id: 5, facilityId: "f5", facilityName: "CSCom 5", lat: 13, lon: -7, reason: "capacity" }],
  violations: [
    { type: "capacity", vehicleId: 10, stopId: null, dimension: "kg", excess: 12.5 },
    { type: "time_window", vehicleId: 10, stopId: 2, dimension: null, excess: 1500 },
  ],
} as unknown as RoutePlan;

describe("route view models", () => {
  it("names routes with letters and colour-blind-safe colours", () => {
    expect([0, 1, 25, 26, 27].map(routeLetter)).toEqual(["A", "B", "Z", "AA", "AB"]);
    expect(new Set(ROUTE_COLOURS).size).toBe(8);
  });

  it("numbers routed stops in their route's colour, marks unassigned ones, and adds the depot", () => {
    const points = planPoints(plan, { lat: 12.7, lon: -8.1 }, t);
    expect(points.map((p) => [p.id, p.badge, p.colour])).toEqual([
      ["stop:1", "1", ROUTE_COLOURS[0]],
      ["stop:2", "2", ROUTE_COLOURS[0]],
      ["unassigned:5", "!", "#6b7a8a"],
      ["depot:kati", "D", "#e65100"],
    ]);
  });

  it("draws one closed line per route with stops: depot, stops in order, depot", () => {
    const lines = planLines(plan, { lat: 12.7, lon: -8.1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.coords).toEqual([
      [12.7, -8.1],
      [12.01, -8],
      [12.02, -8],
      [12.7, -8.1],
    ]);
    expect(planLines(plan, null)).toEqual([]);
  });

  it("sorts violations onto their stop or their route, and says them with the excess", () => {
    const { byStop, byRoute } = violationsOf(plan);
    expect(byStop.get(2)!.map((v) => v.type)).toEqual(["time_window"]);
    expect(byRoute.get(10)!.map((v) => v.type)).toEqual(["capacity"]);
    expect(violationText(t, plan.violations[0]!, "fr")).toBe('routes.violation.capacityKg{"amount":"12,5"}');
    expect(violationText(t, plan.violations[1]!, "fr")).toBe('routes.violation.time_window{"duration":"25 min"}');
    expect(duration(3900)).toBe("1 h 05");
  });

  it("offers positions 1…n+1 on another route and 1…n on the stop's own", () => {
    const moving = plan.routes[0]!.stops[0]!;
    expect(positionsFor(plan.routes[0]!, moving)).toEqual([1, 2]);
    expect(positionsFor(plan.routes[1]!, moving)).toEqual([1]);
    expect(positionsFor(plan.routes[0]!, null)).toEqual([1, 2, 3]);
  });
});
