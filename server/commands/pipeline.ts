/**
 * The procurement pipeline's writes, inside the route's transaction: create, edit and cancel an open shipment,
 * and receive it — which books each lot that arrived as a receipt at the central store through the one stock
 * command (`postMovement`: lot found or created, funding source, balances, ledger line) and closes the line with
 * the batches it wrote. A received shipment is never edited, cancelled or received again.
 */
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { pipelineShipments } from "../../db/schema";
import type { PipelineCreate, PipelinePatch, PipelineReceive } from "../../shared/contracts/pipeline";
import type { MovementResult } from "../../shared/contracts/stock";
import { lotStatus } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import { postMovement, type WriteContext } from "./stock";
import { fieldError } from "../fieldError";
import { loadFacility, loadProduct, resolveFunding } from "./stockRefs";

type Row = typeof pipelineShipments.$inferSelect;

/** The shipment row (404 when unknown), refused when already received. */
function openRow(tx: Tx, id: number): Row {
  const row = tx.select().from(pipelineShipments).where(eq(pipelineShipments.id, id)).get();
  if (!row) throw new AppError("not_found", `Unknown pipeline shipment ${id}`);
  if (row.status === "received")
    throw new AppError("invalid_transition", `Pipeline shipment ${id} was received on ${row.receivedAt}: it is closed`);
  return row;
}

/** What arrives must not expire before it arrives. */
function checkExpiry(expiry: string | null | undefined, expectedDate: string) {
  if (expiry && expiry <= expectedDate) fieldError("expiry", "must be after the expected date");
}

/** Creates a shipment to a central store; returns the new row. */
export function createShipment(tx: Tx, body: PipelineCreate, ctx: WriteContext): Row {
  const facility = loadFacility(tx, body.facilityId);
  if (facility.level !== "central") fieldError("facilityId", `${facility.id} is not a central store`);
  const product = loadProduct(tx, body.productId);
  const fundingSource = resolveFunding(tx, body.fundingSource, product.programmeCode);
  checkExpiry(body.expiry, body.expectedDate);
  const at = ctx.now.toISOString();
  return tx
    .insert(pipelineShipments)
    .values({
      facilityId: facility.id,
      productId: product.id,
      supplier: body.supplier,
      fundingSource,
      qtyUnits: body.qtyUnits,
      expectedDate: body.expectedDate,
      status: body.status,
      lotCode: body.lotCode ?? null,
      expiry: body.expiry ?? null,
      costXof: body.costXof ?? null,
      reference: body.reference ?? null,
      note: body.note ?? null,
      createdBy: ctx.userId,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
    .get();
}

/** Edits an open shipment; returns the rows before and after. */
export function patchShipment(
  tx: Tx,
  id: number,
  patch: PipelinePatch,
  ctx: WriteContext,
): { before: Row; after: Row } {
  const before = openRow(tx, id);
  if (patch.fundingSource !== undefined) resolveFunding(tx, patch.fundingSource, patch.fundingSource);
  checkExpiry(patch.expiry === undefined ? before.expiry : patch.expiry, patch.expectedDate ?? before.expectedDate);
  const after = tx
    .update(pipelineShipments)
    .set({ ...patch, updatedAt: ctx.now.toISOString() })
    .where(eq(pipelineShipments.id, id))
    .returning()
    .get();
  return { before, after };
}

/** Cancels (deletes) an open shipment; returns the row it was. */
export function deleteShipment(tx: Tx, id: number): Row {
  const before = openRow(tx, id);
  tx.delete(pipelineShipments).where(eq(pipelineShipments.id, id)).run();
  return before;
}

/** Prefixes the field paths of a stock command's refusal with the lot's place in the request. */
function atLot(e: unknown, i: number): unknown {
  if (!(e instanceof AppError) || e.code !== "validation_failed") return e;
  const details = e.details as { issues?: { path: string; message: string }[] } | undefined;
  const issues = (details?.issues ?? []).map((x) => ({ ...x, path: `lots.${i}.${x.path}` }));
  return new AppError("validation_failed", `lots.${i}: ${e.message}`, { issues });
}

/**
 * Receives a shipment at its store: one receipt per lot through `postMovement` (the funding source of the
 * shipment, reference `PIPE-<id>`), then the line is closed with what arrived and the ledger batches.
 */
export function receiveShipment(
  tx: Tx,
  id: number,
  body: PipelineReceive,
  ctx: WriteContext,
): { before: Row; after: Row; movements: MovementResult["movements"]; shortfallUnits: number } {
  const before = openRow(tx, id);
  const occurredAt = new Date(body.occurredAt ?? ctx.now).toISOString();
  if (new Date(occurredAt).getTime() > ctx.now.getTime() + 5 * 60_000)
    fieldError("occurredAt", "must not be in the future");
  const movements: MovementResult["movements"] = [];
  const batchIds: string[] = [];
  // What the officer ordered was planned: receiving up to it is never implausible, however large against the store's
  // AMC or maximum stock (a first national purchase, a campaign). A surplus beyond it is checked like any receipt.
  const planned = body.lots.reduce((s, l) => s + l.quantity, 0) <= before.qtyUnits;
  const confirmImplausible = body.confirmImplausible === true || planned;
  body.lots.forEach((lot, i) => {
    if (lotStatus(lot.expiry, occurredAt, 0).reason === "expired")
      fieldError(`lots.${i}.expiry`, "lot is already expired on the receipt date");
    let result: MovementResult;
    try {
      result = postMovement(
        tx,
        {
          type: "receipt",
          facilityId: before.facilityId,
          productId: before.productId,
          lotCode: lot.lotCode,
          expiry: lot.expiry,
          quantity: lot.quantity,
          fundingSource: before.fundingSource,
          occurredAt,
          reference: `PIPE-${id}${before.reference ? ` ${before.reference}` : ""}`.slice(0, 100),
          ...(body.note ? { note: body.note } : {}),
          confirmImplausible,
        },
        ctx,
      );
    } catch (e) {
      throw atLot(e, i);
    }
    movements.push(...result.movements);
    batchIds.push(result.batchId);
  });
  const received = body.lots.reduce((s, l) => s + l.quantity, 0);
  const after = tx
    .update(pipelineShipments)
    .set({
      status: "received",
      receivedQty: received,
      receivedAt: occurredAt,
      receiptBatchIds: JSON.stringify(batchIds),
      updatedAt: ctx.now.toISOString(),
    })
    .where(eq(pipelineShipments.id, id))
    .returning()
    .get();
  return { before, after, movements, shortfallUnits: Math.max(0, before.qtyUnits - received) };
}
