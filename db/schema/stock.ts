/** Lots, the append-only stock ledger, derived balances and idempotency records. */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { facilities } from "./geography";
import { fundingSources, products } from "./catalogue";
import { ADJUSTMENT_REASONS } from "../../shared/domain/stock/reasons";

/** A lot: product + manufacturer lot code + expiry date. */
export const lots = sqliteTable(
  "lots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    lotCode: text("lot_code").notNull(),
    /** Expiry date "YYYY-MM-DD": the lot may not be used on or after this day */
    expiry: text("expiry").notNull(),
  },
  (t) => [uniqueIndex("lots_identity").on(t.productId, t.lotCode, t.expiry)],
);

export const MOVEMENT_TYPES = ["receipt", "issue", "transfer_out", "transfer_in", "adjustment"] as const;

/**
 * The stock ledger. Append-only: rows are never updated or deleted (triggers below refuse it).
 * qtyDelta is signed, in base units; balanceAfter is the balance of the same
 * facility × lot × funding source right after this line.
 */
export const stockMovements = sqliteTable(
  "stock_movements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    lotId: integer("lot_id")
      .notNull()
      .references(() => lots.id),
    fundingSource: text("funding_source")
      .notNull()
      .references(() => fundingSources.code),
    type: text("type", { enum: MOVEMENT_TYPES }).notNull(),
    reason: text("reason", { enum: ADJUSTMENT_REASONS }),
    qtyDelta: integer("qty_delta").notNull(),
    balanceAfter: integer("balance_after").notNull(),
    /** When it happened (ISO date-time, UTC) — may be earlier than recordedAt for paper records */
    occurredAt: text("occurred_at").notNull(),
    recordedAt: text("recorded_at").notNull(),
    counterpartyId: text("counterparty_id").references(() => facilities.id),
    /** Groups the lines written by one request (one issue over several lots, both ends of a transfer) */
    batchId: text("batch_id").notNull(),
    reference: text("reference"),
    note: text("note"),
    userId: integer("user_id"),
    /** A correction of a closed month, dated now: the ledger line it corrects (same facility and product) */
    correctsMovementId: integer("corrects_movement_id"),
    /** …or the line of a submitted monthly report it corrects (stock_report_lines.id, same facility and product) */
    correctsReportLineId: integer("corrects_report_line_id"),
  },
  (t) => [
    index("movements_card_idx").on(t.facilityId, t.productId, t.occurredAt),
    index("movements_batch_idx").on(t.batchId),
    // Movements with a counterparty only (transfers and deliveries): what a depot delivered, over a period and per product.
    // Covering (type, product, quantity): a depot's deliveries over the AMC window are summed from the index alone.
    index("movements_counterparty_idx")
      .on(t.counterpartyId, t.occurredAt, t.type, t.productId, t.qtyDelta)
      .where(sql`${t.counterpartyId} is not null`),
    // A facility's issues and transfers out by date, covering: the AMC window of its stock positions is summed from
    // the index alone (its lines sit together instead of on a page each among every other facility's).
    index("movements_outflow_idx")
      .on(t.facilityId, t.occurredAt, t.type, t.productId, t.qtyDelta)
      .where(sql`${t.type} in ('issue', 'transfer_out')`),
    index("movements_counterparty_product_idx")
      .on(t.counterpartyId, t.productId, t.occurredAt)
      .where(sql`${t.counterpartyId} is not null`),
    check("movements_nonzero", sql`${t.qtyDelta} <> 0`),
    check("movements_balance_nonneg", sql`${t.balanceAfter} >= 0`),
    check(
      "movements_sign",
      sql`(${t.type} in ('receipt','transfer_in') and ${t.qtyDelta} > 0) or (${t.type} in ('issue','transfer_out') and ${t.qtyDelta} < 0) or ${t.type} = 'adjustment'`,
    ),
    check("movements_reason", sql`(${t.type} = 'adjustment') = (${t.reason} is not null)`),
  ],
);

/**
 * Explicit closes of a facility's month (a depot's; a CSCom's month closes when its report is submitted): lines
 * dated before the end of the last closed month are refused. Append-only (triggers): a close is never reopened,
 * corrections are entries dated now.
 */
export const periodCloses = sqliteTable(
  "period_closes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    /** Calendar month "YYYY-MM": this month and every month before it are closed */
    period: text("period").notNull(),
    closedAt: text("closed_at").notNull(),
    closedBy: integer("closed_by"),
  },
  (t) => [uniqueIndex("period_closes_facility_period").on(t.facilityId, t.period)],
);

/**
 * Physical counts, one row per facility × product counted (even when the count found no difference): a count
 * closes everything before it for that product at that facility. Append-only (triggers).
 */
export const stockCounts = sqliteTable(
  "stock_counts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    /** When the count was made (ISO date-time, UTC): lines of the product dated before it are refused */
    countedAt: text("counted_at").notNull(),
    recordedAt: text("recorded_at").notNull(),
    /** The batch of count adjustments it wrote (none when nothing differed) */
    batchId: text("batch_id").notNull(),
    userId: integer("user_id"),
  },
  (t) => [index("stock_counts_facility_product_idx").on(t.facilityId, t.productId, t.countedAt)],
);

/** Stock on hand per facility × lot × funding source: derived from the ledger, kept in the same transaction. */
export const stockBalances = sqliteTable(
  "stock_balances",
  {
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    lotId: integer("lot_id")
      .notNull()
      .references(() => lots.id),
    fundingSource: text("funding_source")
      .notNull()
      .references(() => fundingSources.code),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    qtyOnHand: integer("qty_on_hand").notNull(),
    lastMovementId: integer("last_movement_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.facilityId, t.lotId, t.fundingSource] }),
    index("balances_facility_product_idx").on(t.facilityId, t.productId),
    // Lots on hand only (most balance rows of a CSCom are emptied lots): a facility's stock positions read from the index alone.
    index("balances_on_hand_idx")
      .on(t.facilityId, t.productId, t.lotId, t.fundingSource, t.qtyOnHand)
      .where(sql`${t.qtyOnHand} > 0`),
    check("balances_nonneg", sql`${t.qtyOnHand} >= 0`),
  ],
);

/**
 * One row per client-supplied idempotency key and user: a retried request answers the stored response. Keys
 * are scoped to their user (two users may pick the same key); rows older than the retention window (30 days by
 * default, long enough for a tablet offline for a week) are purged. Rows written before keys were scoped have
 * no user and still protect their retries until they are purged.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id"),
    key: text("key").notNull(),
    /** Method + path + user + hash of the body, so a key reused for another request is refused */
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    responseJson: text("response_json").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("idempotency_keys_user_key").on(t.userId, t.key),
    index("idempotency_keys_key").on(t.key),
    index("idempotency_keys_created").on(t.createdAt),
  ],
);

/** Small key/value configuration (e.g. the minimum remaining shelf life to issue a lot). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
