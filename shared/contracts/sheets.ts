/**
 * Spreadsheets of the reference data: exports (.xlsx and CSV) and imports with a preview. A file travels in JSON
 * as base64 (one body parser, the file part of the request hash that guards the Idempotency-Key); the import routes
 * accept bodies up to 30 MB once signed in (server/middleware/bodyLimits.ts).
 */
import { z } from "zod";
import { CATALOGUE_SHEETS, SHEET_ENTITIES } from "../domain/sheets/spec";

export const SheetEntity = z.enum(SHEET_ENTITIES);
export type SheetEntity = z.infer<typeof SheetEntity>;

/** The largest file accepted: 20 MB (≈ 27 MB as base64). */
export const MAX_SHEET_BYTES = 20 * 1024 * 1024;

/** A spreadsheet file: .xlsx (the first worksheet is read) or CSV (comma, semicolon or tab; UTF-8). */
export const SheetUpload = z.strictObject({
  format: z.enum(["xlsx", "csv"]),
  contentBase64: z
    .string()
    .max(Math.ceil(MAX_SHEET_BYTES / 3) * 4, "file larger than 20 MB")
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64"),
  fileName: z.string().trim().max(200).optional(),
});
export type SheetUpload = z.infer<typeof SheetUpload>;

/** Applying an import: the same file and the hash of the preview the user approved (refused if the data changed since). */
export const SheetApply = SheetUpload.extend({ expectedPlanHash: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
export type SheetApply = z.infer<typeof SheetApply>;

/** A row-level problem: row (1 = headers), column as in the file, a stable code and its values. */
export const SheetIssueSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type SheetIssueDto = z.infer<typeof SheetIssueSchema>;

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const RowStatus = z.enum(["new", "changed", "unchanged", "error"]);

/** What an import would do, row by row. */
export const SheetPreview = z.object({
  entity: SheetEntity,
  rows: z.array(
    z.object({
      row: z.number().int(),
      key: z.string(),
      status: RowStatus,
      changes: z.array(z.object({ field: z.string(), before: Cell, after: Cell })),
    }),
  ),
  errors: z.array(SheetIssueSchema),
  counts: z.record(RowStatus, z.number().int()),
  /** Hash of the plan: applying refuses a file whose plan differs from the one previewed */
  planHash: z.string(),
});
export type SheetPreview = z.infer<typeof SheetPreview>;

/** `/sheets/:entity/…` (the catalogue's sheets; the facilities have their own routes, another action). */
export const CatalogueSheet = z.enum(CATALOGUE_SHEETS);
export type CatalogueSheet = z.infer<typeof CatalogueSheet>;
export const SheetParams = z.object({ entity: CatalogueSheet });

/** `GET /products/export?format=` and the like: an .xlsx workbook (default) or a CSV text. */
export const SheetExportQuery = z.strictObject({ format: z.enum(["xlsx", "csv"]).default("xlsx") });

/** What an import wrote. */
export const SheetApplied = z.object({
  entity: SheetEntity,
  counts: z.record(RowStatus, z.number().int()),
  written: z.number().int(),
  /**
   * The accounts a users sheet created and their temporary passwords (to be changed at first sign-in): in the first
   * answer only — never stored, never audited; a replay of the same Idempotency-Key answers without them.
   */
  temporaryPasswords: z.array(z.object({ username: z.string(), password: z.string() })).optional(),
});
export type SheetApplied = z.infer<typeof SheetApplied>;
