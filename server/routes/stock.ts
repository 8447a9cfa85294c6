/** Stock routes: positions, stock card, the national picture, movements and physical counts (idempotent, audited writes). */
import { FacilityParams } from "../../shared/contracts/refs";
import {
  MovementCreate,
  PhysicalCountCreate,
  PositionsQuery,
  StockCardParams,
  StockCardQuery,
  StockStatusQuery,
  MovementResultSchema,
  StockCardSchema,
  StockPositionsSchema,
  StockStatusSchema,
} from "../../shared/contracts/stock";
import { auditOfBatch } from "../audit";
import { postMovement, postPhysicalCount } from "../commands/stock";
import type { AppDeps } from "../deps";
import { scopeFilter } from "../policies";
import { sendJson } from "../reads/send";
import { created, type SecureRouter } from "./secureRouter";

/** Routes of the stock ledger. */
export function stockRoutes(r: SecureRouter, deps: AppDeps): void {
  const today = () => deps.clock().toISOString().slice(0, 10);
  r.get(
    "/facilities/:id/stock",
    { action: "stock:read", params: FacilityParams, query: PositionsQuery, response: StockPositionsSchema },
    async ({ res, params, query }) => {
      sendJson(res, await deps.reads.json("facilityStock", params.id, query, today()));
    },
  );

  r.get(
    "/facilities/:id/stock/:productId/card",
    { action: "stock:read", params: StockCardParams, query: StockCardQuery, response: StockCardSchema },
    async ({ res, params, query }) => {
      sendJson(res, await deps.reads.json("stockCard", params.id, params.productId, query));
    },
  );

  // The national stock picture: the list itself is narrowed to the user's scope (a region or district outside it answers 404).
  r.get(
    "/stock/status",
    { action: "stock:read", query: StockStatusQuery, response: StockStatusSchema },
    async ({ res, user, query }) => {
      sendJson(res, await deps.reads.json("stockStatus", scopeFilter(user), query, today()));
    },
  );

  r.post(
    "/stock/movements",
    { action: "stock:write", body: MovementCreate, response: created(MovementResultSchema) },
    ({ tx, body, user, now }) => {
      const result = postMovement(tx, body, { now, userId: user.id });
      return { status: 201, body: result, audit: auditOfBatch("stock.movement.create", body, result) };
    },
  );
  r.post(
    "/stock/counts",
    { action: "stock:write", body: PhysicalCountCreate, response: created(MovementResultSchema) },
    ({ tx, body, user, now }) => {
      const result = postPhysicalCount(tx, body, { now, userId: user.id });
      return { status: 201, body: result, audit: auditOfBatch("stock.count.create", body, result) };
    },
  );
}
