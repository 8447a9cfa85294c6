/** Stock routes: positions, stock card, movements and physical counts (idempotent writes). */
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { IdempotencyKey } from "../../shared/contracts/common";
import { MovementCreate, PhysicalCountCreate, PositionsQuery, StockCardQuery } from "../../shared/contracts/stock";
import { AppError } from "../../shared/errors";
import { requestHash, runIdempotent, type CommandResult, type Tx } from "../commands/idempotency";
import { postMovement, postPhysicalCount } from "../commands/stock";
import { minShelfLifeDays } from "../commands/stockRefs";
import { parseOrThrow, validateBody, validateQuery } from "../middleware/validate";
import { getFacility } from "../queries/reference";
import { stockCard, stockPositions } from "../queries/stock";
import type { AppDeps } from "../app";

/** Routes of the stock ledger. */
export function stockRouter({ db, clock }: AppDeps): Router {
  const r = Router();

  r.get("/facilities/:id/stock", validateQuery(PositionsQuery), (req, res) => {
    const facility = getFacility(db, req.params.id as string);
    const q = res.locals.query as z.infer<typeof PositionsQuery>;
    const asOf = q.asOf ?? clock().toISOString().slice(0, 10);
    const shelfLife = db.transaction((tx) => minShelfLifeDays(tx));
    const positions = stockPositions(db, facility, { asOf, programme: q.programme, minShelfLifeDays: shelfLife });
    if (q.includeEmpty !== "true") positions.items = positions.items.filter((i) => i.stockOnHand > 0 || i.amc > 0);
    res.json(positions);
  });

  r.get("/facilities/:id/stock/:productId/card", validateQuery(StockCardQuery), (req, res) => {
    getFacility(db, req.params.id as string);
    const productId = parseOrThrow(z.coerce.number().int().positive(), req.params.productId, "path productId");
    res.json(stockCard(db, req.params.id as string, productId, res.locals.query));
  });

  /** Runs a write command once per Idempotency-Key and answers its (stored) result. */
  const idempotentWrite = (run: (tx: Tx, body: never, userId: number | null) => CommandResult) => (req: Request, res: Response) => {
    const header = req.get("Idempotency-Key");
    if (header === undefined) throw new AppError("idempotency_key_required", "Every write needs an Idempotency-Key header", { issues: [{ path: "Idempotency-Key", message: "header is required" }] });
    const key = parseOrThrow(IdempotencyKey, header, "header Idempotency-Key");
    const userId: number | null = res.locals.user?.id ?? null;
    const hash = requestHash({ method: req.method, path: req.path, userId, body: res.locals.body });
    const result = runIdempotent(db, key, hash, clock(), (tx) => run(tx, res.locals.body as never, userId));
    res.status(result.status).set("Idempotent-Replayed", String(result.replayed)).json(result.body);
  };

  r.post(
    "/stock/movements",
    validateBody(MovementCreate),
    idempotentWrite((tx, body: MovementCreate, userId) => ({ status: 201, body: postMovement(tx, body, { now: clock(), userId }) })),
  );
  r.post(
    "/stock/counts",
    validateBody(PhysicalCountCreate),
    idempotentWrite((tx, body: PhysicalCountCreate, userId) => ({ status: 201, body: postPhysicalCount(tx, body, { now: clock(), userId }) })),
  );
  return r;
}
