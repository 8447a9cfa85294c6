/** Stock: movements (receipt, issue, transfer, adjustment), physical counts, positions, stock card. */
import { z } from "zod";
import { isOutflowReason, MANUAL_ADJUSTMENT_REASONS } from "../domain/stock/reasons";
import { CounterpartyRef, DistrictRef, FacilityRef, RegionRef } from "./refs";
import {
  Code,
  IsoDate,
  IsoDateTime,
  LotCode,
  MessageValueSchema,
  Note,
  PageQuery,
  PositiveQty,
  Qty,
  Reference,
  SignedQty,
} from "./common";

const Common = {
  facilityId: FacilityRef,
  occurredAt: IsoDateTime.optional(),
  reference: Reference.optional(),
  note: Note.optional(),
  /** Defaults to the product's programme (cost recovery or the free-care programme) */
  fundingSource: Code.optional(),
  /** The user confirmed a quantity the server called implausible for the facility (implausible_quantity) */
  confirmImplausible: z.boolean().optional(),
};

/** Stock arriving from outside the facility (supplier, donor, or an upstream depot on paper). */
export const ReceiptCreate = z.strictObject({
  type: z.literal("receipt"),
  ...Common,
  productId: z.number().int().positive(),
  /** Normalised (NFKC, one hyphen, upper case): "ab‑12 " and "AB-12" are the same lot */
  lotCode: LotCode,
  expiry: IsoDate,
  quantity: PositiveQty,
  /** Where it came from, when that is a facility in Fura (an upstream depot on paper) */
  supplierId: CounterpartyRef.optional(),
});

/** Stock leaving to patients or an ASC: FEFO over usable lots unless a lot is named. */
export const IssueCreate = z.strictObject({
  type: z.literal("issue"),
  ...Common,
  productId: z.number().int().positive(),
  quantity: PositiveQty,
  lotId: z.number().int().positive().optional(),
  /** Issue what is available and report the rest, instead of refusing the whole request */
  allowPartial: z.boolean().optional(),
});

/**
 * Stock sent to another facility in Fura: `transfer_out` at the sender, the stock in transit until the receiver
 * confirms what arrived (POST /transfers/:id/receive). Never written into the receiver's ledger directly.
 */
export const TransferCreate = z.strictObject({
  type: z.literal("transfer"),
  ...Common,
  /** The receiving facility: one on a supply line of the sender (either direction) for the product's programme */
  toFacilityId: CounterpartyRef,
  productId: z.number().int().positive(),
  quantity: PositiveQty,
  lotId: z.number().int().positive().optional(),
  allowPartial: z.boolean().optional(),
});

/** A reason a person gives for an adjustment (shared/domain/stock/reasons). */
export const AdjustmentReason = z.enum(MANUAL_ADJUSTMENT_REASONS);

/**
 * What a correction of a closed month corrects: a ledger line of the same facility and product, or a line of one
 * of its submitted monthly reports. The correction itself is dated in the open window (now by default).
 */
export const CorrectionTarget = z.union([
  z.strictObject({ movementId: z.number().int().positive() }),
  z.strictObject({ reportLineId: z.number().int().positive() }),
]);
export type CorrectionTarget = z.infer<typeof CorrectionTarget>;

/** A reason-coded correction of one lot: losses are negative, corrections either sign. */
export const AdjustmentCreate = z
  .strictObject({
    type: z.literal("adjustment"),
    ...Common,
    lotId: z.number().int().positive(),
    reason: AdjustmentReason,
    quantity: SignedQty.refine((n) => n !== 0, "must not be zero"),
    corrects: CorrectionTarget.optional(),
  })
  .refine((a) => !isOutflowReason(a.reason) || a.quantity < 0, {
    path: ["quantity"],
    message: "loss, damage, expiry and theft must be negative",
  });

export const MovementCreate = z.discriminatedUnion("type", [
  ReceiptCreate,
  IssueCreate,
  TransferCreate,
  AdjustmentCreate,
]);
export type MovementCreate = z.infer<typeof MovementCreate>;

/** The most lines of one physical count (a longer count — an opening stock sheet — is recorded in parts). */
export const MAX_COUNT_LINES = 2000;

/** A physical count: the counted quantity of each lot; differences become "count" adjustments. */
export const PhysicalCountCreate = z.strictObject({
  facilityId: FacilityRef,
  occurredAt: IsoDateTime.optional(),
  note: Note.optional(),
  confirmImplausible: z.boolean().optional(),
  lines: z
    .array(
      z.strictObject({
        lotId: z.number().int().positive(),
        fundingSource: Code.optional(),
        countedQty: Qty,
      }),
    )
    .min(1)
    .max(MAX_COUNT_LINES),
});
export type PhysicalCountCreate = z.infer<typeof PhysicalCountCreate>;

export const MovementSchema = z.object({
  id: z.number().int(),
  facilityId: z.string(),
  productId: z.number().int(),
  lotId: z.number().int(),
  lotCode: z.string(),
  expiry: z.string(),
  fundingSource: z.string(),
  type: z.enum(["receipt", "issue", "transfer_out", "transfer_in", "adjustment"]),
  reason: z.string().nullable(),
  qtyDelta: z.number().int(),
  balanceAfter: z.number().int(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  counterpartyId: z.string().nullable(),
  batchId: z.string(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  correctsMovementId: z.number().int().nullable(),
  correctsReportLineId: z.number().int().nullable(),
});
export type Movement = z.infer<typeof MovementSchema>;

/** A lot left out of a FEFO pick, with the reason. */
export const BlockedLotSchema = z.object({
  lotId: z.number().int(),
  lotCode: z.string(),
  expiry: z.string(),
  qtyOnHand: z.number().int(),
  reason: z.enum(["expired", "short_dated"]),
  daysToExpiry: z.number().int(),
});

/** What a write did: its ledger lines, and for picks the FEFO explanation. */
export const MovementResultSchema = z.object({
  batchId: z.string(),
  movements: z.array(MovementSchema),
  pick: z
    .object({
      requested: z.number().int(),
      allocated: z.number().int(),
      shortfall: z.number().int(),
      blocked: z.array(BlockedLotSchema),
      /** What the pick did, as keys and values (shared/domain/stock/fefo explainPick) */
      explanation: z.array(
        z.object({
          key: z.enum(["picked", "lot", "shortfall", "blocked"]),
          values: z.record(z.string(), MessageValueSchema),
        }),
      ),
    })
    .optional(),
  /** A transfer: the transfer now in transit (its receiver confirms what arrives) */
  transferId: z.number().int().optional(),
});
export type MovementResult = z.infer<typeof MovementResultSchema>;

export const LotPositionSchema = z.object({
  lotId: z.number().int(),
  lotCode: z.string(),
  expiry: z.string(),
  fundingSource: z.string(),
  qtyOnHand: z.number().int(),
  daysToExpiry: z.number().int(),
  blockedReason: z.enum(["expired", "short_dated"]).nullable(),
});

/** Stock of one product at one facility, with its months of stock. */
export const StockPositionSchema = z.object({
  productId: z.number().int(),
  productCode: z.string(),
  genericName: z.string(),
  strength: z.string(),
  form: z.string(),
  baseUnit: z.string(),
  packSize: z.number().int(),
  programmeCode: z.string(),
  ven: z.enum(["V", "E", "N"]),
  stockOnHand: z.number().int(),
  usableOnHand: z.number().int(),
  /** Sent to this facility and not yet received (transfers in transit, orders shipped), base units */
  inTransitIn: z.number().int(),
  /** Sent by this facility and not yet received at the other end, base units */
  inTransitOut: z.number().int(),
  /** Mean monthly consumption (issues + transfers out) over the last complete months, base units */
  amc: z.number().int(),
  monthsOfStock: z.number().nullable(),
  status: z.enum(["stockout", "under", "adequate", "over", "unknown"]),
  expiryRiskQty: z.number().int(),
  valueXof: z.number().int(),
  lots: z.array(LotPositionSchema),
});
export type StockPosition = z.infer<typeof StockPositionSchema>;

export const StockPositionsSchema = z.object({
  facilityId: z.string(),
  asOf: z.string(),
  amcMonths: z.number().int(),
  policy: z.object({ minMonths: z.number(), maxMonths: z.number() }),
  items: z.array(StockPositionSchema),
});
export type StockPositions = z.infer<typeof StockPositionsSchema>;

export const PositionsQuery = z.strictObject({
  programme: Code.optional(),
  asOf: IsoDate.optional(),
  includeEmpty: z.enum(["true", "false"]).optional(),
});

/** `/facilities/:id/stock/:productId/card`: a facility in scope and a product. */
export const StockCardParams = z.object({ id: FacilityRef, productId: z.coerce.number().int().positive() });

export const StockCardQuery = PageQuery.extend({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
}).strict();

/**
 * One line of a stock card: a ledger line with, along the card's date order (occurred_at, then recording order),
 * the lot's running balance (`balanceAfter`) and the product's (`productBalanceAfter`) at the facility after it.
 */
export const StockCardLineSchema = MovementSchema.extend({ productBalanceAfter: z.number().int() });
export const StockCardSchema = z.object({
  facilityId: z.string(),
  productId: z.number().int(),
  stockOnHand: z.number().int(),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(StockCardLineSchema),
});
export type StockCard = z.infer<typeof StockCardSchema>;

/** Stock status bands of the national picture (PRODUCT.md §3); "unknown" = stock but no consumption to measure it by. */
export const StockStatusBand = z.enum(["stockout", "under", "adequate", "over", "unknown"]);
export type StockStatusBand = z.infer<typeof StockStatusBand>;
/** Levels of the national picture (ASCs report through their CSCom). */
export const StatusLevel = z.enum(["central", "regional", "district", "cscom"]);
export type StatusLevel = z.infer<typeof StatusLevel>;

/** `GET /stock/status?productId=&regionId=&districtId=`: one product at every facility in scope. */
export const StockStatusQuery = z.strictObject({
  productId: z.coerce.number().int().positive(),
  regionId: RegionRef.optional(),
  districtId: DistrictRef.optional(),
});
export type StockStatusQuery = z.infer<typeof StockStatusQuery>;

/** One facility's stock of the product. */
export const FacilityStockStatusSchema = z.object({
  facilityId: z.string(),
  name: z.string(),
  level: StatusLevel,
  regionId: z.string(),
  districtId: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  stockOnHand: z.number().int(),
  /** The latest submitted report's AMC, else the mean monthly outflow of the last complete months (ceil); a depot with neither: the sum of the AMCs of the facilities it supplies */
  amc: z.number().int(),
  amcSource: z.enum(["report", "ledger", "downstream"]),
  monthsOfStock: z.number().nullable(),
  status: StockStatusBand,
});
export type FacilityStockStatus = z.infer<typeof FacilityStockStatusSchema>;

const StatusCounts = z.object({
  stockout: z.number().int(),
  under: z.number().int(),
  adequate: z.number().int(),
  over: z.number().int(),
  unknown: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCounts>;

/** The national stock picture of one product. */
export const StockStatusSchema = z.object({
  productId: z.number().int(),
  asOf: z.string(),
  amcMonths: z.number().int(),
  items: z.array(FacilityStockStatusSchema),
  indicators: z.object({
    facilities: z.number().int(),
    byStatus: StatusCounts,
    byLevel: z.record(StatusLevel, StatusCounts),
    /** Share (0–1) of the CSComs shown that are out of stock; null when none is shown */
    cscomStockoutShare: z.number().nullable(),
  }),
});
export type StockStatus = z.infer<typeof StockStatusSchema>;
