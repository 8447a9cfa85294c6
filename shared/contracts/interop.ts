/**
 * Interoperability: GS1 barcodes, the DHIS2 mapping and settings, the DHIS2 export and push, and the import of
 * DHIS2 organisation units. Fields that name a facility, district or region use the typed references of
 * ./refs.ts, so the router checks them against the user's scope.
 */
import { z } from "zod";
import { DHIS2_FIELDS, DHIS2_UID } from "../domain/interop/dhis2Fields";
import { MAX_GS1_INPUT } from "../domain/gs1/parse";
import { IsoDate, IsoDateTime, Period } from "./common";
import { DistrictRef, FacilityRef, RegionRef } from "./refs";

// ── GS1 ─────────────────────────────────────────────────────────────────────────────────────────────────

/** POST /interop/gs1/parse: what the scanner typed (control characters such as GS kept as they came). */
export const Gs1ParseRequest = z.strictObject({ code: z.string().min(1).max(MAX_GS1_INPUT) });
export type Gs1ParseRequest = z.infer<typeof Gs1ParseRequest>;

/** A GTIN-14: 14 digits (the check digit is verified by the parser, and by the product_gtins rules). */
export const Gtin14 = z.string().regex(/^\d{14}$/);

/** What the pack level of a GTIN is: the dispensing unit, the pack Fura picks, or a case of packs. */
export const GtinPackLevel = z.enum(["unit", "pack", "case"]);
export type GtinPackLevel = z.infer<typeof GtinPackLevel>;

/** The product a GTIN identifies, and how many base units one scanned item holds. */
export const ProductByGtinSchema = z.object({
  productId: z.number().int(),
  productCode: z.string(),
  genericName: z.string(),
  strength: z.string(),
  form: z.string(),
  baseUnit: z.string(),
  packSize: z.number().int(),
  gtin: Gtin14,
  packLevel: GtinPackLevel,
  /** Base units in one item carrying this GTIN (1 for a unit, the pack size for a pack…) */
  baseUnitsPerItem: z.number().int().positive(),
});
export type ProductByGtin = z.infer<typeof ProductByGtinSchema>;

/** The answer: the four fields the receipt and count screens fill, every element read, and the product if known. */
export const Gs1ParseResponse = z.object({
  gtin: Gtin14,
  lot: z.string().nullable(),
  /** ISO date; a day 00 on the label is the last day of the month */
  expiry: IsoDate.nullable(),
  serial: z.string().nullable(),
  elements: z.array(z.object({ ai: z.string(), value: z.string(), title: z.string() })),
  /** null when no product carries this GTIN */
  product: ProductByGtinSchema.nullable(),
});
export type Gs1ParseResponse = z.infer<typeof Gs1ParseResponse>;

/** Adding a GTIN to a product (administrator). */
export const ProductGtinCreate = z.strictObject({
  productId: z.number().int().positive(),
  /** GTIN-8, -12, -13 or -14: stored as GTIN-14 */
  gtin: z
    .string()
    .trim()
    .regex(/^\d{8}$|^\d{12,14}$/, "8, 12, 13 or 14 digits"),
  packLevel: GtinPackLevel,
  baseUnitsPerItem: z.number().int().positive().max(1_000_000),
});
export type ProductGtinCreate = z.infer<typeof ProductGtinCreate>;

/** GET /interop/gtins?productId= (all GTINs without a product) */
export const ProductGtinQuery = z.strictObject({
  productId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

/** The GTINs of a product (or of every product). */
export const ProductGtinList = z.object({ items: z.array(ProductByGtinSchema) });

/** DELETE /interop/gtins/:gtin */
export const ProductGtinParams = z.strictObject({
  gtin: z.string().regex(/^\d{8}$|^\d{12,14}$/, "8, 12, 13 or 14 digits"),
});

// ── DHIS2 mapping ───────────────────────────────────────────────────────────────────────────────────────

/** A DHIS2 UID (11 characters, letters and digits, starting with a letter). */
export const Dhis2Uid = z.string().trim().regex(DHIS2_UID, "a DHIS2 UID: 11 letters or digits, starting with a letter");

export const Dhis2FieldSchema = z.enum(DHIS2_FIELDS);

/** Product × field → data element (+ category option combo; none = DHIS2's default). */
export const DataElementMappingRow = z.strictObject({
  productId: z.number().int().positive(),
  field: Dhis2FieldSchema,
  dataElementUid: Dhis2Uid,
  categoryOptionComboUid: Dhis2Uid.nullable().default(null),
});
export type DataElementMappingRow = z.infer<typeof DataElementMappingRow>;

/** Facility → organisation unit. */
export const OrgUnitMappingRow = z.strictObject({
  facilityId: FacilityRef,
  orgUnitUid: Dhis2Uid,
  orgUnitCode: z.string().trim().max(50).nullable().default(null),
  orgUnitName: z.string().trim().max(230).nullable().default(null),
});
export type OrgUnitMappingRow = z.infer<typeof OrgUnitMappingRow>;

/** Removing a mapping row (path parameters: the product id arrives as text). */
export const DataElementMappingKey = z.strictObject({
  productId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  field: Dhis2FieldSchema,
});
export const OrgUnitMappingKey = z.strictObject({ facilityId: FacilityRef });

/** Which sheet a spreadsheet import fills. */
export const MappingImportKind = z.enum(["dataElements", "orgUnits"]);
export type MappingImportKind = z.infer<typeof MappingImportKind>;

/**
 * A spreadsheet import: the CSV text (comma or semicolon; first row = headers), or rows already read from a
 * .xlsx by the client (header → cell text). Columns, in French or English:
 * - dataElements: product_code (code_produit), field (champ), data_element (element_donnees), category_option_combo (coc, optional);
 * - orgUnits: facility_id (etablissement), org_unit (unite_organisation), org_unit_code, org_unit_name (optional).
 */
export const MappingImportRequest = z.union([
  z.strictObject({ kind: MappingImportKind, csv: z.string().min(1).max(5_000_000) }),
  /** An .xlsx file as base64 (first sheet, first row = headers), read on the server (up to ≈ 10 MB) */
  z.strictObject({
    kind: MappingImportKind,
    xlsxBase64: z
      .string()
      .min(4)
      .max(14_000_000)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, "base64 of an .xlsx file"),
  }),
  z.strictObject({
    kind: MappingImportKind,
    rows: z
      .array(z.record(z.string().max(100), z.string().max(1000)))
      .min(1)
      .max(50_000),
  }),
]);
export type MappingImportRequest = z.infer<typeof MappingImportRequest>;

/** A row-level problem: spreadsheet row (1 = headers), column, a stable code and its values. */
export const ImportIssue = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

/** What applying a sheet would do, row by row. Applying is all-or-nothing: any error and nothing is written. */
export const MappingImportPreview = z.object({
  kind: MappingImportKind,
  rows: z.array(
    z.object({
      row: z.number().int(),
      status: z.enum(["new", "changed", "unchanged", "error"]),
      /** "productCode|field" or the facility id */
      key: z.string(),
      before: z.record(z.string(), z.string().nullable()).nullable(),
      after: z.record(z.string(), z.string().nullable()).nullable(),
    }),
  ),
  errors: z.array(ImportIssue),
  counts: z.object({ new: z.number(), changed: z.number(), unchanged: z.number(), error: z.number() }),
});
export type MappingImportPreview = z.infer<typeof MappingImportPreview>;

// ── DHIS2 settings ──────────────────────────────────────────────────────────────────────────────────────

export const Dhis2AuthKind = z.enum(["basic", "token"]);

/** Saving the connection: `secret` is write-only — omitted keeps the stored one, null removes it. */
export const Dhis2SettingsInput = z
  .strictObject({
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .transform((u) => u.replace(/\/+$/, "")),
    authKind: Dhis2AuthKind,
    /** For basic auth */
    username: z.string().trim().min(1).max(200).nullable().default(null),
    /** Password (basic) or personal access token (token: "d2pat_…") */
    secret: z.string().min(1).max(500).nullable().optional(),
    /** Data set of the logistics form, sent with the values (optional) */
    dataSetUid: Dhis2Uid.nullable().default(null),
    /** Per request, in seconds */
    timeoutS: z.number().int().min(1).max(300).default(30),
  })
  .refine((s) => s.authKind !== "basic" || s.username !== null, {
    path: ["username"],
    message: "required for basic auth",
  });
export type Dhis2SettingsInput = z.infer<typeof Dhis2SettingsInput>;

/** The connection as shown back: never the secret, only whether one is stored. */
export const Dhis2SettingsView = z.object({
  configured: z.boolean(),
  baseUrl: z.string().nullable(),
  authKind: Dhis2AuthKind.nullable(),
  username: z.string().nullable(),
  hasSecret: z.boolean(),
  dataSetUid: z.string().nullable(),
  timeoutS: z.number().int(),
  updatedAt: IsoDateTime.nullable(),
});
export type Dhis2SettingsView = z.infer<typeof Dhis2SettingsView>;

/** POST /interop/dhis2/settings/test: the stored settings, or these before saving (secret needed unless they are the stored server and account). */
export const Dhis2ConnectionTestRequest = z.strictObject({ settings: Dhis2SettingsInput.optional() });

/** What the connection test found (a dry-run import of no value: address, credentials and the right to import). */
export const Dhis2ConnectionTestResult = z.object({
  ok: z.boolean(),
  baseUrl: z.string(),
  /** dhis2.unreachable, dhis2.timeout, dhis2.unauthorized, dhis2.httpError, dhis2.badResponse */
  errorCode: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  status: z.enum(["SUCCESS", "WARNING", "ERROR"]).nullable(),
});
export type Dhis2ConnectionTestResult = z.infer<typeof Dhis2ConnectionTestResult>;

/** One data element mapping row as listed. */
export const DataElementMappingView = z.object({
  productId: z.number().int(),
  productCode: z.string(),
  productName: z.string(),
  field: Dhis2FieldSchema,
  dataElementUid: z.string(),
  categoryOptionComboUid: z.string().nullable(),
  updatedAt: IsoDateTime,
});
export type DataElementMappingView = z.infer<typeof DataElementMappingView>;

/** One facility → org unit link as listed. */
export const OrgUnitMappingView = z.object({
  facilityId: z.string(),
  facilityName: z.string(),
  orgUnitUid: z.string(),
  orgUnitCode: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  updatedAt: IsoDateTime,
});
export type OrgUnitMappingView = z.infer<typeof OrgUnitMappingView>;

// ── DHIS2 export and push ───────────────────────────────────────────────────────────────────────────────

/** "YYYY-MM", 2000-01 to 2099-12: the shared period of every contract. */
export { Period };

/**
 * GET /interop/dhis2/dataValueSets?period=&regionId=&districtId=&format=json|adx|report. `json` (default) is
 * exactly DHIS2's dataValueSets payload, `adx` the same data as ADX XML — both post as they are to DHIS2, with
 * what was left out counted in X-Fura-* headers; `report` is Dhis2ExportResponse: the payload and everything left out.
 */
export const Dhis2ExportQuery = z.strictObject({
  period: Period,
  regionId: RegionRef.optional(),
  districtId: DistrictRef.optional(),
  format: z.enum(["json", "adx", "report"]).default("json"),
});
export type Dhis2ExportQuery = z.infer<typeof Dhis2ExportQuery>;

const DataValue = z.object({
  dataElement: z.string(),
  period: z.string(),
  orgUnit: z.string(),
  categoryOptionCombo: z.string().optional(),
  value: z.string(),
});

export const Dhis2DataValueSetSchema = z.object({
  dataSet: z.string().optional(),
  period: z.string(),
  dataValues: z.array(DataValue),
});

/** The export: the payload as DHIS2 takes it, and everything left out with the reason. */
export const Dhis2ExportResponse = z.object({
  period: Period,
  regionId: z.string().nullable(),
  districtId: z.string().nullable(),
  dataValueSet: Dhis2DataValueSetSchema,
  unmappedFacilities: z.array(
    z.object({ facilityId: z.string(), facilityName: z.string(), reportId: z.number(), values: z.number() }),
  ),
  unmappedProducts: z.array(
    z.object({
      productId: z.number(),
      productCode: z.string(),
      productName: z.string(),
      fields: z.array(Dhis2FieldSchema),
      facilities: z.number(),
    }),
  ),
  missingValues: z.array(
    z.object({
      facilityId: z.string(),
      productId: z.number(),
      field: Dhis2FieldSchema,
      reason: z.enum(["noAmc", "amcZero"]),
    }),
  ),
  counts: z.object({ reports: z.number(), facilitiesSent: z.number(), dataValues: z.number() }),
  /** sha256 of the canonical payload: the same hash means the same data */
  payloadHash: z.string(),
});
export type Dhis2ExportResponse = z.infer<typeof Dhis2ExportResponse>;

/** POST /interop/dhis2/push */
export const Dhis2PushRequest = z.strictObject({
  period: Period,
  regionId: RegionRef.optional(),
  districtId: DistrictRef.optional(),
  /** DHIS2 checks everything and saves nothing */
  dryRun: z.boolean().default(false),
  importStrategy: z.enum(["CREATE_AND_UPDATE", "CREATE", "UPDATE", "DELETE"]).default("CREATE_AND_UPDATE"),
});
export type Dhis2PushRequest = z.infer<typeof Dhis2PushRequest>;

export const Dhis2ImportSummarySchema = z.object({
  status: z.enum(["SUCCESS", "WARNING", "ERROR"]),
  imported: z.number(),
  updated: z.number(),
  ignored: z.number(),
  deleted: z.number(),
  conflicts: z.array(
    z.object({ object: z.string(), value: z.string(), errorCode: z.string().nullable(), indexes: z.array(z.number()) }),
  ),
  description: z.string().nullable(),
  shape: z.enum(["webMessage", "importSummary"]),
});

/** One recorded push (dry run or real), as listed and as answered after a push. */
export const Dhis2PushSchema = z.object({
  id: z.number().int(),
  requestedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  username: z.string().nullable(),
  period: Period,
  regionId: z.string().nullable(),
  districtId: z.string().nullable(),
  baseUrl: z.string(),
  dryRun: z.boolean(),
  importStrategy: z.string(),
  payloadHash: z.string(),
  dataValues: z.number().int(),
  requests: z.number().int(),
  /** sending: under way, or the server stopped before the answer (the outcome is unknown: pushing again is safe) */
  state: z.enum(["sending", "done", "failed"]),
  /** A stable code when the push failed (dhis2.unreachable, dhis2.timeout, dhis2.unauthorized, dhis2.httpError, dhis2.badResponse) */
  errorCode: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  summary: Dhis2ImportSummarySchema.nullable(),
  /** The earlier real push of the same payload to the same server, when this one repeats it */
  repeatOfPushId: z.number().int().nullable(),
});
export type Dhis2Push = z.infer<typeof Dhis2PushSchema>;

/** GET /interop/dhis2/pushes?period=&limit=&offset= */
export const Dhis2PushQuery = z.strictObject({
  period: Period.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Pushes, newest first. */
export const Dhis2PushList = z.object({ items: z.array(Dhis2PushSchema), total: z.number().int() });

/** GET /interop/dhis2/pushes/:pushId */
export const Dhis2PushParams = z.strictObject({
  pushId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

// ── DHIS2 organisation units ────────────────────────────────────────────────────────────────────────────

const Geometry = z.looseObject({ type: z.string(), coordinates: z.unknown() });

/** One organisation unit of `/api/organisationUnits?fields=id,code,name,level,path,parent[id],geometry,closedDate&paging=false`. */
export const Dhis2OrgUnit = z.looseObject({
  id: Dhis2Uid,
  code: z.string().trim().max(50).optional(),
  name: z.string().trim().min(1).max(230),
  shortName: z.string().optional(),
  level: z.number().int().min(1).max(20),
  parent: z.looseObject({ id: Dhis2Uid }).optional(),
  /** "/uidCountry/uidRegion/uidDistrict/uidFacility" */
  path: z.string().optional(),
  geometry: Geometry.nullable().optional(),
  /** Before DHIS2 2.32: "[lon,lat]" with featureType POINT */
  coordinates: z.string().optional(),
  featureType: z.string().optional(),
  openingDate: z.string().optional(),
  closedDate: z.string().optional(),
});
export type Dhis2OrgUnit = z.infer<typeof Dhis2OrgUnit>;

/** The export file. */
export const Dhis2OrgUnitExport = z.looseObject({
  organisationUnits: z.array(Dhis2OrgUnit).min(1).max(100_000),
});
export type Dhis2OrgUnitExport = z.infer<typeof Dhis2OrgUnitExport>;

/** Which DHIS2 levels are Fura's regions, districts and facilities (Mali: 1 country, 2 region, 3 district, 4 CSCom). */
export const OrgUnitLevels = z.strictObject({
  region: z.number().int().min(1).max(20).default(2),
  district: z.number().int().min(1).max(20).default(3),
  /** DHIS2 level → Fura facility level for the units to create or update */
  facilities: z.record(z.string().regex(/^\d{1,2}$/), z.enum(["cscom", "asc"])).default({ "4": "cscom", "5": "asc" }),
});
export type OrgUnitLevels = z.infer<typeof OrgUnitLevels>;

/** POST /interop/dhis2/org-units/preview and …/apply */
export const OrgUnitImportRequest = z.strictObject({
  export: Dhis2OrgUnitExport,
  levels: OrgUnitLevels.default({ region: 2, district: 3, facilities: { "4": "cscom", "5": "asc" } }),
  /** Only the units under this one (a region or district of the export), to import in parts */
  rootUid: Dhis2Uid.optional(),
  /** Apply only: the planHash of the preview the user approved; a different plan is refused (409) */
  expectedPlanHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type OrgUnitImportRequest = z.infer<typeof OrgUnitImportRequest>;

/** One unit of the preview. */
export const OrgUnitPlanRow = z.object({
  index: z.number().int(),
  uid: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  level: z.number().int(),
  action: z.enum(["create", "update", "unchanged", "error", "ignored"]),
  /** The Fura facility (existing, or the id it will get) */
  facilityId: z.string().nullable(),
  matchedBy: z.enum(["link", "code", "name"]).nullable(),
  furaLevel: z.enum(["cscom", "asc"]).nullable(),
  regionId: z.string().nullable(),
  districtId: z.string().nullable(),
  changes: z.array(
    z.object({
      field: z.string(),
      before: z.union([z.string(), z.number(), z.boolean()]).nullable(),
      after: z.union([z.string(), z.number(), z.boolean()]).nullable(),
    }),
  ),
  errors: z.array(z.object({ code: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) })),
  warnings: z.array(z.object({ code: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) })),
});
export type OrgUnitPlanRow = z.infer<typeof OrgUnitPlanRow>;

export const OrgUnitImportPreview = z.object({
  rows: z.array(OrgUnitPlanRow),
  counts: z.object({
    create: z.number(),
    update: z.number(),
    unchanged: z.number(),
    error: z.number(),
    ignored: z.number(),
  }),
  planHash: z.string(),
});
export type OrgUnitImportPreview = z.infer<typeof OrgUnitImportPreview>;

/** POST /interop/dhis2/org-units/apply: the same request, with the planHash of the preview the user approved. */
export const OrgUnitImportApply = OrgUnitImportRequest.required({ expectedPlanHash: true });
export type OrgUnitImportApply = z.infer<typeof OrgUnitImportApply>;

/** What the import did. */
export const OrgUnitImportResult = OrgUnitImportPreview.extend({
  created: z.array(z.string()),
  updated: z.array(z.string()),
  /** Created facilities left without supply lines (their district has no depot) */
  withoutSupplier: z.array(z.string()),
});
export type OrgUnitImportResult = z.infer<typeof OrgUnitImportResult>;
