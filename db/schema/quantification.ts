/**
 * National quantification: consumption history imported from outside Fura (with its import batches), the
 * procurement pipeline to the central store, budgets per funding source and the officer's saved scenarios.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { fundingSources, products } from "./catalogue";
import { facilities } from "./geography";

/** One applied history file (CSV or .xlsx): who, when, what it held and what it changed. */
export const historyImports = sqliteTable(
  "history_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fileName: text("file_name").notNull(),
    format: text("format", { enum: ["csv", "xlsx"] }).notNull(),
    /** SHA-256 of the file's bytes (the preview and the apply must be the same file) */
    contentHash: text("content_hash").notNull(),
    rows: integer("rows").notNull(),
    inserted: integer("inserted").notNull(),
    replaced: integer("replaced").notNull(),
    unchanged: integer("unchanged").notNull(),
    /** First and last month "YYYY-MM" of the file */
    firstPeriod: text("first_period").notNull(),
    lastPeriod: text("last_period").notNull(),
    facilities: integer("facilities").notNull(),
    products: integer("products").notNull(),
    userId: integer("user_id"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("history_imports_created_idx").on(t.createdAt)],
);

/**
 * Consumption history from outside Fura (paper registers, DHIS2, another LMIS), one row per facility × product ×
 * month (base units; adjustments signed). A later file replaces a month's row; `importId` is the batch that wrote it.
 * Fura's own submitted reports take precedence over these rows when both exist (server/queries/quantHistory.ts).
 */
export const importedHistory = sqliteTable(
  "imported_history",
  {
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    /** Calendar month "YYYY-MM" */
    period: text("period").notNull(),
    opening: integer("opening").notNull(),
    received: integer("received").notNull(),
    consumed: integer("consumed").notNull(),
    adjustments: integer("adjustments").notNull(),
    closing: integer("closing").notNull(),
    stockoutDays: integer("stockout_days").notNull(),
    importId: integer("import_id")
      .notNull()
      .references(() => historyImports.id),
  },
  (t) => [
    primaryKey({ columns: [t.facilityId, t.productId, t.period] }),
    index("imported_history_product_idx").on(t.productId, t.period),
    check(
      "imported_history_nonneg",
      sql`${t.opening} >= 0 and ${t.received} >= 0 and ${t.consumed} >= 0 and ${t.closing} >= 0`,
    ),
    check("imported_history_stockout_days", sql`${t.stockoutDays} >= 0 and ${t.stockoutDays} <= 31`),
  ],
);

export const PIPELINE_STATUSES = ["planned", "ordered", "shipped", "received"] as const;

/**
 * A shipment in the procurement pipeline to a central store (PPM central): planned, ordered, shipped, then
 * received — receiving books the lots in the ledger through the receipt command and records the batches here.
 */
export const pipelineShipments = sqliteTable(
  "pipeline_shipments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The receiving facility (a central store) */
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    supplier: text("supplier").notNull(),
    fundingSource: text("funding_source")
      .notNull()
      .references(() => fundingSources.code),
    qtyUnits: integer("qty_units").notNull(),
    /** Expected arrival "YYYY-MM-DD" */
    expectedDate: text("expected_date").notNull(),
    status: text("status", { enum: PIPELINE_STATUSES }).notNull(),
    /** Lot and expiry of what it brings, when known before arrival */
    lotCode: text("lot_code"),
    expiry: text("expiry"),
    /** Its cost when known (FCFA); else packs × the product's price */
    costXof: integer("cost_xof"),
    reference: text("reference"),
    note: text("note"),
    /** Set on receipt: what arrived, when, and the ledger batches that booked it (JSON array) */
    receivedQty: integer("received_qty"),
    receivedAt: text("received_at"),
    receiptBatchIds: text("receipt_batch_ids"),
    createdBy: integer("created_by"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("pipeline_product_idx").on(t.productId, t.status),
    index("pipeline_facility_idx").on(t.facilityId, t.status),
    check("pipeline_qty_pos", sql`${t.qtyUnits} > 0`),
    check("pipeline_cost_nonneg", sql`${t.costXof} is null or ${t.costXof} >= 0`),
    check("pipeline_received", sql`(${t.status} = 'received') = (${t.receivedAt} is not null)`),
  ],
);

/** What a funding source can spend on procurement in a calendar year (FCFA). */
export const procurementBudgets = sqliteTable(
  "procurement_budgets",
  {
    fundingSource: text("funding_source")
      .notNull()
      .references(() => fundingSources.code),
    year: integer("year").notNull(),
    amountXof: integer("amount_xof").notNull(),
    updatedBy: integer("updated_by"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fundingSource, t.year] }),
    check("procurement_budgets_nonneg", sql`${t.amountXof} >= 0`),
  ],
);

/**
 * A saved set of forecast and supply-plan settings (horizon, method and morbidity assumptions per product,
 * budgets per funding source, forecast overrides): the officer compares scenarios side by side.
 * `settings` is the JSON of the shared `ScenarioSettings` contract.
 */
export const quantificationScenarios = sqliteTable(
  "quantification_scenarios",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    settings: text("settings").notNull(),
    createdBy: integer("created_by"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("quantification_scenarios_name").on(t.name)],
);
