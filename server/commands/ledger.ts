/** Appends ledger lines and keeps the derived balances in step, inside the caller's transaction. */
import { and, eq, sql } from "drizzle-orm";
import { lots, stockBalances, stockMovements } from "../../db/schema";
import { applyDelta } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import type { Tx } from "../../db/client";

/** One ledger line to append (qtyDelta signed, base units). */
export interface LineInput {
  facilityId: string;
  productId: number;
  lotId: number;
  fundingSource: string;
  type: (typeof stockMovements.$inferInsert)["type"];
  reason?: (typeof stockMovements.$inferInsert)["reason"];
  qtyDelta: number;
  occurredAt: string;
  counterpartyId?: string | null;
  reference?: string | null;
  note?: string | null;
}

/** Context shared by the lines of one request. */
export interface BatchContext {
  batchId: string;
  recordedAt: string;
  userId: number | null;
}

/** Current balance of facility × lot × funding source (0 when never stocked). */
export function currentBalance(tx: Tx, facilityId: string, lotId: number, fundingSource: string): number {
  const row = tx
    .select({ qty: stockBalances.qtyOnHand })
    .from(stockBalances)
    .where(
      and(
        eq(stockBalances.facilityId, facilityId),
        eq(stockBalances.lotId, lotId),
        eq(stockBalances.fundingSource, fundingSource),
      ),
    )
    .get();
  return row?.qty ?? 0;
}

/**
 * Appends the lines in order. Each line's balance is checked before it is written: a line that
 * would take a balance below zero throws insufficient_stock, and the caller's transaction rolls
 * back every line of the batch.
 */
export function appendLines(tx: Tx, lines: LineInput[], ctx: BatchContext): number[] {
  const ids: number[] = [];
  for (const line of lines) {
    const before = currentBalance(tx, line.facilityId, line.lotId, line.fundingSource);
    const applied = applyDelta(before, line.qtyDelta);
    if (!applied.ok) {
      throw new AppError(
        "insufficient_stock",
        `Lot ${line.lotId} at ${line.facilityId} holds ${before}, cannot remove ${-line.qtyDelta}`,
        {
          issues: [{ path: "quantity", message: `only ${before} on hand in lot ${line.lotId}` }],
          lotId: line.lotId,
          onHand: before,
          shortfall: applied.shortfall,
        },
      );
    }
    const inserted = tx
      .insert(stockMovements)
      .values({ ...line, reason: line.reason ?? null, balanceAfter: applied.balance, ...ctx })
      .returning({ id: stockMovements.id })
      .get();
    tx.insert(stockBalances)
      .values({
        facilityId: line.facilityId,
        lotId: line.lotId,
        fundingSource: line.fundingSource,
        productId: line.productId,
        qtyOnHand: applied.balance,
        lastMovementId: inserted.id,
      })
      .onConflictDoUpdate({
        target: [stockBalances.facilityId, stockBalances.lotId, stockBalances.fundingSource],
        set: { qtyOnHand: applied.balance, lastMovementId: inserted.id },
      })
      .run();
    ids.push(inserted.id);
  }
  return ids;
}

/** The lots of a product on the shelf at a facility for one funding source. */
export function shelfLots(tx: Tx, facilityId: string, productId: number, fundingSource: string) {
  return tx
    .select({ lotId: lots.id, lotCode: lots.lotCode, expiry: lots.expiry, qtyOnHand: stockBalances.qtyOnHand })
    .from(stockBalances)
    .innerJoin(lots, eq(lots.id, stockBalances.lotId))
    .where(
      and(
        eq(stockBalances.facilityId, facilityId),
        eq(stockBalances.productId, productId),
        eq(stockBalances.fundingSource, fundingSource),
        sql`${stockBalances.qtyOnHand} > 0`,
      ),
    )
    .all();
}
