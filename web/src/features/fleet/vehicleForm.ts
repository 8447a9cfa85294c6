/**
 * The fleet's vehicle form: the values as typed, the request they make (checked by the shared
 * FleetVehicleInput through lib/forms, the same contract as the server) and the words of its shift
 * refinements. Pure, tested.
 */
import type { z } from "zod";
import type { FleetVehicle, FleetVehicleInput } from "@shared/contracts/fleet";
import { numberOrNaN } from "../../lib/forms/parse";

/** A vehicle as typed (numbers stay text until the request is built; an empty shift = the depot's hours). */
export interface VehicleValues {
  name: string;
  plate: string;
  capacityKg: string;
  capacityL: string;
  coldBox: boolean;
  costPerKmXof: string;
  /** "HH:MM" or "" */
  shiftStart: string;
  shiftEnd: string;
  active: boolean;
}

/** A new vehicle's form. */
export const EMPTY_VEHICLE: VehicleValues = {
  name: "",
  plate: "",
  capacityKg: "",
  capacityL: "",
  coldBox: false,
  costPerKmXof: "250",
  shiftStart: "",
  shiftEnd: "",
  active: true,
};

/** The form of a vehicle of the fleet (empty when none). */
export function vehicleValues(v: FleetVehicle | null): VehicleValues {
  if (!v) return EMPTY_VEHICLE;
  return {
    name: v.name,
    plate: v.plate,
    capacityKg: String(v.capacityKg),
    capacityL: String(v.capacityL),
    coldBox: v.coldBox,
    costPerKmXof: String(v.costPerKmXof),
    shiftStart: v.shiftStart ?? "",
    shiftEnd: v.shiftEnd ?? "",
    active: v.active,
  };
}

/** The request the form makes (before the contract checks it); numbers parsed by lib/forms/parse. */
export function vehicleRequest(v: VehicleValues): z.input<typeof FleetVehicleInput> {
  return {
    name: v.name,
    plate: v.plate,
    capacityKg: numberOrNaN(v.capacityKg) as number,
    capacityL: numberOrNaN(v.capacityL) as number,
    coldBox: v.coldBox,
    costPerKmXof: numberOrNaN(v.costPerKmXof),
    shiftStart: v.shiftStart || null,
    shiftEnd: v.shiftEnd || null,
    active: v.active,
  };
}

/** The contract's two shift refinements (both on shiftEnd): one end only, or an end before the start. */
export const VEHICLE_MESSAGES = {
  shiftEnd: (v: VehicleValues) => (v.shiftStart && v.shiftEnd ? "fleet.err.shiftOrder" : "fleet.err.shiftBoth"),
};
