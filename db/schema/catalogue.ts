/** Programmes, funding sources, products, stock policies. */
import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Cost recovery or a free-care programme (malaria, caesarean, HIV, TB, vaccines, FP, nutrition). */
export const programmes = sqliteTable("programmes", {
  code: text("code").primaryKey(),
  nameFr: text("name_fr").notNull(),
  nameEn: text("name_en").notNull(),
  kind: text("kind", { enum: ["cost_recovery", "free_care"] }).notNull(),
});

/** Who owns and pays for stock; stock is kept and reported separately per funding source. */
export const fundingSources = sqliteTable("funding_sources", {
  code: text("code").primaryKey(),
  nameFr: text("name_fr").notNull(),
  nameEn: text("name_en").notNull(),
  programmeCode: text("programme_code")
    .notNull()
    .references(() => programmes.code),
});

export const VEN_CLASSES = ["V", "E", "N"] as const;

/** A product; every quantity in Fura is in its base (dispensing) unit. */
export const products = sqliteTable(
  "products",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    genericName: text("generic_name").notNull(),
    form: text("form").notNull(),
    strength: text("strength").notNull(),
    baseUnit: text("base_unit").notNull(),
    packSize: integer("pack_size").notNull(),
    packRoundingThreshold: integer("pack_rounding_threshold").notNull(),
    roundToZero: integer("round_to_zero", { mode: "boolean" }).notNull(),
    ven: text("ven", { enum: VEN_CLASSES }).notNull(),
    programmeCode: text("programme_code")
      .notNull()
      .references(() => programmes.code),
    category: text("category").notNull(),
    coldChain: integer("cold_chain", { mode: "boolean" }).notNull(),
    /** The current price: that of the product_prices row with the latest valid_from (kept in step by the price commands) */
    pricePerPackXof: integer("price_per_pack_xof").notNull(),
    packWeightG: integer("pack_weight_g").notNull(),
    packVolumeCm3: integer("pack_volume_cm3").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [
    index("products_programme_idx").on(t.programmeCode),
    check("products_pack_size_pos", sql`${t.packSize} > 0`),
    check(
      "products_threshold_range",
      sql`${t.packRoundingThreshold} >= 0 and ${t.packRoundingThreshold} < ${t.packSize}`,
    ),
    check("products_price_nonneg", sql`${t.pricePerPackXof} >= 0`),
  ],
);

/** The dated history of a product's price per pack (FCFA): a price applies from its date until the next one. */
export const productPrices = sqliteTable(
  "product_prices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    pricePerPackXof: integer("price_per_pack_xof").notNull(),
    /** First day the price applies (ISO date) */
    validFrom: text("valid_from").notNull(),
    createdAt: text("created_at").notNull(),
    createdBy: integer("created_by"),
  },
  (t) => [
    uniqueIndex("product_prices_product_date").on(t.productId, t.validFrom),
    check("product_prices_nonneg", sql`${t.pricePerPackXof} >= 0`),
  ],
);

/**
 * Replenishment policy (PRODUCT.md §3). A row applies to a level, optionally narrowed to a facility,
 * a programme or a product; the most specific row wins.
 */
export const stockPolicies = sqliteTable(
  "stock_policies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    level: text("level", { enum: ["central", "regional", "district", "cscom", "asc"] }).notNull(),
    facilityId: text("facility_id"),
    programmeCode: text("programme_code"),
    productId: integer("product_id"),
    rule: text("rule", { enum: ["forced", "standard"] }).notNull(),
    maxMonths: real("max_months").notNull(),
    minMonths: real("min_months").notNull(),
    /** Emergency order point in months; null where the level has none (central) */
    eopMonths: real("eop_months"),
    reviewPeriodMonths: integer("review_period_months").notNull(),
    leadTimeDays: integer("lead_time_days").notNull(),
  },
  (t) => [check("stock_policies_min_le_max", sql`${t.minMonths} <= ${t.maxMonths}`)],
);
