/**
 * The authorisation matrix: every registered API route × every role gets the status the policies promise,
 * in scope and out of scope. For the out-of-scope side, the test finds every reference field of the route's
 * contracts (path, query, body: shared/contracts/refs.ts) and sends, for each one, the route's example with
 * that single field pointing outside the user's scope: each must be refused exactly like an unknown object.
 * A route without an example, an example that does not exercise one of its reference fields, an Express route
 * that bypassed the SecureRouter, or a 5xx anywhere fails the test.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import type { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../shared/contracts/auth";
import { contractFields, type ScopeKind } from "../../shared/contracts/refs";
import { ROLE_ACTIONS } from "../../server/policies";
import type { RegisteredRoute } from "../../server/routes/secureRouter";
import { ADMIN_PASSWORD, DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
const ids: Record<string, string> = {};
let productId = 0;
let lotId = 0;

/** The user of each role and one facility inside and one outside their scope (null: none exists). */
const USERS: Record<
  Role,
  { username: string; password: string; inScope: () => string | null; outOfScope: () => string }
> = {
  admin: { username: "admin", password: ADMIN_PASSWORD, inScope: () => ids.katiDepot!, outOfScope: () => "none" },
  procurement_officer: {
    username: "ppm.achats",
    password: DEMO_PASSWORD,
    inScope: () => ids.moptiDepot!,
    outOfScope: () => "none",
  },
  regional_manager: {
    username: "region.koulikoro",
    password: DEMO_PASSWORD,
    inScope: () => ids.katiCscom!,
    outOfScope: () => ids.moptiDepot!,
  },
  district_pharmacist: {
    username: "pharmacien.kati",
    password: DEMO_PASSWORD,
    inScope: () => ids.katiCscom!,
    outOfScope: () => ids.moptiDepot!,
  },
  storekeeper: {
    username: "magasin.kati",
    password: DEMO_PASSWORD,
    inScope: () => ids.katiDepot!,
    outOfScope: () => ids.katiCscom!,
  },
  cscom_manager: {
    username: "cscom.kati",
    password: DEMO_PASSWORD,
    inScope: () => ids.katiCscom!,
    outOfScope: () => ids.katiDepot!,
  },
  driver: {
    username: "chauffeur.kati",
    password: DEMO_PASSWORD,
    inScope: () => null,
    outOfScope: () => ids.katiDepot!,
  },
};
const NATIONAL: Role[] = ["admin", "procurement_officer"];

/** The values an example fills its reference fields with (in scope for the role, or outside it). */
interface Values {
  facility: string;
  district: string;
  region: string;
  counterparty: string;
  order: () => number;
  transfer: () => number;
  report: () => number;
  routePlan: () => number;
  user: () => number;
  pipelineShipment: () => number;
  /** A stop of a published plan with one route (the driver's, for the driver) and its plan */
  routeStop: () => { plan: number; stop: number };
  anyFacility: string;
  anyDistrict: string;
  anyRegion: string;
}

/** One request of a route; `params` fill the path's `:name`s. */
interface Example {
  params?: Record<string, string | number>;
  query?: Record<string, string | number>;
  body?: unknown;
}
/** A route's examples: several when its contract is a union (a movement's receipt, transfer…). */
type Examples = (v: Values) => Example | Example[];

let periodCounter = 0;
/** A fresh report of the facility (direct insert: this test is about access, not content). */
function reportFor(facilityId: string): number {
  const year = 2010 + Math.floor(periodCounter / 12);
  const period = `${year}-${String((periodCounter++ % 12) + 1).padStart(2, "0")}`;
  return Number(
    t.open.sqlite
      .prepare(
        "insert into stock_reports (facility_id, period, status, source, due_date, created_at) values (?, ?, 'draft', 'ledger', '2010-01-15', '2026-11-15') returning id",
      )
      .pluck()
      .get(facilityId, period),
  );
}

/** A fresh order where the facility both orders and supplies, so that either side decides the scope. */
function orderFor(facilityId: string): number {
  return Number(
    t.open.sqlite
      .prepare(
        "insert into orders (facility_id, supplier_id, period, flow, kind, status, created_at, updated_at) values (?, ?, '2026-10', 'cost_recovery', 'regular', 'draft', '2026-11-15', '2026-11-15') returning id",
      )
      .pluck()
      .get(facilityId, facilityId),
  );
}

/** A fresh transfer in transit to the facility, from a facility outside every narrow role's scope (direct insert). */
function transferFor(toFacilityId: string): number {
  const from = toFacilityId === ids.moptiCscom ? ids.moptiDepot : ids.moptiCscom;
  return Number(
    t.open.sqlite
      .prepare(
        "insert into stock_transfers (from_facility_id, to_facility_id, product_id, funding_source, status, sent_at, sent_batch_id, created_at) values (?, ?, ?, 'cost_recovery', 'in_transit', '2026-11-10T08:00:00.000Z', 'authz', '2026-11-10') returning id",
      )
      .pluck()
      .get(from, toFacilityId, productId),
  );
}

/** A fresh draft route plan from the depot, or a published one with a route for `driverId`. */
function planFor(depotId: string, driverId?: number): number {
  const empty = JSON.stringify({ facilityIds: [], durationsS: [], distancesM: [] });
  const id = Number(
    t.open.sqlite
      .prepare(
        "insert into route_plans (depot_id, date, rainy_season, road_model, matrix_json, total_distance_m, total_duration_s, total_cost_xof, status, created_at, updated_at) values (?, '2026-11-20', 0, 'great_circle', ?, 0, 0, 0, ?, '2026-11-15', '2026-11-15') returning id",
      )
      .pluck()
      .get(depotId, empty, driverId ? "published" : "draft"),
  );
  if (driverId) {
    t.open.sqlite
      .prepare(
        "insert into route_plan_vehicles (plan_id, name, capacity_kg, capacity_l, cold_box, shift_start_s, shift_end_s, cost_per_km_xof, fixed_cost_xof, driver_user_id) values (?, 'V', 100, 100, 0, 25200, 61200, 0, 0, ?)",
      )
      .run(id, driverId);
  }
  return id;
}

/** A fresh planned pipeline shipment to the facility (direct insert; the receiving store decides the scope). */
function shipmentFor(facilityId: string): number {
  return Number(
    t.open.sqlite
      .prepare(
        "insert into pipeline_shipments (facility_id, product_id, supplier, funding_source, qty_units, expected_date, status, created_at, updated_at) values (?, ?, 'UNICEF', 'malaria', 100, '2027-03-01', 'planned', '2026-11-15', '2026-11-15') returning id",
      )
      .pluck()
      .get(facilityId, productId),
  );
}

/** A fresh saved scenario (direct insert). */
function scenarioFor(): number {
  return Number(
    t.open.sqlite
      .prepare(
        "insert into quantification_scenarios (name, settings, created_at, updated_at) values (?, '{}', '2026-11-15', '2026-11-15') returning id",
      )
      .pluck()
      .get(`authz-scenario-${++periodCounter}`),
  );
}

/** A small valid history file, base64 (its facility is the Kati depot). */
const historyFile = () =>
  Buffer.from(
    `period,facility,product,opening,received,consumed,adjustments,closing,stockout_days\n2024-01,${ids.katiCscom},${ids.productCode},10,5,3,0,12,0\n`,
  ).toString("base64");

/** A recorded DHIS2 push (direct insert: this test is about access, not content). */
function pushRow(): number {
  return Number(
    t.open.sqlite
      .prepare(
        "insert into dhis2_pushes (requested_at, period, base_url, dry_run, import_strategy, payload_hash, data_values, requests, state) values ('2026-11-15T09:00:00.000Z', '2026-10', 'http://127.0.0.1:9', 1, 'CREATE_AND_UPDATE', 'x', 0, 1, 'done') returning id",
      )
      .pluck()
      .get(),
  );
}

/** A DHIS2 organisation-unit export of one unit, for the import routes. */
const ORG_UNITS = { organisationUnits: [{ id: "OuAuthzTst1", name: "Mali", level: 1 }] };

/** A published plan of the depot with one route (driven by `driverId` when given) and one stop without orders. */
function stopFor(depotId: string, driverId?: number): { plan: number; stop: number } {
  const plan = planFor(depotId);
  t.open.sqlite.prepare("update route_plans set status = 'published' where id = ?").run(plan);
  const vehicle = Number(
    t.open.sqlite
      .prepare(
        "insert into route_plan_vehicles (plan_id, name, capacity_kg, capacity_l, cold_box, shift_start_s, shift_end_s, cost_per_km_xof, fixed_cost_xof, driver_user_id) values (?, 'V', 100, 100, 0, 25200, 61200, 0, 0, ?) returning id",
      )
      .pluck()
      .get(plan, driverId ?? null),
  );
  const stop = Number(
    t.open.sqlite
      .prepare(
        "insert into route_stops (plan_id, vehicle_id, position, facility_id, load_g, load_ml, cold_chain, service_s, window_start_s, window_end_s, arrival_s, eta_s, waiting_s, distance_from_prev_m, driving_from_prev_s, load_after_g, load_after_ml, insecure) values (?, ?, 1, ?, 0, 0, 0, 600, 28800, 57600, 30000, 30000, 0, 1000, 100, 0, 0, 0) returning id",
      )
      .pluck()
      .get(plan, vehicle, ids.katiCscom),
  );
  return { plan, stop };
}

/** A vehicle of the facility's fleet. */
function vehicleFor(facilityId: string): number {
  return Number(
    t.open.sqlite
      .prepare(
        "insert into depot_vehicles (depot_id, name, plate, capacity_kg, capacity_l, cold_box, cost_per_km_xof, created_at, updated_at) values (?, 'V', ?, 100, 100, 0, 250, '2026-11-15', '2026-11-15') returning id",
      )
      .pluck()
      .get(facilityId, `AUTHZ-${++plateCounter}`),
  );
}
let plateCounter = 0;

const idem = (() => {
  let n = 0;
  return () => `authz-${++n}`;
})();

const EXAMPLES: Record<string, Examples> = {
  "get /health": () => ({}),
  "get /config": () => ({}),
  "post /auth/login": () => ({ body: { username: "admin", password: ADMIN_PASSWORD } }),
  "get /auth/me": () => ({}),
  "post /auth/logout": () => ({}),
  "post /auth/password": () => ({
    body: { currentPassword: "wrong-on-purpose", newPassword: "another-long-password" },
  }),
  "get /regions": () => ({}),
  "get /regions/boundaries": () => ({}),
  "get /districts": (v) => ({ query: { regionId: v.anyRegion } }),
  "get /facilities": (v) => ({ query: { level: "district", regionId: v.anyRegion, districtId: v.anyDistrict } }),
  "get /facilities/:id": (v) => ({ params: { id: v.anyFacility } }),
  "get /programmes": () => ({}),
  "get /products": () => ({}),
  "get /facilities/:id/stock": (v) => ({ params: { id: v.facility } }),
  "get /facilities/:id/stock/:productId/card": (v) => ({ params: { id: v.facility, productId } }),
  "get /stock/status": (v) => ({ query: { productId, regionId: v.region, districtId: v.district } }),
  "get /indicators": (v) => ({ query: { regionId: v.region, districtId: v.district } }),
  "get /indicators/consumption": (v) => ({ query: { productId, regionId: v.region, districtId: v.district } }),
  "get /facilities/:id/history": (v) => ({ params: { id: v.facility }, query: { productId } }),
  "post /stock/movements": (v) => [
    {
      body: {
        type: "receipt",
        facilityId: v.facility,
        productId,
        lotCode: "AUTHZ-1",
        expiry: "2028-01-31",
        quantity: 1,
        supplierId: v.counterparty,
      },
    },
    { body: { type: "transfer", facilityId: v.facility, toFacilityId: v.counterparty, productId, quantity: 1 } },
  ],
  "post /stock/counts": (v) => ({ body: { facilityId: v.facility, lines: [{ lotId, countedQty: 0 }] } }),
  "get /audit": () => ({}),
  "get /reports": (v) => ({ query: { facilityId: v.facility, districtId: v.district } }),
  "get /reports/:id": (v) => ({ params: { id: v.report() } }),
  "post /reports": (v) => ({ body: { facilityId: v.facility, period: "2026-09" } }),
  "put /reports/:id/lines": (v) => ({
    params: { id: v.report() },
    body: {
      lines: [{ productId, opening: 1, received: 0, consumed: 0, adjustments: 0, closing: 1, stockoutDays: 0 }],
    },
  }),
  "post /reports/:id/submit": (v) => ({ params: { id: v.report() } }),
  "get /orders": (v) => ({
    query: { facilityId: v.counterparty, supplierId: v.counterparty, regionId: v.region, districtId: v.district },
  }),
  "get /orders/:id": (v) => ({ params: { id: v.order() } }),
  "post /orders/from-report": (v) => ({ body: { reportId: v.report() } }),
  "patch /orders/:id/lines": (v) => ({
    params: { id: v.order() },
    body: { lines: [{ lineId: 999999, requestedQty: 1 }] },
  }),
  "post /orders/:id/submit": (v) => ({ params: { id: v.order() } }),
  "post /orders/:id/approve": (v) => ({ params: { id: v.order() }, body: {} }),
  "post /orders/:id/reject": (v) => ({ params: { id: v.order() }, body: { reason: "Quantités à revoir" } }),
  "post /orders/:id/pick": (v) => ({ params: { id: v.order() } }),
  "post /orders/:id/ship": (v) => ({ params: { id: v.order() }, body: {} }),
  "post /orders/:id/unpick": (v) => ({ params: { id: v.order() } }),
  "get /transfers": (v) => ({ query: { facilityId: v.facility, direction: "in" } }),
  "get /transfers/:id": (v) => ({ params: { id: v.transfer() } }),
  "post /transfers/:id/receive": (v) => ({
    params: { id: v.transfer() },
    body: { lots: [{ lotId, acceptedQty: 1, rejectedQty: 0 }] },
  }),
  "get /facilities/:id/transfer-destinations": (v) => ({ params: { id: v.facility } }),
  "get /facilities/:id/ledger-window": (v) => ({ params: { id: v.facility } }),
  "post /facilities/:id/periods/:period/close": (v) => ({ params: { id: v.facility, period: "2010-01" } }),
  "post /orders/:id/deliver": (v) => ({
    params: { id: v.order() },
    body: { lines: [{ lineId: 1, lots: [{ lotId: 1, acceptedQty: 1, rejectedQty: 0 }] }] },
  }),
  "post /orders/:id/receive": (v) => ({ params: { id: v.order() } }),
  "get /route-plans": (v) => ({ query: { depotId: v.facility } }),
  "get /route-plans/:id": (v) => ({ params: { id: v.routePlan() } }),
  "get /route-plans/candidates": (v) => ({ query: { depotId: v.facility, date: "2026-11-20" } }),
  "post /route-plans": (v) => ({
    body: {
      depotId: v.facility,
      date: "2026-11-20",
      vehicles: [{ name: "V", capacityKg: 100, capacityL: 100 }],
      stops: [{ facilityId: v.counterparty, loadKg: 1 }],
      orderIds: [v.order()],
      solver: { maxIterations: 10 },
    },
  }),
  "patch /route-plans/:id": (v) => ({ params: { id: v.routePlan() }, body: { status: "published", confirm: true } }),
  "get /depots/:id/fleet": (v) => ({ params: { id: v.facility } }),
  "get /roads": () => ({}),
  "post /depots/:id/vehicles": (v) => ({
    params: { id: v.facility },
    body: { name: "Camion", plate: `EX-${++plateCounter}`, capacityKg: 1000, capacityL: 4000 },
  }),
  "put /depots/:id/vehicles/:vehicleId": (v) => ({
    params: { id: v.facility, vehicleId: vehicleFor(v.facility) },
    body: { name: "Camion", plate: `EX-${++plateCounter}`, capacityKg: 1000, capacityL: 4000 },
  }),
  "post /deliveries": (v) => {
    const { plan, stop } = v.routeStop();
    return {
      body: {
        deliveryId: crypto.randomUUID(),
        routePlanId: plan,
        stopId: stop,
        status: "delivered",
        recipient: "Awa",
        lines: [],
      },
    };
  },
  "get /deliveries/returns": (v) => ({ query: { depotId: v.facility } }),
  "post /deliveries/returns": (v) => ({
    body: { depotId: v.facility, lines: [{ returnId: 99_999_999, receivedQty: 1 }] },
  }),
  "post /vrp/solve": () => ({
    query: { maxIterations: 10 },
    body: {
      jobs: [{ id: 1, location_index: 1, delivery: [1] }],
      vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [5] }],
      matrices: {
        car: {
          durations: [
            [0, 60],
            [60, 0],
          ],
        },
      },
    },
  }),
  "post /orders/cycle": (v) => ({ body: { period: "2026-09", regionId: v.region, districtId: v.district } }),
  "post /orders/depot": (v) => ({ body: { facilityId: v.facility, period: "2026-10" } }),
  "post /orders/emergency": (v) => ({ body: { facilityId: v.facility } }),
  "post /allocations/preview": (v) => [
    { body: { productId, sourceFacilityId: v.facility, districtId: v.district } },
    {
      body: {
        productId,
        sourceFacilityId: v.facility,
        regionId: v.region,
        basis: "population",
        population: { unitsPerPersonPerMonth: 1, facilities: [{ facilityId: v.facility, targetPopulation: 10 }] },
      },
    },
  ],
  "post /allocations": (v) => [
    { body: { productId, sourceFacilityId: v.facility, districtId: v.district } },
    {
      body: {
        productId,
        sourceFacilityId: v.facility,
        regionId: v.region,
        basis: "population",
        population: { unitsPerPersonPerMonth: 1, facilities: [{ facilityId: v.facility, targetPopulation: 10 }] },
      },
    },
  ],
  "get /users": () => ({ query: { q: "kati", status: "active" } }),
  "get /users/:id": (v) => ({ params: { id: v.user() } }),
  // Every scope field filled (so each is tried out of scope): the role takes one only, so nothing is created.
  "post /users": (v) => ({
    body: {
      username: "authz.user",
      displayName: "Authz User",
      role: "district_pharmacist",
      regionId: v.region,
      districtId: v.district,
      facilityId: v.facility,
      password: "temporary-password",
    },
  }),
  "patch /users/:id": (v) => ({
    params: { id: v.user() },
    body: { displayName: "Pharmacien Kati", regionId: v.region, districtId: v.district, facilityId: v.facility },
  }),
  "get /quantification/forecast": (v) => ({
    query: { productId, level: "district", regionId: v.region, districtId: v.district, facilityId: v.facility },
  }),
  "get /quantification/forecast/export": (v) => ({
    query: { productId, level: "district", regionId: v.region, districtId: v.district, facilityId: v.facility },
  }),
  "get /quantification/supply-plan": (v) => ({ query: { productId, facilityId: v.facility, horizon: 12 } }),
  "get /quantification/supply-plan/export": (v) => ({
    query: { productId, facilityId: v.facility, horizon: 12, format: "csv" },
  }),
  "post /quantification/runs": (v) => ({ body: { facilityId: v.facility, productIds: [productId] } }),
  "get /quantification/runs/:runId": () => ({ params: { runId: ids.runId! } }),
  "get /quantification/runs/:runId/export": () => ({ params: { runId: ids.runId! }, query: { format: "csv" } }),
  "get /quantification/history-imports": () => ({}),
  "post /quantification/history-imports/preview": () => ({
    body: { fileName: "history.csv", contentBase64: historyFile() },
  }),
  "post /quantification/history-imports": () => ({
    body: { fileName: "history.csv", contentBase64: historyFile(), expectedHash: "0".repeat(64) },
  }),
  "get /quantification/pipeline": (v) => ({ query: { facilityId: v.facility } }),
  "get /quantification/pipeline/:id": (v) => ({ params: { id: v.pipelineShipment() } }),
  "post /quantification/pipeline": (v) => ({
    body: {
      facilityId: v.facility,
      productId,
      supplier: "UNICEF",
      fundingSource: "malaria",
      qtyUnits: 10,
      expectedDate: "2027-03-01",
    },
  }),
  "patch /quantification/pipeline/:id": (v) => ({ params: { id: v.pipelineShipment() }, body: { qtyUnits: 20 } }),
  "delete /quantification/pipeline/:id": (v) => ({ params: { id: v.pipelineShipment() } }),
  "post /quantification/pipeline/:id/receive": (v) => ({
    params: { id: v.pipelineShipment() },
    body: { lots: [{ lotCode: "AUTHZ-P", expiry: "2029-01-31", quantity: 1 }] },
  }),
  "get /quantification/scenarios": () => ({}),
  "get /quantification/scenarios/:scenarioId": () => ({ params: { scenarioId: scenarioFor() } }),
  "post /quantification/scenarios": () => ({ body: { name: `authz-new-${++periodCounter}`, settings: {} } }),
  "put /quantification/scenarios/:scenarioId": () => ({
    params: { scenarioId: scenarioFor() },
    body: { name: `authz-put-${++periodCounter}`, settings: { horizon: 12 } },
  }),
  "delete /quantification/scenarios/:scenarioId": () => ({ params: { scenarioId: scenarioFor() } }),
  "get /quantification/budgets": () => ({}),
  "put /quantification/budgets": () => ({
    body: { budgets: [{ fundingSource: "malaria", year: 2027, amountXof: 1000 }] },
  }),
  "get /openapi.json": () => ({}),
  "post /interop/gs1/parse": () => ({ body: { code: "(01)09521234543213(10)AUTHZ" } }),
  "get /interop/gtins": () => ({ query: { productId } }),
  "post /interop/gtins": () => ({
    body: { productId, gtin: "09521234543213", packLevel: "unit", baseUnitsPerItem: 1 },
  }),
  "delete /interop/gtins/:gtin": () => ({ params: { gtin: "09521234543213" } }),
  "get /interop/dhis2/mappings/data-elements": () => ({}),
  "put /interop/dhis2/mappings/data-elements": () => ({
    body: { productId, field: "consumed", dataElementUid: "deAuthzTst1" },
  }),
  "delete /interop/dhis2/mappings/data-elements/:productId/:field": () => ({
    params: { productId, field: "consumed" },
  }),
  "get /interop/dhis2/mappings/org-units": () => ({}),
  "put /interop/dhis2/mappings/org-units": (v) => ({ body: { facilityId: v.facility, orgUnitUid: "OuAuthzTst1" } }),
  "delete /interop/dhis2/mappings/org-units/:facilityId": (v) => ({ params: { facilityId: v.facility } }),
  "post /interop/dhis2/mappings/import/preview": () => ({
    body: { kind: "orgUnits", csv: "etablissement;unite_organisation\n" },
  }),
  "post /interop/dhis2/mappings/import": () => ({
    body: { kind: "orgUnits", csv: "etablissement;unite_organisation\n" },
  }),
  "get /interop/dhis2/settings": () => ({}),
  "put /interop/dhis2/settings": () => ({
    body: { baseUrl: "http://127.0.0.1:9", authKind: "token", secret: "d2pat_authz", timeoutS: 2 },
  }),
  "post /interop/dhis2/settings/test": () => ({ body: {} }),
  "get /interop/dhis2/dataValueSets": (v) => ({
    query: { period: "2026-10", regionId: v.region, districtId: v.district },
  }),
  "get /interop/dhis2/pushes": () => ({}),
  "get /interop/dhis2/pushes/:pushId": () => ({ params: { pushId: pushRow() } }),
  "post /interop/dhis2/pushes": (v) => ({
    body: { period: "2026-10", regionId: v.region, districtId: v.district, dryRun: true },
  }),
  "post /interop/dhis2/org-units/preview": () => ({ body: { export: ORG_UNITS } }),
  "post /interop/dhis2/org-units/apply": () => ({ body: { export: ORG_UNITS, expectedPlanHash: "0".repeat(64) } }),
  // Hours that end before they start: refused on content, so that nothing is created or changed.
  "post /facilities": (v) => ({
    body: {
      name: "Authz",
      level: "cscom",
      lat: 12.6,
      lon: -8,
      regionId: v.region,
      districtId: v.district,
      opensAt: "18:00",
      closesAt: "08:00",
      supplyLines: [{ programmeCode: "cost_recovery", supplierId: v.counterparty }],
    },
  }),
  "patch /facilities/:id": (v) => ({
    params: { id: v.facility },
    body: {
      regionId: v.region,
      districtId: v.district,
      opensAt: "18:00",
      closesAt: "08:00",
      supplyLines: [{ programmeCode: "cost_recovery", supplierId: v.counterparty }],
    },
  }),
  // A code already taken, an unknown programme: valid requests refused on content, nothing written.
  "post /products": () => ({
    body: {
      code: ids.productCode!,
      genericName: "Authz",
      form: "comprimé",
      baseUnit: "comprimé",
      packSize: 10,
      packRoundingThreshold: 0,
      roundToZero: false,
      ven: "E",
      programmeCode: "cost_recovery",
      category: "Authz",
      coldChain: false,
      packWeightG: 1,
      packVolumeCm3: 1,
      pricePerPackXof: 1,
    },
  }),
  "patch /products/:productId": () => ({ params: { productId }, body: { programmeCode: "no_such_programme" } }),
  "get /products/:productId/prices": () => ({ params: { productId } }),
  "post /products/:productId/prices": () => ({
    params: { productId },
    body: { pricePerPackXof: 1, validFrom: "2099-01-01" },
  }),
  "get /products/export.xlsx": () => ({}),
  "get /products/export.csv": () => ({}),
  "get /prices/export.xlsx": () => ({}),
  "get /prices/export.csv": () => ({}),
  "get /facilities/export.xlsx": () => ({}),
  "get /facilities/export.csv": () => ({}),
  "post /sheets/facilities/preview": () => ({
    body: { format: "csv", contentBase64: Buffer.from("identifiant;nom\n").toString("base64") },
  }),
  // A stale plan hash (or a missing column): refused, nothing written.
  "post /sheets/facilities/import": () => ({
    body: {
      format: "csv",
      contentBase64: Buffer.from("identifiant;nom\n").toString("base64"),
      expectedPlanHash: "0".repeat(64),
    },
  }),
  "get /policies/export.xlsx": () => ({}),
  "get /policies/export.csv": () => ({}),
  "get /users/export.xlsx": () => ({}),
  "get /users/export.csv": () => ({}),
  "get /opening-stock/export.xlsx": () => ({}),
  "get /opening-stock/export.csv": () => ({}),
  "post /sheets/policies/preview": () => ({
    body: { format: "csv", contentBase64: Buffer.from("niveau;regle\n").toString("base64") },
  }),
  // A stale plan hash (or a missing column): refused, nothing written.
  "post /sheets/policies/import": () => ({
    body: {
      format: "csv",
      contentBase64: Buffer.from("niveau;regle\n").toString("base64"),
      expectedPlanHash: "0".repeat(64),
    },
  }),
  "post /sheets/users/preview": () => ({
    body: { format: "csv", contentBase64: Buffer.from("identifiant;nom\n").toString("base64") },
  }),
  "post /sheets/users/import": () => ({
    body: {
      format: "csv",
      contentBase64: Buffer.from("identifiant;nom\n").toString("base64"),
      expectedPlanHash: "0".repeat(64),
    },
  }),
  // A facility of the scope counted: previewed (nothing written); the import with a stale hash is refused.
  "post /sheets/opening-stock/preview": (v) => ({
    body: {
      format: "csv",
      contentBase64: Buffer.from(
        `etablissement;code_produit;lot;peremption;quantite_comptee\n${v.facility};NOPE;L1;2030-01-01;1\n`,
      ).toString("base64"),
    },
  }),
  "post /sheets/opening-stock/import": (v) => ({
    body: {
      format: "csv",
      contentBase64: Buffer.from(
        `etablissement;code_produit;lot;peremption;quantite_comptee\n${v.facility};NOPE;L1;2030-01-01;1\n`,
      ).toString("base64"),
      expectedPlanHash: "0".repeat(64),
    },
  }),
  "post /sheets/:entity/preview": () => ({
    params: { entity: "prices" },
    body: {
      format: "csv",
      contentBase64: Buffer.from("code_produit;date_debut;prix_conditionnement_fcfa\n").toString("base64"),
    },
  }),
  // A stale plan hash: refused (409), nothing written.
  "post /sheets/:entity/import": () => ({
    params: { entity: "prices" },
    body: {
      format: "csv",
      contentBase64: Buffer.from("code_produit;date_debut;prix_conditionnement_fcfa\n").toString("base64"),
      expectedPlanHash: "0".repeat(64),
    },
  }),
  "get /policies": () => ({}),
  "get /policies/effective": (v) => ({ query: { facilityId: v.facility, productId } }),
  // Min above max: refused on content, nothing written.
  "post /policies": (v) => ({
    body: {
      facilityId: v.facility,
      productId,
      rule: "standard",
      maxMonths: 1,
      minMonths: 2,
      eopMonths: null,
      reviewPeriodMonths: 1,
      leadTimeDays: 10,
    },
  }),
  "patch /policies/:policyId": () => ({ params: { policyId: ids.policyId! }, body: { minMonths: 59, maxMonths: 1 } }),
  // A row of its own (asc × TB), so that deleting it changes no other policy.
  "delete /policies/:policyId": () => ({ params: { policyId: ids.sparePolicyId! } }),
  "get /settings": () => ({}),
  "patch /settings": () => ({ body: { minShelfLifeDays: 30 } }),
  "post /replenishment/preview": () => ({
    body: {
      product: { packSize: 10, packRoundingThreshold: 3, roundToZero: false },
      policy: { rule: "forced", maxMonths: 3, minMonths: 1, eopMonths: 0.5 },
      periods: [{ days: 30, consumed: 10, stockoutDays: 0 }],
      stockOnHand: 5,
      inTransit: 0,
    },
  }),
};

const keyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
const examplesOf = (route: RegisteredRoute, v: Values): Example[] => [EXAMPLES[keyOf(route)]!(v)].flat();

/** Every route Express would serve, found by walking its router stacks. */
function expressRoutes(stack: unknown[], found: { method: string; path: string }[] = []) {
  for (const layer of stack as {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: unknown[] };
  }[]) {
    if (layer.route)
      for (const m of Object.keys(layer.route.methods)) found.push({ method: m, path: layer.route.path });
    else if (layer.handle?.stack) expressRoutes(layer.handle.stack, found);
  }
  return found;
}

/** Facility, district and region of a facility id. */
function placeOf(facilityId: string) {
  return t.open.sqlite
    .prepare("select region_id regionId, coalesce(district_id, '') districtId from facilities where id = ?")
    .get(facilityId) as { regionId: string; districtId: string };
}

/** In-scope values of a role: its facility, the area around it, objects of that facility. */
function inScopeValues(role: Role): Values {
  const facility = USERS[role].inScope() ?? ids.katiDepot!;
  const place = placeOf(facility);
  const driverId = role === "driver" ? Number(ids.driverId) : undefined;
  return {
    facility,
    district: place.districtId || "kati",
    region: place.regionId,
    counterparty: facility,
    order: () => orderFor(facility),
    transfer: () => transferFor(facility),
    report: () => reportFor(facility),
    routePlan: () => planFor(ids.katiDepot!, driverId),
    user: () => Number(ids.pharmacistId),
    pipelineShipment: () => shipmentFor(facility),
    routeStop: () => stopFor(ids.katiDepot!, driverId),
    anyFacility: ids.moptiDepot!,
    anyDistrict: "mopti",
    anyRegion: "mopti",
  };
}

/** For each reference kind, a value the role may not name: outside its scope, or unknown for national roles. */
function outOfScopeValue(role: Role, kind: ScopeKind, target?: "stop" | "plan"): string | number {
  const national = NATIONAL.includes(role);
  const outside = USERS[role].outOfScope();
  switch (kind) {
    case "facility":
      return national ? "no-such-facility" : outside;
    case "district":
      return national ? "no-such-district" : "mopti";
    case "region":
      return national ? "no-such-region" : "mopti";
    case "counterparty":
      return national ? "no-such-facility" : ids.moptiCscom!;
    case "order":
      return national ? 99_999_999 : orderFor(outside);
    case "transfer":
      return national ? 99_999_999 : transferFor(outside);
    case "report":
      return national ? 99_999_999 : reportFor(outside);
    case "routePlan":
      return national ? 99_999_999 : planFor(role === "driver" ? ids.katiDepot! : outside);
    case "user":
      // The administrator's own account lies outside every regional manager's region.
      return national ? 99_999_999 : Number(ids.adminId);
    case "pipelineShipment":
      return national ? 99_999_999 : shipmentFor(outside);
    case "routeStop": {
      if (national) return 99_999_999;
      // A driver: a plan of their depot without a route of theirs; staff: a plan of a depot outside their scope.
      const other = stopFor(role === "driver" ? ids.katiDepot! : ids.moptiDepot!);
      return target === "plan" ? other.plan : other.stop;
    }
    case "anyFacility":
      return "no-such-facility";
    case "anyDistrict":
      return "no-such-district";
    case "anyRegion":
      return "no-such-region";
  }
}

/** Sets `value` at `path` ("*" = the first element) in a copy of `root`; undefined when the example lacks the field. */
function withValueAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    if (head !== "*" || root.length === 0) return undefined;
    const inner = withValueAt(root[0], rest, value);
    return inner === undefined ? undefined : [inner, ...root.slice(1)];
  }
  if (typeof root !== "object" || root === null || !(String(head) in root)) return undefined;
  const inner = withValueAt((root as Record<string, unknown>)[String(head)], rest, value);
  return inner === undefined ? undefined : { ...(root as object), [String(head)]: inner };
}

const agents = new Map<Role, TestAgent>();
async function agentFor(role: Role, fresh = false): Promise<TestAgent> {
  const cached = agents.get(role);
  if (cached && !fresh) return cached;
  const agent = request.agent(t.app);
  await signIn(agent, USERS[role].username, USERS[role].password);
  agents.set(role, agent);
  return agent;
}

async function send(agent: TestAgent | ReturnType<typeof request>, route: RegisteredRoute, ex: Example, key = true) {
  const path = route.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(String(ex.params?.[name])));
  const qs = new URLSearchParams(Object.entries(ex.query ?? {}).map(([k, v]) => [k, String(v)])).toString();
  const url = `/api/v1${path}${qs ? `?${qs}` : ""}`;
  const req = route.method === "get" ? agent.get(url) : agent[route.method](url).send((ex.body ?? {}) as object);
  if (route.kind === "write" && key) req.set("Idempotency-Key", idem());
  return req;
}

type Answer = { status: number; body: { error?: { code: string; message: string; details?: unknown } } };
const UNKNOWN = /unknown (facility|district|region|report|order|route plan|user|pipeline shipment|transfer|route stop)/;

/** The request got past authorisation (it may still fail on its content), and did not fail on the server. */
function allowed({ status, body }: Answer) {
  if (status >= 500 || status === 401 || status === 403 || status === 404) return false;
  return !(status === 400 && UNKNOWN.test(body.error?.message ?? ""));
}

/** The object is hidden: 404, or the unknown-reference field error at that path. */
function hidden({ status, body }: Answer, where: string, path: string) {
  if (where !== "body") return status === 404 && body.error?.code === "not_found";
  const issues = (body.error?.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
  return status === 400 && issues.some((i) => i.path === path && UNKNOWN.test(i.message));
}

const brief = (res: Answer) => `${res.status} ${JSON.stringify(res.body).slice(0, 240)}`;

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 3, months: 2 });
  const one = (sql: string) => t.open.sqlite.prepare(sql).pluck().get() as string;
  ids.katiDepot = one("select id from facilities where level = 'district' and district_id = 'kati'");
  ids.moptiDepot = one("select id from facilities where level = 'district' and district_id = 'mopti'");
  ids.moptiCscom = one("select id from facilities where level = 'cscom' and region_id = 'mopti' order by id limit 1");
  for (const [name, id] of Object.entries(ids)) if (!id) throw new Error(`fixture ${name} not found`);
  ids.katiCscom = one("select scope_facility_id from users where username = 'cscom.kati'");
  ids.driverId = String(one("select id from users where username = 'chauffeur.kati'"));
  ids.pharmacistId = String(one("select id from users where username = 'pharmacien.kati'"));
  ids.adminId = String(one("select id from users where username = 'admin'"));
  ids.policyId = String(one("select id from stock_policies order by id limit 1"));
  ids.sparePolicyId = String(
    t.open.sqlite
      .prepare(
        "insert into stock_policies (level, programme_code, rule, max_months, min_months, eop_months, review_period_months, lead_time_days) values ('asc', 'tb', 'forced', 3, 1, 0.5, 1, 7) returning id",
      )
      .pluck()
      .get(),
  );
  productId = Number(one("select id from products order by id limit 1"));
  ids.productCode = one("select code from products order by id limit 1");
  lotId = Number(one("select id from lots order by id limit 1"));
  const run = await t.agent.post("/api/v1/quantification/runs").send({ productIds: [productId] });
  if (run.status !== 202) throw new Error(`plan run: ${run.status} ${JSON.stringify(run.body)}`);
  ids.runId = run.body.id;
});

/** What each role may do, written out independently of the access table so that a mistaken grant fails. */
const EXPECTED_GRANTS: Record<Role, string[]> = {
  admin: [
    "audit:read",
    "catalogue:manage",
    "deliveries:record",
    "facilities:manage",
    "interop:admin",
    "interop:export",
    "interop:push",
    "orders:approve",
    "orders:deliver",
    "orders:fulfil",
    "orders:read",
    "orders:request",
    "periods:close",
    "policies:manage",
    "quantification:plan",
    "quantification:read",
    "reference:read",
    "reports:write",
    "routes:plan",
    "routes:read",
    "session",
    "stock:read",
    "stock:write",
    "users:manage",
    "vrp:solve",
  ],
  procurement_officer: [
    "interop:export",
    "orders:approve",
    "orders:read",
    "quantification:plan",
    "quantification:read",
    "reference:read",
    "session",
    "stock:read",
  ],
  regional_manager: [
    "deliveries:record",
    "facilities:manage",
    "interop:export",
    "orders:approve",
    "orders:deliver",
    "orders:fulfil",
    "orders:read",
    "orders:request",
    "periods:close",
    "reference:read",
    "routes:plan",
    "routes:read",
    "session",
    "stock:read",
    "stock:write",
    "users:manage",
    "vrp:solve",
  ],
  district_pharmacist: [
    "deliveries:record",
    "interop:export",
    "orders:approve",
    "orders:deliver",
    "orders:fulfil",
    "orders:read",
    "orders:request",
    "periods:close",
    "reference:read",
    "reports:write",
    "routes:plan",
    "routes:read",
    "session",
    "stock:read",
    "stock:write",
    "vrp:solve",
  ],
  storekeeper: [
    "deliveries:record",
    "orders:deliver",
    "orders:fulfil",
    "orders:read",
    "periods:close",
    "reference:read",
    "routes:plan",
    "routes:read",
    "session",
    "stock:read",
    "stock:write",
    "vrp:solve",
  ],
  cscom_manager: [
    "orders:deliver",
    "orders:read",
    "orders:request",
    "reference:read",
    "reports:write",
    "session",
    "stock:read",
    "stock:write",
  ],
  driver: ["deliveries:record", "reference:read", "routes:read", "session"],
};

/** The reference fields of a route: where (params, query, body), the path and the kind. */
function refFieldsOf(route: RegisteredRoute) {
  return (["params", "query", "body"] as const).flatMap((where) => {
    const schema = route.spec[where] as z.ZodType | undefined;
    if (!schema) return [];
    return contractFields(schema).flatMap((f) =>
      f.meta ? [{ where, path: f.path, kind: f.meta.scope, target: f.meta.target }] : [],
    );
  });
}

describe("authorisation matrix", () => {
  const routes = () => t.app.locals.routes as RegisteredRoute[];

  it("grants each role exactly the expected actions", () => {
    for (const role of Object.keys(EXPECTED_GRANTS) as Role[])
      expect([...ROLE_ACTIONS[role]].sort(), role).toEqual(EXPECTED_GRANTS[role]);
  });

  it("has a policy for every route Express serves, and an example for every policy", () => {
    const registered = routes().map(keyOf).sort();
    const served = expressRoutes((t.app as unknown as { router: { stack: unknown[] } }).router.stack)
      .map(keyOf)
      .sort();
    expect(served).toEqual(registered);
    expect(Object.keys(EXAMPLES).sort()).toEqual(registered);
  });

  it("has examples that fill every reference field of every route, so that each one is tried out of scope", () => {
    const v = inScopeValues("admin");
    for (const route of routes()) {
      const examples = examplesOf(route, v);
      for (const field of refFieldsOf(route)) {
        const reached = examples.some((ex) => withValueAt(ex[field.where], field.path, "x") !== undefined);
        expect(reached, `${keyOf(route)} ${field.where}.${field.path.join(".")}`).toBe(true);
      }
    }
  });

  it("answers unauthenticated requests to every non-public route with 401", async () => {
    const v = inScopeValues("admin");
    for (const route of routes()) {
      if (route.spec.action === "public") continue;
      const res = await send(request(t.app), route, examplesOf(route, v)[0]!);
      expect(res.status, keyOf(route)).toBe(401);
    }
  });

  it("refuses every write without an Idempotency-Key, and lets computations and session routes go without one", async () => {
    const agent = await agentFor("admin");
    const v = inScopeValues("admin");
    for (const route of routes().filter((r) => r.method !== "get")) {
      if (route.path === "/auth/logout" || route.path === "/auth/login") continue;
      const res = await send(agent, route, examplesOf(route, v)[0]!, false);
      const refused = res.status === 400 && res.body.error?.code === "idempotency_key_required";
      expect(refused, `${keyOf(route)} (${route.kind}) → ${brief(res)}`).toBe(route.kind === "write");
    }
  });

  const roles = Object.keys(USERS) as Role[];
  it.each(roles)(
    "gives %s exactly the access its policy grants, and hides every reference out of its scope",
    async (role) => {
      const inside = inScopeValues(role);
      for (const route of routes()) {
        const { action } = route.spec;
        const granted = action === "public" || ROLE_ACTIONS[role].includes(action);
        const label = `${role} ${keyOf(route)}`;
        const fields = refFieldsOf(route);
        const agent = await agentFor(role, route.path === "/auth/logout");
        const res = await send(agent, route, examplesOf(route, inside)[0]!);
        if (route.path === "/auth/logout") agents.delete(role);
        if (!granted) {
          expect(res.status, label).toBe(403);
          expect(res.body.error.code, label).toBe("forbidden");
          continue;
        }
        // A driver has no facility of its own: only routes without references (or naming its route plan) are "in scope".
        const driverCanTry = fields.every(
          (f) => f.kind === "routePlan" || f.kind === "routeStop" || f.kind.startsWith("any"),
        );
        if (role !== "driver" || driverCanTry) expect(allowed(res), `${label} in scope → ${brief(res)}`).toBe(true);
        else expect(res.status, `${label} → ${brief(res)}`).toBeLessThan(500);
        for (const field of fields) {
          const outside = outOfScopeValue(role, field.kind, field.target);
          expect(outside, `${label}: an out-of-scope ${field.kind}`).toBeDefined();
          for (const ex of examplesOf(route, inside)) {
            const part = withValueAt(ex[field.where], field.path, outside);
            if (part === undefined) continue;
            const out = await send(await agentFor(role), route, { ...ex, [field.where]: part });
            const where = `${field.where}.${field.path.join(".")}`;
            const issuePath = field.path.map((p) => (p === "*" ? 0 : p)).join(".");
            expect(hidden(out, field.where, issuePath), `${label} ${where}=${outside} → ${brief(out)}`).toBe(true);
          }
        }
      }
    },
  );

  it("answers an out-of-scope facility exactly like one that does not exist", async () => {
    const agent = await agentFor("district_pharmacist");
    const outside = await agent.get(`/api/v1/facilities/${ids.moptiDepot}/stock`);
    const missing = await agent.get("/api/v1/facilities/no-such-facility/stock");
    expect(outside.status).toBe(missing.status);
    expect(outside.body.error.code).toBe(missing.body.error.code);
  });

  it("writes each refused request to the audit log without its body", async () => {
    const agent = await agentFor("cscom_manager");
    const before = t.open.sqlite.prepare("select count(*) from audit_log where action = 'access.denied'").pluck().get();
    const res = await agent
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", idem())
      .send({ type: "transfer", facilityId: ids.katiCscom, toFacilityId: ids.moptiCscom, productId, quantity: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.details.issues).toEqual([
      { path: "toFacilityId", message: `unknown facility ${ids.moptiCscom}` },
    ]);
    const row = t.open.sqlite
      .prepare(
        "select username, object_id, after_json from audit_log where action = 'access.denied' order by id desc limit 1",
      )
      .get() as { username: string; object_id: string; after_json: string };
    expect(t.open.sqlite.prepare("select count(*) from audit_log where action = 'access.denied'").pluck().get()).toBe(
      Number(before) + 1,
    );
    expect(row.username).toBe("cscom.kati");
    expect(row.object_id).toBe("POST /api/v1/stock/movements");
    expect(JSON.parse(row.after_json)).toMatchObject({
      where: "body",
      refs: [{ path: "toFacilityId", ref: "counterparty", value: ids.moptiCscom }],
    });
  });
});
