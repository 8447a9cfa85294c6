/**
 * Quantification contracts: the history import row (CSV / .xlsx columns), its row-level issues, pipeline
 * shipments, morbidity assumptions and the forecast choices. The pure rules are in shared/domain/quantification.
 */
import { z } from "zod";
import { daysInPeriod, isPeriod } from "../domain/months";
import { IsoDate } from "./common";

/** A calendar month "YYYY-MM". */
export const PeriodString = z.string().refine(isPeriod, { message: "must be a month YYYY-MM" });

/** The columns of a history file, in this order (header names; case and spaces around them do not matter). */
export const HISTORY_COLUMNS = [
  "period",
  "facility",
  "product",
  "opening",
  "received",
  "consumed",
  "adjustments",
  "closing",
  "stockout_days",
] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

/** The field of the row each column fills. */
export const HISTORY_FIELD: Record<HistoryColumn, keyof HistoryRow> = {
  period: "period",
  facility: "facility",
  product: "product",
  opening: "opening",
  received: "received",
  consumed: "consumed",
  adjustments: "adjustments",
  closing: "closing",
  stockout_days: "stockoutDays",
};

const Units = z.number().int().min(0).max(1_000_000_000);

/** One month of one facility × product, as imported (base units; adjustments signed; stock-out days in the month). */
export const HistoryRow = z
  .strictObject({
    period: PeriodString,
    facility: z.string().trim().min(1).max(100),
    product: z.string().trim().min(1).max(100),
    opening: Units,
    received: Units,
    consumed: Units,
    adjustments: z.number().int().min(-1_000_000_000).max(1_000_000_000),
    closing: Units,
    stockoutDays: z.number().int().min(0).max(31),
  })
  .superRefine((r, ctx) => {
    if (isPeriod(r.period) && r.stockoutDays > daysInPeriod(r.period))
      ctx.addIssue({
        code: "custom",
        path: ["stockoutDays"],
        message: "must not exceed the days in the period",
        params: { key: "stockout_days_above_days", days: daysInPeriod(r.period) },
      });
  });
export type HistoryRow = z.infer<typeof HistoryRow>;

/**
 * A problem with one cell (or the whole file: row 1 is the header). `key` names it for translation, `values`
 * carry what the web shows: missing_column {column}, csv_malformed {code}, required, not_integer {value},
 * bad_period {value}, below_min {min}, above_max {max}, stockout_days_above_days {days}, duplicate {firstRow},
 * balance_mismatch {difference} (a warning), no_rows, too_many_issues {shown}.
 */
export const HistoryIssue = z.object({
  /** Row in the file (1 = header, 2 = first data row; 0 = the file as a whole) */
  row: z.number().int().min(0),
  column: z.enum(HISTORY_COLUMNS).nullable(),
  key: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type HistoryIssue = z.infer<typeof HistoryIssue>;

/** The status of a pipeline shipment. */
export const ShipmentStatus = z.enum(["planned", "ordered", "shipped", "received"]);

/** A pipeline shipment to the central store (as the supply plan reads it). */
export const PipelineShipment = z.strictObject({
  id: z.string().trim().min(1).max(100),
  supplier: z.string().trim().min(1).max(200),
  fundingSource: z.string().trim().min(1).max(100),
  qtyUnits: z.number().int().positive().max(1_000_000_000),
  expectedDate: IsoDate,
  status: ShipmentStatus,
  expiry: IsoDate.nullable().optional(),
  costXof: z.number().int().min(0).nullable().optional(),
});
export type PipelineShipment = z.infer<typeof PipelineShipment>;

/** Assumptions of the morbidity / demographic method. */
export const MorbidityAssumptions = z.strictObject({
  basePeriod: PeriodString,
  population: z.number().min(0).max(1e9),
  populationGrowthPerYear: z.number().min(-0.5).max(0.5),
  incidencePerPersonYear: z.number().min(0).max(100),
  seasonalIndex: z.array(z.number().min(0).max(12)).length(12).nullable().optional(),
  shareTreated: z.number().min(0).max(1),
  bands: z
    .array(
      z.strictObject({
        key: z.string().trim().min(1).max(40),
        shareOfCases: z.number().min(0).max(1),
        unitsPerTreatment: z.number().min(0).max(10_000),
      }),
    )
    .min(1)
    .max(20)
    .refine((bands) => bands.reduce((s, b) => s + b.shareOfCases, 0) <= 1 + 1e-9, {
      message: "the shares of cases must not add up to more than 1",
    }),
  wastageRate: z.number().min(0).max(1).optional(),
});
export type MorbidityAssumptions = z.infer<typeof MorbidityAssumptions>;

/** The forecast methods a request may ask for. */
export const ForecastMethodChoice = z.enum([
  "auto",
  "ma",
  "linear",
  "holt-winters",
  "croston",
  "tsb",
  "seasonal-index",
  "morbidity",
]);
/** The levels a forecast is made at. */
export const ForecastLevel = z.enum(["facility", "district", "region", "national"]);

/** Largest history file accepted (bytes); the JSON body carries it in base64. */
export const HISTORY_FILE_MAX_BYTES = 20 * 1024 * 1024;

/** A history file sent for preview (CSV or .xlsx, by its name or its first bytes). */
export const HistoryFileUpload = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  contentBase64: z
    .string()
    .min(1)
    .max(Math.ceil(HISTORY_FILE_MAX_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: "must be base64" }),
});
export type HistoryFileUpload = z.infer<typeof HistoryFileUpload>;

/** A history file to apply: the one previewed (its hash), applied all or nothing. */
export const HistoryImportApply = HistoryFileUpload.extend({
  expectedHash: z.string().regex(/^[0-9a-f]{64}$/, { message: "must be the contentHash of the preview" }),
});
export type HistoryImportApply = z.infer<typeof HistoryImportApply>;

/** What applying the file would change (or changed). */
export const HistoryImportSummary = z.object({
  firstPeriod: z.string(),
  lastPeriod: z.string(),
  facilities: z.number().int(),
  products: z.number().int(),
  inserted: z.number().int(),
  replaced: z.number().int(),
  unchanged: z.number().int(),
});

/** The preview of a history file: every row-level issue, or what applying it would do. */
export const HistoryImportPreviewSchema = z.object({
  fileName: z.string(),
  format: z.enum(["csv", "xlsx"]),
  contentHash: z.string(),
  rows: z.number().int(),
  records: z.number().int(),
  issues: z.array(HistoryIssue),
  warnings: z.array(HistoryIssue),
  /** null when the file has issues (it cannot be applied) */
  summary: HistoryImportSummary.nullable(),
});
export type HistoryImportPreview = z.infer<typeof HistoryImportPreviewSchema>;

/** An applied import batch. */
export const HistoryImportSchema = HistoryImportSummary.extend({
  id: z.number().int(),
  fileName: z.string(),
  format: z.enum(["csv", "xlsx"]),
  contentHash: z.string(),
  rows: z.number().int(),
  createdAt: z.string(),
});
export type HistoryImportBatch = z.infer<typeof HistoryImportSchema>;
export const HistoryImportListSchema = z.object({ items: z.array(HistoryImportSchema) });
