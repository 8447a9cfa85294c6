/** Stock commands: receipt, issue, transfer, adjustment, physical count. Run inside runIdempotent. */
import { randomUUID } from "node:crypto";
import type { MovementCreate, MovementResult, PhysicalCountCreate } from "../../shared/contracts/stock";
import { lotStatus, pickFefo, type FefoPick } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import { loadMovements } from "../queries/movements";
import type { Tx } from "../../db/client";
import { appendLines, currentBalance, shelfLots, type LineInput } from "./ledger";
import {
  fieldError,
  findOrCreateLot,
  loadFacility,
  loadLot,
  loadProduct,
  minShelfLifeDays,
  resolveFunding,
} from "./stockRefs";

/** Who writes and when. */
export interface WriteContext {
  now: Date;
  userId: number | null;
}

/** Posts one movement request; returns its ledger lines (and the FEFO explanation for picks). */
export function postMovement(tx: Tx, input: MovementCreate, ctx: WriteContext): MovementResult {
  const occurredAt = resolveOccurredAt(input.occurredAt, ctx.now);
  const facility = loadFacility(tx, input.facilityId);
  const base = { facilityId: facility.id, occurredAt, reference: input.reference ?? null, note: input.note ?? null };
  let lines: LineInput[];
  let pick: MovementResult["pick"];
  switch (input.type) {
    case "receipt": {
      const product = loadProduct(tx, input.productId);
      const fundingSource = resolveFunding(tx, input.fundingSource, product.programmeCode);
      if (input.supplierId) loadFacility(tx, input.supplierId, "supplierId");
      if (lotStatus(input.expiry, occurredAt, 0).reason === "expired")
        fieldError("expiry", "lot is already expired on the receipt date");
      const lotId = findOrCreateLot(tx, product.id, input.lotCode, input.expiry);
      lines = [
        {
          ...base,
          productId: product.id,
          lotId,
          fundingSource,
          type: "receipt",
          qtyDelta: input.quantity,
          counterpartyId: input.supplierId ?? null,
        },
      ];
      break;
    }
    case "issue":
    case "transfer": {
      const product = loadProduct(tx, input.productId);
      const fundingSource = resolveFunding(tx, input.fundingSource, product.programmeCode);
      const to = input.type === "transfer" ? loadFacility(tx, input.toFacilityId, "toFacilityId") : null;
      if (to && to.id === facility.id) fieldError("toFacilityId", "must differ from facilityId");
      const picked = pickForIssue(tx, { ...input, facilityId: facility.id, fundingSource, asOf: occurredAt });
      pick = { ...picked, explanation: explainPick(picked) };
      lines = picked.allocations.flatMap((a): LineInput[] => {
        const out = { ...base, productId: product.id, lotId: a.lotId, fundingSource, counterpartyId: to?.id ?? null };
        if (!to) return [{ ...out, type: "issue", qtyDelta: -a.qty }];
        return [
          { ...out, type: "transfer_out", qtyDelta: -a.qty },
          {
            ...base,
            facilityId: to.id,
            productId: product.id,
            lotId: a.lotId,
            fundingSource,
            type: "transfer_in",
            qtyDelta: a.qty,
            counterpartyId: facility.id,
          },
        ];
      });
      break;
    }
    case "adjustment": {
      const lot = loadLot(tx, input.lotId);
      const product = loadProduct(tx, lot.productId);
      const fundingSource = resolveFunding(tx, input.fundingSource, product.programmeCode);
      lines = [
        {
          ...base,
          productId: product.id,
          lotId: lot.id,
          fundingSource,
          type: "adjustment",
          reason: input.reason,
          qtyDelta: input.quantity,
        },
      ];
      break;
    }
  }
  return writeBatch(tx, lines, ctx, pick);
}

/** Posts a physical count: each counted lot whose balance differs gets a "count" adjustment. */
export function postPhysicalCount(tx: Tx, input: PhysicalCountCreate, ctx: WriteContext): MovementResult {
  const occurredAt = resolveOccurredAt(input.occurredAt, ctx.now);
  const facility = loadFacility(tx, input.facilityId);
  const seen = new Set<string>();
  const lines: LineInput[] = [];
  input.lines.forEach((line, i) => {
    const lot = loadLot(tx, line.lotId, `lines.${i}.lotId`);
    const product = loadProduct(tx, lot.productId);
    const fundingSource = resolveFunding(tx, line.fundingSource, product.programmeCode);
    const key = `${lot.id}|${fundingSource}`;
    if (seen.has(key)) fieldError(`lines.${i}.lotId`, `lot ${lot.id} is counted twice`);
    seen.add(key);
    const delta = line.countedQty - currentBalance(tx, facility.id, lot.id, fundingSource);
    if (delta !== 0) {
      lines.push({
        facilityId: facility.id,
        productId: product.id,
        lotId: lot.id,
        fundingSource,
        type: "adjustment",
        reason: "count",
        qtyDelta: delta,
        occurredAt,
        note: input.note ?? null,
      });
    }
  });
  return writeBatch(tx, lines, ctx, undefined);
}

function writeBatch(tx: Tx, lines: LineInput[], ctx: WriteContext, pick: MovementResult["pick"]): MovementResult {
  const batchId = randomUUID();
  const ids = appendLines(tx, lines, { batchId, recordedAt: ctx.now.toISOString(), userId: ctx.userId });
  return { batchId, movements: loadMovements(tx, ids), ...(pick ? { pick } : {}) };
}

/** Paper records may be dated in the past, never in the future (5 minutes of clock skew allowed). */
function resolveOccurredAt(given: string | undefined, now: Date): string {
  if (!given) return now.toISOString();
  const at = new Date(given);
  if (at.getTime() > now.getTime() + 5 * 60_000) fieldError("occurredAt", "must not be in the future");
  return at.toISOString();
}

interface PickRequest {
  facilityId: string;
  productId: number;
  fundingSource: string;
  quantity: number;
  lotId?: number | undefined;
  allowPartial?: boolean | undefined;
  asOf: string;
}

/** FEFO over the shelf (or the one lot asked for); refuses what cannot be fully served unless allowPartial. */
function pickForIssue(tx: Tx, req: PickRequest): FefoPick {
  let shelf = shelfLots(tx, req.facilityId, req.productId, req.fundingSource);
  if (req.lotId !== undefined) {
    const lot = loadLot(tx, req.lotId);
    if (lot.productId !== req.productId) fieldError("lotId", `lot ${lot.id} is not a lot of product ${req.productId}`);
    shelf = shelf.filter((l) => l.lotId === lot.id);
    const status = lotStatus(lot.expiry, req.asOf, minShelfLifeDays(tx));
    if (!status.usable) {
      throw new AppError("lot_blocked", `Lot ${lot.lotCode} is ${status.reason} (expiry ${lot.expiry})`, {
        issues: [{ path: "lotId", message: `lot is ${status.reason}` }],
        reason: status.reason,
        expiry: lot.expiry,
      });
    }
  }
  const picked = pickFefo({
    lots: shelf,
    quantity: req.quantity,
    asOf: req.asOf.slice(0, 10),
    minShelfLifeDays: minShelfLifeDays(tx),
  });
  if (picked.shortfall > 0 && (!req.allowPartial || picked.allocated === 0)) {
    throw new AppError("insufficient_stock", `Requested ${req.quantity}, only ${picked.usableOnHand} usable on hand`, {
      issues: [{ path: "quantity", message: `only ${picked.usableOnHand} usable on hand` }],
      requested: req.quantity,
      usableOnHand: picked.usableOnHand,
      shortfall: picked.shortfall,
      blocked: picked.blocked,
    });
  }
  return picked;
}

/** One sentence saying what was picked and what was left out, for logs and API clients. */
function explainPick(p: FefoPick): string {
  const parts = [
    `Picked ${p.allocated} of ${p.requested} FEFO from ${p.allocations.map((a) => `${a.lotCode} (exp. ${a.expiry}): ${a.qty}`).join(", ") || "no lot"}.`,
  ];
  if (p.shortfall > 0) parts.push(`Not allocated: ${p.shortfall}.`);
  for (const b of p.blocked) parts.push(`Lot ${b.lotCode} (${b.qtyOnHand}) blocked: ${b.reason}, expiry ${b.expiry}.`);
  return parts.join(" ");
}
