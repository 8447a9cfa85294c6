/**
 * The last mile: a depot's fleet and drivers, deliveries recorded at the stops of published plans (by their
 * driver, or by the depot's staff), and the returns the depot confirms when the truck is back.
 */
import {
  DeliveryCreate,
  DeliveryResultSchema,
  ReturnReceipt,
  ReturnReceiptResultSchema,
  ReturnsQuery,
  ReturnsSchema,
} from "../../shared/contracts/deliveries";
import { FleetSchema, FleetVehicleInput, FleetVehicleParams, FleetVehicleSchema } from "../../shared/contracts/fleet";
import { FacilityParams } from "../../shared/contracts/refs";
import { recordDelivery } from "../commands/deliveries";
import { receiveReturns } from "../commands/deliveryReturns";
import { createVehicle, loadFleet, updateVehicle } from "../commands/fleet";
import type { AppDeps } from "../deps";
import { listReturns } from "../queries/deliveries";
import { created, type SecureRouter } from "./secureRouter";

/** Routes of the fleet, deliveries and returns. */
export function deliveryRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db } = deps;

  r.get(
    "/depots/:id/fleet",
    { action: "routes:plan", params: FacilityParams, response: FleetSchema },
    ({ res, params }) => {
      res.json(loadFleet(db, params.id));
    },
  );

  r.post(
    "/depots/:id/vehicles",
    { action: "routes:plan", params: FacilityParams, body: FleetVehicleInput, response: created(FleetVehicleSchema) },
    ({ tx, params, body, now }) => {
      const { vehicle, audit } = createVehicle(tx, params.id, body, now);
      return { status: 201, body: vehicle, audit };
    },
  );

  r.put(
    "/depots/:id/vehicles/:vehicleId",
    { action: "routes:plan", params: FleetVehicleParams, body: FleetVehicleInput, response: FleetVehicleSchema },
    ({ tx, params, body, now }) => {
      const { vehicle, audit } = updateVehicle(tx, params.id, params.vehicleId, body, now);
      return { status: 200, body: vehicle, audit };
    },
  );

  // Applied once per deliveryId whatever the Idempotency-Key; a refusal is stored (409 delivery_refused, the
  // error shape, details.reason) so that both ends see it.
  r.post(
    "/deliveries",
    { action: "deliveries:record", body: DeliveryCreate, response: created(DeliveryResultSchema) },
    ({ tx, body, user, now }) => recordDelivery(tx, body, user, now),
  );

  r.get(
    "/deliveries/returns",
    { action: "orders:fulfil", query: ReturnsQuery, response: ReturnsSchema },
    ({ res, query }) => {
      res.json({ items: listReturns(db, query.depotId, query.status) });
    },
  );

  r.post(
    "/deliveries/returns",
    { action: "orders:fulfil", body: ReturnReceipt, response: ReturnReceiptResultSchema },
    ({ tx, body, user, now }) => {
      const { body: answer, audit } = receiveReturns(tx, body, user.id, now);
      return { status: 200, body: answer, audit };
    },
  );
}
