/** Monthly stock reports (CRGS / R&R), orders with their lines, history and lot-level fulfilment. */
import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { fundingSources, products } from "./catalogue";
import { facilities } from "./geography";
import { lots } from "./stock";
import { ORDER_STATUSES } from "../../shared/domain/orders";

/** One facility's report for one month. */
export const stockReports = sqliteTable(
  "stock_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    /** Calendar month "YYYY-MM" */
    period: text("period").notNull(),
    status: text("status", { enum: ["draft", "submitted"] }).notNull(),
    /** "ledger": pre-filled from Fura's ledger; "paper": typed in from a paper form */
    source: text("source", { enum: ["ledger", "paper"] }).notNull(),
    /** Day by which the report is due (ISO date) */
    dueDate: text("due_date").notNull(),
    submittedAt: text("submitted_at"),
    submittedBy: integer("submitted_by"),
    onTime: integer("on_time", { mode: "boolean" }),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("stock_reports_facility_period").on(t.facilityId, t.period),
    index("stock_reports_period_idx").on(t.period, t.status),
  ],
);

/** A report line: A + B − C + D should equal E; a difference is kept, never silently fixed. */
export const stockReportLines = sqliteTable(
  "stock_report_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => stockReports.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    fundingSource: text("funding_source")
      .notNull()
      .references(() => fundingSources.code),
    days: integer("days").notNull(),
    opening: integer("opening").notNull(),
    received: integer("received").notNull(),
    consumed: integer("consumed").notNull(),
    /** Signed sum of losses and adjustments (D) */
    adjustments: integer("adjustments").notNull(),
    /** D by reason, JSON object { reason: signed qty } */
    adjustmentsByReason: text("adjustments_by_reason").notNull().default("{}"),
    closing: integer("closing").notNull(),
    stockoutDays: integer("stockout_days").notNull(),
    /** E − (A + B − C + D); 0 when the line balances */
    mismatch: integer("mismatch").notNull(),
    /** Set when the report is submitted: the AMC (PRODUCT.md §3) and the periods it was computed from */
    amc: integer("amc"),
    /** The last six months as "days:consumed:stockoutDays" or "-" (not reported), oldest first, comma-separated */
    amcBasis: text("amc_basis"),
  },
  (t) => [
    uniqueIndex("stock_report_lines_key").on(t.reportId, t.productId, t.fundingSource),
    check(
      "report_lines_nonneg",
      sql`${t.opening} >= 0 and ${t.received} >= 0 and ${t.consumed} >= 0 and ${t.closing} >= 0`,
    ),
    check("report_lines_stockout_days", sql`${t.stockoutDays} >= 0 and ${t.stockoutDays} <= ${t.days}`),
  ],
);

/** An order of a facility to its supplier, for one flow (cost recovery or free care, never mixed). */
export const orders = sqliteTable(
  "orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => facilities.id),
    period: text("period").notNull(),
    flow: text("flow", { enum: ["cost_recovery", "free_care"] }).notNull(),
    kind: text("kind", { enum: ["regular", "emergency", "backorder", "escalation", "allocation"] }).notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    reportId: integer("report_id").references(() => stockReports.id),
    /** The order this one continues (back-order) or escalates */
    parentOrderId: integer("parent_order_id"),
    budgetXof: integer("budget_xof"),
    submittedBy: integer("submitted_by"),
    approvedBy: integer("approved_by"),
    rejectionReason: text("rejection_reason"),
    createdBy: integer("created_by"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("orders_facility_idx").on(t.facilityId, t.period),
    index("orders_supplier_idx").on(t.supplierId, t.status),
    index("orders_status_idx").on(t.status),
  ],
);

/** An order line, from suggestion to receipt. Quantities in base units. */
export const orderLines = sqliteTable(
  "order_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    fundingSource: text("funding_source")
      .notNull()
      .references(() => fundingSources.code),
    amc: integer("amc").notNull(),
    stockOnHand: integer("stock_on_hand").notNull(),
    inTransit: integer("in_transit").notNull(),
    monthsOfStock: real("months_of_stock"),
    emergency: integer("emergency", { mode: "boolean" }).notNull(),
    suggestedQty: integer("suggested_qty").notNull(),
    /** The suggestion's explanation: JSON array of steps (key, values, fr, en) */
    explanation: text("explanation").notNull(),
    requestedQty: integer("requested_qty").notNull(),
    approvedQty: integer("approved_qty"),
    approvalReason: text("approval_reason"),
    /** Price per pack (FCFA) when the line was approved: the order keeps it whatever the price becomes */
    pricePerPackXof: integer("price_per_pack_xof"),
    shippedQty: integer("shipped_qty").notNull().default(0),
    acceptedQty: integer("accepted_qty").notNull().default(0),
    rejectedQty: integer("rejected_qty").notNull().default(0),
    /** What the supplier could not ship: back-ordered or escalated */
    shortfallQty: integer("shortfall_qty").notNull().default(0),
    shortfallAction: text("shortfall_action", { enum: ["backorder", "escalate"] }),
  },
  (t) => [
    uniqueIndex("order_lines_key").on(t.orderId, t.productId, t.fundingSource),
    check(
      "order_lines_qty_nonneg",
      sql`${t.requestedQty} >= 0 and coalesce(${t.approvedQty}, 0) >= 0 and ${t.shippedQty} >= 0`,
    ),
    check("order_lines_pod", sql`${t.acceptedQty} + ${t.rejectedQty} <= ${t.shippedQty}`),
  ],
);

/** Lot-level fulfilment of a line: picked FEFO, shipped, then accepted / rejected at delivery. */
export const orderLineLots = sqliteTable(
  "order_line_lots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderLineId: integer("order_line_id")
      .notNull()
      .references(() => orderLines.id),
    lotId: integer("lot_id")
      .notNull()
      .references(() => lots.id),
    pickedQty: integer("picked_qty").notNull(),
    shippedQty: integer("shipped_qty").notNull().default(0),
    acceptedQty: integer("accepted_qty"),
    rejectedQty: integer("rejected_qty"),
    rejectionReason: text("rejection_reason"),
  },
  (t) => [
    uniqueIndex("order_line_lots_key").on(t.orderLineId, t.lotId),
    check("order_line_lots_pod", sql`coalesce(${t.acceptedQty}, 0) + coalesce(${t.rejectedQty}, 0) <= ${t.shippedQty}`),
  ],
);

/** Every transition of an order: who, when, from which status to which, and what changed. */
export const orderEvents = sqliteTable(
  "order_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    at: text("at").notNull(),
    userId: integer("user_id"),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    /** JSON: changed quantities with reasons, shortfalls, rejection reason… */
    changes: text("changes"),
  },
  (t) => [index("order_events_order_idx").on(t.orderId)],
);
