/**
 * The one append path of the ledger: every command that writes stock lines (receipts, issues, transfers at both
 * ends, adjustments, counts, an order's shipment and proof of delivery) goes through appendLines, inside the
 * caller's transaction. Each line is checked against the ledger's time axis (shared/domain/stock/timeAxis.ts):
 * not in the future, not before its facility × product's open window, and — dated in the past — never making
 * any running balance at or after its date negative. The derived balances are kept in step.
 */
import { and, eq, sql } from "drizzle-orm";
import { lots, stockBalances, stockMovements } from "../../db/schema";
import { availableAt, checkLineTime, placeLine, type OpenWindow } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import type { Tx } from "../../db/client";
import { windowOf } from "../queries/ledgerWindow";
import { reservationKey, type Reservation } from "../queries/reservations";

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
  correctsMovementId?: number | null;
  correctsReportLineId?: number | null;
}

/** Context shared by the lines of one request. */
export interface BatchContext {
  batchId: string;
  /** When the request is recorded (the server's now, ISO): no line may be dated after it (beyond the clock skew) */
  recordedAt: string;
  userId: number | null;
  /** The request field that dates the lines, named in errors (default "occurredAt") */
  atPath?: string;
  /** Open windows already read by the command (each is read once per request) */
  windows?: LedgerWindows;
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

/** One facility × lot × funding source of a product. */
export interface LedgerKey {
  facilityId: string;
  productId: number;
  lotId: number;
  fundingSource: string;
}

/** The deltas of the key's lines dated after `at`, along the stock card's order (occurred_at, then id). */
export function laterDeltas(tx: Tx, key: LedgerKey, at: string): number[] {
  return tx
    .all<{ d: number }>(
      sql`select qty_delta d from stock_movements
          where facility_id = ${key.facilityId} and product_id = ${key.productId} and lot_id = ${key.lotId}
            and funding_source = ${key.fundingSource} and occurred_at > ${at}
          order by occurred_at, id`,
    )
    .map((r) => r.d);
}

/** An ISO date-time as the ledger stores it (toISOString), so that dates compare as strings. */
export const ledgerTime = (iso: string) => new Date(iso).toISOString();

/** Open windows of the facility × products a batch touches, read once per batch. */
export class LedgerWindows {
  private cache = new Map<string, OpenWindow>();
  constructor(private readonly tx: Tx) {}
  of(facilityId: string, productId: number): OpenWindow {
    const key = `${facilityId}|${productId}`;
    let w = this.cache.get(key);
    if (!w) this.cache.set(key, (w = windowOf(this.tx, facilityId, productId)));
    return w;
  }
}

/**
 * Refuses a date in the future (validation_failed on `path`) or before the facility × product's open window
 * (period_closed, with where the window starts and what closed it).
 */
export function checkDate(
  tx: Tx,
  at: { facilityId: string; productId: number; occurredAt: string },
  now: Date,
  path = "occurredAt",
  windows: LedgerWindows = new LedgerWindows(tx),
): void {
  const window = windows.of(at.facilityId, at.productId);
  const check = checkLineTime(at.occurredAt, now, window);
  if (check.ok) return;
  if (check.reason === "future")
    throw new AppError("validation_failed", `${path}: must not be in the future`, {
      issues: [{ path, message: `must not be in the future (latest ${check.latest})` }],
    });
  const what =
    check.closedBy === "count"
      ? `the product was counted at ${check.openFrom}`
      : `the period up to ${window.closedPeriod} is closed (${check.closedBy === "report" ? "report submitted" : "month closed at the depot"})`;
  throw new AppError(
    "period_closed",
    `${path}: ${at.occurredAt} is before ${check.openFrom}: ${what}; record a correction dated now`,
    {
      issues: [{ path, message: `must not be before ${check.openFrom}: ${what}` }],
      facilityId: at.facilityId,
      productId: at.productId,
      occurredAt: at.occurredAt,
      openFrom: check.openFrom,
      closedBy: check.closedBy,
      closedPeriod: window.closedPeriod ?? null,
    },
  );
}

/**
 * Appends the lines in order. Each line is checked before it is written — its date (checkDate), and its balance
 * along occurred_at (placeLine): a line that would take the balance at its date, or any later running balance,
 * below zero throws insufficient_stock, and the caller's transaction rolls back every line of the batch.
 * `balance_after` is the key's balance right after the line in recording order (its stock on hand once written);
 * the stock card recomputes running balances along occurred_at.
 */
export function appendLines(tx: Tx, lines: LineInput[], ctx: BatchContext): number[] {
  const ids: number[] = [];
  const now = new Date(ctx.recordedAt);
  const { atPath: path = "occurredAt", windows = new LedgerWindows(tx), ...batch } = ctx;
  for (const input of lines) {
    const line = { ...input, occurredAt: ledgerTime(input.occurredAt) };
    checkDate(tx, line, now, path, windows);
    const before = currentBalance(tx, line.facilityId, line.lotId, line.fundingSource);
    const later = laterDeltas(tx, line, line.occurredAt);
    const balanceAtT = before - later.reduce((s, d) => s + d, 0);
    const placed = placeLine(balanceAtT, later, line.qtyDelta);
    if (!placed.ok) {
      const backdated = later.length > 0;
      throw new AppError(
        "insufficient_stock",
        backdated
          ? `Lot ${line.lotId} at ${line.facilityId} cannot lose ${-line.qtyDelta} on ${line.occurredAt}: a later balance would go below zero (at most ${placed.least})`
          : `Lot ${line.lotId} at ${line.facilityId} holds ${before}, cannot remove ${-line.qtyDelta}`,
        {
          issues: [
            {
              path: "quantity",
              message: backdated
                ? `at most ${placed.least} of lot ${line.lotId} can be taken on ${line.occurredAt.slice(0, 10)} without a later balance going negative`
                : `only ${before} on hand in lot ${line.lotId}`,
            },
          ],
          lotId: line.lotId,
          onHand: before,
          availableAt: placed.least,
          occurredAt: line.occurredAt,
          shortfall: placed.shortfall,
        },
      );
    }
    const balanceAfter = before + line.qtyDelta;
    const inserted = tx
      .insert(stockMovements)
      .values({ ...line, reason: line.reason ?? null, balanceAfter, ...batch })
      .returning({ id: stockMovements.id })
      .get();
    tx.insert(stockBalances)
      .values({
        facilityId: line.facilityId,
        lotId: line.lotId,
        fundingSource: line.fundingSource,
        productId: line.productId,
        qtyOnHand: balanceAfter,
        lastMovementId: inserted.id,
      })
      .onConflictDoUpdate({
        target: [stockBalances.facilityId, stockBalances.lotId, stockBalances.fundingSource],
        set: { qtyOnHand: balanceAfter, lastMovementId: inserted.id },
      })
      .run();
    ids.push(inserted.id);
  }
  return ids;
}

/** A lot on the shelf: its stock on hand now, and what may be taken from it at the pick's date. */
export interface ShelfLot {
  lotId: number;
  lotCode: string;
  expiry: string;
  /** Stock on hand now */
  qtyOnHand: number;
  /** Held by picked orders */
  reserved: number;
  reservedBy: number[];
  /** What may be taken at the date without any running balance going negative, reservations excluded */
  available: number;
  /** The same, counting the reservations as available (to tell a reserved lot from an empty one) */
  availableUnreserved: number;
}

/**
 * The lots of a product on the shelf at a facility for one funding source, with what may be taken from each at
 * `at` (ISO date-time; now when it is after every line): the least running balance at or after that date, less
 * what picked orders reserve (`reserved`, by lot × funding source).
 */
export function shelfLots(
  tx: Tx,
  facilityId: string,
  productId: number,
  fundingSource: string,
  opts: { at?: string; reserved?: Map<string, Reservation> } = {},
): ShelfLot[] {
  const rows = tx
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
  const later = new Map<number, number[]>();
  if (opts.at !== undefined) {
    for (const r of tx.all<{ lot_id: number; d: number }>(
      sql`select lot_id, qty_delta d from stock_movements
          where facility_id = ${facilityId} and product_id = ${productId} and funding_source = ${fundingSource}
            and occurred_at > ${ledgerTime(opts.at)}
          order by occurred_at, id`,
    ))
      later.set(r.lot_id, [...(later.get(r.lot_id) ?? []), r.d]);
  }
  return rows.map((r) => {
    const deltas = later.get(r.lotId) ?? [];
    const balanceAtT = r.qtyOnHand - deltas.reduce((s, d) => s + d, 0);
    const reservation = opts.reserved?.get(reservationKey(r.lotId, fundingSource));
    const reserved = reservation?.qty ?? 0;
    return {
      ...r,
      reserved,
      reservedBy: reservation?.orderIds ?? [],
      available: availableAt(balanceAtT, deltas, reserved),
      availableUnreserved: availableAt(balanceAtT, deltas),
    };
  });
}
