/** Transfers between facilities: in transit after sending, received (accepted / rejected per lot) by the receiver. */
import { z } from "zod";
import { Code, freeText, IsoDateTime, Note, PageQuery, Qty } from "./common";
import { FacilityRef } from "./refs";
import { MovementSchema } from "./stock";
import { MIN_REJECTION_REASON } from "../domain/stock/receipt";

export const TransferStatus = z.enum(["in_transit", "received"]);
export type TransferStatus = z.infer<typeof TransferStatus>;

/** `GET /transfers?facilityId=&direction=&status=`: a facility's transfers in (to it) or out (from it). */
export const TransferQuery = z.strictObject({
  /** One facility in scope; without it, every transfer with a side in the user's scope */
  facilityId: FacilityRef.optional(),
  /** "in": sent to the facility; "out": sent by it (both when absent) */
  direction: z.enum(["in", "out"]).optional(),
  status: TransferStatus.optional(),
  limit: PageQuery.shape.limit,
  offset: PageQuery.shape.offset,
});
export type TransferQuery = z.infer<typeof TransferQuery>;

/** One lot of a transfer. */
export const TransferLotSchema = z.object({
  lotId: z.number().int(),
  lotCode: z.string(),
  expiry: z.string(),
  qty: z.number().int(),
  acceptedQty: z.number().int().nullable(),
  rejectedQty: z.number().int().nullable(),
  rejectionReason: z.string().nullable(),
});

export const TransferSchema = z.object({
  id: z.number().int(),
  fromFacilityId: z.string(),
  fromFacilityName: z.string(),
  toFacilityId: z.string(),
  toFacilityName: z.string(),
  productId: z.number().int(),
  productCode: z.string(),
  genericName: z.string(),
  baseUnit: z.string(),
  packSize: z.number().int(),
  fundingSource: z.string(),
  status: TransferStatus,
  /** Base units sent (the sum of the lots) */
  quantity: z.number().int(),
  sentAt: z.string(),
  receivedAt: z.string().nullable(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  lots: z.array(TransferLotSchema),
});
export type Transfer = z.infer<typeof TransferSchema>;

export const TransferListSchema = z.object({
  items: z.array(TransferSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type TransferList = z.infer<typeof TransferListSchema>;

/** What the receiver says of one lot: accepted + rejected = sent; a rejection needs a reason. */
export const TransferReceiveLot = z
  .strictObject({
    lotId: z.number().int().positive(),
    acceptedQty: Qty,
    rejectedQty: Qty,
    reason: freeText({ max: 300 }).optional(),
  })
  .refine((l) => l.rejectedQty === 0 || (l.reason ?? "").length >= MIN_REJECTION_REASON, {
    path: ["reason"],
    message: "a rejection needs a reason",
  });

/** `POST /transfers/:id/receive`: every lot sent, answered once. */
export const TransferReceive = z.strictObject({
  lots: z.array(TransferReceiveLot).min(1).max(500),
  /** When it arrived (a paper record entered later); now by default, never in the future */
  receivedAt: IsoDateTime.optional(),
  note: Note.optional(),
});
export type TransferReceive = z.infer<typeof TransferReceive>;

/** The transfer as received, and the ledger lines written (receiver: accepted; sender: rejected returned). */
export const TransferReceiveResultSchema = z.object({
  transfer: TransferSchema,
  batchId: z.string(),
  movements: z.array(MovementSchema),
});
export type TransferReceiveResult = z.infer<typeof TransferReceiveResultSchema>;

/** `GET /facilities/:id/transfer-destinations?programme=`: where the facility may send stock. */
export const DestinationsQuery = z.strictObject({ programme: Code.optional() });

/** A facility at the other end of one of the sender's supply lines. */
export const DestinationSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  /** "downstream": the sender supplies it; "upstream": it supplies the sender (a return) */
  direction: z.enum(["downstream", "upstream"]),
  programmes: z.array(z.string()),
});
export const DestinationsSchema = z.object({ facilityId: z.string(), items: z.array(DestinationSchema) });
export type Destinations = z.infer<typeof DestinationsSchema>;
