/**
 * Creating a route plan, in two steps around the (asynchronous) solve: `prepareRoutePlan` reads the
 * facilities and drivers, refuses invalid references with their field paths, leaves out the stops
 * closed this season or insecure, and builds the matrices and the solver problem; after the solve,
 * `insertRoutePlan` writes the plan, its vehicles, ordered stops and unassigned stops in the
 * caller's transaction (synchronous, no await).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  depotVehicles,
  facilities,
  routePlanVehicles,
  routePlans,
  routeStops,
  routeUnassigned,
  users,
} from "../../db/schema";
import { clockToS, type RoutePlanCreate } from "../../shared/contracts/routePlans";
import { AppError, type FieldIssue } from "../../shared/errors";
import type { Problem, Solution } from "../../shared/vrp/model";
import {
  exclusionOf,
  openingWindow,
  planMatrices,
  timingsOf,
  toProblem,
  type StopSpec,
  type StoredMatrix,
  type VehicleSpec,
} from "../routing/planProblem";
import { seasonOf, type RoadModel, type Season } from "../routing/roadModel";
import type { Tx } from "../../db/client";
import { shipmentStops, type OrderStop } from "../queries/shipmentStops";

/** Facility levels that dispatch deliveries. */
const DEPOT_LEVELS = new Set(["central", "regional", "district"]);
/** Service time of a stop made from orders, minutes (as an explicit stop's default). */
const ORDER_STOP_SERVICE_MIN = 20;

/** A vehicle as requested, in solver units (id = index in the request). */
export type PlannedVehicle = VehicleSpec & {
  name: string;
  driverUserId: number | null;
  fleetVehicleId: number | null;
  plate: string | null;
};
/** A stop as requested (explicit stops first, then one per facility of the orders, an explicit stop there merged in), in solver units (id = index). */
export type PlannedStop = StopSpec & {
  shipmentId: string | null;
  insecure: boolean;
  /** JSON array of order ids, null for an explicit stop */ orderIds: string | null;
};

/** Everything needed to solve a plan and then store it. */
export interface PreparedPlan {
  input: RoutePlanCreate;
  season: Season;
  vehicles: PlannedVehicle[];
  stops: PlannedStop[];
  /** Stops left out before solving, by index */
  excluded: Map<number, "season_closed" | "insecure">;
  matrix: StoredMatrix;
  provider: string;
  /** The stops that are not excluded, for the solver */
  problem: Problem;
}

type FacilityRow = typeof facilities.$inferSelect;

/** Loads the facilities and drivers the request names; every unknown one (and every refused order) is a field error. */
function loadRefs(db: Db, input: RoutePlanCreate, orders: { stops: OrderStop[]; issues: FieldIssue[] }) {
  const ids = [
    ...new Set([input.depotId, ...input.stops.map((s) => s.facilityId), ...orders.stops.map((s) => s.facilityId)]),
  ];
  const rows = new Map(
    db
      .select()
      .from(facilities)
      .where(and(inArray(facilities.id, ids), eq(facilities.active, true)))
      .all()
      .map((f) => [f.id, f]),
  );
  const driverIds = input.vehicles.flatMap((v) => (v.driverUserId === undefined ? [] : [v.driverUserId]));
  const drivers = new Map(
    driverIds.length === 0
      ? []
      : db
          .select({ id: users.id, depotId: users.scopeFacilityId })
          .from(users)
          .where(and(inArray(users.id, driverIds), eq(users.role, "driver"), eq(users.active, true)))
          .all()
          .map((u) => [u.id, u.depotId]),
  );
  const fleetIds = input.vehicles.flatMap((v) => (v.fleetVehicleId === undefined ? [] : [v.fleetVehicleId]));
  const fleet = new Map(
    db
      .select()
      .from(depotVehicles)
      .where(and(inArray(depotVehicles.id, [...fleetIds, -1]), eq(depotVehicles.depotId, input.depotId)))
      .all()
      .map((v) => [v.id, v]),
  );
  const issues: FieldIssue[] = [];
  const depot = rows.get(input.depotId);
  if (depot && !DEPOT_LEVELS.has(depot.level))
    issues.push({ path: "depotId", message: `facility ${depot.id} is a ${depot.level}, not a depot` });
  input.stops.forEach((s, i) => {
    if (!rows.has(s.facilityId))
      issues.push({ path: `stops.${i}.facilityId`, message: `unknown facility ${s.facilityId}` });
    else if (s.facilityId === input.depotId)
      issues.push({ path: `stops.${i}.facilityId`, message: "the depot cannot be a stop of its own plan" });
  });
  issues.push(...orders.issues);
  for (const s of orders.stops)
    if (!rows.has(s.facilityId))
      issues.push({ path: s.path, message: `facility ${s.facilityId} of order ${s.orderIds[0]} is not active` });
  input.vehicles.forEach((v, i) => {
    if (v.driverUserId !== undefined && !drivers.has(v.driverUserId))
      issues.push({ path: `vehicles.${i}.driverUserId`, message: `unknown driver ${v.driverUserId}` });
    else if (v.driverUserId !== undefined && drivers.get(v.driverUserId) !== input.depotId)
      issues.push({
        path: `vehicles.${i}.driverUserId`,
        message: `driver ${v.driverUserId} is not attached to depot ${input.depotId}`,
      });
    if (v.fleetVehicleId !== undefined && !fleet.has(v.fleetVehicleId))
      issues.push({
        path: `vehicles.${i}.fleetVehicleId`,
        message: `unknown vehicle ${v.fleetVehicleId} of this depot`,
      });
  });
  if (!depot) issues.unshift({ path: "depotId", message: `unknown facility ${input.depotId}` });
  if (issues.length)
    throw new AppError("validation_failed", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  return { depot: depot!, rows, fleet };
}

/** Vehicles in solver units; the shift defaults to the depot's opening hours. */
function vehicleSpecs(
  input: RoutePlanCreate,
  depot: FacilityRow,
  fleet: Map<number, { plate: string }>,
): PlannedVehicle[] {
  const issues: FieldIssue[] = [];
  const out = input.vehicles.map((v, i) => {
    const shiftStartS = clockToS(v.shiftStart ?? depot.opensAt);
    const shiftEndS = clockToS(v.shiftEnd ?? depot.closesAt);
    if (shiftEndS <= shiftStartS)
      issues.push({ path: `vehicles.${i}.shiftEnd`, message: "shift must end after it starts" });
    return {
      id: i,
      name: v.name,
      capacityKg: v.capacityKg,
      capacityL: v.capacityL,
      coldBox: v.coldBox,
      shiftStartS,
      shiftEndS,
      maxDrivingS: v.maxDrivingMin === undefined ? null : v.maxDrivingMin * 60,
      costPerKmXof: v.costPerKmXof,
      fixedCostXof: v.fixedCostXof,
      driverUserId: v.driverUserId ?? null,
      fleetVehicleId: v.fleetVehicleId ?? null,
      plate: v.fleetVehicleId === undefined ? null : (fleet.get(v.fleetVehicleId)?.plate ?? null),
    };
  });
  if (issues.length)
    throw new AppError("validation_failed", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  return out;
}

/** Reads, validates and builds the solver problem of a new plan (no write). */
export function prepareRoutePlan(db: Db, input: RoutePlanCreate, roadModel: RoadModel): PreparedPlan {
  const orders = shipmentStops(db, input);
  const { depot, rows, fleet } = loadRefs(db, input, orders);
  const season = seasonOf(
    input.date,
    input.rainySeason === undefined ? undefined : input.rainySeason ? "rainy" : "dry",
  );
  const vehicles = vehicleSpecs(input, depot, fleet);
  const explicit = input.stops.map((s) => ({
    facilityId: s.facilityId,
    shipmentId: s.shipmentId ?? null,
    orderIds: null,
    loadG: Math.round(s.loadKg * 1000),
    loadMl: Math.round(s.loadL * 1000),
    coldChain: s.coldChain,
    serviceS: s.serviceMin * 60,
  }));
  const fromOrders = orders.stops.map((s) => ({
    facilityId: s.facilityId,
    shipmentId: null as string | null,
    orderIds: JSON.stringify(s.orderIds),
    loadG: s.loadG,
    loadMl: s.loadMl,
    coldChain: s.coldChain,
    serviceS: ORDER_STOP_SERVICE_MIN * 60,
  }));
  // An explicit stop at a facility that also receives orders is the same visit: one stop carrying both loads.
  const orderStopAt = new Map(fromOrders.map((s) => [s.facilityId, s]));
  const separate = explicit.filter((e) => {
    const o = orderStopAt.get(e.facilityId);
    if (!o) return true;
    Object.assign(o, {
      shipmentId: e.shipmentId,
      loadG: o.loadG + e.loadG,
      loadMl: o.loadMl + e.loadMl,
      coldChain: o.coldChain || e.coldChain,
      serviceS: Math.max(o.serviceS, e.serviceS),
    });
    return false;
  });
  const stops: PlannedStop[] = [...separate, ...fromOrders].map((s, i) => {
    const f = rows.get(s.facilityId)!;
    return { id: i, ...s, ...openingWindow(f, s.serviceS), insecure: f.insecure };
  });
  const excluded = new Map<number, "season_closed" | "insecure">();
  stops.forEach((s, i) => {
    const why = exclusionOf(rows.get(s.facilityId)!, season, input);
    if (why) excluded.set(i, why);
  });
  const active = stops.filter((_, i) => !excluded.has(i));
  const { provider, ...matrix } = planMatrices(
    roadModel,
    depot,
    active.map((s) => rows.get(s.facilityId)!),
    season,
  );
  return { input, season, vehicles, stops, excluded, matrix, provider, problem: toProblem(matrix, vehicles, active) };
}

/** Writes a solved plan; returns its id. Runs inside the caller's transaction. */
export function insertRoutePlan(
  tx: Tx,
  prep: PreparedPlan,
  solution: Solution,
  ctx: { now: Date; userId: number | null },
): number {
  const at = ctx.now.toISOString();
  const sum = (f: (r: Solution["routes"][number]) => number) =>
    Math.round(solution.routes.reduce((s, r) => s + f(r), 0));
  const planId = tx
    .insert(routePlans)
    .values({
      depotId: prep.input.depotId,
      date: prep.input.date,
      rainySeason: prep.season === "rainy",
      convoy: prep.input.convoy,
      excludeInsecure: prep.input.excludeInsecure,
      status: "draft",
      roadModel: prep.provider,
      matrixJson: JSON.stringify(prep.matrix),
      violationsJson: "[]",
      totalDistanceM: sum((r) => r.distanceM),
      totalDurationS: sum((r) => r.durationS),
      totalCostXof: sum((r) => r.cost),
      createdBy: ctx.userId,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: routePlans.id })
    .get().id;
  const routeOf = new Map(solution.routes.map((r) => [r.vehicleId, timingsOf(r)]));
  const vehicleIds = prep.vehicles.map((v) => {
    const totals = routeOf.get(v.id)?.totals;
    const { id: _index, ...row } = v;
    return tx
      .insert(routePlanVehicles)
      .values({ planId, ...row, ...totals })
      .returning({ id: routePlanVehicles.id })
      .get().id;
  });
  for (const [index, timed] of routeOf) {
    for (const t of timed.stops) {
      const { id: _index, ...s } = prep.stops[t.stopId]!;
      const { stopId: _stop, ...timing } = t;
      tx.insert(routeStops)
        .values({ planId, vehicleId: vehicleIds[index]!, ...s, ...timing })
        .run();
    }
  }
  const unassigned = [
    ...[...prep.excluded].map(([i, reason]) => ({ i, reason })),
    ...solution.unassigned.map((u) => ({ i: u.jobId, reason: u.reason })),
  ];
  for (const { i, reason } of unassigned.sort((a, b) => a.i - b.i)) {
    const s = prep.stops[i]!;
    tx.insert(routeUnassigned)
      .values({
        planId,
        facilityId: s.facilityId,
        shipmentId: s.shipmentId,
        orderIds: s.orderIds,
        loadG: s.loadG,
        loadMl: s.loadMl,
        coldChain: s.coldChain,
        serviceS: s.serviceS,
        insecure: s.insecure,
        reason,
      })
      .run();
  }
  return planId;
}
