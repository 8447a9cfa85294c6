/**
 * Route plans: requests and responses. Clock times are "HH:MM" local time (Mali = UTC, no daylight
 * saving) on the plan date; `…S` fields are seconds after midnight of that date (beyond 86,400 on
 * a route that runs past midnight). Loads are kg and litres at the edge (grams and millilitres inside).
 */
import { z } from "zod";
import { ORDER_STATUSES, READY_STATUSES } from "../domain/orders";
import { CounterpartyRef, FacilityRef, OrderRef } from "./refs";
import { freeText, IsoDate, PageQuery, Reference } from "./common";
import { SolverOptions } from "./vrp";
import { StopDeliverySchema } from "./deliveries";

/** "HH:MM", 00:00–23:59. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time HH:MM");

/** Seconds after midnight of "HH:MM". */
export function clockToS(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;
}

/** "HH:MM" of seconds after midnight (past 24:00 it keeps counting: "25:30" is 01:30 the next day). */
export function sToClock(s: number): string {
  const m = Math.floor(s / 60);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

const kg = z.number().min(0).max(100_000);

/** A vehicle of the plan. The shift defaults to the depot's opening hours. */
export const RouteVehicleInput = z
  .strictObject({
    name: freeText({ min: 1, max: 80, minMessage: "must not be empty" }),
    capacityKg: z.number().int().min(0).max(100_000),
    capacityL: z.number().int().min(0).max(100_000),
    coldBox: z.boolean().default(false),
    shiftStart: ClockTime.optional(),
    shiftEnd: ClockTime.optional(),
    /** Upper bound on driving time (service and waiting excluded), minutes */
    maxDrivingMin: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    costPerKmXof: z.number().int().min(0).max(1_000_000).default(250),
    fixedCostXof: z.number().int().min(0).max(100_000_000).default(0),
    /** The driver (a user with the driver role attached to the depot) who will see this route on the tablet */
    driverUserId: z.number().int().positive().optional(),
    /** The depot's fleet vehicle this is (its plate is kept on the route) */
    fleetVehicleId: z.number().int().positive().optional(),
  })
  .refine((v) => !v.shiftStart || !v.shiftEnd || clockToS(v.shiftEnd) > clockToS(v.shiftStart), {
    message: "shift must end after it starts",
    path: ["shiftEnd"],
  });

/** A delivery to make: a facility and its load; `shipmentId` links it to the shipment of an approved order. */
export const RouteStopInput = z.strictObject({
  /** The facility to deliver to: one the depot supplies */
  facilityId: CounterpartyRef,
  shipmentId: Reference.optional(),
  loadKg: kg,
  loadL: kg.default(0),
  /** Needs a vehicle with a cold box */
  coldChain: z.boolean().default(false),
  serviceMin: z.number().int().min(0).max(600).default(20),
});

/**
 * POST /route-plans. The stops are the explicit `stops`, plus one stop per facility for the orders
 * of `orderIds` and, with `fromShipments`, for every order picking or shipped at the depot whose
 * facility is not already a stop of a published plan of that depot for that date. An order stop's
 * load is computed from the order's lines (packs × pack weight and volume) and is cold chain when
 * any product is. An explicit stop at a facility that also has an order stop is merged into it (one
 * visit: loads added, the longer service time, the explicit stop's shipmentId).
 */
export const RoutePlanCreate = z
  .strictObject({
    depotId: FacilityRef,
    date: IsoDate,
    /** Rainy season (slow tracks, closed facilities); by default July–October */
    rainySeason: z.boolean().optional(),
    /** A convoy day: stops in insecure zones may be served even when excludeInsecure is set */
    convoy: z.boolean().default(false),
    /** Leave stops in insecure zones out (reason "insecure") unless it is a convoy day; otherwise they are only flagged */
    excludeInsecure: z.boolean().default(false),
    vehicles: z.array(RouteVehicleInput).min(1).max(50),
    stops: z.array(RouteStopInput).max(500).default([]),
    /** Orders supplied by the depot and picking or shipped: each facility's orders become one stop */
    orderIds: z.array(OrderRef.supplier).max(500).optional(),
    /** Add every shipment ready to go from the depot (see above) */
    fromShipments: z.boolean().default(false),
    solver: SolverOptions.optional(),
  })
  .refine((b) => b.stops.length > 0 || (b.orderIds?.length ?? 0) > 0 || b.fromShipments, {
    message: "give stops, orderIds or fromShipments",
    path: ["stops"],
  });
export type RoutePlanCreate = z.infer<typeof RoutePlanCreate>;

/**
 * A dispatcher's move: a routed stop (`stopId`) to another route or position, or an unassigned stop
 * (`unassignedId`, as listed in the plan's `unassigned`) into a route; exactly one of the two.
 */
export const RouteMove = z
  .strictObject({
    stopId: z.number().int().positive().optional(),
    unassignedId: z.number().int().positive().optional(),
    vehicleId: z.number().int().positive(),
    position: z.number().int().positive(),
  })
  .refine((m) => (m.stopId === undefined) !== (m.unassignedId === undefined), {
    message: "give exactly one of stopId or unassignedId",
    path: ["stopId"],
  });
export type RouteMove = z.infer<typeof RouteMove>;

/** A route's driver: a user with the driver role attached to the plan's depot, or null to remove them. */
export const RouteDriverAssignment = z.strictObject({
  vehicleId: z.number().int().positive(),
  driverUserId: z.number().int().positive().nullable(),
});

/**
 * PATCH /route-plans/:id — move a stop (to another route, or another position on its own; or an unassigned stop
 * into a route), assign a route's driver, and/or change the status. Publishing a plan with a route that has stops
 * and no driver, or with broken constraints, is refused (`publish_needs_confirmation`, saying why) unless `confirm`.
 */
export const RoutePlanPatch = z
  .strictObject({
    move: RouteMove.optional(),
    driver: RouteDriverAssignment.optional(),
    status: z.enum(["draft", "published"]).optional(),
    confirm: z.boolean().default(false),
  })
  .refine((b) => b.move !== undefined || b.status !== undefined || b.driver !== undefined, {
    message: "give a move, a driver or a status",
    path: ["move"],
  });
export type RoutePlanPatch = z.infer<typeof RoutePlanPatch>;

/** GET /route-plans */
export const RoutePlanQuery = PageQuery.extend({
  depotId: FacilityRef.optional(),
  date: IsoDate.optional(),
  status: z.enum(["draft", "published"]).optional(),
}).strict();

/** GET /route-plans/candidates — the shipments ready to go from a depot for a date (what `fromShipments` would plan). */
export const RouteCandidatesQuery = z.strictObject({ depotId: FacilityRef, date: IsoDate });
export type RouteCandidatesQuery = z.infer<typeof RouteCandidatesQuery>;

/** One order of a candidate stop, summarised. */
export const CandidateOrderSchema = z.object({
  orderId: z.number().int(),
  status: z.enum(READY_STATUSES),
  flow: z.enum(["cost_recovery", "free_care"]),
  lineCount: z.number().int(),
  /** Base units travelling, all lines */
  units: z.number().int(),
});

/** A facility the ready shipments go to: one stop of a plan, with the same load as plan creation computes. */
export const CandidateStopSchema = z.object({
  facilityId: z.string(),
  facilityName: z.string(),
  lat: z.number(),
  lon: z.number(),
  loadKg: z.number(),
  loadL: z.number(),
  coldChain: z.boolean(),
  insecure: z.boolean(),
  /** Closed in the season of the date: planning would leave it unassigned (season_closed) */
  closedThisSeason: z.boolean(),
  opensAt: z.string(),
  closesAt: z.string(),
  orders: z.array(CandidateOrderSchema),
});
export type CandidateStop = z.infer<typeof CandidateStopSchema>;

/** GET /route-plans/candidates answer. */
export const RouteCandidatesSchema = z.object({
  depot: z.object({
    id: z.string(),
    name: z.string(),
    lat: z.number(),
    lon: z.number(),
    opensAt: z.string(),
    closesAt: z.string(),
  }),
  date: z.string(),
  rainySeason: z.boolean(),
  stops: z.array(CandidateStopSchema),
  totals: z.object({ stops: z.number().int(), orders: z.number().int(), loadKg: z.number(), loadL: z.number() }),
});
export type RouteCandidates = z.infer<typeof RouteCandidatesSchema>;

/** Why a stop is in no route: the solver's reasons, closed this season, or insecure on a non-convoy day. */
export const UnassignedReason = z.enum([
  "capacity",
  "skills",
  "time_window",
  "max_travel_time",
  "no_route",
  "season_closed",
  "insecure",
]);

/** A broken constraint of a re-checked plan; `excess` in seconds, or kg / litres for capacity. */
export const RouteViolationSchema = z.object({
  type: z.enum(["capacity", "time_window", "shift", "max_travel_time", "skills"]),
  vehicleId: z.number().int().nullable(),
  stopId: z.number().int().nullable(),
  /** For capacity: "kg" or "litres" */
  dimension: z.enum(["kg", "litres"]).nullable(),
  excess: z.number().nullable(),
});
export type RouteViolation = z.infer<typeof RouteViolationSchema>;

/** What one order of a stop delivers: per line the product, the quantity in base units and packs, and the lots picked. */
export const ManifestOrderSchema = z.object({
  orderId: z.number().int(),
  /** The order's status now (picking or shipped when planned) */
  status: z.enum(ORDER_STATUSES),
  flow: z.enum(["cost_recovery", "free_care"]),
  lines: z.array(
    z.object({
      lineId: z.number().int(),
      productId: z.number().int(),
      productCode: z.string(),
      genericName: z.string(),
      fundingSource: z.string(),
      packSize: z.number().int(),
      /** Shipped quantity (picked while picking), base units */
      qty: z.number().int(),
      packs: z.number(),
      coldChain: z.boolean(),
      lots: z.array(
        z.object({ lotId: z.number().int(), lotCode: z.string(), expiry: z.string(), qty: z.number().int() }),
      ),
    }),
  ),
});
export type ManifestOrder = z.infer<typeof ManifestOrderSchema>;

/** The orders of a stop (empty for an explicit stop) and their manifests. */
const StopOrders = { orderIds: z.array(z.number().int()), manifest: z.array(ManifestOrderSchema) };

/** A stop on a route, in visiting order. */
/** What a stop is, on a route or unassigned: the place, its load and flags, its orders. */
const StopBase = {
  id: z.number().int(),
  facilityId: z.string(),
  facilityName: z.string(),
  lat: z.number(),
  lon: z.number(),
  shipmentId: z.string().nullable(),
  loadKg: z.number(),
  loadL: z.number(),
  coldChain: z.boolean(),
  insecure: z.boolean(),
  ...StopOrders,
};

export const RouteStopSchema = z.object({
  ...StopBase,
  position: z.number().int(),
  serviceS: z.number().int(),
  windowStart: z.string(),
  windowEnd: z.string(),
  arrivalS: z.number().int(),
  /** Estimated start of service (after waiting for the opening), seconds and ISO date-time */
  etaS: z.number().int(),
  eta: z.string(),
  waitingS: z.number().int(),
  distanceFromPrevM: z.number().int(),
  drivingFromPrevS: z.number().int(),
  loadAfterKg: z.number(),
  loadAfterL: z.number(),
  /** Who receives at the facility (its CSCom manager in Fura), when known */
  contactName: z.string().nullable(),
  /** What the driver recorded at this stop */
  delivery: StopDeliverySchema,
});

/** One vehicle's route: the vehicle, its totals and its stops. */
export const RouteSchema = z.object({
  vehicleId: z.number().int(),
  name: z.string(),
  capacityKg: z.number().int(),
  capacityL: z.number().int(),
  coldBox: z.boolean(),
  shiftStart: z.string(),
  shiftEnd: z.string(),
  maxDrivingMin: z.number().int().nullable(),
  costPerKmXof: z.number().int(),
  fixedCostXof: z.number().int(),
  driverUserId: z.number().int().nullable(),
  driverName: z.string().nullable(),
  fleetVehicleId: z.number().int().nullable(),
  plate: z.string().nullable(),
  distanceM: z.number().int(),
  drivingS: z.number().int(),
  durationS: z.number().int(),
  loadKg: z.number(),
  loadL: z.number(),
  costXof: z.number().int(),
  stops: z.array(RouteStopSchema),
});

/** A stop no vehicle serves, with the reason. */
export const UnassignedStopSchema = z.object({
  ...StopBase,
  reason: UnassignedReason,
});

const PlanHeader = {
  id: z.number().int(),
  depotId: z.string(),
  depotName: z.string(),
  date: z.string(),
  rainySeason: z.boolean(),
  convoy: z.boolean(),
  excludeInsecure: z.boolean(),
  status: z.enum(["draft", "published"]),
  roadModel: z.enum(["great_circle", "road_network"]),
  totals: z.object({
    distanceM: z.number().int(),
    durationS: z.number().int(),
    costXof: z.number().int(),
    stops: z.number().int(),
    unassigned: z.number().int(),
    violations: z.number().int(),
  }),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** A whole plan (GET /route-plans/:id, and the answer of POST and PATCH). */
export const RoutePlanSchema = z.object({
  ...PlanHeader,
  violations: z.array(RouteViolationSchema),
  routes: z.array(RouteSchema),
  unassigned: z.array(UnassignedStopSchema),
});
export type RoutePlan = z.infer<typeof RoutePlanSchema>;

/** Why publishing asks for confirmation (details of `publish_needs_confirmation`). */
export const PublishWarningsSchema = z.object({
  /** Routes with stops and no driver */
  withoutDriver: z.array(z.number().int()),
  violations: z.array(RouteViolationSchema),
});
export type PublishWarnings = z.infer<typeof PublishWarningsSchema>;

/** A plan in the list (no routes). */
export const RoutePlanSummarySchema = z.object({ ...PlanHeader, vehicles: z.number().int() });
export type RoutePlanSummary = z.infer<typeof RoutePlanSummarySchema>;

/** GET /route-plans answer. */
export const RoutePlanPage = z.object({
  items: z.array(RoutePlanSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type RoutePlanPage = z.infer<typeof RoutePlanPage>;
