/** Read side of the ledger: movement rows with their lot. */
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { lots, stockMovements } from "../../db/schema";
import type { Movement } from "../../shared/contracts/stock";
import type { Tx } from "../../db/client";

/** Ledger lines by id, in id order, presented with their lot code and expiry. */
export function loadMovements(db: Db | Tx, ids: number[]): Movement[] {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(stockMovements)
    .innerJoin(lots, eq(lots.id, stockMovements.lotId))
    .where(inArray(stockMovements.id, ids))
    .orderBy(stockMovements.id)
    .all()
    .map((r) => presentMovement(r.stock_movements, r.lots));
}

/** Ledger row → API movement. */
export function presentMovement(m: typeof stockMovements.$inferSelect, lot: typeof lots.$inferSelect): Movement {
  return {
    id: m.id,
    facilityId: m.facilityId,
    productId: m.productId,
    lotId: m.lotId,
    lotCode: lot.lotCode,
    expiry: lot.expiry,
    fundingSource: m.fundingSource,
    type: m.type,
    reason: m.reason,
    qtyDelta: m.qtyDelta,
    balanceAfter: m.balanceAfter,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    counterpartyId: m.counterpartyId,
    batchId: m.batchId,
    reference: m.reference,
    note: m.note,
    correctsMovementId: m.correctsMovementId,
    correctsReportLineId: m.correctsReportLineId,
  };
}
