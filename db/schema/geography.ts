/** Regions, health districts, facilities and their supply lines. */
import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Administrative region (11 of the 2016 frame, incl. the Bamako district). */
export const regions = sqliteTable("regions", {
  id: text("id").primaryKey(), // slug, e.g. "koulikoro"
  name: text("name").notNull(),
  capital: text("capital").notNull(),
  capitalLat: real("capital_lat").notNull(),
  capitalLon: real("capital_lon").notNull(),
  /** GeoJSON geometry of the (pre-2016 Natural Earth) polygon; null for Ménaka and Taoudénit */
  boundaryGeojson: text("boundary_geojson"),
  source: text("source").notNull(),
});

/** Health district (district sanitaire), one per CSRéf; not the same as a cercle. */
export const districts = sqliteTable(
  "districts",
  {
    id: text("id").primaryKey(), // slug, e.g. "kati"
    name: text("name").notNull(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    source: text("source").notNull(),
  },
  (t) => [index("districts_region_idx").on(t.regionId)],
);

export const FACILITY_LEVELS = ["central", "regional", "district", "cscom", "asc"] as const;
export const RAINY_ACCESS = ["all_year", "slow", "closed"] as const;

/** Any place that holds stock: PPM central, regional warehouses, district depots, CSComs, ASC sites. */
export const facilities = sqliteTable(
  "facilities",
  {
    id: text("id").primaryKey(), // "osm_node_…" for OSM facilities, "ppm-…" for PPM stores
    name: text("name").notNull(),
    /** The ministry's code of the facility (unique when given) */
    code: text("code"),
    level: text("level", { enum: FACILITY_LEVELS }).notNull(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    districtId: text("district_id").references(() => districts.id),
    lat: real("lat").notNull(),
    lon: real("lon").notNull(),
    /** Local opening time "HH:MM" and closing time "HH:MM", Monday to Saturday */
    opensAt: text("opens_at").notNull().default("08:00"),
    closesAt: text("closes_at").notNull().default("16:00"),
    rainySeasonAccess: text("rainy_season_access", { enum: RAINY_ACCESS }).notNull().default("all_year"),
    insecure: integer("insecure", { mode: "boolean" }).notNull().default(false),
    /** Telephone of the facility's contact person, as typed ("+223 …") */
    contactPhone: text("contact_phone"),
    /** Where the record comes from ("osm", "geonames", …) and how it was linked, in plain words */
    source: text("source").notNull(),
    derivationNote: text("derivation_note"),
    /** false once closed: the facility keeps its history but gets no orders, allocations or routes */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** When it was closed (ISO date-time); null while open */
    closedAt: text("closed_at"),
  },
  (t) => [
    uniqueIndex("facilities_code_unique").on(t.code),
    index("facilities_level_idx").on(t.level),
    index("facilities_region_idx").on(t.regionId),
    index("facilities_district_idx").on(t.districtId),
    check("facilities_lat_range", sql`${t.lat} between -90 and 90`),
    check("facilities_lon_range", sql`${t.lon} between -180 and 180`),
  ],
);

/** Supply line: who supplies a facility for a programme (cost recovery or a free-care programme). */
export const supplyLines = sqliteTable(
  "supply_lines",
  {
    facilityId: text("facility_id")
      .notNull()
      .references(() => facilities.id),
    programmeCode: text("programme_code").notNull(),
    supplierId: text("supplier_id")
      .notNull()
      .references(() => facilities.id),
  },
  (t) => [
    uniqueIndex("supply_lines_pk").on(t.facilityId, t.programmeCode),
    index("supply_lines_supplier_idx").on(t.supplierId),
  ],
);
