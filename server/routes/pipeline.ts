/**
 * The procurement pipeline (list, create, edit, cancel, receive at the central store), the scenarios and the
 * budgets. A shipment is placed by its receiving facility: `FacilityRef` in the body, `PipelineShipmentRef` in the
 * path, both checked by the router. Receiving books the receipt in the ledger through the one stock command.
 */
import { z } from "zod";
import {
  PipelineCreate,
  PipelinePageSchema,
  PipelinePatch,
  PipelineQuery,
  PipelineReceive,
  PipelineReceiveResultSchema,
  PipelineShipmentSchema,
} from "../../shared/contracts/pipeline";
import { PipelineShipmentParams } from "../../shared/contracts/refs";
import {
  BudgetListSchema,
  BudgetsPut,
  ScenarioListSchema,
  ScenarioParams,
  ScenarioSchema,
  ScenarioWrite,
} from "../../shared/contracts/scenarios";
import { createShipment, deleteShipment, patchShipment, receiveShipment } from "../commands/pipeline";
import {
  createScenario,
  deleteScenario,
  getScenario,
  listBudgets,
  listScenarios,
  putBudgets,
  scenarioView,
  updateScenario,
} from "../commands/scenarios";
import type { AppDeps } from "../deps";
import { getShipment, listPipeline } from "../queries/pipeline";
import { created, type SecureRouter } from "./secureRouter";

/** The audit log's object type of an expected shipment. */
const shipment = "pipeline_shipment";

/** What a delete answers. */
const Deleted = z.object({ id: z.number().int(), deleted: z.literal(true) });

/** Routes of the pipeline, scenarios and budgets. */
export function pipelineRoutes(r: SecureRouter, deps: AppDeps): void {
  pipelineShipmentRoutes(r, deps);
  pipelineReceiptRoute(r);
  scenarioAndBudgetRoutes(r, deps);
  budgetRoutes(r, deps);
}

/** The pipeline's expected shipments: list, one, add, change, remove, receive. */
function pipelineShipmentRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db } = deps;

  r.get(
    "/quantification/pipeline",
    { action: "quantification:read", query: PipelineQuery, response: PipelinePageSchema },
    ({ res, query }) => {
      res.json(listPipeline(db, query));
    },
  );
  r.get(
    "/quantification/pipeline/:id",
    { action: "quantification:read", params: PipelineShipmentParams, response: PipelineShipmentSchema },
    ({ res, params }) => {
      res.json(getShipment(db, params.id));
    },
  );
  r.post(
    "/quantification/pipeline",
    { action: "quantification:plan", body: PipelineCreate, response: created(PipelineShipmentSchema) },
    ({ tx, body, user, now }) => {
      const row = createShipment(tx, body, { now, userId: user.id });
      return {
        status: 201,
        body: getShipment(tx, row.id),
        audit: { action: "pipeline.create", objectType: shipment, objectId: String(row.id), after: row },
      };
    },
  );
  r.patch(
    "/quantification/pipeline/:id",
    {
      action: "quantification:plan",
      params: PipelineShipmentParams,
      body: PipelinePatch,
      response: PipelineShipmentSchema,
    },
    ({ tx, params, body, user, now }) => {
      const { before, after } = patchShipment(tx, params.id, body, { now, userId: user.id });
      return {
        status: 200,
        body: getShipment(tx, params.id),
        audit: { action: "pipeline.update", objectType: shipment, objectId: String(params.id), before, after },
      };
    },
  );
  r.delete(
    "/quantification/pipeline/:id",
    { action: "quantification:plan", params: PipelineShipmentParams, response: Deleted },
    ({ tx, params }) => {
      const before = deleteShipment(tx, params.id);
      return {
        status: 200,
        body: { id: params.id, deleted: true },
        audit: { action: "pipeline.delete", objectType: shipment, objectId: String(params.id), before },
      };
    },
  );
}

/** POST /quantification/pipeline/:id/receive: an expected shipment received, booked in the ledger at PPM central. */
function pipelineReceiptRoute(r: SecureRouter): void {
  r.post(
    "/quantification/pipeline/:id/receive",
    {
      action: "quantification:plan",
      params: PipelineShipmentParams,
      body: PipelineReceive,
      response: PipelineReceiveResultSchema,
    },
    ({ tx, params, body, user, now }) => {
      const out = receiveShipment(tx, params.id, body, { now, userId: user.id });
      const answer = {
        shipment: getShipment(tx, params.id),
        movements: out.movements,
        shortfallUnits: out.shortfallUnits,
      };
      return {
        status: 200,
        body: answer,
        audit: {
          action: "pipeline.receive",
          objectType: shipment,
          objectId: String(params.id),
          before: { status: out.before.status },
          after: {
            status: out.after.status,
            receivedQty: out.after.receivedQty,
            batchIds: answer.shipment.receiptBatchIds,
            balances: out.movements.map((m) => ({
              facilityId: m.facilityId,
              lotId: m.lotId,
              fundingSource: m.fundingSource,
              qtyOnHand: m.balanceAfter,
            })),
            movementIds: out.movements.map((m) => m.id),
          },
        },
      };
    },
  );
}

/** Saved scenarios and the yearly budgets per funding source. */
function scenarioAndBudgetRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db } = deps;
  r.get("/quantification/scenarios", { action: "quantification:read", response: ScenarioListSchema }, ({ res }) => {
    res.json({ items: listScenarios(db) });
  });
  r.get(
    "/quantification/scenarios/:scenarioId",
    { action: "quantification:read", params: ScenarioParams, response: ScenarioSchema },
    ({ res, params }) => {
      res.json(scenarioView(getScenario(db, params.scenarioId)));
    },
  );
  r.post(
    "/quantification/scenarios",
    { action: "quantification:plan", body: ScenarioWrite, response: created(ScenarioSchema) },
    ({ tx, body, user, now }) => {
      const row = createScenario(tx, body, { now, userId: user.id });
      return {
        status: 201,
        body: scenarioView(row),
        audit: { action: "scenario.create", objectType: "scenario", objectId: String(row.id), after: body },
      };
    },
  );
  r.put(
    "/quantification/scenarios/:scenarioId",
    { action: "quantification:plan", params: ScenarioParams, body: ScenarioWrite, response: ScenarioSchema },
    ({ tx, params, body, user, now }) => {
      const { before, after } = updateScenario(tx, params.scenarioId, body, { now, userId: user.id });
      return {
        status: 200,
        body: scenarioView(after),
        audit: {
          action: "scenario.update",
          objectType: "scenario",
          objectId: String(params.scenarioId),
          before: { name: before.name, settings: scenarioView(before).settings },
          after: body,
        },
      };
    },
  );
  r.delete(
    "/quantification/scenarios/:scenarioId",
    { action: "quantification:plan", params: ScenarioParams, response: Deleted },
    ({ tx, params }) => {
      const before = deleteScenario(tx, params.scenarioId);
      return {
        status: 200,
        body: { id: params.scenarioId, deleted: true },
        audit: {
          action: "scenario.delete",
          objectType: "scenario",
          objectId: String(params.scenarioId),
          before: { name: before.name, settings: scenarioView(before).settings },
        },
      };
    },
  );
}

/** The yearly budgets per funding source. */
function budgetRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db } = deps;
  r.get("/quantification/budgets", { action: "quantification:read", response: BudgetListSchema }, ({ res }) => {
    res.json({ items: listBudgets(db) });
  });
  r.put(
    "/quantification/budgets",
    { action: "quantification:plan", body: BudgetsPut, response: BudgetListSchema },
    ({ tx, body, user, now }) => {
      const before = putBudgets(tx, body, { now, userId: user.id });
      return {
        status: 200,
        body: { items: listBudgets(tx) },
        audit: {
          action: "budgets.update",
          objectType: "procurement_budget",
          objectId: null,
          before,
          after: body.budgets,
        },
      };
    },
  );
}
