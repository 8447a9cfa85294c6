/** Interoperability: products' GTINs, the DHIS2 mapping (data, not code), the DHIS2 connection and its pushes. */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { DHIS2_FIELDS } from "../../shared/domain/interop/dhis2Fields";
import { users } from "./auth";
import { products } from "./catalogue";
import { facilities } from "./geography";

export const GTIN_PACK_LEVELS = ["unit", "pack", "case"] as const;

/**
 * The GTINs of a product, one per pack level (a GTIN names one trade item, so it belongs to one product).
 * Stored as GTIN-14; the check digit is verified before insert (shared/domain/gs1).
 */
export const productGtins = sqliteTable(
  "product_gtins",
  {
    gtin: text("gtin").primaryKey(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    packLevel: text("pack_level", { enum: GTIN_PACK_LEVELS }).notNull(),
    /** Base units in one item carrying this GTIN: 1 for a unit, the pack size for a pack, more for a case */
    baseUnitsPerItem: integer("base_units_per_item").notNull(),
    /** "demo" for the seeded fictitious GTINs, "admin" when entered */
    source: text("source").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("product_gtins_product_idx").on(t.productId),
    check("product_gtins_gtin14", sql`length(${t.gtin}) = 14 and ${t.gtin} not glob '*[^0-9]*'`),
    check("product_gtins_units_pos", sql`${t.baseUnitsPerItem} > 0`),
  ],
);

/** Product × field → DHIS2 data element (+ category option combo; null = DHIS2's default combo). */
export const dhis2DataElements = sqliteTable(
  "dhis2_data_elements",
  {
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    field: text("field", { enum: DHIS2_FIELDS }).notNull(),
    dataElementUid: text("data_element_uid").notNull(),
    categoryOptionComboUid: text("category_option_combo_uid"),
    updatedAt: text("updated_at").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.field] }),
    // DHIS2 keeps one value per data element × combo (per org unit and period): two products may not share one.
    // The unique index on (data_element_uid, coalesce(category_option_combo_uid, '')) is an expression index
    // drizzle-kit cannot write: it is the custom migration 0010_dhis2_target_unique.sql.
    index("dhis2_data_elements_de_idx").on(t.dataElementUid),
  ],
);

/** Facility → DHIS2 organisation unit (one each way). */
export const dhis2OrgUnits = sqliteTable(
  "dhis2_org_units",
  {
    facilityId: text("facility_id")
      .primaryKey()
      .references(() => facilities.id),
    orgUnitUid: text("org_unit_uid").notNull().unique(),
    orgUnitCode: text("org_unit_code"),
    orgUnitName: text("org_unit_name"),
    updatedAt: text("updated_at").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [index("dhis2_org_units_code_idx").on(t.orgUnitCode)],
);

/**
 * The DHIS2 connection (one row). The secret (password or personal access token) is stored sealed with
 * AES-256-GCM under a key kept outside the database (server/interop/secretBox.ts) and is never returned.
 */
export const dhis2Settings = sqliteTable(
  "dhis2_settings",
  {
    id: integer("id").primaryKey(),
    baseUrl: text("base_url").notNull(),
    authKind: text("auth_kind", { enum: ["basic", "token"] }).notNull(),
    username: text("username"),
    /** "v1.<iv>.<tag>.<ciphertext>" (base64url), or null */
    secretSealed: text("secret_sealed"),
    dataSetUid: text("data_set_uid"),
    timeoutS: integer("timeout_s").notNull().default(30),
    updatedAt: text("updated_at").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [check("dhis2_settings_single_row", sql`${t.id} = 1`)],
);

/**
 * Every push to DHIS2 (dry runs too), written before the request leaves ("sending") and completed with the
 * answer, so a push cut short by a crash stays visible. The payload is identified by its hash (sha256 of the
 * canonical JSON): the same hash is the same data, and DHIS2 stores one value per key, so pushing it again
 * changes nothing there.
 */
export const dhis2Pushes = sqliteTable(
  "dhis2_pushes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestedAt: text("requested_at").notNull(),
    finishedAt: text("finished_at"),
    userId: integer("user_id").references(() => users.id),
    username: text("username"),
    period: text("period").notNull(),
    regionId: text("region_id"),
    districtId: text("district_id"),
    baseUrl: text("base_url").notNull(),
    dryRun: integer("dry_run", { mode: "boolean" }).notNull(),
    importStrategy: text("import_strategy").notNull(),
    payloadHash: text("payload_hash").notNull(),
    dataValues: integer("data_values").notNull(),
    /** HTTP requests the payload was split into */
    requests: integer("requests").notNull(),
    state: text("state", { enum: ["sending", "done", "failed"] }).notNull(),
    errorCode: text("error_code"),
    httpStatus: integer("http_status"),
    /** The import summary (shared/domain/interop/importSummary.ts), summed over the requests, as JSON */
    summaryJson: text("summary_json"),
    repeatOfPushId: integer("repeat_of_push_id"),
  },
  (t) => [
    index("dhis2_pushes_hash_idx").on(t.payloadHash, t.baseUrl),
    index("dhis2_pushes_period_idx").on(t.period, t.requestedAt),
  ],
);
