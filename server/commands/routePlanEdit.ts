/**
 * A dispatcher's edit of a route plan: move a stop to another route or position, then re-check the
 * whole plan on its stored matrices with the plan evaluator (shared/vrp/check) — no re-solve. ETAs,
 * loads, distances and totals are recomputed; broken constraints (capacity, time window, shift,
 * driving time, cold box) are stored and shown, and the move is kept even when it breaks some.
 * Also publishes or un-publishes a plan. Synchronous, inside the caller's transaction.
 */
import { asc, eq } from "drizzle-orm";
import { routePlanVehicles, routePlans, routeStops } from "../../db/schema";
import type { RoutePlanPatch, RouteViolation } from "../../shared/contracts/routePlans";
import { AppError } from "../../shared/errors";
import { evaluatePlan, type Violation } from "../../shared/vrp/check/evaluate";
import type { AuditEntry } from "../audit";
import { timingsOf, toProblem, type StoredMatrix } from "../routing/planProblem";
import type { Tx } from "./idempotency";
import { fieldError } from "./stockRefs";

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
function recheck(tx: Tx, plan: PlanRow, vehicles: VehicleRow[], stops: StopRow[], order: Map<number, number[]>, now: Date): RouteViolation[] {
  const matrix = JSON.parse(plan.matrixJson) as StoredMatrix;
  const problem = toProblem(matrix, vehicles, stops);
  const ev = evaluatePlan(problem, vehicles.map((v) => ({ vehicleId: v.id, jobIds: order.get(v.id) ?? [] })));
  let distanceM = 0, durationS = 0, costXof = 0;
  for (const route of ev.routes) {
    const { stops: timed, totals } = timingsOf(route);
    tx.update(routePlanVehicles).set(totals).where(eq(routePlanVehicles.id, route.vehicleId)).run();
    for (const { stopId, ...t } of timed) tx.update(routeStops).set({ vehicleId: route.vehicleId, ...t }).where(eq(routeStops.id, stopId)).run();
    distanceM += totals.distanceM;
    durationS += totals.durationS;
    costXof += totals.costXof;
  }
  const violations = presentViolations(ev.violations);
  tx.update(routePlans)
    .set({ totalDistanceM: distanceM, totalDurationS: durationS, totalCostXof: costXof, violationsJson: JSON.stringify(violations), updatedAt: now.toISOString() })
    .where(eq(routePlans.id, plan.id))
    .run();
  return violations;
}

/** Moves one stop in `order` (vehicle id → stop ids in visiting order); refuses unknown ids and positions past the end. */
function applyMove(order: Map<number, number[]>, stops: StopRow[], move: NonNullable<RoutePlanPatch["move"]>, planId: number) {
  const stop = stops.find((s) => s.id === move.stopId);
  if (!stop) fieldError("move.stopId", `unknown stop ${move.stopId} in route plan ${planId}`);
  const target = order.get(move.vehicleId);
  if (!target) fieldError("move.vehicleId", `unknown vehicle ${move.vehicleId} in route plan ${planId}`);
  const from = order.get(stop.vehicleId)!;
  from.splice(from.indexOf(stop.id), 1);
  if (move.position > target.length + 1) fieldError("move.position", `must be between 1 and ${target.length + 1}`);
  target.splice(move.position - 1, 0, stop.id);
  return { from: { vehicleId: stop.vehicleId, position: stop.position }, to: { vehicleId: move.vehicleId, position: move.position } };
}

/** Applies a PATCH to a plan; returns the audit entry of the change. */
export function editRoutePlan(tx: Tx, planId: number, patch: RoutePlanPatch, now: Date): AuditEntry {
  const plan = tx.select().from(routePlans).where(eq(routePlans.id, planId)).get();
  if (!plan) throw new AppError("not_found", `Unknown route plan ${planId}`);
  const before: Record<string, unknown> = { status: plan.status };
  const after: Record<string, unknown> = {};
  if (patch.move) {
    const vehicles = tx.select().from(routePlanVehicles).where(eq(routePlanVehicles.planId, planId)).orderBy(asc(routePlanVehicles.id)).all();
    const stops = tx.select().from(routeStops).where(eq(routeStops.planId, planId)).orderBy(asc(routeStops.vehicleId), asc(routeStops.position)).all();
    const order = new Map(vehicles.map((v) => [v.id, stops.filter((s) => s.vehicleId === v.id).map((s) => s.id)]));
    const moved = applyMove(order, stops, patch.move, planId);
    before.stop = { id: patch.move.stopId, ...moved.from };
    before.violations = JSON.parse(plan.violationsJson);
    after.stop = { id: patch.move.stopId, ...moved.to };
    after.violations = recheck(tx, plan, vehicles, stops, order, now);
  }
  if (patch.status) {
    tx.update(routePlans).set({ status: patch.status, updatedAt: now.toISOString() }).where(eq(routePlans.id, planId)).run();
    after.status = patch.status;
  }
  return { action: patch.move ? "route_plan.move" : "route_plan.status", objectType: "route_plan", objectId: String(planId), before, after };
}
