/** Stock routes: positions, stock card, movements and physical counts (idempotent, audited writes). */
import type { Request, Response } from "express";
import { z } from "zod";
import { IdempotencyKey } from "../../shared/contracts/common";
import { MovementCreate, PhysicalCountCreate, PositionsQuery, StockCardQuery, type MovementResult } from "../../shared/contracts/stock";
import { AppError } from "../../shared/errors";
import { audit, type AuditEntry } from "../audit";
import { requestHash, runIdempotent, type Tx } from "../commands/idempotency";
import { postMovement, postPhysicalCount, type WriteContext } from "../commands/stock";
import { minShelfLifeDays } from "../commands/stockRefs";
import { parseOrThrow } from "../middleware/validate";
import { getFacility } from "../queries/reference";
import { stockCard, stockPositions } from "../queries/stock";
import type { AppDeps } from "../app";
import type { SecureRouter } from "./secureRouter";

const pathFacility = (req: Request) => [{ id: req.params.id as string, from: "path" as const }];

/** Balances before and after a batch, for the audit log. */
function auditOfBatch(action: string, request: unknown, result: MovementResult): AuditEntry {
  const keyOf = (m: MovementResult["movements"][number]) => ({ facilityId: m.facilityId, lotId: m.lotId, fundingSource: m.fundingSource });
  return {
    action,
    objectType: "stock_batch",
    objectId: result.batchId,
    before: result.movements.map((m) => ({ ...keyOf(m), qtyOnHand: m.balanceAfter - m.qtyDelta })),
    after: { request, balances: result.movements.map((m) => ({ ...keyOf(m), qtyOnHand: m.balanceAfter })), movementIds: result.movements.map((m) => m.id) },
  };
}

/** Routes of the stock ledger. */
export function stockRoutes(r: SecureRouter, { db, clock }: AppDeps): void {
  r.get("/facilities/:id/stock", { action: "stock:read", query: PositionsQuery, facilities: pathFacility }, (req, res) => {
    const facility = getFacility(db, req.params.id as string);
    const q = res.locals.query as z.infer<typeof PositionsQuery>;
    const asOf = q.asOf ?? clock().toISOString().slice(0, 10);
    const shelfLife = db.transaction((tx) => minShelfLifeDays(tx));
    const positions = stockPositions(db, facility, { asOf, programme: q.programme, minShelfLifeDays: shelfLife });
    if (q.includeEmpty !== "true") positions.items = positions.items.filter((i) => i.stockOnHand > 0 || i.amc > 0);
    res.json(positions);
  });

  r.get("/facilities/:id/stock/:productId/card", { action: "stock:read", query: StockCardQuery, facilities: pathFacility }, (req, res) => {
    const productId = parseOrThrow(z.coerce.number().int().positive(), req.params.productId, "path productId");
    res.json(stockCard(db, req.params.id as string, productId, res.locals.query));
  });

  /** Runs a write once per Idempotency-Key, audits it in the same transaction, answers its (stored) result. */
  const idempotentWrite = (action: string, run: (tx: Tx, body: never, ctx: WriteContext) => MovementResult) => (req: Request, res: Response) => {
    const header = req.get("Idempotency-Key");
    if (header === undefined) throw new AppError("idempotency_key_required", "Every write needs an Idempotency-Key header", { issues: [{ path: "Idempotency-Key", message: "header is required" }] });
    const key = parseOrThrow(z.object({ "Idempotency-Key": IdempotencyKey }), { "Idempotency-Key": header }, "header")["Idempotency-Key"];
    const userId: number | null = res.locals.user?.id ?? null;
    const hash = requestHash({ method: req.method, path: req.path, userId, body: res.locals.body });
    const now = clock();
    const result = runIdempotent(db, key, hash, now, (tx) => {
      const body = run(tx, res.locals.body as never, { now, userId });
      audit(tx, now, res.locals.origin, auditOfBatch(action, res.locals.body, body));
      return { status: 201, body };
    });
    res.status(result.status).set("Idempotent-Replayed", String(result.replayed)).json(result.body);
  };

  r.post(
    "/stock/movements",
    { action: "stock:write", body: MovementCreate, facilities: (_req, res) => [{ id: res.locals.body.facilityId, from: "body", path: "facilityId" }] },
    idempotentWrite("stock.movement.create", (tx, body: MovementCreate, ctx) => postMovement(tx, body, ctx)),
  );
  r.post(
    "/stock/counts",
    { action: "stock:write", body: PhysicalCountCreate, facilities: (_req, res) => [{ id: res.locals.body.facilityId, from: "body", path: "facilityId" }] },
    idempotentWrite("stock.count.create", (tx, body: PhysicalCountCreate, ctx) => postPhysicalCount(tx, body, ctx)),
  );
}
