/**
 * Transfers between facilities, in two steps: the sender's `transfer_out` puts the stock in transit; the
 * receiver confirms what arrived (accepted and rejected per lot), which writes `transfer_in` at the receiver and
 * returns the rejected quantities to the sender. A transfer is received once.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { fundingSources, products } from "./catalogue";
import { facilities } from "./geography";
import { lots } from "./stock";

export const TRANSFER_STATUSES = ["in_transit", "received"] as const;

/** One transfer of one product (one funding source) from a facility to another on its supply lines. */
export const stockTransfers = sqliteTable(
  "stock_transfers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fromFacilityId: text("from_facility_id")
      .notNull()
      .references(() => facilities.id),
    toFacilityId: text("to_facility_id")
      .notNull()
      .references(() => facilities.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    fundingSource: text("funding_source")
      .notNull()
      .references(() => fundingSources.code),
    status: text("status", { enum: TRANSFER_STATUSES }).notNull(),
    /** When it left the sender (the transfer_out lines' occurred_at) */
    sentAt: text("sent_at").notNull(),
    sentBy: integer("sent_by"),
    /** The sender's ledger batch */
    sentBatchId: text("sent_batch_id").notNull(),
    receivedAt: text("received_at"),
    receivedBy: integer("received_by"),
    receivedBatchId: text("received_batch_id"),
    reference: text("reference"),
    note: text("note"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("transfers_from_idx").on(t.fromFacilityId, t.status),
    index("transfers_to_idx").on(t.toFacilityId, t.status),
    check("transfers_two_facilities", sql`${t.fromFacilityId} <> ${t.toFacilityId}`),
    check(
      "transfers_received",
      sql`(${t.status} = 'received') = (${t.receivedAt} is not null and ${t.receivedBatchId} is not null)`,
    ),
  ],
);

/** The lots of a transfer: sent, then accepted and rejected (with the reason) at receipt. */
export const stockTransferLots = sqliteTable(
  "stock_transfer_lots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    transferId: integer("transfer_id")
      .notNull()
      .references(() => stockTransfers.id),
    lotId: integer("lot_id")
      .notNull()
      .references(() => lots.id),
    qty: integer("qty").notNull(),
    acceptedQty: integer("accepted_qty"),
    rejectedQty: integer("rejected_qty"),
    rejectionReason: text("rejection_reason"),
  },
  (t) => [
    uniqueIndex("transfer_lots_key").on(t.transferId, t.lotId),
    check("transfer_lots_qty", sql`${t.qty} > 0`),
    check(
      "transfer_lots_receipt",
      sql`(${t.acceptedQty} is null and ${t.rejectedQty} is null) or (${t.acceptedQty} >= 0 and ${t.rejectedQty} >= 0 and ${t.acceptedQty} + ${t.rejectedQty} = ${t.qty})`,
    ),
  ],
);
