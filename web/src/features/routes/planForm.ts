/**
 * The planning form: vehicle rows as typed, the defaults, and the request they make — validated with
 * the same shared contract as the server (RoutePlanCreate, through lib/forms), so a field error shows
 * before sending. Also words the server's refusal of the planned stops. Pure, tested.
 */
import type { z } from "zod";
import type { FleetVehicle } from "@shared/contracts/fleet";
import { RoutePlanCreate } from "@shared/contracts/routePlans";
import { ApiError } from "../../api/client";
import { numberOrNaN } from "../../lib/forms/parse";

/** One vehicle row as typed (numbers stay text until the request is built). */
export interface VehicleDraft {
  /** Stable React key */
  key: string;
  name: string;
  capacityKg: string;
  capacityL: string;
  coldBox: boolean;
  /** "HH:MM" or "" for the depot's opening hours */
  shiftStart: string;
  shiftEnd: string;
  costPerKmXof: string;
  /** The depot's fleet vehicle the row was picked from, as the select holds it ("": typed in) */
  fleetVehicleId?: string;
  /** The route's driver chosen before solving ("": none yet) */
  driverUserId?: string;
}

/** Everything the form holds besides the depot. */
export interface PlanDraft {
  date: string;
  vehicles: VehicleDraft[];
  /** Orders of the selected stops */
  orderIds: number[];
  /** "auto": July–October */
  season: "auto" | "rainy" | "dry";
  excludeInsecure: boolean;
  convoy: boolean;
  /** How long the solver searches, ms */
  deadlineMs: number;
}

/** Search durations offered, ms. */
export const DEADLINES_MS = [2000, 5000, 10_000, 20_000] as const;

let counter = 0;
/** A fresh row key. */
export const vehicleKey = () => `v${++counter}`;

/** Form defaults: a truck and a pick-up with a cold box (edit or remove them to match the depot's fleet). */
export function defaultVehicles(names: { truck: string; pickup: string }): VehicleDraft[] {
  return [
    {
      key: vehicleKey(),
      name: names.truck,
      capacityKg: "3000",
      capacityL: "12000",
      coldBox: false,
      shiftStart: "",
      shiftEnd: "",
      costPerKmXof: "300",
    },
    {
      key: vehicleKey(),
      name: names.pickup,
      capacityKg: "800",
      capacityL: "3000",
      coldBox: true,
      shiftStart: "",
      shiftEnd: "",
      costPerKmXof: "200",
    },
  ];
}

/** A row from a vehicle of the depot's fleet (its name, capacities, cold box, cost and shift), keeping a chosen driver. */
export function fleetVehicleDraft(v: FleetVehicle, driverUserId = "", key = vehicleKey()): VehicleDraft {
  return {
    key,
    name: v.name,
    capacityKg: String(v.capacityKg),
    capacityL: String(v.capacityL),
    coldBox: v.coldBox,
    shiftStart: v.shiftStart ?? "",
    shiftEnd: v.shiftEnd ?? "",
    costPerKmXof: String(v.costPerKmXof),
    fleetVehicleId: String(v.id),
    driverUserId,
  };
}

/** A new empty-ish row. */
export function blankVehicle(name: string): VehicleDraft {
  return {
    key: vehicleKey(),
    name,
    capacityKg: "1000",
    capacityL: "4000",
    coldBox: false,
    shiftStart: "",
    shiftEnd: "",
    costPerKmXof: "250",
  };
}

/** The options of the form besides the vehicles (what the form holds; the date and the stops come from the page). */
export interface PlanValues {
  season: PlanDraft["season"];
  excludeInsecure: boolean;
  convoy: boolean;
  /** ms, as the select's value */
  deadlineMs: string;
  vehicles: VehicleDraft[];
}

/** The request the form makes (before validation by the shared contract); numbers parsed by lib/forms/parse. */
export function toRequest(depotId: string, d: PlanDraft): z.input<typeof RoutePlanCreate> {
  return {
    depotId,
    date: d.date,
    ...(d.season === "auto" ? {} : { rainySeason: d.season === "rainy" }),
    convoy: d.convoy,
    excludeInsecure: d.excludeInsecure,
    vehicles: d.vehicles.map((v) => ({
      name: v.name,
      capacityKg: numberOrNaN(v.capacityKg) as number,
      capacityL: numberOrNaN(v.capacityL) as number,
      coldBox: v.coldBox,
      ...(v.shiftStart ? { shiftStart: v.shiftStart } : {}),
      ...(v.shiftEnd ? { shiftEnd: v.shiftEnd } : {}),
      costPerKmXof: numberOrNaN(v.costPerKmXof),
      ...(v.fleetVehicleId ? { fleetVehicleId: numberOrNaN(v.fleetVehicleId) } : {}),
      ...(v.driverUserId ? { driverUserId: numberOrNaN(v.driverUserId) } : {}),
    })),
    orderIds: d.orderIds,
    solver: { deadlineMs: d.deadlineMs },
  };
}

/** Messages of the contract's refinements and of the fields the plan form words its own way. */
export const PLAN_MESSAGES = {
  "vehicles.*.shiftEnd": "routes.err.shift",
  stops: "routes.err.noStops",
  "vehicles:too_small": "routes.err.vehicles",
};

/**
 * The server's refusal of the planned stops in words (an order no longer ready, no shipment left, a
 * depot that cannot be planned), or null: other field errors are shown on their field.
 */
export function stopsRefusal(error: unknown): "orderNotReady" | "noShipments" | "depot" | null {
  if (!(error instanceof ApiError) || error.code !== "validation_failed") return null;
  const issues = (error.details as { issues?: { path: string }[] } | undefined)?.issues ?? [];
  for (const { path } of issues) {
    if (path.startsWith("orderIds")) return "orderNotReady";
    if (path === "fromShipments") return "noShipments";
    if (path === "depotId") return "depot";
  }
  return null;
}
