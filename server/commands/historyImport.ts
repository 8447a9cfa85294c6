/**
 * The history import: a file of facility × product × month rows from outside Fura (paper registers, DHIS2, another
 * LMIS) into `imported_history`. The file is read by the shared row validation (server/quantification/historyFile.ts),
 * then each row's facility and product are resolved here — a facility by its Fura id, its DHIS2 org-unit uid or
 * code (the interop links), within the user's scope; a product by its code — and compared with what is stored.
 * The preview reports every issue with its row and column; applying refuses the whole file on any issue (all or
 * nothing), checks it is the file previewed (its hash), writes one batch row and the rows that are new or
 * different, so applying the same file again changes nothing.
 */
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { historyImports } from "../../db/schema";
import type { Me } from "../../shared/contracts/auth";
import {
  HISTORY_FILE_MAX_BYTES,
  type HistoryFileUpload,
  type HistoryImportPreview,
  type HistoryIssue,
} from "../../shared/contracts/quantification";
import { inScope, type ScopedFacility } from "../../shared/domain/access";
import type { HistoryImport, HistoryRecord } from "../../shared/domain/quantification";
import { AppError } from "../../shared/errors";
import { historyFormatOf, readHistoryBuffer, type HistoryFileFormat } from "../quantification/historyFile";

/** Issues reported at most (the rest are counted in a last too_many_issues issue). */
const MAX_ISSUES = 500;

/** A file read and validated row by row (no database yet). */
export interface HistoryUpload {
  fileName: string;
  format: HistoryFileFormat;
  contentHash: string;
  parsed: HistoryImport;
}

/** Decodes and reads an uploaded file (async: .xlsx goes through exceljs); never touches the database. */
export async function readUpload(body: HistoryFileUpload): Promise<HistoryUpload> {
  const bytes = Buffer.from(body.contentBase64, "base64");
  if (bytes.length > HISTORY_FILE_MAX_BYTES)
    throw new AppError("payload_too_large", `The file is larger than ${HISTORY_FILE_MAX_BYTES / 1024 / 1024} MB`);
  const format = historyFormatOf(body.fileName, bytes.subarray(0, 4)) ?? "csv";
  const parsed = await readHistoryBuffer(bytes, format, { maxIssues: MAX_ISSUES });
  return {
    fileName: body.fileName,
    format,
    contentHash: createHash("sha256").update(bytes).digest("hex"),
    parsed,
  };
}

/** A row resolved to Fura's ids. */
interface ResolvedRow {
  facilityId: string;
  productId: number;
  record: HistoryRecord;
  change: "insert" | "replace" | "same";
}

/** What applying the file would do. */
export interface ImportPlan {
  issues: HistoryIssue[];
  rows: ResolvedRow[];
  summary: HistoryImportPreview["summary"];
}

/** The facility a code names: Fura's id, else a DHIS2 org-unit uid or code linked to it. */
function facilityLookup(db: Db | Tx): (code: string) => ScopedFacility | undefined {
  const rows = db.all<ScopedFacility & { uid: string | null; ouCode: string | null }>(sql`
    select f.id, f.region_id as regionId, f.district_id as districtId, o.org_unit_uid as uid, o.org_unit_code as ouCode
      from facilities f left join dhis2_org_units o on o.facility_id = f.id`);
  const byCode = new Map<string, ScopedFacility>();
  for (const r of rows) {
    const f = { id: r.id, regionId: r.regionId, districtId: r.districtId };
    for (const code of [r.ouCode, r.uid, r.id]) if (code) byCode.set(code, f);
  }
  return (code) => byCode.get(code);
}

const SAME_FIELDS = ["opening", "received", "consumed", "adjustments", "closing", "stockoutDays"] as const;

/**
 * Resolves every record of the file and compares it with the stored rows (see the file comment); `sqlite` is
 * the connection of `db` (a prepared point lookup per row).
 */
export function planHistoryImport(db: Db | Tx, sqlite: Database.Database, upload: HistoryUpload, user: Me): ImportPlan {
  const { parsed } = upload;
  const issues: HistoryIssue[] = [...parsed.issues];
  let extra = 0;
  const report = (issue: HistoryIssue) => {
    if (issues.length < MAX_ISSUES) issues.push(issue);
    else extra += 1;
  };
  const facilityOf = facilityLookup(db);
  const products = new Map(
    db.all<{ id: number; code: string }>(sql`select id, code from products`).map((p) => [p.code, p.id]),
  );
  const existing = sqlite.prepare(
    `select opening, received, consumed, adjustments, closing, stockout_days as stockoutDays
       from imported_history where facility_id = ? and product_id = ? and period = ?`,
  );
  const seen = new Map<string, number>();
  const rows: ResolvedRow[] = [];
  parsed.records.forEach((record, i) => {
    const row = parsed.recordRows[i] ?? 0;
    const facility = facilityOf(record.facility);
    const productId = products.get(record.product);
    if (!facility || !inScope(user, facility))
      report({ row, column: "facility", key: "unknown_facility", values: { code: record.facility } });
    if (productId === undefined)
      report({ row, column: "product", key: "unknown_product", values: { code: record.product } });
    if (!facility || !inScope(user, facility) || productId === undefined) return;
    const key = `${facility.id}\u0000${productId}\u0000${record.period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      report({ row, column: null, key: "duplicate", values: { firstRow: first } });
      return;
    }
    seen.set(key, row);
    const stored = existing.get(facility.id, productId, record.period) as HistoryRecord | undefined;
    const change = !stored ? "insert" : SAME_FIELDS.every((k) => stored[k] === record[k]) ? "same" : "replace";
    rows.push({ facilityId: facility.id, productId, record, change });
  });
  if (extra > 0)
    report({
      row: 0,
      column: null,
      key: "too_many_issues",
      values: { shown: issues.length, total: issues.length + extra },
    });
  if (issues.length > 0 || rows.length === 0) return { issues, rows: [], summary: null };
  const periods = rows.map((r) => r.record.period).sort();
  return {
    issues,
    rows,
    summary: {
      firstPeriod: periods[0]!,
      lastPeriod: periods[periods.length - 1]!,
      facilities: new Set(rows.map((r) => r.facilityId)).size,
      products: new Set(rows.map((r) => r.productId)).size,
      inserted: rows.filter((r) => r.change === "insert").length,
      replaced: rows.filter((r) => r.change === "replace").length,
      unchanged: rows.filter((r) => r.change === "same").length,
    },
  };
}

/** The preview the API answers. */
export function previewOf(upload: HistoryUpload, plan: ImportPlan): HistoryImportPreview {
  return {
    fileName: upload.fileName,
    format: upload.format,
    contentHash: upload.contentHash,
    rows: upload.parsed.rows,
    records: upload.parsed.records.length,
    issues: plan.issues,
    warnings: upload.parsed.warnings.slice(0, MAX_ISSUES),
    summary: plan.summary,
  };
}

/**
 * Applies the previewed file inside the transaction: refused as a whole (validation_failed, the row issues in
 * `details.rows`) when it differs from the preview or has any issue; else one batch row and the new or changed
 * rows. `sqlite` is the transaction's connection (prepared statements for the bulk write).
 */
export function applyHistoryImport(
  tx: Tx,
  sqlite: Database.Database,
  upload: HistoryUpload,
  expectedHash: string,
  user: Me,
  now: Date,
) {
  if (upload.contentHash !== expectedHash)
    throw new AppError("validation_failed", "expectedHash: the file differs from the one previewed", {
      issues: [{ path: "expectedHash", message: "the file differs from the one previewed: preview it again" }],
    });
  const plan = planHistoryImport(tx, sqlite, upload, user);
  if (!plan.summary) {
    const first = plan.issues[0];
    throw new AppError("validation_failed", `The file has ${plan.issues.length} issue(s): nothing was imported`, {
      issues: [{ path: "contentBase64", message: first ? `row ${first.row}: ${first.key}` : "no rows" }],
      rows: plan.issues,
    });
  }
  const s = plan.summary;
  const batch = tx
    .insert(historyImports)
    .values({
      fileName: upload.fileName,
      format: upload.format,
      contentHash: upload.contentHash,
      rows: upload.parsed.rows,
      inserted: s.inserted,
      replaced: s.replaced,
      unchanged: s.unchanged,
      firstPeriod: s.firstPeriod,
      lastPeriod: s.lastPeriod,
      facilities: s.facilities,
      products: s.products,
      userId: user.id,
      createdAt: now.toISOString(),
    })
    .returning()
    .get();
  const upsert = sqlite.prepare(
    `insert into imported_history (facility_id, product_id, period, opening, received, consumed, adjustments, closing, stockout_days, import_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (facility_id, product_id, period) do update set opening = excluded.opening, received = excluded.received,
       consumed = excluded.consumed, adjustments = excluded.adjustments, closing = excluded.closing,
       stockout_days = excluded.stockout_days, import_id = excluded.import_id`,
  );
  for (const r of plan.rows) {
    if (r.change === "same") continue;
    const x = r.record;
    upsert.run(
      r.facilityId,
      r.productId,
      x.period,
      x.opening,
      x.received,
      x.consumed,
      x.adjustments,
      x.closing,
      x.stockoutDays,
      batch.id,
    );
  }
  return batch;
}

/** The applied batches, newest first. */
export function listHistoryImports(db: Db) {
  return db
    .select()
    .from(historyImports)
    .orderBy(sql`${historyImports.id} desc`)
    .limit(200)
    .all();
}
