/**
 * Transfers between facilities, in two steps. Sending books `transfer_out` at the sender and records the transfer
 * in transit (its lots and funding source); the destination must be at the other end of one of the sender's
 * supply lines, and the sender never writes into its ledger. The receiving facility confirms what arrived, lot by
 * lot: accepted stock enters its ledger (`transfer_in`), rejected stock returns to the sender, dated when the
 * receipt is recorded. A transfer is received once.
 */
import { and, eq } from "drizzle-orm";
import { fundingSources, stockTransferLots, stockTransfers } from "../../db/schema";
import type { TransferReceive, TransferReceiveResult } from "../../shared/contracts/transfers";
import { receiptIssues } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import type { Tx } from "../../db/client";
import { loadMovements } from "../queries/movements";
import { loadTransfer, transferDestinations } from "../queries/transfers";
import { appendLines, ledgerTime, type LineInput } from "./ledger";
import { fieldError } from "../fieldError";

/** The programme a funding source belongs to (supply lines are per programme). */
function programmeOf(tx: Tx, fundingSource: string): string {
  return (
    tx
      .select({ programme: fundingSources.programmeCode })
      .from(fundingSources)
      .where(eq(fundingSources.code, fundingSource))
      .get()?.programme ?? fundingSource
  );
}

/** Refuses a destination that is not at the other end of one of the sender's supply lines for the programme. */
export function checkDestination(tx: Tx, fromId: string, toId: string, fundingSource: string): void {
  if (toId === fromId) fieldError("toFacilityId", "must differ from facilityId");
  const programme = programmeOf(tx, fundingSource);
  const allowed = transferDestinations(tx, fromId, programme).items.some((d) => d.id === toId);
  if (!allowed)
    fieldError(
      "toFacilityId",
      `${toId} is not on a supply line of ${fromId} for ${programme}: it cannot receive this stock`,
    );
}

/** What a send needs once the stock is picked. */
export interface TransferSend {
  fromId: string;
  toId: string;
  productId: number;
  fundingSource: string;
  occurredAt: string;
  reference: string | null;
  note: string | null;
  allocations: { lotId: number; qty: number }[];
}

/** Records the transfer in transit and returns the sender's `transfer_out` lines (to append in the same batch). */
export function openTransfer(
  tx: Tx,
  send: TransferSend,
  ctx: { batchId: string; now: Date; userId: number | null },
): { transferId: number; lines: LineInput[] } {
  const transferId = tx
    .insert(stockTransfers)
    .values({
      fromFacilityId: send.fromId,
      toFacilityId: send.toId,
      productId: send.productId,
      fundingSource: send.fundingSource,
      status: "in_transit",
      sentAt: ledgerTime(send.occurredAt),
      sentBy: ctx.userId,
      sentBatchId: ctx.batchId,
      reference: send.reference,
      note: send.note,
      createdAt: ctx.now.toISOString(),
    })
    .returning({ id: stockTransfers.id })
    .get().id;
  for (const a of send.allocations)
    tx.insert(stockTransferLots).values({ transferId, lotId: a.lotId, qty: a.qty }).run();
  const lines = send.allocations.map((a): LineInput => ({
    facilityId: send.fromId,
    productId: send.productId,
    lotId: a.lotId,
    fundingSource: send.fundingSource,
    type: "transfer_out",
    qtyDelta: -a.qty,
    occurredAt: send.occurredAt,
    counterpartyId: send.toId,
    reference: `Transfert #${transferId}`,
    note: send.note,
  }));
  return { transferId, lines };
}

/**
 * The receiver confirms what arrived: every lot sent answered once (accepted + rejected = sent; a rejection needs
 * a reason). Accepted stock enters the receiver's ledger dated `receivedAt` (now by default); rejected stock
 * returns to the sender dated now. Refused when the transfer was already received.
 */
export function receiveTransfer(
  tx: Tx,
  transferId: number,
  body: TransferReceive,
  ctx: { batchId: string; now: Date; userId: number | null },
): TransferReceiveResult {
  const transfer = tx.select().from(stockTransfers).where(eq(stockTransfers.id, transferId)).get();
  if (!transfer) throw new AppError("not_found", `Unknown transfer ${transferId}`);
  if (transfer.status !== "in_transit")
    throw new AppError("invalid_transition", `Transfer #${transferId} was already received on ${transfer.receivedAt}`, {
      status: transfer.status,
      receivedAt: transfer.receivedAt,
    });
  const sent = tx.select().from(stockTransferLots).where(eq(stockTransferLots.transferId, transferId)).all();
  const issues = receiptIssues(
    sent.map((s) => ({ lotId: s.lotId, qty: s.qty })),
    body.lots,
  );
  if (issues.length > 0)
    throw new AppError("validation_failed", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  const receivedAt = ledgerTime(body.receivedAt ?? ctx.now.toISOString());
  if (receivedAt < transfer.sentAt)
    fieldError("receivedAt", `must not be before the transfer was sent (${transfer.sentAt})`);
  const now = ctx.now.toISOString();
  const reference = `Transfert #${transferId}`;
  const lines: LineInput[] = [];
  for (const r of body.lots) {
    const row = sent.find((s) => s.lotId === r.lotId)!;
    tx.update(stockTransferLots)
      .set({ acceptedQty: r.acceptedQty, rejectedQty: r.rejectedQty, rejectionReason: r.reason ?? null })
      .where(eq(stockTransferLots.id, row.id))
      .run();
    const base = {
      productId: transfer.productId,
      lotId: r.lotId,
      fundingSource: transfer.fundingSource,
      type: "transfer_in" as const,
      reference,
    };
    if (r.acceptedQty > 0)
      lines.push({
        ...base,
        facilityId: transfer.toFacilityId,
        qtyDelta: r.acceptedQty,
        occurredAt: receivedAt,
        counterpartyId: transfer.fromFacilityId,
        note: body.note ?? null,
      });
    if (r.rejectedQty > 0)
      lines.push({
        ...base,
        facilityId: transfer.fromFacilityId,
        qtyDelta: r.rejectedQty,
        occurredAt: now,
        counterpartyId: transfer.toFacilityId,
        note: `Refusé à la réception : ${r.reason}`,
      });
  }
  const ids = appendLines(tx, lines, {
    batchId: ctx.batchId,
    recordedAt: now,
    userId: ctx.userId,
    atPath: "receivedAt",
  });
  const done = tx
    .update(stockTransfers)
    .set({ status: "received", receivedAt, receivedBy: ctx.userId, receivedBatchId: ctx.batchId })
    .where(and(eq(stockTransfers.id, transferId), eq(stockTransfers.status, "in_transit")))
    .run();
  if (done.changes !== 1) throw new AppError("invalid_transition", `Transfer #${transferId} was already received`);
  return { transfer: loadTransfer(tx, transferId), batchId: ctx.batchId, movements: loadMovements(tx, ids) };
}
