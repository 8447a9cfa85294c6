/** Stock routes: positions, stock card, movements and physical counts (idempotent, audited writes). */
import type { Request } from "express";
import { z } from "zod";
import type { Me } from "../../shared/contracts/auth";
import {
  MovementCreate,
  PhysicalCountCreate,
  PositionsQuery,
  StockCardQuery,
  StockStatusQuery,
  type MovementResult,
} from "../../shared/contracts/stock";
import type { AuditEntry } from "../audit";
import { postMovement, postPhysicalCount } from "../commands/stock";
import { minShelfLifeDays } from "../commands/stockRefs";
import { parseOrThrow } from "../middleware/validate";
import { getFacility } from "../queries/reference";
import { stockCard, stockPositions } from "../queries/stock";
import { scopeFilter } from "../policies";
import type { AppDeps } from "../deps";
import { idempotentWrite } from "./idempotent";
import type { SecureRouter } from "./secureRouter";

const pathFacility = (req: Request) => [{ id: req.params.id as string, from: "path" as const }];

/** Balances before and after a batch, for the audit log. */
function auditOfBatch(action: string, request: unknown, result: MovementResult): AuditEntry {
  const keyOf = (m: MovementResult["movements"][number]) => ({
    facilityId: m.facilityId,
    lotId: m.lotId,
    fundingSource: m.fundingSource,
  });
  return {
    action,
    objectType: "stock_batch",
    objectId: result.batchId,
    before: result.movements.map((m) => ({ ...keyOf(m), qtyOnHand: m.balanceAfter - m.qtyDelta })),
    after: {
      request,
      balances: result.movements.map((m) => ({ ...keyOf(m), qtyOnHand: m.balanceAfter })),
      movementIds: result.movements.map((m) => m.id),
    },
  };
}

/** Routes of the stock ledger. */
export function stockRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db, clock } = deps;
  r.get(
    "/facilities/:id/stock",
    { action: "stock:read", query: PositionsQuery, facilities: pathFacility },
    (req, res) => {
      const facility = getFacility(db, req.params.id as string);
      const q = res.locals.query as z.infer<typeof PositionsQuery>;
      const asOf = q.asOf ?? clock().toISOString().slice(0, 10);
      const shelfLife = db.transaction((tx) => minShelfLifeDays(tx));
      const positions = stockPositions(db, facility, { asOf, programme: q.programme, minShelfLifeDays: shelfLife });
      if (q.includeEmpty !== "true") positions.items = positions.items.filter((i) => i.stockOnHand > 0 || i.amc > 0);
      res.json(positions);
    },
  );

  r.get(
    "/facilities/:id/stock/:productId/card",
    { action: "stock:read", query: StockCardQuery, facilities: pathFacility },
    (req, res) => {
      const productId = parseOrThrow(z.coerce.number().int().positive(), req.params.productId, "path productId");
      res.json(stockCard(db, req.params.id as string, productId, res.locals.query));
    },
  );

  // The national stock picture: no facility in the path, the list itself is narrowed to the user's scope.
  r.get("/stock/status", { action: "stock:read", query: StockStatusQuery }, async (_req, res) => {
    const asOf = clock().toISOString().slice(0, 10);
    res.json(await deps.reads.run("stockStatus", scopeFilter(res.locals.user as Me), res.locals.query, asOf));
  });

  r.post(
    "/stock/movements",
    {
      action: "stock:write",
      body: MovementCreate,
      facilities: (_req, res) => [{ id: res.locals.body.facilityId, from: "body", path: "facilityId" }],
    },
    idempotentWrite(deps, ({ tx, body, user, now }) => {
      const result = postMovement(tx, body as MovementCreate, { now, userId: user.id });
      return { status: 201, body: result, audit: auditOfBatch("stock.movement.create", body, result) };
    }),
  );
  r.post(
    "/stock/counts",
    {
      action: "stock:write",
      body: PhysicalCountCreate,
      facilities: (_req, res) => [{ id: res.locals.body.facilityId, from: "body", path: "facilityId" }],
    },
    idempotentWrite(deps, ({ tx, body, user, now }) => {
      const result = postPhysicalCount(tx, body as PhysicalCountCreate, { now, userId: user.id });
      return { status: 201, body: result, audit: auditOfBatch("stock.count.create", body, result) };
    }),
  );
}
