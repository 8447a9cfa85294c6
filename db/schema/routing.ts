/**
 * Route plans: a depot's delivery day — its vehicles, their ordered stops and the stops that could
 * not be served. Times are seconds after midnight (local time = UTC in Mali) of the plan date;
 * loads in grams and millilitres; distances in metres; costs in FCFA.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { facilities } from "./geography";

/** A draft is the dispatcher's; a published plan is what drivers see. */
export const ROUTE_PLAN_STATUSES = ["draft", "published"] as const;

/** A plan from one depot for one date. */
export const routePlans = sqliteTable(
  "route_plans",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    depotId: text("depot_id")
      .notNull()
      .references(() => facilities.id),
    date: text("date").notNull(),
    rainySeason: integer("rainy_season", { mode: "boolean" }).notNull(),
    /** Stops in insecure zones are allowed (convoy day); otherwise they are only flagged, or left out when excludeInsecure */
    convoy: integer("convoy", { mode: "boolean" }).notNull().default(false),
    excludeInsecure: integer("exclude_insecure", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: ROUTE_PLAN_STATUSES }).notNull().default("draft"),
    /** "great_circle" or "road_network": which road model built the matrices */
    roadModel: text("road_model").notNull(),
    /**
     * The matrices the plan was solved with, so that a dispatcher's edit is re-checked on the same
     * numbers: JSON { facilityIds: string[] (index 0 = depot), durationsS: number[], distancesM: number[] }
     * (row-major over facilityIds).
     */
    matrixJson: text("matrix_json").notNull(),
    /** Broken constraints after the last re-check: JSON array of violations (empty after a solve) */
    violationsJson: text("violations_json").notNull().default("[]"),
    totalDistanceM: integer("total_distance_m").notNull(),
    totalDurationS: integer("total_duration_s").notNull(),
    totalCostXof: integer("total_cost_xof").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("route_plans_depot_idx").on(t.depotId, t.date)],
);

/** A vehicle of a plan; it drives at most one route (its stops). */
export const routePlanVehicles = sqliteTable(
  "route_plan_vehicles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => routePlans.id),
    name: text("name").notNull(),
    capacityKg: integer("capacity_kg").notNull(),
    capacityL: integer("capacity_l").notNull(),
    coldBox: integer("cold_box", { mode: "boolean" }).notNull(),
    shiftStartS: integer("shift_start_s").notNull(),
    shiftEndS: integer("shift_end_s").notNull(),
    maxDrivingS: integer("max_driving_s"),
    costPerKmXof: integer("cost_per_km_xof").notNull(),
    fixedCostXof: integer("fixed_cost_xof").notNull(),
    driverUserId: integer("driver_user_id").references(() => users.id),
    /** The depot's fleet vehicle this route uses (null: typed in for this plan only) and its plate then */
    fleetVehicleId: integer("fleet_vehicle_id"),
    plate: text("plate"),
    /** Route totals from the last solve or re-check */
    distanceM: integer("distance_m").notNull().default(0),
    drivingS: integer("driving_s").notNull().default(0),
    durationS: integer("duration_s").notNull().default(0),
    loadG: integer("load_g").notNull().default(0),
    loadMl: integer("load_ml").notNull().default(0),
    costXof: integer("cost_xof").notNull().default(0),
  },
  (t) => [
    index("route_plan_vehicles_plan_idx").on(t.planId),
    index("route_plan_vehicles_driver_idx").on(t.driverUserId),
  ],
);

/** A delivery stop on a vehicle's route, in visiting order. */
export const routeStops = sqliteTable(
  "route_stops",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => routePlans.id),
    vehicleId: integer("vehicle_id")
      .notNull()
      .references(() => routePlanVehicles.id),
    /** 1 = first stop after leaving the depot */
    position: integer("position").notNull(),
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    /** The shipment delivered here, when the stop comes from an approved order (replenishment) */
    shipmentId: text("shipment_id"),
    /** The orders (picking or shipped at the depot) delivered at this stop: JSON array of order ids, or null for an explicit stop */
    orderIds: text("order_ids"),
    loadG: integer("load_g").notNull(),
    loadMl: integer("load_ml").notNull(),
    coldChain: integer("cold_chain", { mode: "boolean" }).notNull(),
    serviceS: integer("service_s").notNull(),
    /** Service must start within [windowStartS, windowEndS]: the facility's opening hours less the service time */
    windowStartS: integer("window_start_s").notNull(),
    windowEndS: integer("window_end_s").notNull(),
    arrivalS: integer("arrival_s").notNull(),
    /** Estimated start of service (after any wait for the opening) */
    etaS: integer("eta_s").notNull(),
    waitingS: integer("waiting_s").notNull(),
    distanceFromPrevM: integer("distance_from_prev_m").notNull(),
    drivingFromPrevS: integer("driving_from_prev_s").notNull(),
    /** Load on board when leaving this stop */
    loadAfterG: integer("load_after_g").notNull(),
    loadAfterMl: integer("load_after_ml").notNull(),
    insecure: integer("insecure", { mode: "boolean" }).notNull(),
  },
  (t) => [
    index("route_stops_vehicle_idx").on(t.vehicleId, t.position),
    index("route_stops_plan_idx").on(t.planId),
    check("route_stops_loads_nonneg", sql`${t.loadG} >= 0 and ${t.loadMl} >= 0`),
  ],
);

/** The solver's reasons, plus the stops left out before solving (closed this season, insecure). */
export const UNASSIGNED_REASONS = [
  "capacity",
  "skills",
  "time_window",
  "max_travel_time",
  "no_route",
  "season_closed",
  "insecure",
] as const;

/** A stop no vehicle of the plan serves, with why. */
export const routeUnassigned = sqliteTable(
  "route_unassigned",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => routePlans.id),
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    shipmentId: text("shipment_id"),
    /** As on route_stops: JSON array of the order ids of this stop, or null */
    orderIds: text("order_ids"),
    loadG: integer("load_g").notNull(),
    loadMl: integer("load_ml").notNull(),
    coldChain: integer("cold_chain", { mode: "boolean" }).notNull(),
    serviceS: integer("service_s").notNull(),
    insecure: integer("insecure", { mode: "boolean" }).notNull(),
    reason: text("reason", { enum: UNASSIGNED_REASONS }).notNull(),
  },
  (t) => [index("route_unassigned_plan_idx").on(t.planId)],
);
