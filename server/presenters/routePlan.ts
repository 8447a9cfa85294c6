/** Route plan rows → the RoutePlan response contract (kg and litres, "HH:MM" clock times, ISO ETAs). */
import type { facilities, routePlanVehicles, routePlans, routeStops, routeUnassigned } from "../../db/schema";
import type { StopDelivery } from "../../shared/contracts/deliveries";
import {
  sToClock,
  type ManifestOrder,
  type RoutePlan,
  type RoutePlanSummary,
  type RouteViolation,
} from "../../shared/contracts/routePlans";

type PlanRow = typeof routePlans.$inferSelect;
type VehicleRow = typeof routePlanVehicles.$inferSelect;
type Place = Pick<typeof facilities.$inferSelect, "name" | "lat" | "lon">;
type StopRow = typeof routeStops.$inferSelect & { place: Place };
type UnassignedRow = typeof routeUnassigned.$inferSelect & { place: Place };

/** Grams or millilitres → kg or litres. */
const k = (x: number) => x / 1000;

/** The order ids stored on a stop (JSON array or null) and their manifests, in that order. */
function ordersOf(orderIds: string | null, manifests: Map<number, ManifestOrder>) {
  const ids = orderIds === null ? [] : (JSON.parse(orderIds) as number[]);
  return { orderIds: ids, manifest: ids.flatMap((id) => manifests.get(id) ?? []) };
}

/** ISO date-time of `s` seconds after midnight (UTC = Mali time) of the plan date. */
export function isoAt(date: string, s: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + s * 1000).toISOString();
}

/** The summary fields shared by the list and the detail. */
export function presentPlanHeader(
  p: PlanRow,
  depotName: string,
  counts: { stops: number; unassigned: number; violations: number; vehicles: number },
): RoutePlanSummary {
  return {
    id: p.id,
    depotId: p.depotId,
    depotName,
    date: p.date,
    rainySeason: p.rainySeason,
    convoy: p.convoy,
    excludeInsecure: p.excludeInsecure,
    status: p.status,
    roadModel: p.roadModel as RoutePlan["roadModel"],
    totals: {
      distanceM: p.totalDistanceM,
      durationS: p.totalDurationS,
      costXof: p.totalCostXof,
      stops: counts.stops,
      unassigned: counts.unassigned,
      violations: counts.violations,
    },
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    vehicles: counts.vehicles,
  };
}

/** The state of a stop nobody has recorded a delivery for. */
export const PENDING_DELIVERY: StopDelivery = {
  state: "pending",
  deliveryId: null,
  recordedAt: null,
  arrivedAt: null,
  departedAt: null,
  skipReason: null,
  recipient: null,
  acceptedUnits: 0,
  rejectedUnits: 0,
  refused: [],
};

/** What the plan shows besides its rows: each stop's delivery state and each driver's name. */
export interface PlanExtras {
  deliveries: Map<number, StopDelivery>;
  driverNames: Map<number, string>;
  /** Facility id → the name of who receives there */
  contacts: Map<string, string>;
}

function presentStop(
  date: string,
  s: StopRow,
  manifests: Map<number, ManifestOrder>,
  extras: PlanExtras,
): RoutePlan["routes"][number]["stops"][number] {
  return {
    id: s.id,
    position: s.position,
    facilityId: s.facilityId,
    facilityName: s.place.name,
    lat: s.place.lat,
    lon: s.place.lon,
    shipmentId: s.shipmentId,
    loadKg: k(s.loadG),
    loadL: k(s.loadMl),
    coldChain: s.coldChain,
    insecure: s.insecure,
    serviceS: s.serviceS,
    windowStart: sToClock(s.windowStartS),
    windowEnd: sToClock(s.windowEndS),
    arrivalS: s.arrivalS,
    etaS: s.etaS,
    eta: isoAt(date, s.etaS),
    waitingS: s.waitingS,
    distanceFromPrevM: s.distanceFromPrevM,
    drivingFromPrevS: s.drivingFromPrevS,
    loadAfterKg: k(s.loadAfterG),
    loadAfterL: k(s.loadAfterMl),
    ...ordersOf(s.orderIds, manifests),
    contactName: extras.contacts.get(s.facilityId) ?? null,
    delivery: extras.deliveries.get(s.id) ?? PENDING_DELIVERY,
  };
}

/** The whole plan; `vehicles` may be a subset (a driver's own routes); `manifests` by order id for the stops made of orders. */
export function presentRoutePlan(
  p: PlanRow,
  depotName: string,
  vehicles: VehicleRow[],
  stops: StopRow[],
  unassigned: UnassignedRow[],
  violations: RouteViolation[],
  manifests: Map<number, ManifestOrder>,
  extras: PlanExtras,
): RoutePlan {
  const routes = vehicles.map((v) => ({
    vehicleId: v.id,
    name: v.name,
    capacityKg: v.capacityKg,
    capacityL: v.capacityL,
    coldBox: v.coldBox,
    shiftStart: sToClock(v.shiftStartS),
    shiftEnd: sToClock(v.shiftEndS),
    maxDrivingMin: v.maxDrivingS === null ? null : Math.round(v.maxDrivingS / 60),
    costPerKmXof: v.costPerKmXof,
    fixedCostXof: v.fixedCostXof,
    driverUserId: v.driverUserId,
    driverName: v.driverUserId === null ? null : (extras.driverNames.get(v.driverUserId) ?? null),
    fleetVehicleId: v.fleetVehicleId,
    plate: v.plate,
    distanceM: v.distanceM,
    drivingS: v.drivingS,
    durationS: v.durationS,
    loadKg: k(v.loadG),
    loadL: k(v.loadMl),
    costXof: v.costXof,
    stops: stops
      .filter((s) => s.vehicleId === v.id)
      .sort((a, b) => a.position - b.position)
      .map((s) => presentStop(p.date, s, manifests, extras)),
  }));
  const { vehicles: _n, ...header } = presentPlanHeader(p, depotName, {
    stops: stops.length,
    unassigned: unassigned.length,
    violations: violations.length,
    vehicles: vehicles.length,
  });
  return {
    ...header,
    violations,
    routes,
    unassigned: unassigned.map((u) => ({
      id: u.id,
      facilityId: u.facilityId,
      facilityName: u.place.name,
      lat: u.place.lat,
      lon: u.place.lon,
      shipmentId: u.shipmentId,
      loadKg: k(u.loadG),
      loadL: k(u.loadMl),
      coldChain: u.coldChain,
      insecure: u.insecure,
      reason: u.reason,
      ...ordersOf(u.orderIds, manifests),
    })),
  };
}
