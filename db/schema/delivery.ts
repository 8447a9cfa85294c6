/**
 * The last mile: a depot's fleet, the deliveries drivers record at the stops of published route plans
 * (applied once per stop, or refused with a reason both the driver and the depot see), and what rides back
 * to the depot (rejected or undelivered quantities, in transit until the depot confirms their return).
 * Drivers are users with the driver role whose scope facility is their depot (db/schema/auth.ts).
 */
import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { products } from "./catalogue";
import { lots } from "./stock";
import { facilities } from "./geography";
import { orderLines, orders } from "./replenishment";
import { routePlans, routeStops } from "./routing";

/** A vehicle of a depot's fleet, offered by the route-planning form. */
export const depotVehicles = sqliteTable(
  "depot_vehicles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    depotId: text("depot_id")
      .notNull()
      .references(() => facilities.id),
    name: text("name").notNull(),
    /** Registration plate, unique within the depot */
    plate: text("plate").notNull(),
    capacityKg: integer("capacity_kg").notNull(),
    capacityL: integer("capacity_l").notNull(),
    coldBox: integer("cold_box", { mode: "boolean" }).notNull(),
    costPerKmXof: integer("cost_per_km_xof").notNull(),
    /** Shift in seconds after midnight; null = the depot's opening hours */
    shiftStartS: integer("shift_start_s"),
    shiftEndS: integer("shift_end_s"),
    /** A vehicle out of service is kept (plans refer to it) but no longer offered */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("depot_vehicles_plate_idx").on(t.depotId, t.plate)],
);

/** What a delivery did: applied to its orders and stock, or refused (nothing applied) with a reason code. */
export const DELIVERY_OUTCOMES = ["applied", "refused"] as const;
/** What the driver reported at the stop. */
export const DELIVERY_STATUSES = ["delivered", "skipped"] as const;

/**
 * One delivery posted for a stop, keyed by the id the tablet generated (also its Idempotency-Key): posted
 * again, from any session, it answers what was decided the first time. At most one applied delivery per stop.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => routePlans.id),
    stopId: integer("stop_id")
      .notNull()
      .references(() => routeStops.id),
    depotId: text("depot_id")
      .notNull()
      .references(() => facilities.id),
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    outcome: text("outcome", { enum: DELIVERY_OUTCOMES }).notNull(),
    /** Why it was refused (a DeliveryRefusal code), null when applied */
    refusalCode: text("refusal_code"),
    refusalMessage: text("refusal_message"),
    /** A skipped stop's reason (closed, road_impassable, insecurity, recipient_absent) */
    skipReason: text("skip_reason"),
    recipient: text("recipient"),
    /** The recipient's signature as a PNG data URL (capped in size by the contract) */
    signaturePng: text("signature_png"),
    arrivedAt: text("arrived_at"),
    departedAt: text("departed_at"),
    lat: real("lat"),
    lon: real("lon"),
    accuracyM: integer("accuracy_m"),
    /** Units accepted and rejected over all lines (0 for a skipped stop) */
    acceptedUnits: integer("accepted_units").notNull().default(0),
    rejectedUnits: integer("rejected_units").notNull().default(0),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    index("deliveries_plan_idx").on(t.planId),
    index("deliveries_depot_idx").on(t.depotId, t.recordedAt),
    uniqueIndex("deliveries_one_applied_per_stop")
      .on(t.stopId)
      .where(sql`${t.outcome} = 'applied'`),
  ],
);

/** Why quantities ride back: rejected at the stop, or the stop was skipped. */
export const RETURN_KINDS = ["rejected", "skipped"] as const;

/**
 * A lot's quantity riding back to the depot after a delivery: it left the depot's ledger when the order shipped
 * and stays in transit until the depot confirms its return (received enters the depot's ledger; the rest is
 * recorded as lost on the way).
 */
export const deliveryReturns = sqliteTable(
  "delivery_returns",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => deliveries.id),
    depotId: text("depot_id")
      .notNull()
      .references(() => facilities.id),
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    orderLineId: integer("order_line_id")
      .notNull()
      .references(() => orderLines.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    lotId: integer("lot_id")
      .notNull()
      .references(() => lots.id),
    fundingSource: text("funding_source").notNull(),
    kind: text("kind", { enum: RETURN_KINDS }).notNull(),
    /** The rejection's reason code (rejected lines only) */
    reason: text("reason"),
    qtyUnits: integer("qty_units").notNull(),
    /** Set when the depot confirms the return */
    receivedQtyUnits: integer("received_qty_units"),
    receivedAt: text("received_at"),
    receivedBy: integer("received_by").references(() => users.id),
  },
  (t) => [
    index("delivery_returns_depot_idx").on(t.depotId, t.receivedAt),
    index("delivery_returns_delivery_idx").on(t.deliveryId),
    check(
      "delivery_returns_qty",
      sql`${t.qtyUnits} > 0 and coalesce(${t.receivedQtyUnits}, 0) between 0 and ${t.qtyUnits}`,
    ),
  ],
);
