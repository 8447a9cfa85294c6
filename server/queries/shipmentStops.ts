/**
 * Route-plan stops from shipments: the orders named in `orderIds` and, with `fromShipments`, every
 * shipment ready to go from the depot, grouped into one stop per facility with the load computed
 * from the order lines. Read-only; refused orders are field errors at `orderIds.N`.
 */
import type { Db } from "../../db/client";
import type { RoutePlanCreate } from "../../shared/contracts/routePlans";
import { shipmentLoad, type ShipmentLoad } from "../../shared/domain/shipments";
import type { FieldIssue } from "../../shared/errors";
import { loadShipments, READY_STATUSES, readyShipmentIds } from "./shipments";

/** One stop made of the orders to one facility; `path` names the request field it came from (for errors). */
export interface OrderStop extends ShipmentLoad {
  facilityId: string;
  orderIds: number[];
  path: string;
}

const isReady = (status: string) => (READY_STATUSES as readonly string[]).includes(status);

/** The orders of the request as stops, plus the issues found (unknown, foreign, not ready, listed twice). */
export function shipmentStops(db: Db, input: RoutePlanCreate): { stops: OrderStop[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const explicit = input.orderIds ?? [];
  const wanted = new Map<number, string>();
  explicit.forEach((id, i) => {
    if (wanted.has(id)) issues.push({ path: `orderIds.${i}`, message: `order ${id} is listed twice` });
    else wanted.set(id, `orderIds.${i}`);
  });
  if (input.fromShipments) {
    const ready = readyShipmentIds(db, input.depotId, input.date);
    for (const id of ready) if (!wanted.has(id)) wanted.set(id, "fromShipments");
    if (ready.length === 0 && explicit.length === 0 && input.stops.length === 0) {
      issues.push({
        path: "fromShipments",
        message: `no shipment is ready to go from ${input.depotId} for ${input.date}`,
      });
    }
  }
  const shipments = loadShipments(db, [...wanted.keys()]);
  const byFacility = new Map<string, { path: string; orderIds: number[]; lines: Parameters<typeof shipmentLoad>[0] }>();
  for (const [id, path] of wanted) {
    const s = shipments.get(id);
    // An order of another depot answers exactly like an unknown one.
    if (!s || s.supplierId !== input.depotId) {
      issues.push({ path, message: `order ${id} is not a shipment of ${input.depotId}` });
      continue;
    }
    if (!isReady(s.manifest.status)) {
      issues.push({
        path,
        message: `order ${id} is ${s.manifest.status}: only picking or shipped orders can be planned`,
      });
      continue;
    }
    const stop = byFacility.get(s.facilityId) ?? { path, orderIds: [], lines: [] };
    stop.orderIds.push(id);
    stop.lines.push(...s.load);
    byFacility.set(s.facilityId, stop);
  }
  const stops = [...byFacility].map(([facilityId, s]) => ({
    facilityId,
    orderIds: s.orderIds.sort((x, y) => x - y),
    path: s.path,
    ...shipmentLoad(s.lines),
  }));
  return { stops, issues };
}
