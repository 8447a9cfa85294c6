/**
 * The planning form: vehicle rows as typed, the defaults, and the request they make — validated with
 * the same shared contract as the server (RoutePlanCreate), so a field error shows before sending.
 * Also turns the server's field errors into the form's messages. Pure, tested.
 */
import type { z } from "zod";
import { RoutePlanCreate } from "@shared/contracts/routePlans";
import { ApiError } from "../../api/client";

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

/** "12,5" or "12.5" → 12.5; empty or garbage → NaN (refused by the schema). */
function num(text: string): number {
  const t = text.trim().replace(",", ".");
  return t === "" ? Number.NaN : Number(t);
}

/** The request the form makes (before validation). */
export function toRequest(depotId: string, d: PlanDraft): z.input<typeof RoutePlanCreate> {
  return {
    depotId,
    date: d.date,
    ...(d.season === "auto" ? {} : { rainySeason: d.season === "rainy" }),
    convoy: d.convoy,
    excludeInsecure: d.excludeInsecure,
    vehicles: d.vehicles.map((v) => ({
      name: v.name,
      capacityKg: num(v.capacityKg),
      capacityL: num(v.capacityL),
      coldBox: v.coldBox,
      ...(v.shiftStart ? { shiftStart: v.shiftStart } : {}),
      ...(v.shiftEnd ? { shiftEnd: v.shiftEnd } : {}),
      costPerKmXof: num(v.costPerKmXof),
    })),
    orderIds: d.orderIds,
    solver: { deadlineMs: d.deadlineMs },
  };
}

/** Field errors by form path ("vehicles.0.capacityKg", "date", "stops") → message key under routes.err. */
export type FormErrors = Record<string, string>;

/** The message key for an invalid field, from the last segment of its path. */
function keyFor(path: string): string {
  const last = path.split(".").at(-1) ?? "";
  if (last === "capacityKg" || last === "capacityL") return "capacity";
  if (last === "shiftStart" || last === "shiftEnd") return "shift";
  if (last === "costPerKmXof") return "cost";
  if (last === "name" || last === "date") return last;
  if (path === "vehicles") return "vehicles";
  if (path === "stops" || path.startsWith("orderIds")) return "noStops";
  return "invalid";
}

/** Validates the form with the shared contract: the request to send, or the field errors. */
export function buildRequest(
  depotId: string,
  d: PlanDraft,
): { body: z.input<typeof RoutePlanCreate>; errors: null } | { body: null; errors: FormErrors } {
  const body = toRequest(depotId, d);
  const parsed = RoutePlanCreate.safeParse(body);
  const errors: FormErrors = { ...(parsed.success ? {} : issuesOf(parsed.error.issues)), ...shiftErrors(d.vehicles) };
  if (d.orderIds.length === 0) errors.stops = "noStops";
  return Object.keys(errors).length === 0 ? { body, errors: null } : { body: null, errors };
}

/** Shifts that end before they start (zod skips that refinement while another field of the row is invalid). */
function shiftErrors(vehicles: VehicleDraft[]): FormErrors {
  const out: FormErrors = {};
  vehicles.forEach((v, i) => {
    if (v.shiftStart && v.shiftEnd && v.shiftEnd <= v.shiftStart) out[`vehicles.${i}.shiftEnd`] = "shift";
  });
  return out;
}

function issuesOf(issues: { path: PropertyKey[] }[]): FormErrors {
  const out: FormErrors = {};
  for (const i of issues) {
    const path = i.path.map(String).join(".");
    out[path] ??= keyFor(path);
  }
  return out;
}

/**
 * The server's refusal of a plan in the form's terms: field errors of a validation_failed answer by
 * path (an order no longer ready, no shipment left, a vehicle field), or null for other errors.
 */
export function serverErrors(error: unknown): FormErrors | null {
  if (!(error instanceof ApiError) || error.code !== "validation_failed") return null;
  const issues = (error.details as { issues?: { path: string }[] } | undefined)?.issues ?? [];
  const out: FormErrors = {};
  for (const { path } of issues) {
    if (path.startsWith("orderIds")) out.orders = "orderNotReady";
    else if (path === "fromShipments") out.orders = "noShipments";
    else if (path === "depotId") out.depotId = "depot";
    else out[path] = keyFor(path);
  }
  return Object.keys(out).length > 0 ? out : null;
}
