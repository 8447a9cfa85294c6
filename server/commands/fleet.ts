/**
 * A depot's fleet (vehicles with plate, capacities, cold box, cost per km, shift) and its drivers (users with the
 * driver role whose scope facility is the depot). Vehicles are never deleted — plans keep their plate — but put
 * out of service (`active: false`), which stops the planning form offering them.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { depotVehicles, facilities, users } from "../../db/schema";
import { clockToS, sToClock } from "../../shared/contracts/routePlans";
import type { Fleet, FleetVehicle, FleetVehicleInput } from "../../shared/contracts/fleet";
import { AppError } from "../../shared/errors";
import type { AuditEntry } from "../audit";
import { fieldError } from "../fieldError";

/** Facility levels that have a fleet. */
const DEPOT_LEVELS = ["central", "regional", "district"];

type Row = typeof depotVehicles.$inferSelect;
type Parsed = FleetVehicleInput;

function present(v: Row): FleetVehicle {
  return {
    id: v.id,
    depotId: v.depotId,
    name: v.name,
    plate: v.plate,
    capacityKg: v.capacityKg,
    capacityL: v.capacityL,
    coldBox: v.coldBox,
    costPerKmXof: v.costPerKmXof,
    shiftStart: v.shiftStartS === null ? null : sToClock(v.shiftStartS),
    shiftEnd: v.shiftEndS === null ? null : sToClock(v.shiftEndS),
    active: v.active,
  };
}

/** The depot's vehicles (in service first, then by name) and drivers. */
export function loadFleet(db: Db | Tx, depotId: string): Fleet {
  const depot = db.select({ level: facilities.level }).from(facilities).where(eq(facilities.id, depotId)).get();
  if (!depot) throw new AppError("not_found", `Unknown facility ${depotId}`);
  if (!DEPOT_LEVELS.includes(depot.level)) fieldError("id", `facility ${depotId} is a ${depot.level}, not a depot`);
  const vehicles = db
    .select()
    .from(depotVehicles)
    .where(eq(depotVehicles.depotId, depotId))
    .orderBy(asc(depotVehicles.name), asc(depotVehicles.id))
    .all()
    .map(present)
    .sort((a, b) => Number(b.active) - Number(a.active));
  const drivers = db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.role, "driver"), eq(users.scopeFacilityId, depotId), eq(users.active, true)))
    .orderBy(asc(users.displayName))
    .all();
  return { depotId, vehicles, drivers };
}

function values(v: Parsed) {
  return {
    name: v.name,
    plate: v.plate.toUpperCase(),
    capacityKg: v.capacityKg,
    capacityL: v.capacityL,
    coldBox: v.coldBox,
    costPerKmXof: v.costPerKmXof,
    shiftStartS: v.shiftStart === null ? null : clockToS(v.shiftStart),
    shiftEndS: v.shiftEnd === null ? null : clockToS(v.shiftEnd),
    active: v.active,
  };
}

function plateTaken(tx: Tx, depotId: string, plate: string, exceptId: number) {
  const other = tx
    .select({ id: depotVehicles.id })
    .from(depotVehicles)
    .where(and(eq(depotVehicles.depotId, depotId), eq(depotVehicles.plate, plate.toUpperCase())))
    .get();
  if (other && other.id !== exceptId) fieldError("plate", `plate ${plate} is already a vehicle of this depot`);
}

/** Adds a vehicle to the depot's fleet. */
export function createVehicle(
  tx: Tx,
  depotId: string,
  v: Parsed,
  now: Date,
): { vehicle: FleetVehicle; audit: AuditEntry } {
  loadFleet(tx, depotId);
  plateTaken(tx, depotId, v.plate, -1);
  const at = now.toISOString();
  const row = tx
    .insert(depotVehicles)
    .values({ depotId, ...values(v), createdAt: at, updatedAt: at })
    .returning()
    .get();
  const vehicle = present(row);
  return {
    vehicle,
    audit: { action: "fleet.vehicle.create", objectType: "vehicle", objectId: String(row.id), after: vehicle },
  };
}

/** Changes a vehicle of the depot's fleet (or puts it out of service). */
export function updateVehicle(
  tx: Tx,
  depotId: string,
  id: number,
  v: Parsed,
  now: Date,
): { vehicle: FleetVehicle; audit: AuditEntry } {
  const before = tx
    .select()
    .from(depotVehicles)
    .where(and(eq(depotVehicles.id, id), eq(depotVehicles.depotId, depotId)))
    .get();
  if (!before) throw new AppError("not_found", `Unknown vehicle ${id}`);
  plateTaken(tx, depotId, v.plate, id);
  const row = tx
    .update(depotVehicles)
    .set({ ...values(v), updatedAt: now.toISOString() })
    .where(eq(depotVehicles.id, id))
    .returning()
    .get()!;
  const vehicle = present(row);
  return {
    vehicle,
    audit: {
      action: "fleet.vehicle.update",
      objectType: "vehicle",
      objectId: String(id),
      before: present(before),
      after: vehicle,
    },
  };
}
