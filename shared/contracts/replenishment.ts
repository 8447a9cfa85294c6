/** Replenishment: the one-line preview of the order calculation (same functions as real orders). */
import { z } from "zod";
import {
  Code,
  freeText,
  identifier,
  IsoDateTime,
  OrderBudgetXof,
  PackSize,
  Period,
  Population,
  Qty,
  SignedQty,
  StockoutDays,
  TotalQty,
  MessageValueSchema,
  pageOf,
} from "./common";
import { CounterpartyRef, DistrictRef, FacilityRef, RegionRef, ReportRef } from "./refs";
import { ORDER_STATUSES } from "../domain/orders";
import { EXPLANATION_KEYS, NOTE_KEYS } from "../domain/replenishment/orderQuantity";
import { REPORT_D_KEYS } from "../domain/stock/reasons";
import { BlockedLotSchema } from "./stock";

export { Period };

export const PreviewRequest = z
  .strictObject({
    product: z.strictObject({
      packSize: PackSize,
      packRoundingThreshold: z.number().int().min(0).max(1_000_000),
      roundToZero: z.boolean(),
    }),
    policy: z
      .strictObject({
        rule: z.enum(["forced", "standard"]),
        maxMonths: z.number().positive().max(60),
        minMonths: z.number().min(0).max(60),
        eopMonths: z.number().min(0).max(60).nullable(),
      })
      .refine((p) => p.minMonths <= p.maxMonths, { path: ["minMonths"], message: "must not exceed maxMonths" }),
    periods: z
      .array(
        z
          .strictObject({
            days: z.number().int().min(1).max(366),
            consumed: Qty,
            stockoutDays: StockoutDays,
          })
          .refine((p) => p.stockoutDays <= p.days, {
            path: ["stockoutDays"],
            message: "must not exceed the days in the period",
          })
          .nullable(),
      )
      .min(1)
      .max(36),
    stockOnHand: TotalQty,
    inTransit: TotalQty.default(0),
    averagingPeriods: z.number().int().min(2).max(12).default(3),
  })
  .refine((r) => r.product.packRoundingThreshold < r.product.packSize, {
    path: ["product", "packRoundingThreshold"],
    message: "must be below packSize",
  });
export type PreviewRequest = z.infer<typeof PreviewRequest>;

/** One step of a line's explanation, as a key and its values (the web's i18n writes the sentence). */
export const ExplanationStepSchema = z.object({
  key: z.enum([...EXPLANATION_KEYS, ...NOTE_KEYS]),
  values: z.record(z.string(), MessageValueSchema),
});

export const PreviewResponse = z.object({
  adjustedConsumption: z.array(z.number().int().nullable()),
  amc: z.number().int(),
  monthsOfStock: z.number().nullable(),
  maxStock: z.number().int(),
  quantity: z.number().int(),
  packs: z.number().int(),
  emergency: z.boolean(),
  decision: z.enum(["order", "above_min", "no_need"]),
  explanation: z.array(ExplanationStepSchema),
});
export type PreviewResponse = z.infer<typeof PreviewResponse>;

export const ReportCreate = z.strictObject({ facilityId: FacilityRef, period: Period });

/** A reason code of D in a report line (loss, damage, expiry, theft, correction, transfer_out…). */
const ReportReasonCode = identifier({ max: 20, letterCase: "lower" });

/** A report line typed in from a paper form. */
export const ReportLineInput = z.strictObject({
  productId: z.number().int().positive(),
  fundingSource: Code.optional(),
  opening: Qty,
  received: Qty,
  consumed: Qty,
  adjustments: SignedQty,
  /** D split by reason (shared/domain/stock/reasons): the keys of REPORT_D_KEYS only */
  adjustmentsByReason: z.partialRecord(ReportReasonCode.pipe(z.enum(REPORT_D_KEYS)), SignedQty).optional(),
  closing: Qty,
  stockoutDays: StockoutDays,
});
export const ReportLinesUpdate = z.strictObject({
  lines: z.array(ReportLineInput).min(1).max(1000),
  /** The user confirmed figures the server called implausible for the facility (implausible_quantity) */
  confirmImplausible: z.boolean().optional(),
});

export const ReportLineSchema = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  productCode: z.string(),
  genericName: z.string(),
  fundingSource: z.string(),
  days: z.number().int(),
  opening: z.number().int(),
  received: z.number().int(),
  consumed: z.number().int(),
  adjustments: z.number().int(),
  adjustmentsByReason: z.record(z.string(), z.number()),
  closing: z.number().int(),
  stockoutDays: z.number().int(),
  mismatch: z.number().int(),
});
export const ReportSchema = z.object({
  id: z.number().int(),
  facilityId: z.string(),
  facilityName: z.string(),
  period: z.string(),
  status: z.enum(["draft", "submitted"]),
  source: z.enum(["ledger", "paper"]),
  dueDate: z.string(),
  submittedAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  mismatches: z.number().int(),
  lines: z.array(ReportLineSchema),
});
export type Report = z.infer<typeof ReportSchema>;
/** A report as GET /reports lists it (without lines). */
export const ReportSummarySchema = ReportSchema.omit({ lines: true });
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

/**
 * GET /reports: a page of reports, and the days after a month's end by which its report is due (the server's
 * setting report.dueDays), so that a month without a report shows the same due date as the server will store.
 */
export const ReportListSchema = pageOf(ReportSummarySchema).extend({ dueDays: z.number().int().min(0) });
export type ReportList = z.infer<typeof ReportListSchema>;

export const ReportQuery = z.strictObject({
  period: Period.optional(),
  facilityId: FacilityRef.optional(),
  districtId: DistrictRef.optional(),
  status: z.enum(["draft", "submitted"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Orders built from a submitted report: one per flow (cost recovery, free care). */
/**
 * POST /orders/cycle — the month's order cycle over an area: one suggested order per facility × flow ×
 * supplier for every report of `period` submitted without orders, in the user's scope (narrowed to a
 * region or district). The orders are created submitted, for the district's review.
 */
export const OrderCycleRequest = z.strictObject({
  period: Period,
  regionId: RegionRef.optional(),
  districtId: DistrictRef.optional(),
  /**
   * Order for the month even though some of its CSComs already have orders for a later month (a second set):
   * without it such a run is refused with 409 confirmation_required and writes nothing
   */
  confirmLaterOrders: z.boolean().optional(),
});
export type OrderCycleRequest = z.infer<typeof OrderCycleRequest>;

/** What the cycle created. */
export const OrderCycleResultSchema = z.object({
  period: z.string(),
  reports: z.number().int(),
  orders: z.number().int(),
  lines: z.number().int(),
  orderIds: z.array(z.number().int()),
});
export type OrderCycleResult = z.infer<typeof OrderCycleResultSchema>;

export const OrdersFromReport = z.strictObject({
  reportId: ReportRef,
  /** Budget of the cost-recovery order in FCFA (vital lines first, then essential) */
  budgetXof: OrderBudgetXof.optional(),
});

const Reason = freeText({ min: 3, max: 300, minMessage: "give a reason of at least 3 characters" });

export const OrderLinesEdit = z.strictObject({
  lines: z
    .array(z.strictObject({ lineId: z.number().int().positive(), requestedQty: Qty }))
    .min(1)
    .max(1000),
  /** The user confirmed quantities the server called implausible for the facility (implausible_quantity) */
  confirmImplausible: z.boolean().optional(),
});
export const OrderApprove = z.strictObject({
  lines: z
    .array(z.strictObject({ lineId: z.number().int().positive(), approvedQty: Qty, reason: Reason }))
    .max(1000)
    .default([]),
  confirmImplausible: z.boolean().optional(),
});
export const OrderReject = z.strictObject({ reason: Reason });
export const OrderShip = z.strictObject({
  /** What to do with what could not be picked: back-order it, or escalate it to the depot's own order */
  shortfallAction: z.enum(["backorder", "escalate"]).default("backorder"),
});
export const OrderDeliver = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        lineId: z.number().int().positive(),
        lots: z
          .array(
            z
              .strictObject({
                lotId: z.number().int().positive(),
                acceptedQty: Qty,
                rejectedQty: Qty,
                reason: freeText({ max: 300 }).optional(),
              })
              .refine((l) => l.rejectedQty === 0 || (l.reason ?? "").length >= 3, {
                path: ["reason"],
                message: "a rejection needs a reason",
              }),
          )
          .min(1)
          .max(100),
      }),
    )
    .min(1)
    .max(1000),
  deliveredAt: IsoDateTime.optional(),
});

export const OrderQuery = z.strictObject({
  /** The ordering facility: one of the user's, or one their facilities supply */
  facilityId: CounterpartyRef.optional(),
  /** The supplier: one of the user's, or one that supplies their facilities */
  supplierId: CounterpartyRef.optional(),
  /** Orders placed by facilities of this region / district (the national orders screen) */
  regionId: RegionRef.optional(),
  districtId: DistrictRef.optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  period: Period.optional(),
  flow: z.enum(["cost_recovery", "free_care"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const OrderLineSchema = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  productCode: z.string(),
  genericName: z.string(),
  packSize: z.number().int(),
  /** The product's pack rounding (shared packsFor): a remainder above this many units makes one more pack */
  packRoundingThreshold: z.number().int(),
  roundToZero: z.boolean(),
  ven: z.enum(["V", "E", "N"]),
  pricePerPackXof: z.number().int(),
  fundingSource: z.string(),
  amc: z.number().int(),
  stockOnHand: z.number().int(),
  inTransit: z.number().int(),
  monthsOfStock: z.number().nullable(),
  emergency: z.boolean(),
  suggestedQty: z.number().int(),
  explanation: z.array(ExplanationStepSchema),
  requestedQty: z.number().int(),
  approvedQty: z.number().int().nullable(),
  approvalReason: z.string().nullable(),
  shippedQty: z.number().int(),
  acceptedQty: z.number().int(),
  rejectedQty: z.number().int(),
  shortfallQty: z.number().int(),
  shortfallAction: z.enum(["backorder", "escalate"]).nullable(),
  lots: z.array(
    z.object({
      lotId: z.number().int(),
      lotCode: z.string(),
      expiry: z.string(),
      pickedQty: z.number().int(),
      shippedQty: z.number().int(),
      acceptedQty: z.number().int().nullable(),
      rejectedQty: z.number().int().nullable(),
      rejectionReason: z.string().nullable(),
    }),
  ),
});
export const OrderEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  /** The name of the person who made the change (null: the system, or a user since removed) */
  userName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  changes: z.unknown(),
});
export const OrderSchema = z.object({
  id: z.number().int(),
  facilityId: z.string(),
  facilityName: z.string(),
  supplierId: z.string(),
  supplierName: z.string(),
  period: z.string(),
  flow: z.enum(["cost_recovery", "free_care"]),
  kind: z.enum(["regular", "emergency", "backorder", "escalation", "allocation"]),
  status: z.enum(ORDER_STATUSES),
  reportId: z.number().int().nullable(),
  parentOrderId: z.number().int().nullable(),
  budgetXof: z.number().int().nullable(),
  costXof: z.number().int(),
  budgetExceeded: z.boolean(),
  emergencyLines: z.number().int(),
  submittedBy: z.number().int().nullable(),
  approvedBy: z.number().int().nullable(),
  rejectionReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lines: z.array(OrderLineSchema),
  events: z.array(OrderEventSchema),
});
export type Order = z.infer<typeof OrderSchema>;
export const OrderSummarySchema = OrderSchema.omit({ lines: true, events: true }).extend({
  lineCount: z.number().int(),
});
export type OrderSummary = z.infer<typeof OrderSummarySchema>;

/** A depot's own order up the chain, from the demand of the facilities it supplies. */
export const DepotOrderCreate = z.strictObject({ facilityId: FacilityRef, period: Period });
/** An emergency order outside the calendar: the lines at or below the emergency order point. */
export const EmergencyOrderCreate = z.strictObject({ facilityId: FacilityRef });

/** A free-care allocation: a programme product pushed from a depot to the facilities of a district or region. */
export const AllocationRequest = z
  .strictObject({
    productId: z.number().int().positive(),
    sourceFacilityId: FacilityRef,
    districtId: DistrictRef.optional(),
    regionId: RegionRef.optional(),
    /** Months of consumption each facility should hold after the allocation */
    monthsOfCover: z.number().positive().max(12).default(3),
    /** "amc": need from each facility's AMC; "population": from the target population given per facility */
    basis: z.enum(["amc", "population"]).default("amc"),
    population: z
      .strictObject({
        /** Base units per person of the target population per month (e.g. 0.1 treatments × 6 tablets) */
        unitsPerPersonPerMonth: z.number().positive().max(1000),
        facilities: z
          .array(
            z.strictObject({
              facilityId: FacilityRef,
              targetPopulation: Population,
            }),
          )
          .min(1)
          .max(5000),
      })
      .optional(),
  })
  .refine((a) => (a.districtId === undefined) !== (a.regionId === undefined), {
    path: ["districtId"],
    message: "give exactly one of districtId or regionId",
  })
  .refine((a) => a.basis !== "population" || a.population !== undefined, {
    path: ["population"],
    message: "required when basis is population",
  });
export type AllocationRequest = z.infer<typeof AllocationRequest>;

/** What picking found for one line (the FEFO pick list): picked, short, and the lots left out. */
export const LinePickSchema = z.object({
  lineId: z.number().int(),
  productId: z.number().int(),
  approvedQty: z.number().int(),
  pickedQty: z.number().int(),
  shortfall: z.number().int(),
  blocked: z.array(BlockedLotSchema),
});
export type LinePick = z.infer<typeof LinePickSchema>;

/** One facility's share of an allocation plan (base units). */
export const AllocationShareSchema = z.object({
  facilityId: z.string(),
  facilityName: z.string(),
  /** The CSCom's own supplier when it is not the source: the allocation goes through it (null: straight from the source) */
  viaFacilityId: z.string().nullable(),
  viaFacilityName: z.string().nullable(),
  /** Every depot between the CSCom and the source, nearest the CSCom first */
  via: z.array(z.string()),
  amc: z.number().int(),
  stockOnHand: z.number().int(),
  monthsOfStock: z.number().nullable(),
  need: z.number().int(),
  quantity: z.number().int(),
  packs: z.number().int(),
});
export type AllocationShare = z.infer<typeof AllocationShareSchema>;

/** A computed allocation plan, as POST /allocations/preview answers it. */
export const AllocationPlanSchema = z.object({
  productId: z.number().int(),
  sourceFacilityId: z.string(),
  fundingSource: z.string(),
  available: z.number().int(),
  totalNeed: z.number().int(),
  allocated: z.number().int(),
  rationed: z.boolean(),
  /** CSComs of the area whose supply chain for the programme does not come from the source (left out) */
  outsideSupplyChain: z.number().int(),
  shares: z.array(AllocationShareSchema),
});
export type AllocationPlan = z.infer<typeof AllocationPlanSchema>;

/** What every order transition answers: the order as it is now, plus what that transition produced. */
export const OrderTransitionSchema = z.object({
  order: OrderSchema,
  /** pick: the lots reserved per line (FEFO) */
  picks: z.array(LinePickSchema).optional(),
  /** ship and deliver: the ledger batch written */
  batchId: z.string().optional(),
  /** ship with shortfallAction "backorder": the order of what was missing */
  followUpOrderId: z.number().int().nullable().optional(),
  /** unpick: the units released */
  released: z.number().int().optional(),
});
export type OrderTransition = z.infer<typeof OrderTransitionSchema>;

/** The orders a request created, in full (from a report, a depot's own order, an emergency order). */
export const OrdersCreatedSchema = z.object({ orders: z.array(OrderSchema) });

/** POST /allocations: the plan as sent and the approved orders it became. */
export const AllocationSentSchema = z.object({
  plan: AllocationPlanSchema,
  /** Every order written: the relay orders of the depots on the way, then one per CSCom */
  orderIds: z.array(z.number().int()),
  /** The depots' relay orders (also in orderIds) */
  relayOrderIds: z.array(z.number().int()),
});
