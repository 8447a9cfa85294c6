/**
 * A dispatcher's edit of a route plan: move a stop to another route or position, then re-check the
 * whole plan on its stored matrices with the plan evaluator (shared/vrp/check) — no re-solve. ETAs,
 * loads, distances and totals are recomputed; broken constraints (capacity, time window, shift,
 * driving time, cold box) are stored and shown, and the move is kept even when it breaks some.
 * An unassigned stop can be moved into a route the same way (it becomes a routed stop with a new
 * id). A stop already delivered stays where it is. Also assigns a route's driver, and publishes (asking for a
 * confirmation when a route with stops has no driver or a constraint is broken) or un-publishes a plan.
 * Synchronous, inside the caller's transaction.
 */
import { and, asc, eq } from "drizzle-orm";
import { facilities, routePlanVehicles, routePlans, routeStops, routeUnassigned, users } from "../../db/schema";
import type { PublishWarnings, RouteMove, RoutePlanPatch, RouteViolation } from "../../shared/contracts/routePlans";
import { AppError } from "../../shared/errors";
import { evaluatePlan, type Violation } from "../../shared/vrp/check/evaluate";
import type { AuditEntry } from "../audit";
import { openingWindow, timingsOf, toProblem, type StoredMatrix } from "../routing/planProblem";
import type { Tx } from "../../db/client";
import { stopDelivered } from "./deliveries";
import { fieldError } from "../fieldError";

type PlanRow = typeof routePlans.$inferSelect;
type VehicleRow = typeof routePlanVehicles.$inferSelect;
type StopRow = typeof routeStops.$inferSelect;

/** Solver violations in API units: capacity excess in kg or litres, times in seconds. */
export function presentViolations(vs: Violation[]): RouteViolation[] {
  const out: RouteViolation[] = [];
  for (const v of vs) {
    if (v.type === "unknown_job" || v.type === "duplicate_job" || v.type === "unknown_vehicle") continue;
    const capacity = v.type === "capacity";
    out.push({
      type: v.type,
      vehicleId: v.vehicleId ?? null,
      stopId: v.jobId ?? null,
      dimension: capacity ? (v.dimension === 1 ? "litres" : "kg") : null,
      excess: v.excess === undefined ? null : capacity ? v.excess / 1000 : Math.round(v.excess),
    });
  }
  return out;
}

/** Re-times every route of the plan in the given order and stores stops, totals and violations. */
function recheck(
  tx: Tx,
  plan: PlanRow,
  vehicles: VehicleRow[],
  stops: StopRow[],
  order: Map<number, number[]>,
  now: Date,
): RouteViolation[] {
  const matrix = JSON.parse(plan.matrixJson) as StoredMatrix;
  const problem = toProblem(matrix, vehicles, stops);
  const ev = evaluatePlan(
    problem,
    vehicles.map((v) => ({ vehicleId: v.id, jobIds: order.get(v.id) ?? [] })),
  );
  let distanceM = 0,
    durationS = 0,
    costXof = 0;
  for (const route of ev.routes) {
    const { stops: timed, totals } = timingsOf(route);
    tx.update(routePlanVehicles).set(totals).where(eq(routePlanVehicles.id, route.vehicleId)).run();
    for (const { stopId, ...t } of timed)
      tx.update(routeStops)
        .set({ vehicleId: route.vehicleId, ...t })
        .where(eq(routeStops.id, stopId))
        .run();
    distanceM += totals.distanceM;
    durationS += totals.durationS;
    costXof += totals.costXof;
  }
  const violations = presentViolations(ev.violations);
  tx.update(routePlans)
    .set({
      totalDistanceM: distanceM,
      totalDurationS: durationS,
      totalCostXof: costXof,
      violationsJson: JSON.stringify(violations),
      updatedAt: now.toISOString(),
    })
    .where(eq(routePlans.id, plan.id))
    .run();
  return violations;
}

/**
 * Turns an unassigned stop of the plan into a routed stop of `move.vehicleId` (placed and timed by the
 * caller) and returns its new id. Refuses an unknown stop or vehicle, and a stop left out before solving
 * (closed this season, or insecure): its facility is not in the plan's stored matrices, so it cannot be timed.
 */
function admitUnassigned(tx: Tx, plan: PlanRow, vehicles: VehicleRow[], move: RouteMove) {
  const u = tx
    .select()
    .from(routeUnassigned)
    .where(and(eq(routeUnassigned.id, move.unassignedId!), eq(routeUnassigned.planId, plan.id)))
    .get();
  if (!u) fieldError("move.unassignedId", `unknown unassigned stop ${move.unassignedId} in route plan ${plan.id}`);
  if (!vehicles.some((v) => v.id === move.vehicleId))
    fieldError("move.vehicleId", `unknown vehicle ${move.vehicleId} in route plan ${plan.id}`);
  const matrix = JSON.parse(plan.matrixJson) as StoredMatrix;
  if (!matrix.facilityIds.includes(u.facilityId))
    fieldError("move.unassignedId", `stop ${u.id} was left out before solving (${u.reason}): plan again to include it`);
  const f = tx
    .select({ opensAt: facilities.opensAt, closesAt: facilities.closesAt })
    .from(facilities)
    .where(eq(facilities.id, u.facilityId))
    .get()!;
  const { id: _id, planId, reason: _reason, ...stop } = u;
  // Position 0 puts it first on the target route until the move places it; timings come from the re-check.
  const timing = {
    position: 0,
    arrivalS: 0,
    etaS: 0,
    waitingS: 0,
    distanceFromPrevM: 0,
    drivingFromPrevS: 0,
    loadAfterG: 0,
    loadAfterMl: 0,
  };
  const id = tx
    .insert(routeStops)
    .values({ planId, vehicleId: move.vehicleId, ...stop, ...openingWindow(f, u.serviceS), ...timing })
    .returning({ id: routeStops.id })
    .get().id;
  tx.delete(routeUnassigned).where(eq(routeUnassigned.id, u.id)).run();
  return { id, before: { unassigned: { id: u.id, facilityId: u.facilityId, reason: u.reason } } };
}

/** Moves one stop in `order` (vehicle id → stop ids in visiting order); refuses unknown ids and positions past the end. */
function applyMove(
  order: Map<number, number[]>,
  stops: StopRow[],
  move: { stopId: number; vehicleId: number; position: number },
  planId: number,
  delivered: (stopId: number) => boolean,
) {
  const stop = stops.find((s) => s.id === move.stopId);
  if (!stop) fieldError("move.stopId", `unknown stop ${move.stopId} in route plan ${planId}`);
  if (delivered(stop.id)) fieldError("move.stopId", `stop ${stop.id} was already delivered: it stays on its route`);
  const target = order.get(move.vehicleId);
  if (!target) fieldError("move.vehicleId", `unknown vehicle ${move.vehicleId} in route plan ${planId}`);
  const from = order.get(stop.vehicleId)!;
  from.splice(from.indexOf(stop.id), 1);
  if (move.position > target.length + 1) fieldError("move.position", `must be between 1 and ${target.length + 1}`);
  target.splice(move.position - 1, 0, stop.id);
  return {
    from: { vehicleId: stop.vehicleId, position: stop.position },
    to: { vehicleId: move.vehicleId, position: move.position },
  };
}

/**
 * Sets (or removes) a route's driver: a user with the driver role attached to the plan's depot. Returns the
 * driver before. Refused on a route that already has a delivery recorded by its driver.
 */
function assignDriver(tx: Tx, plan: PlanRow, a: { vehicleId: number; driverUserId: number | null }) {
  const vehicle = tx
    .select()
    .from(routePlanVehicles)
    .where(and(eq(routePlanVehicles.id, a.vehicleId), eq(routePlanVehicles.planId, plan.id)))
    .get();
  if (!vehicle) fieldError("driver.vehicleId", `unknown vehicle ${a.vehicleId} in route plan ${plan.id}`);
  if (a.driverUserId !== null) {
    const driver = tx
      .select({ depotId: users.scopeFacilityId })
      .from(users)
      .where(and(eq(users.id, a.driverUserId), eq(users.role, "driver"), eq(users.active, true)))
      .get();
    if (!driver) fieldError("driver.driverUserId", `unknown driver ${a.driverUserId}`);
    if (driver.depotId !== plan.depotId)
      fieldError("driver.driverUserId", `driver ${a.driverUserId} is not attached to depot ${plan.depotId}`);
  }
  const stopIds = tx.select({ id: routeStops.id }).from(routeStops).where(eq(routeStops.vehicleId, vehicle.id)).all();
  if (stopIds.some((s) => stopDelivered(tx, s.id)))
    throw new AppError("conflict", `Route ${vehicle.id} already has deliveries recorded: its driver stays`);
  tx.update(routePlanVehicles).set({ driverUserId: a.driverUserId }).where(eq(routePlanVehicles.id, vehicle.id)).run();
  return { vehicleId: vehicle.id, driverUserId: vehicle.driverUserId };
}

/** Why publishing the plan needs a confirmation: routes with stops and no driver, and the broken constraints. */
export function publishWarnings(tx: Tx, planId: number): PublishWarnings {
  const plan = tx.select().from(routePlans).where(eq(routePlans.id, planId)).get()!;
  const vehicles = tx.select().from(routePlanVehicles).where(eq(routePlanVehicles.planId, planId)).all();
  const withStops = new Set(
    tx
      .select({ vehicleId: routeStops.vehicleId })
      .from(routeStops)
      .where(eq(routeStops.planId, planId))
      .all()
      .map((s) => s.vehicleId),
  );
  return {
    withoutDriver: vehicles
      .filter((v) => v.driverUserId === null && withStops.has(v.id))
      .map((v) => v.id)
      .sort((x, y) => x - y),
    violations: JSON.parse(plan.violationsJson) as RouteViolation[],
  };
}

/** Applies a PATCH to a plan; returns the audit entry of the change. */
export function editRoutePlan(tx: Tx, planId: number, patch: RoutePlanPatch, now: Date): AuditEntry {
  const plan = tx.select().from(routePlans).where(eq(routePlans.id, planId)).get();
  if (!plan) throw new AppError("not_found", `Unknown route plan ${planId}`);
  const before: Record<string, unknown> = { status: plan.status };
  const after: Record<string, unknown> = {};
  if (patch.move) {
    const vehicles = tx
      .select()
      .from(routePlanVehicles)
      .where(eq(routePlanVehicles.planId, planId))
      .orderBy(asc(routePlanVehicles.id))
      .all();
    const admitted = patch.move.unassignedId === undefined ? null : admitUnassigned(tx, plan, vehicles, patch.move);
    const stopId = admitted?.id ?? patch.move.stopId!;
    const stops = tx
      .select()
      .from(routeStops)
      .where(eq(routeStops.planId, planId))
      .orderBy(asc(routeStops.vehicleId), asc(routeStops.position))
      .all();
    const order = new Map(vehicles.map((v) => [v.id, stops.filter((s) => s.vehicleId === v.id).map((s) => s.id)]));
    const moved = applyMove(order, stops, { ...patch.move, stopId }, planId, (id) => stopDelivered(tx, id));
    Object.assign(before, admitted ? admitted.before : { stop: { id: stopId, ...moved.from } });
    before.violations = JSON.parse(plan.violationsJson);
    after.stop = { id: stopId, ...moved.to };
    after.violations = recheck(tx, plan, vehicles, stops, order, now);
  }
  if (patch.driver) {
    Object.assign(before, { driver: assignDriver(tx, plan, patch.driver) });
    after.driver = patch.driver;
  }
  if (patch.status === "published" && plan.status !== "published" && !patch.confirm) {
    const warnings = publishWarnings(tx, planId);
    if (warnings.withoutDriver.length > 0 || warnings.violations.length > 0)
      throw new AppError(
        "publish_needs_confirmation",
        "Routes without a driver or broken constraints: publish with confirm: true",
        warnings,
      );
  }
  if (patch.status) {
    tx.update(routePlans)
      .set({ status: patch.status, updatedAt: now.toISOString() })
      .where(eq(routePlans.id, planId))
      .run();
    after.status = patch.status;
  }
  return {
    action: patch.move ? "route_plan.move" : patch.driver ? "route_plan.driver" : "route_plan.status",
    objectType: "route_plan",
    objectId: String(planId),
    before,
    after,
  };
}
