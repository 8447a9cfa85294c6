/**
 * The procurement pipeline to a central store (PPM central): shipments planned, ordered, shipped and received.
 * A shipment is placed in the network by its receiving facility (`FacilityRef`), and named by
 * `PipelineShipmentRef` in paths: the router checks both against the user's scope.
 */
import { z } from "zod";
import { IsoDate, IsoDateTime, PositiveQty } from "./common";
import { ShipmentStatus } from "./quantification";
import { FacilityRef } from "./refs";
import { MovementSchema } from "./stock";

/** The statuses a shipment may be given by hand ("received" is reached only by receiving it). */
export const PipelineOpenStatus = z.enum(["planned", "ordered", "shipped"]);

const Fields = {
  supplier: z.string().trim().min(1).max(200),
  /** A funding source code (who owns the stock once received) */
  fundingSource: z.string().trim().min(1).max(40),
  qtyUnits: PositiveQty,
  expectedDate: IsoDate,
  status: PipelineOpenStatus,
  lotCode: z.string().trim().min(1).max(40).nullable(),
  expiry: IsoDate.nullable(),
  costXof: z.number().int().min(0).max(1_000_000_000_000).nullable(),
  reference: z.string().trim().max(100).nullable(),
  note: z.string().trim().max(500).nullable(),
};

/** A new shipment in the pipeline to a central store. */
export const PipelineCreate = z.strictObject({
  /** The receiving facility: a central store in the user's scope */
  facilityId: FacilityRef,
  productId: z.number().int().positive(),
  supplier: Fields.supplier,
  fundingSource: Fields.fundingSource,
  qtyUnits: Fields.qtyUnits,
  expectedDate: Fields.expectedDate,
  status: Fields.status.default("planned"),
  lotCode: Fields.lotCode.optional(),
  expiry: Fields.expiry.optional(),
  costXof: Fields.costXof.optional(),
  reference: Fields.reference.optional(),
  note: Fields.note.optional(),
});
export type PipelineCreate = z.infer<typeof PipelineCreate>;

/** An edit of an open shipment: only the fields given change. */
export const PipelinePatch = z
  .strictObject({
    supplier: Fields.supplier.optional(),
    fundingSource: Fields.fundingSource.optional(),
    qtyUnits: Fields.qtyUnits.optional(),
    expectedDate: Fields.expectedDate.optional(),
    status: Fields.status.optional(),
    lotCode: Fields.lotCode.optional(),
    expiry: Fields.expiry.optional(),
    costXof: Fields.costXof.optional(),
    reference: Fields.reference.optional(),
    note: Fields.note.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: "give at least one field to change" });
export type PipelinePatch = z.infer<typeof PipelinePatch>;

/** Receiving a shipment at its central store: the lots that arrived (booked as receipts in the ledger). */
export const PipelineReceive = z.strictObject({
  /** When it arrived (default: now) */
  occurredAt: IsoDateTime.optional(),
  lots: z
    .array(z.strictObject({ lotCode: z.string().trim().min(1).max(40), expiry: IsoDate, quantity: PositiveQty }))
    .min(1)
    .max(50),
  note: z.string().trim().max(500).optional(),
  /** Receipts up to the shipment's ordered quantity were planned; a surplus far above the store's usual stock needs this */
  confirmImplausible: z.boolean().optional(),
});
export type PipelineReceive = z.infer<typeof PipelineReceive>;

/** `GET /quantification/pipeline` filters. */
export const PipelineQuery = z.strictObject({
  productId: z.coerce.number().int().positive().optional(),
  facilityId: FacilityRef.optional(),
  status: ShipmentStatus.optional(),
  /** "true": only shipments not received yet */
  open: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PipelineQuery = z.infer<typeof PipelineQuery>;

/** A pipeline shipment as the API answers it. */
export const PipelineShipmentSchema = z.object({
  id: z.number().int(),
  facilityId: z.string(),
  facilityName: z.string(),
  productId: z.number().int(),
  productCode: z.string(),
  productName: z.string(),
  packSize: z.number().int(),
  baseUnit: z.string(),
  supplier: z.string(),
  fundingSource: z.string(),
  qtyUnits: z.number().int(),
  expectedDate: z.string(),
  status: ShipmentStatus,
  lotCode: z.string().nullable(),
  expiry: z.string().nullable(),
  costXof: z.number().int().nullable(),
  /** Its cost, or whole packs at the product's price when unknown (FCFA) */
  estimatedCostXof: z.number().int(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  receivedQty: z.number().int().nullable(),
  receivedAt: z.string().nullable(),
  receiptBatchIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PipelineShipmentView = z.infer<typeof PipelineShipmentSchema>;

export const PipelinePageSchema = z.object({
  items: z.array(PipelineShipmentSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** The answer of a receipt: the closed shipment, the ledger lines written and what did not arrive. */
export const PipelineReceiveResultSchema = z.object({
  shipment: PipelineShipmentSchema,
  movements: z.array(MovementSchema),
  /** Ordered − received (0 or more; a surplus is received as it is) */
  shortfallUnits: z.number().int(),
});
export type PipelineReceiveResult = z.infer<typeof PipelineReceiveResultSchema>;
