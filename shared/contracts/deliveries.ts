/**
 * Proof of delivery from the driver's tablet (POST /deliveries), the delivery state of a plan's stops, and the
 * returns to the depot (what was rejected or not delivered, riding back until the depot confirms it).
 * `deliveryId` is generated on the tablet and is also the request's Idempotency-Key: however often it is
 * posted, the delivery is decided once.
 */
import { z } from "zod";
import { freeText, IsoDateTime, Qty } from "./common";
import { FacilityRef, RouteStopRef } from "./refs";

/** Why a stop was skipped. */
export const SkipReason = z.enum(["closed", "road_impassable", "insecurity", "recipient_absent"]);
export type SkipReason = z.infer<typeof SkipReason>;

/** Why a quantity was refused at the stop. */
export const RejectionReason = z.enum(["damaged", "expired", "short_expiry", "wrong_product", "not_ordered", "other"]);
export type RejectionReason = z.infer<typeof RejectionReason>;

/** A signature drawn on the tablet: a PNG data URL of at most ~150 KB. */
export const SIGNATURE_MAX_CHARS = 200_000;
export const SignaturePng = z
  .string()
  .max(SIGNATURE_MAX_CHARS, "signature image too large")
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, "expected a PNG data URL");

/** One lot of one order line (of an order of the stop): what the recipient accepted and rejected (together = shipped). */
export const DeliveryLineInput = z
  .strictObject({
    lineId: z.number().int().positive(),
    lotId: z.number().int().positive(),
    acceptedQty: Qty,
    rejectedQty: Qty,
    reason: RejectionReason.optional(),
  })
  .refine((l) => l.rejectedQty === 0 || l.reason !== undefined, {
    message: "a rejected quantity needs a reason",
    path: ["reason"],
  });
export type DeliveryLineInput = z.infer<typeof DeliveryLineInput>;

/** Where the tablet was when the delivery was recorded. */
export const GpsPosition = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000).optional(),
});

/** POST /deliveries: a stop delivered (every shipped lot of every order of the stop accounted for) or skipped. */
export const DeliveryCreate = z
  .strictObject({
    deliveryId: z.uuid(),
    routePlanId: RouteStopRef.plan,
    stopId: RouteStopRef.stop,
    status: z.enum(["delivered", "skipped"]),
    lines: z.array(DeliveryLineInput).max(2000).optional(),
    reason: SkipReason.optional(),
    recipient: freeText({ max: 120, min: 1 }).optional(),
    signature: SignaturePng.optional(),
    arrivedAt: IsoDateTime.optional(),
    departedAt: IsoDateTime.optional(),
    position: GpsPosition.optional(),
  })
  .superRefine((d, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (d.status === "skipped") {
      if (!d.reason) issue("reason", "a skipped stop needs a reason");
      if (d.lines?.length) issue("lines", "a skipped stop delivers nothing");
    } else {
      if (d.reason) issue("reason", "only a skipped stop has a reason");
      if (!d.recipient) issue("recipient", "the recipient's name is required");
    }
    if (d.arrivedAt && d.departedAt && Date.parse(d.departedAt) < Date.parse(d.arrivedAt))
      issue("departedAt", "departure before arrival");
  });
export type DeliveryCreate = z.infer<typeof DeliveryCreate>;

/** Why a delivery could not apply (nothing was applied; the driver and the depot both see it). */
export const DeliveryRefusal = z.enum([
  "plan_not_published",
  "stop_not_on_your_route",
  "stop_already_recorded",
  "order_not_shipped",
  "order_returning",
]);
export type DeliveryRefusal = z.infer<typeof DeliveryRefusal>;

/** A stop's state for the dispatcher and the driver: pending, delivered in full or in part, or skipped. */
export const StopDeliveryState = z.enum(["pending", "delivered", "partial", "skipped"]);
export type StopDeliveryState = z.infer<typeof StopDeliveryState>;

/** A refused delivery of a stop, as the depot sees it. */
export const RefusedDeliverySchema = z.object({
  deliveryId: z.string(),
  code: DeliveryRefusal,
  message: z.string(),
  recordedAt: z.string(),
  byUserId: z.number().int(),
});

/** The delivery state of one stop (GET /route-plans/:id). */
export const StopDeliverySchema = z.object({
  state: StopDeliveryState,
  /** The applied delivery, null while pending */
  deliveryId: z.string().nullable(),
  recordedAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  departedAt: z.string().nullable(),
  skipReason: SkipReason.nullable(),
  recipient: z.string().nullable(),
  acceptedUnits: z.number().int(),
  rejectedUnits: z.number().int(),
  refused: z.array(RefusedDeliverySchema),
});
export type StopDelivery = z.infer<typeof StopDeliverySchema>;

/** The answer of POST /deliveries when it applied (201; a replay answers the same). */
export const DeliveryResultSchema = z.object({
  deliveryId: z.string(),
  routePlanId: z.number().int(),
  stopId: z.number().int(),
  outcome: z.literal("applied"),
  state: StopDeliveryState,
  orderIds: z.array(z.number().int()),
  acceptedUnits: z.number().int(),
  rejectedUnits: z.number().int(),
  /** Units riding back to the depot */
  returningUnits: z.number().int(),
  recordedAt: z.string(),
});
export type DeliveryResult = z.infer<typeof DeliveryResultSchema>;

/** GET /deliveries/returns?depotId=&status= */
export const ReturnsQuery = z.strictObject({
  depotId: FacilityRef,
  status: z.enum(["in_transit", "received"]).default("in_transit"),
});

/** One lot riding back (or returned) to the depot. */
export const ReturnLineSchema = z.object({
  id: z.number().int(),
  deliveryId: z.string(),
  kind: z.enum(["rejected", "skipped"]),
  reason: z.string().nullable(),
  facilityId: z.string(),
  facilityName: z.string(),
  orderId: z.number().int(),
  productId: z.number().int(),
  productCode: z.string(),
  genericName: z.string(),
  packSize: z.number().int(),
  lotId: z.number().int(),
  lotCode: z.string(),
  expiry: z.string(),
  qtyUnits: z.number().int(),
  receivedQtyUnits: z.number().int().nullable(),
  receivedAt: z.string().nullable(),
  routePlanId: z.number().int(),
  planDate: z.string(),
  driverName: z.string(),
  recordedAt: z.string(),
});
export type ReturnLine = z.infer<typeof ReturnLineSchema>;

/** GET /deliveries/returns answer. */
export const ReturnsSchema = z.object({ items: z.array(ReturnLineSchema) });

/** POST /deliveries/returns: the depot confirms what came back (each line once; less than in transit = lost on the way). */
export const ReturnReceipt = z.strictObject({
  depotId: FacilityRef,
  lines: z
    .array(z.strictObject({ returnId: z.number().int().positive(), receivedQty: Qty }))
    .min(1)
    .max(2000),
});
export type ReturnReceipt = z.infer<typeof ReturnReceipt>;

/** The answer of POST /deliveries/returns. */
export const ReturnReceiptResultSchema = z.object({
  received: z.number().int(),
  receivedUnits: z.number().int(),
  lostUnits: z.number().int(),
  /** Orders of skipped stops back to picking (to ship again) */
  reopenedOrderIds: z.array(z.number().int()),
});
export type ReturnReceiptResult = z.infer<typeof ReturnReceiptResultSchema>;
