/**
 * A depot's fleet and drivers (GET /depots/:id/fleet, POST /depots/:id/vehicles, PUT /depots/:id/vehicles/:vehicleId).
 * Drivers are the users with the driver role attached to the depot. Shifts are "HH:MM" (empty = the depot's hours).
 */
import { z } from "zod";
import { freeText, identifier } from "./common";
import { FacilityRef } from "./refs";
import { ClockTime, clockToS } from "./routePlans";

/** A vehicle of the fleet as the depot's staff type it. */
export const FleetVehicleInput = z
  .strictObject({
    name: freeText({ max: 80, min: 1 }),
    /** Registration plate, compared without regard to case, spaces or dash variants */
    plate: identifier({ max: 20, min: 2, letterCase: "upper" }),
    capacityKg: z.number().int().min(1).max(100_000),
    capacityL: z.number().int().min(1).max(100_000),
    coldBox: z.boolean().default(false),
    costPerKmXof: z.number().int().min(0).max(1_000_000).default(250),
    shiftStart: ClockTime.nullable().default(null),
    shiftEnd: ClockTime.nullable().default(null),
    active: z.boolean().default(true),
  })
  .refine((v) => (v.shiftStart === null) === (v.shiftEnd === null), {
    message: "give both ends of the shift, or neither",
    path: ["shiftEnd"],
  })
  .refine((v) => v.shiftStart === null || v.shiftEnd === null || clockToS(v.shiftEnd) > clockToS(v.shiftStart), {
    message: "shift must end after it starts",
    path: ["shiftEnd"],
  });
export type FleetVehicleInput = z.infer<typeof FleetVehicleInput>;

/** `/depots/:id/vehicles/:vehicleId` (the vehicle must belong to the depot). */
export const FleetVehicleParams = z.object({
  id: FacilityRef,
  vehicleId: z.preprocess((v) => (typeof v === "string" && /^\d{1,12}$/.test(v) ? Number(v) : v), z.number().int()),
});

/** A vehicle of the fleet. */
export const FleetVehicleSchema = z.object({
  id: z.number().int(),
  depotId: z.string(),
  name: z.string(),
  plate: z.string(),
  capacityKg: z.number().int(),
  capacityL: z.number().int(),
  coldBox: z.boolean(),
  costPerKmXof: z.number().int(),
  shiftStart: z.string().nullable(),
  shiftEnd: z.string().nullable(),
  active: z.boolean(),
});
export type FleetVehicle = z.infer<typeof FleetVehicleSchema>;

/** A driver attached to the depot. */
export const DriverSchema = z.object({ id: z.number().int(), username: z.string(), displayName: z.string() });
export type Driver = z.infer<typeof DriverSchema>;

/** GET /depots/:id/fleet */
export const FleetSchema = z.object({
  depotId: z.string(),
  vehicles: z.array(FleetVehicleSchema),
  drivers: z.array(DriverSchema),
});
export type Fleet = z.infer<typeof FleetSchema>;
