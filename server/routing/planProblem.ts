/**
 * From a route plan (depot, vehicles, stops) to the solver's Problem and back. Used twice: to solve
 * a new plan (ids = indices of the request) and to re-check an edited one (ids = database ids), on
 * the same stored matrices. Index 0 of the matrices is the depot; every route starts and ends there.
 */
import { clockToS } from "../../shared/contracts/routePlans";
import type { Job, Problem, Route, Vehicle } from "../../shared/vrp/model";
import { isClosed, type RoadModel, type RoadPoint, type Season } from "./roadModel";

/** Skill a cold-chain stop needs and a vehicle with a cold box has. */
export const COLD_BOX_SKILL = 1;

/** What planning needs of a facility row. */
export interface PlanFacility {
  id: string;
  level: RoadPoint["level"];
  lat: number;
  lon: number;
  opensAt: string;
  closesAt: string;
  rainySeasonAccess: RoadPoint["access"];
  insecure: boolean;
}

/** A vehicle in solver units. */
export interface VehicleSpec {
  id: number;
  capacityKg: number;
  capacityL: number;
  coldBox: boolean;
  shiftStartS: number;
  shiftEndS: number;
  maxDrivingS: number | null;
  costPerKmXof: number;
  fixedCostXof: number;
}

/** A stop in solver units; the window bounds the start of service. */
export interface StopSpec {
  id: number;
  facilityId: string;
  loadG: number;
  loadMl: number;
  coldChain: boolean;
  serviceS: number;
  windowStartS: number;
  windowEndS: number;
}

/** The matrices a plan is solved and re-checked with (row-major over facilityIds; index 0 = depot). */
export interface StoredMatrix {
  facilityIds: string[];
  durationsS: number[];
  distancesM: number[];
}

/** Service-start window from opening hours: open until closing time less the service (so it ends before closing). */
export function openingWindow(
  f: Pick<PlanFacility, "opensAt" | "closesAt">,
  serviceS: number,
): { windowStartS: number; windowEndS: number } {
  const start = clockToS(f.opensAt);
  return { windowStartS: start, windowEndS: Math.max(start, clockToS(f.closesAt) - serviceS) };
}

/** Why a stop is left out before solving, if it is: closed this season, or insecure on a non-convoy day. */
export function exclusionOf(
  f: PlanFacility,
  season: Season,
  o: { convoy: boolean; excludeInsecure: boolean },
): "season_closed" | "insecure" | null {
  if (isClosed({ ...f, access: f.rainySeasonAccess }, season)) return "season_closed";
  if (f.insecure && o.excludeInsecure && !o.convoy) return "insecure";
  return null;
}

/**
 * Matrices over the depot and the distinct facilities of the stops, with the road model of the app.
 * A depot is never closed to its own trucks: a "closed" rainy-season flag on it counts as "slow".
 */
export function planMatrices(
  model: RoadModel,
  depot: PlanFacility,
  stopFacilities: PlanFacility[],
  season: Season,
): StoredMatrix & { provider: string } {
  const seen = new Map<string, PlanFacility>([
    [depot.id, depot.rainySeasonAccess === "closed" ? { ...depot, rainySeasonAccess: "slow" } : depot],
  ]);
  for (const f of stopFacilities) if (!seen.has(f.id)) seen.set(f.id, f);
  const list = [...seen.values()];
  const m = model.matrices(
    list.map((f) => ({ lat: f.lat, lon: f.lon, level: f.level, access: f.rainySeasonAccess })),
    season,
  );
  return {
    facilityIds: list.map((f) => f.id),
    durationsS: Array.from(m.durationsS),
    distancesM: Array.from(m.distancesM),
    provider: m.provider,
  };
}

/** The solver's Problem: loads as [grams, millilitres], cost in FCFA per metre (or per second when no km cost is set). */
export function toProblem(matrix: StoredMatrix, vehicles: VehicleSpec[], stops: StopSpec[]): Problem {
  const index = new Map(matrix.facilityIds.map((id, i) => [id, i]));
  const jobs: Job[] = stops.map((s) => ({
    id: s.id,
    location: index.get(s.facilityId)!,
    delivery: [s.loadG, s.loadMl],
    serviceS: s.serviceS,
    timeWindows: [{ startS: s.windowStartS, endS: s.windowEndS }],
    skills: s.coldChain ? [COLD_BOX_SKILL] : [],
    priority: 0,
  }));
  const vs: Vehicle[] = vehicles.map((v) => ({
    id: v.id,
    start: 0,
    end: 0,
    capacity: [v.capacityKg * 1000, v.capacityL * 1000],
    shift: { startS: v.shiftStartS, endS: v.shiftEndS },
    skills: v.coldBox ? [COLD_BOX_SKILL] : [],
    ...(v.maxDrivingS === null ? {} : { maxTravelTimeS: v.maxDrivingS }),
    fixedCost: v.fixedCostXof,
    costPerDistanceM: v.costPerKmXof / 1000,
    costPerDurationS: v.costPerKmXof === 0 ? 1 : 0,
  }));
  const size = matrix.facilityIds.length;
  return {
    jobs,
    vehicles: vs,
    matrix: { size, durationsS: Int32Array.from(matrix.durationsS), distancesM: Int32Array.from(matrix.distancesM) },
  };
}

/** Timing and load of one stop on a timed route. */
export interface StopTiming {
  stopId: number;
  position: number;
  arrivalS: number;
  etaS: number;
  waitingS: number;
  distanceFromPrevM: number;
  drivingFromPrevS: number;
  loadAfterG: number;
  loadAfterMl: number;
}

/** Totals of one vehicle's route. */
export interface RouteTotals {
  distanceM: number;
  drivingS: number;
  durationS: number;
  loadG: number;
  loadMl: number;
  costXof: number;
}

/** Per-stop timings and route totals of a solver (or evaluator) route. */
export function timingsOf(route: Route): { stops: StopTiming[]; totals: RouteTotals } {
  const stops: StopTiming[] = [];
  let prev = route.steps[0];
  for (const step of route.steps) {
    if (step.type !== "job") continue;
    stops.push({
      stopId: step.jobId!,
      position: stops.length + 1,
      arrivalS: Math.round(step.arrivalS),
      etaS: Math.round(step.serviceStartS),
      waitingS: Math.round(step.waitingS),
      distanceFromPrevM: Math.round(step.distanceM - (prev?.distanceM ?? 0)),
      drivingFromPrevS: Math.round(step.durationS - (prev?.durationS ?? 0)),
      loadAfterG: step.load[0] ?? 0,
      loadAfterMl: step.load[1] ?? 0,
    });
    prev = step;
  }
  const totals = {
    distanceM: Math.round(route.distanceM),
    drivingS: Math.round(route.travelS),
    durationS: Math.round(route.durationS),
    loadG: route.delivery[0] ?? 0,
    loadMl: route.delivery[1] ?? 0,
    costXof: Math.round(route.cost),
  };
  return { stops, totals };
}
