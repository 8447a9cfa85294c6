/**
 * Read side of route plans. Staff see the plans of depots in their scope (the route checks it);
 * a driver sees only published plans with a route assigned to them, and only those routes (the
 * counts and totals of a plan too are those of their routes).
 */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { facilities, routePlanVehicles, routePlans, routeStops, routeUnassigned } from "../../db/schema";
import type { Me } from "../../shared/contracts/auth";
import type {
  CandidateStop,
  RouteCandidates,
  RoutePlan,
  RoutePlanPage,
  RouteViolation,
} from "../../shared/contracts/routePlans";
import { AppError } from "../../shared/errors";
import type { Tx } from "../../db/client";
import { shipmentStops } from "./shipmentStops";
import { facilityContacts, stopDeliveries, userNames } from "./deliveries";
import { fieldError } from "../fieldError";
import { isClosed, seasonOf } from "../routing/roadModel";
import { scopeFilter } from "../policies";
import { presentPlanHeader, presentRoutePlan } from "../presenters/routePlan";
import { facilityInScope } from "./scope";
import { loadShipments } from "./shipments";
import type { READY_STATUSES } from "../../shared/domain/orders";

/** Facility levels that dispatch deliveries (as plan creation checks). */
const DEPOT_LEVELS: string[] = ["central", "regional", "district"];

const place = { name: facilities.name, lat: facilities.lat, lon: facilities.lon };

/** The depot of a plan (for the scope check), or undefined when the plan does not exist. */
export function planDepotId(db: Db, id: number): string | undefined {
  return db.select({ depotId: routePlans.depotId }).from(routePlans).where(eq(routePlans.id, id)).get()?.depotId;
}

/** SQL condition: the plan's depot lies in the user's scope, or (driver) the plan is published with one of their routes. */
function visibleTo(user: Me): SQL | undefined {
  if (user.role === "driver") {
    const mine = sql`exists (select 1 from ${routePlanVehicles} where ${routePlanVehicles.planId} = ${routePlans.id} and ${routePlanVehicles.driverUserId} = ${user.id})`;
    return and(eq(routePlans.status, "published"), mine);
  }
  return facilityInScope(scopeFilter(user), facilities);
}

/** One plan as `viewer` may see it; 404 when unknown or hidden (a driver's plan without their route, or a draft). */
export function loadRoutePlan(db: Db | Tx, id: number, viewer: Me): RoutePlan {
  const row = db
    .select({ p: routePlans, depotName: facilities.name })
    .from(routePlans)
    .innerJoin(facilities, eq(facilities.id, routePlans.depotId))
    .where(and(eq(routePlans.id, id), visibleTo(viewer)))
    .get();
  if (!row) throw new AppError("not_found", `Unknown route plan ${id}`);
  const driver = viewer.role === "driver";
  const vehicles = db
    .select()
    .from(routePlanVehicles)
    .where(and(eq(routePlanVehicles.planId, id), driver ? eq(routePlanVehicles.driverUserId, viewer.id) : undefined))
    .orderBy(asc(routePlanVehicles.id))
    .all();
  const vehicleIds = vehicles.map((v) => v.id);
  const stops = db
    .select({ s: routeStops, place })
    .from(routeStops)
    .innerJoin(facilities, eq(facilities.id, routeStops.facilityId))
    .where(and(eq(routeStops.planId, id), vehicleIds.length ? inArray(routeStops.vehicleId, vehicleIds) : sql`0`))
    .all()
    .map(({ s, place }) => ({ ...s, place }));
  const unassigned = driver
    ? []
    : db
        .select({ u: routeUnassigned, place })
        .from(routeUnassigned)
        .innerJoin(facilities, eq(facilities.id, routeUnassigned.facilityId))
        .where(eq(routeUnassigned.planId, id))
        .orderBy(asc(routeUnassigned.id))
        .all()
        .map(({ u, place }) => ({ ...u, place }));
  const violations = (JSON.parse(row.p.violationsJson) as RouteViolation[]).filter(
    (v) => !driver || (v.vehicleId !== null && vehicleIds.includes(v.vehicleId)),
  );
  const orderIds = [...stops, ...unassigned].flatMap((s) =>
    s.orderIds === null ? [] : (JSON.parse(s.orderIds) as number[]),
  );
  const manifests = new Map([...loadShipments(db, orderIds)].map(([id, s]) => [id, s.manifest]));
  const extras = {
    deliveries: stopDeliveries(db, id),
    driverNames: userNames(
      db,
      vehicles.flatMap((v) => (v.driverUserId === null ? [] : [v.driverUserId])),
    ),
    contacts: facilityContacts(db, [...new Set(stops.map((s) => s.facilityId))]),
  };
  const plan = presentRoutePlan(row.p, row.depotName, vehicles, stops, unassigned, violations, manifests, extras);
  // A driver's totals are those of their own routes: the rest of the plan stays out of their view.
  return driver ? { ...plan, totals: { ...plan.totals, ...sumRoutes(vehicles) } } : plan;
}

/** Distance, duration and cost summed over some vehicles' routes (a driver's share of a plan). */
function sumRoutes(vehicles: { distanceM: number; durationS: number; costXof: number }[]) {
  return {
    distanceM: vehicles.reduce((n, v) => n + v.distanceM, 0),
    durationS: vehicles.reduce((n, v) => n + v.durationS, 0),
    costXof: vehicles.reduce((n, v) => n + v.costXof, 0),
  };
}

/**
 * A driver's summary of each listed plan: only their vehicles, the stops of those vehicles, the
 * violations on them and their totals; no unassigned stops (as loadRoutePlan shows them the plan).
 */
function driverSummaries(db: Db, driverId: number, plans: { id: number; violationsJson: string }[]) {
  const ids = plans.map((p) => p.id);
  const vehicles = db
    .select()
    .from(routePlanVehicles)
    .where(and(inArray(routePlanVehicles.planId, [...ids, 0]), eq(routePlanVehicles.driverUserId, driverId)))
    .all();
  const stopCounts = new Map(
    db
      .select({ vehicleId: routeStops.vehicleId, n: count() })
      .from(routeStops)
      .where(inArray(routeStops.vehicleId, [...vehicles.map((v) => v.id), 0]))
      .groupBy(routeStops.vehicleId)
      .all()
      .map((r) => [r.vehicleId, r.n]),
  );
  return new Map(
    plans.map((p) => {
      const mine = vehicles.filter((v) => v.planId === p.id);
      const mineIds = new Set(mine.map((v) => v.id));
      const violations = (JSON.parse(p.violationsJson) as RouteViolation[]).filter(
        (v) => v.vehicleId !== null && mineIds.has(v.vehicleId),
      ).length;
      const stops = mine.reduce((n, v) => n + (stopCounts.get(v.id) ?? 0), 0);
      return [p.id, { counts: { stops, unassigned: 0, vehicles: mine.length, violations }, totals: sumRoutes(mine) }];
    }),
  );
}

/** Plans visible to the user, newest date first, paged. */
export function listRoutePlans(
  db: Db,
  user: Me,
  q: {
    depotId?: string | undefined;
    date?: string | undefined;
    status?: "draft" | "published" | undefined;
    limit: number;
    offset: number;
  },
): RoutePlanPage {
  const where = and(
    visibleTo(user),
    q.depotId ? eq(routePlans.depotId, q.depotId) : undefined,
    q.date ? eq(routePlans.date, q.date) : undefined,
    q.status ? eq(routePlans.status, q.status) : undefined,
  );
  const total =
    db
      .select({ n: count() })
      .from(routePlans)
      .innerJoin(facilities, eq(facilities.id, routePlans.depotId))
      .where(where)
      .get()?.n ?? 0;
  const countOf = (table: typeof routeStops | typeof routeUnassigned | typeof routePlanVehicles) =>
    sql<number>`(select count(*) from ${table} where ${table.planId} = ${routePlans.id})`;
  const rows = db
    .select({
      p: routePlans,
      depotName: facilities.name,
      stops: countOf(routeStops),
      unassigned: countOf(routeUnassigned),
      vehicles: countOf(routePlanVehicles),
    })
    .from(routePlans)
    .innerJoin(facilities, eq(facilities.id, routePlans.depotId))
    .where(where)
    .orderBy(desc(routePlans.date), desc(routePlans.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const mine =
    user.role === "driver"
      ? driverSummaries(
          db,
          user.id,
          rows.map((r) => r.p),
        )
      : null;
  const items = rows.map((r) => {
    const own = mine?.get(r.p.id);
    if (own) {
      const header = presentPlanHeader(r.p, r.depotName, own.counts);
      return { ...header, totals: { ...header.totals, ...own.totals } };
    }
    return presentPlanHeader(r.p, r.depotName, {
      stops: r.stops,
      unassigned: r.unassigned,
      vehicles: r.vehicles,
      violations: (JSON.parse(r.p.violationsJson) as unknown[]).length,
    });
  });
  return { items, total, limit: q.limit, offset: q.offset };
}

/**
 * The shipments ready to go from a depot for a date, one candidate stop per facility: the very stops
 * `fromShipments` would plan (shipmentStops, same grouping and load), with each facility's place,
 * opening hours, flags and orders. Refuses a facility that is not a depot at `depotId`.
 */
export function routeCandidates(db: Db, depotId: string, date: string): RouteCandidates {
  const depot = db.select().from(facilities).where(eq(facilities.id, depotId)).get();
  if (!depot) throw new AppError("not_found", `Unknown facility ${depotId}`);
  if (!DEPOT_LEVELS.includes(depot.level))
    fieldError("depotId", `facility ${depotId} is a ${depot.level}, not a depot`);
  const input = { depotId, date, fromShipments: true, stops: [], vehicles: [], convoy: false, excludeInsecure: false };
  const { stops } = shipmentStops(db, input);
  const places = new Map(
    db
      .select()
      .from(facilities)
      .where(inArray(facilities.id, [...stops.map((s) => s.facilityId), ""]))
      .all()
      .map((f) => [f.id, f]),
  );
  const shipments = loadShipments(
    db,
    stops.flatMap((s) => s.orderIds),
  );
  const season = seasonOf(date);
  const out = stops.map((s): CandidateStop => {
    const f = places.get(s.facilityId)!;
    const orders = s.orderIds.map((id) => {
      const m = shipments.get(id)!.manifest;
      return {
        orderId: id,
        status: m.status as (typeof READY_STATUSES)[number],
        flow: m.flow,
        lineCount: m.lines.length,
        units: m.lines.reduce((n, l) => n + l.qty, 0),
      };
    });
    return {
      facilityId: f.id,
      facilityName: f.name,
      lat: f.lat,
      lon: f.lon,
      loadKg: s.loadG / 1000,
      loadL: s.loadMl / 1000,
      coldChain: s.coldChain,
      insecure: f.insecure,
      closedThisSeason: isClosed({ ...f, access: f.rainySeasonAccess }, season),
      opensAt: f.opensAt,
      closesAt: f.closesAt,
      orders,
    };
  });
  out.sort((a, b) => a.facilityName.localeCompare(b.facilityName, "fr"));
  const sum = (g: (s: (typeof stops)[number]) => number) => stops.reduce((n, s) => n + g(s), 0) / 1000;
  return {
    depot: {
      id: depot.id,
      name: depot.name,
      lat: depot.lat,
      lon: depot.lon,
      opensAt: depot.opensAt,
      closesAt: depot.closesAt,
    },
    date,
    rainySeason: season === "rainy",
    stops: out,
    totals: {
      stops: out.length,
      orders: out.reduce((n, s) => n + s.orders.length, 0),
      loadKg: sum((s) => s.loadG),
      loadL: sum((s) => s.loadMl),
    },
  };
}
