/** Stock commands: receipt, issue, transfer (sent in transit), adjustment, physical count. Run inside the write path. */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { stockCounts, stockMovements, stockReportLines, stockReports } from "../../db/schema";
import type {
  CorrectionTarget,
  MovementCreate,
  MovementResult,
  PhysicalCountCreate,
} from "../../shared/contracts/stock";
import { checkLineTime, explainPick, lotStatus, pickFefo, type FefoPick } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import { loadMovements } from "../queries/movements";
import { reservations } from "../queries/reservations";
import type { Tx } from "../../db/client";
import {
  appendLines,
  checkDate,
  currentBalance,
  laterDeltas,
  LedgerWindows,
  ledgerTime,
  shelfLots,
  type LineInput,
} from "./ledger";
import { assertPlausible } from "./plausibility";
import { fieldError } from "../fieldError";
import { findOrCreateLot, loadFacility, loadLot, loadProduct, minShelfLifeDays, resolveFunding } from "./stockRefs";
import { checkDestination, openTransfer } from "./transfers";

/** Who writes and when. */
export interface WriteContext {
  now: Date;
  userId: number | null;
}

/** What every line of one request shares, and how a line's date is checked (before stock or plausibility). */
interface Posting {
  tx: Tx;
  ctx: WriteContext;
  facilityId: string;
  occurredAt: string;
  batchId: string;
  base: Pick<LineInput, "facilityId" | "occurredAt" | "reference" | "note">;
  dated: (productId: number) => void;
}

/** The lines of a movement, the FEFO pick of an outflow and the transfer it opened. */
interface Posted {
  lines: LineInput[];
  pick?: MovementResult["pick"];
  transferId?: number;
}

/** Posts one movement request; returns its ledger lines (and the FEFO explanation for picks). */
export function postMovement(tx: Tx, input: MovementCreate, ctx: WriteContext): MovementResult {
  const occurredAt = resolveOccurredAt(input.occurredAt, ctx.now);
  const facility = loadFacility(tx, input.facilityId);
  // The date first: a line in a closed period is refused as such, before stock or plausibility are weighed.
  const windows = new LedgerWindows(tx);
  const posting: Posting = {
    tx,
    ctx,
    facilityId: facility.id,
    occurredAt,
    batchId: randomUUID(),
    base: { facilityId: facility.id, occurredAt, reference: input.reference ?? null, note: input.note ?? null },
    dated: (productId) =>
      checkDate(tx, { facilityId: facility.id, productId, occurredAt }, ctx.now, "occurredAt", windows),
  };
  const posted =
    input.type === "receipt"
      ? receiptLines(posting, input)
      : input.type === "adjustment"
        ? adjustmentLines(posting, input)
        : outflowLines(posting, input);
  const result = writeBatch(tx, posted.lines, posting.batchId, { ...ctx, windows }, posted.pick);
  return posted.transferId === undefined ? result : { ...result, transferId: posted.transferId };
}

type MovementOf<T extends MovementCreate["type"]> = Extract<MovementCreate, { type: T }>;

/** A receipt: one line on the lot named (created when new), not already expired on the receipt date. */
function receiptLines(p: Posting, input: MovementOf<"receipt">): Posted {
  const { tx } = p;
  const product = loadProduct(tx, input.productId);
  p.dated(product.id);
  const fundingSource = resolveFunding(tx, input.fundingSource, product.programmeCode);
  if (input.supplierId) loadFacility(tx, input.supplierId, "supplierId");
  if (lotStatus(input.expiry, p.occurredAt, 0).reason === "expired")
    fieldError("expiry", "lot is already expired on the receipt date");
  assertPlausible(
    tx,
    p.facilityId,
    [{ path: "quantity", field: "receipt", value: input.quantity, productId: product.id }],
    input.confirmImplausible,
    p.ctx.now,
  );
  const lotId = findOrCreateLot(tx, product.id, input.lotCode, input.expiry);
  return {
    lines: [
      {
        ...p.base,
        productId: product.id,
        lotId,
        fundingSource,
        type: "receipt",
        qtyDelta: input.quantity,
        counterpartyId: input.supplierId ?? null,
      },
    ],
  };
}

/** An issue or a transfer: FEFO over the usable, unreserved lots; a transfer leaves in transit to its destination. */
function outflowLines(p: Posting, input: MovementOf<"issue"> | MovementOf<"transfer">): Posted {
  const { tx } = p;
  const product = loadProduct(tx, input.productId);
  p.dated(product.id);
  const fundingSource = resolveFunding(tx, input.fundingSource, product.programmeCode);
  if (input.type === "transfer") {
    loadFacility(tx, input.toFacilityId, "toFacilityId");
    checkDestination(tx, p.facilityId, input.toFacilityId, fundingSource);
  }
  // Stock first (a hard refusal), then plausibility (a confirmation the user may give).
  const picked = pickForIssue(tx, { ...input, facilityId: p.facilityId, fundingSource, asOf: p.occurredAt });
  assertPlausible(
    tx,
    p.facilityId,
    [{ path: "quantity", field: input.type, value: input.quantity, productId: product.id }],
    input.confirmImplausible,
    p.ctx.now,
  );
  const pick = { ...picked, explanation: explainPick(picked) };
  if (input.type === "issue")
    return {
      pick,
      lines: picked.allocations.map((a) => ({
        ...p.base,
        productId: product.id,
        lotId: a.lotId,
        fundingSource,
        type: "issue",
        qtyDelta: -a.qty,
      })),
    };
  const opened = openTransfer(
    tx,
    {
      fromId: p.facilityId,
      toId: input.toFacilityId,
      productId: product.id,
      fundingSource,
      occurredAt: p.occurredAt,
      reference: input.reference ?? null,
      note: input.note ?? null,
      allocations: picked.allocations,
    },
    { batchId: p.batchId, now: p.ctx.now, userId: p.ctx.userId },
  );
  return { pick, lines: opened.lines, transferId: opened.transferId };
}

/** An adjustment of one lot: a removal may not take reserved stock; a correction may name what it corrects. */
function adjustmentLines(p: Posting, input: MovementOf<"adjustment">): Posted {
  const { tx } = p;
  const lot = loadLot(tx, input.lotId);
  const product = loadProduct(tx, lot.productId);
  p.dated(product.id);
  const fundingSource = resolveFunding(tx, input.fundingSource, product.programmeCode);
  if (input.quantity < 0)
    checkRemoval(
      tx,
      { facilityId: p.facilityId, productId: product.id, lotId: lot.id, fundingSource },
      p.occurredAt,
      -input.quantity,
    );
  assertPlausible(
    tx,
    p.facilityId,
    [{ path: "quantity", field: "adjustment", value: input.quantity, productId: product.id }],
    input.confirmImplausible,
    p.ctx.now,
  );
  const corrects = input.corrects ? correctionTarget(tx, input.corrects, p.facilityId, product.id) : {};
  return {
    lines: [
      {
        ...p.base,
        productId: product.id,
        lotId: lot.id,
        fundingSource,
        type: "adjustment",
        reason: input.reason,
        qtyDelta: input.quantity,
        ...corrects,
      },
    ],
  };
}

/**
 * What a correction of a closed month refers to: a ledger line, or a line of a submitted report, of the same
 * facility and product (field errors at `corrects.*` otherwise).
 */
function correctionTarget(tx: Tx, target: CorrectionTarget, facilityId: string, productId: number) {
  if ("movementId" in target) {
    const m = tx.select().from(stockMovements).where(eq(stockMovements.id, target.movementId)).get();
    if (!m || m.facilityId !== facilityId || m.productId !== productId)
      fieldError("corrects.movementId", `no ledger line ${target.movementId} of this product at this facility`);
    return { correctsMovementId: m.id };
  }
  const line = tx
    .select({ l: stockReportLines, r: stockReports })
    .from(stockReportLines)
    .innerJoin(stockReports, eq(stockReports.id, stockReportLines.reportId))
    .where(eq(stockReportLines.id, target.reportLineId))
    .get();
  if (!line || line.r.facilityId !== facilityId || line.l.productId !== productId)
    fieldError("corrects.reportLineId", `no report line ${target.reportLineId} of this product at this facility`);
  return { correctsReportLineId: line.l.id };
}

/**
 * A manual removal (loss, damage…) of a named lot may not take what picked orders reserve: refused with
 * stock_reserved naming the orders. More than the lot holds at that date is insufficient_stock — the append
 * path would refuse it too, but it is said before any confirmation of the quantity is asked.
 */
function checkRemoval(
  tx: Tx,
  key: { facilityId: string; productId: number; lotId: number; fundingSource: string },
  at: string,
  qty: number,
): void {
  const held = reservations(tx, key.facilityId, { productId: key.productId });
  const lot = shelfLots(tx, key.facilityId, key.productId, key.fundingSource, { at, reserved: held }).find(
    (l) => l.lotId === key.lotId,
  );
  const free = lot?.availableUnreserved ?? 0;
  if (qty > free)
    throw new AppError(
      "insufficient_stock",
      `Lot ${key.lotId} at ${key.facilityId}: only ${free} can be removed on ${at}`,
      {
        issues: [{ path: "quantity", message: `only ${free} in lot ${key.lotId} on ${at.slice(0, 10)}` }],
        lotId: key.lotId,
        onHand: lot?.qtyOnHand ?? 0,
        availableAt: free,
        shortfall: qty - free,
      },
    );
  if (lot && lot.reserved > 0 && qty > lot.available) throw reservedError(lot, qty);
}

function reservedError(
  lot: { lotId: number; lotCode: string; qtyOnHand: number; reserved: number; reservedBy: number[]; available: number },
  qty: number,
): AppError {
  return new AppError(
    "stock_reserved",
    `Lot ${lot.lotCode}: ${lot.reserved} of its ${lot.qtyOnHand} are reserved by order(s) ${lot.reservedBy.join(", ")}; at most ${lot.available} can be taken`,
    {
      issues: [
        {
          path: "quantity",
          message: `only ${lot.available} of lot ${lot.lotCode} are free: ${lot.reserved} are reserved by order(s) ${lot.reservedBy.map((id) => `#${id}`).join(", ")}`,
        },
      ],
      lotId: lot.lotId,
      lotCode: lot.lotCode,
      requested: qty,
      onHand: lot.qtyOnHand,
      reserved: lot.reserved,
      available: lot.available,
      orderIds: lot.reservedBy,
    },
  );
}

/**
 * Posts a physical count made at `occurredAt` (now by default): each counted lot whose balance at that instant
 * differs gets a "count" adjustment, and every product counted is recorded — a count closes everything before it
 * for that product at that facility, even when nothing differed.
 */
export function postPhysicalCount(tx: Tx, input: PhysicalCountCreate, ctx: WriteContext): MovementResult {
  const occurredAt = resolveOccurredAt(input.occurredAt, ctx.now);
  const facility = loadFacility(tx, input.facilityId);
  const seen = new Set<string>();
  const counted = new Set<number>();
  const lines: LineInput[] = [];
  const quantities: Parameters<typeof assertPlausible>[2] = [];
  input.lines.forEach((line, i) => {
    const lot = loadLot(tx, line.lotId, `lines.${i}.lotId`);
    const product = loadProduct(tx, lot.productId);
    const fundingSource = resolveFunding(tx, line.fundingSource, product.programmeCode);
    const key = `${lot.id}|${fundingSource}`;
    if (seen.has(key)) fieldError(`lines.${i}.lotId`, `lot ${lot.id} is counted twice`);
    seen.add(key);
    counted.add(product.id);
    quantities.push({ path: `lines.${i}.countedQty`, field: "count", value: line.countedQty, productId: product.id });
    const ledgerKey = { facilityId: facility.id, productId: product.id, lotId: lot.id, fundingSource };
    // The book quantity at the count's instant: today's balance less what is dated after it.
    const later = laterDeltas(tx, ledgerKey, occurredAt);
    const bookQty = currentBalance(tx, facility.id, lot.id, fundingSource) - later.reduce((s, d) => s + d, 0);
    const delta = line.countedQty - bookQty;
    if (delta !== 0) {
      lines.push({
        ...ledgerKey,
        type: "adjustment",
        reason: "count",
        qtyDelta: delta,
        occurredAt,
        note: input.note ?? null,
      });
    }
  });
  // A count that found no difference still closes the past: its date is checked like a line's, first.
  const windows = new LedgerWindows(tx);
  for (const productId of counted)
    checkDate(tx, { facilityId: facility.id, productId, occurredAt }, ctx.now, "occurredAt", windows);
  assertPlausible(tx, facility.id, quantities, input.confirmImplausible, ctx.now);
  const batchId = randomUUID();
  const result = writeBatch(tx, lines, batchId, { ...ctx, windows }, undefined);
  for (const productId of counted)
    tx.insert(stockCounts)
      .values({
        facilityId: facility.id,
        productId,
        countedAt: occurredAt,
        recordedAt: ctx.now.toISOString(),
        batchId,
        userId: ctx.userId,
      })
      .run();
  return result;
}

function writeBatch(
  tx: Tx,
  lines: LineInput[],
  batchId: string,
  ctx: WriteContext & { windows?: LedgerWindows },
  pick: MovementResult["pick"],
): MovementResult {
  const ids = appendLines(tx, lines, {
    batchId,
    recordedAt: ctx.now.toISOString(),
    userId: ctx.userId,
    ...(ctx.windows ? { windows: ctx.windows } : {}),
  });
  return { batchId, movements: loadMovements(tx, ids), ...(pick ? { pick } : {}) };
}

/**
 * A line's date: the one given (a paper record), else now. A date in the future is refused at once (the rule of
 * the time axis, before anything is read on that date); the open window is the append path's check.
 */
function resolveOccurredAt(given: string | undefined, now: Date, path = "occurredAt"): string {
  const at = ledgerTime(given ?? now.toISOString());
  const check = checkLineTime(at, now, { openFrom: null, closedBy: null });
  if (!check.ok && check.reason === "future") fieldError(path, `must not be in the future (latest ${check.latest})`);
  return at;
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

/**
 * FEFO over the shelf (or the one lot asked for) at the movement's date: each lot offers what may be taken then
 * without any later balance going negative, less what picked orders reserve. Refuses what cannot be fully
 * served unless allowPartial; a named lot whose free part is too small because of reservations is stock_reserved.
 */
function pickForIssue(tx: Tx, req: PickRequest): FefoPick {
  const held = reservations(tx, req.facilityId, { productId: req.productId });
  let shelf = shelfLots(tx, req.facilityId, req.productId, req.fundingSource, { at: req.asOf, reserved: held });
  if (req.lotId !== undefined) {
    const lot = loadLot(tx, req.lotId);
    if (lot.productId !== req.productId) fieldError("lotId", `lot ${lot.id} is not a lot of product ${req.productId}`);
    shelf = shelf.filter((l) => l.lotId === lot.id);
    const status = lotStatus(lot.expiry, req.asOf, minShelfLifeDays(tx));
    if (!status.usable) {
      const explain = {
        key: "lot_blocked" as const,
        values: { lotCode: lot.lotCode, reason: status.reason!, expiry: lot.expiry },
      };
      throw new AppError("lot_blocked", `Lot ${lot.lotCode} is ${status.reason} (expiry ${lot.expiry})`, {
        issues: [{ path: "lotId", message: `lot is ${status.reason}`, ...explain }],
        reason: status.reason,
        expiry: lot.expiry,
        explain,
      });
    }
    const named = shelf[0];
    if (named && req.quantity > named.available && req.quantity <= named.availableUnreserved && named.reserved > 0)
      throw reservedError(named, req.quantity);
  }
  const picked = pickFefo({
    lots: shelf.map((l) => ({ lotId: l.lotId, lotCode: l.lotCode, expiry: l.expiry, qtyOnHand: l.available })),
    quantity: req.quantity,
    asOf: req.asOf.slice(0, 10),
    minShelfLifeDays: minShelfLifeDays(tx),
  });
  if (picked.shortfall > 0 && (!req.allowPartial || picked.allocated === 0)) {
    const reserved = shelf.reduce((s, l) => s + (l.availableUnreserved - l.available), 0);
    const explain = {
      key: "insufficient_stock" as const,
      values: { requested: req.quantity, usableOnHand: picked.usableOnHand },
    };
    throw new AppError(
      "insufficient_stock",
      `Requested ${req.quantity}, only ${picked.usableOnHand} usable on hand${reserved > 0 ? ` (${reserved} more reserved by picked orders)` : ""}`,
      {
        issues: [
          {
            path: "quantity",
            message: `only ${picked.usableOnHand} usable on hand${reserved > 0 ? `; ${reserved} reserved by picked orders` : ""}`,
            ...explain,
          },
        ],
        explain,
        requested: req.quantity,
        usableOnHand: picked.usableOnHand,
        reserved,
        shortfall: picked.shortfall,
        blocked: picked.blocked,
      },
    );
  }
  return picked;
}
