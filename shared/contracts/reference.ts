/** Reference data: regions, districts, facilities, programmes, products. */
import { z } from "zod";
import { AnyDistrictRef, AnyRegionRef } from "./refs";
import { Code, freeText, PageQuery } from "./common";

/**
 * Why a facility's place or links are not an official record (stored in facilities.derivation_note as this
 * message's JSON): a depot at the OSM CSRéf, PPM central placed approximately, a regional warehouse at the
 * regional capital, a CSCom linked to its nearest depot (km), a synthetic facility for benchmarks.
 */
export const DERIVATION_KEYS = [
  "depot_at_csref",
  "central_approximate",
  "regional_capital",
  "nearest_depot",
  "synthetic",
] as const;
/** A facility's derivation note as stored and served. */
export interface Derivation {
  key: (typeof DERIVATION_KEYS)[number];
  /** km: distance to the depot it was linked to; demoFlags: rainy-season and insecurity flags are demo values */
  values: { km?: number; demoFlags: boolean };
}

export const FacilityLevel = z.enum(["central", "regional", "district", "cscom", "asc"]);
export type FacilityLevel = z.infer<typeof FacilityLevel>;

export const RegionSchema = z.object({
  id: z.string(),
  name: z.string(),
  capital: z.string(),
  capitalLat: z.number(),
  capitalLon: z.number(),
  hasBoundary: z.boolean(),
  facilityCount: z.number().int(),
});
export type Region = z.infer<typeof RegionSchema>;

export const DistrictSchema = z.object({
  id: z.string(),
  name: z.string(),
  regionId: z.string(),
  depotId: z.string().nullable(),
  cscomCount: z.number().int(),
});
export type District = z.infer<typeof DistrictSchema>;

/** "minLon,minLat,maxLon,maxLat" */
const Bbox = z
  .string()
  .transform((s) => s.split(",").map(Number))
  .pipe(
    z.tuple([
      z.number().min(-180).max(180),
      z.number().min(-90).max(90),
      z.number().min(-180).max(180),
      z.number().min(-90).max(90),
    ]),
  )
  .refine(([w, s, e, n]) => w <= e && s <= n, "bbox must be minLon,minLat,maxLon,maxLat with min ≤ max");

export const FacilityQuery = PageQuery.extend({
  level: FacilityLevel.optional(),
  regionId: AnyRegionRef.optional(),
  districtId: AnyDistrictRef.optional(),
  bbox: Bbox.optional(),
  q: freeText({ max: 100 }).optional(),
  /** Open facilities (default), closed ones, or all */
  status: z.enum(["open", "closed", "all"]).default("open"),
  limit: z.coerce.number().int().min(1).max(5000).default(5000),
}).strict();

export const FacilitySchema = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  level: FacilityLevel,
  regionId: z.string(),
  districtId: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  opensAt: z.string(),
  closesAt: z.string(),
  rainySeasonAccess: z.enum(["all_year", "slow", "closed"]),
  insecure: z.boolean(),
  source: z.string(),
  /** What of this facility was derived rather than read from open data (a key and its values; the web writes it) */
  derivation: z
    .object({
      key: z.enum(DERIVATION_KEYS),
      values: z.object({ km: z.number().optional(), demoFlags: z.boolean() }),
    })
    .nullable(),
  contactPhone: z.string().nullable(),
  /** false once closed (it keeps its history, gets no orders, allocations or routes) */
  active: z.boolean(),
  closedAt: z.string().nullable(),
  /** Default supplier (cost-recovery supply line) */
  supplierId: z.string().nullable(),
});
export type Facility = z.infer<typeof FacilitySchema>;

export const FacilityDetailSchema = FacilitySchema.extend({
  regionName: z.string(),
  districtName: z.string().nullable(),
  supplyLines: z.array(z.object({ programmeCode: z.string(), supplierId: z.string(), supplierName: z.string() })),
});
export type FacilityDetail = z.infer<typeof FacilityDetailSchema>;

export const ProgrammeSchema = z.object({
  code: z.string(),
  nameFr: z.string(),
  nameEn: z.string(),
  kind: z.enum(["cost_recovery", "free_care"]),
  productCount: z.number().int(),
});
export type Programme = z.infer<typeof ProgrammeSchema>;

export const ProductSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  genericName: z.string(),
  form: z.string(),
  strength: z.string(),
  baseUnit: z.string(),
  packSize: z.number().int(),
  packRoundingThreshold: z.number().int(),
  roundToZero: z.boolean(),
  ven: z.enum(["V", "E", "N"]),
  programmeCode: z.string(),
  category: z.string(),
  coldChain: z.boolean(),
  pricePerPackXof: z.number().int(),
  packWeightG: z.number().int(),
  packVolumeCm3: z.number().int(),
  active: z.boolean(),
});
export type Product = z.infer<typeof ProductSchema>;

export const ProductQuery = PageQuery.extend({
  programme: Code.optional(),
  q: freeText({ max: 100 }).optional(),
  /** Active products (default), inactive ones, or all */
  status: z.enum(["active", "inactive", "all"]).default("active"),
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
}).strict();

/**
 * GET /config: the public runtime configuration (a tile server, or none: the map draws the bundled boundaries;
 * whether a road layer is configured, GET /roads).
 */
export const ConfigSchema = z.object({ tileUrl: z.string().nullable(), roads: z.boolean().default(false) });

/** GET /roads: the configured road layer, GeoJSON lines with their class (paved, laterite, track); empty without one. */
export const RoadLayerSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      properties: z.object({ class: z.string() }),
      geometry: z.object({ type: z.literal("LineString"), coordinates: z.array(z.array(z.number())) }),
    }),
  ),
});

/** A GeoJSON FeatureCollection of region polygons with {id, name} properties (GET /regions/boundaries). */
export const BoundariesSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      properties: z.object({ id: z.string(), name: z.string() }),
      geometry: z.object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.unknown()) }),
    }),
  ),
});
/** Region boundaries as served by GET /regions/boundaries. */
export type Boundaries = z.infer<typeof BoundariesSchema>;

/** GET /health: for operators and monitors (no session), never data. */
export const HealthSchema = z.object({
  status: z.literal("ok"),
  time: z.string(),
  schemaVersion: z.object({ migrations: z.number().int(), latest: z.string().nullable() }),
  /** The database's size as SQLite counts it (pages × page size, WAL pages included), and the WAL file's */
  database: z.object({ bytes: z.number().int(), walBytes: z.number().int() }),
  backup: z.object({
    lastAt: z.string().nullable(),
    ageSeconds: z.number().int().nullable(),
    everySeconds: z.number().nullable(),
    /** No backup within twice the interval (only when the server schedules backups) */
    overdue: z.boolean(),
    lastFailedAt: z.string().nullable(),
  }),
  /** The per-facility answers kept until their facility is written: how many, their size, served again / read */
  readCache: z.object({
    entries: z.number().int(),
    bytes: z.number().int(),
    maxBytes: z.number().int(),
    hits: z.number().int(),
    misses: z.number().int(),
  }),
});
