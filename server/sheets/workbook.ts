/**
 * Spreadsheet files in and out: .xlsx through exceljs (a maintained library: typed cells, no hand-written XML) and
 * CSV through papaparse (semicolons and decimal commas, as French Excel writes them, with a BOM). Reading gives the
 * rows the pure import plans take (shared/domain/sheets): header → text, numbered like the sheet.
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { csvSafeText, rowsFromCsv, type SheetRow } from "../../shared/domain/interop/sheet";
import type { SheetSpec } from "../../shared/domain/sheets/spec";
import { AppError, type IssueKey } from "../../shared/errors";

/** Cells of an export row, by column key. */
export type ExportCell = string | number | null;

/** The most rows a file may have (a national count of every lot fits). */
export const MAX_SHEET_ROWS = 200_000;

/** An .xlsx workbook with one sheet: the spec's headers in bold, frozen, and the rows as typed cells. */
export async function writeXlsx(spec: SheetSpec, rows: ExportCell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Fura";
  const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  // Texts stay texts (codes such as "0012" are never turned into numbers).
  for (const row of rows) sheet.addRow(row.map((v) => (v === null ? null : v)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV text: semicolons, decimal commas, UTF-8 with a BOM (French Excel opens it as is). */
export function writeCsv(spec: SheetSpec, rows: ExportCell[][]): string {
  const data = rows.map((r) =>
    r.map((v) => (typeof v === "number" ? String(v).replace(".", ",") : csvSafeText(v ?? ""))),
  );
  return `\uFEFF${Papa.unparse({ fields: spec.columns.map((c) => c.header), data }, { delimiter: ";", newline: "\r\n" })}\r\n`;
}

/** A cell of exceljs as the text an import reads (numbers with a dot, dates as YYYY-MM-DD, formulas by their result). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
  }
  return String(value);
}

/** The first worksheet of an .xlsx: its first row as headers, then the data rows with their row numbers. */
export async function readXlsx(bytes: Buffer): Promise<{ headers: string[]; rows: SheetRow[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its Buffer before @types/node made Buffer generic: the same object, typed the library's way.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw fileError("file.notXlsx");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileError("file.empty");
  let headers: string[] | null = null;
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const texts: string[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => (texts[col - 1] = cellText(c.value).trim()));
    if (headers === null) {
      headers = Array.from(texts, (t) => t ?? "");
      return;
    }
    if (rows.length >= MAX_SHEET_ROWS) throw fileError("file.tooManyRows", { max: MAX_SHEET_ROWS });
    const cells: Record<string, string> = {};
    headers.forEach((h, i) => (cells[h] = texts[i] ?? ""));
    if (Object.values(cells).every((v) => v === "")) return;
    rows.push({ row: rowNumber, cells });
  });
  if (headers === null) throw fileError("file.empty");
  return { headers, rows };
}

/** A refused file as a whole (not one of its rows). */
function fileError(code: IssueKey, values: Record<string, string | number> = {}): AppError {
  return new AppError("validation_failed", `file: ${code}`, {
    issues: [{ path: "contentBase64", message: code, key: code, values }],
  });
}

/** The rows of an uploaded file (base64 of an .xlsx or a UTF-8 CSV). */
export async function readSheet(
  format: "xlsx" | "csv",
  contentBase64: string,
): Promise<{ headers: string[]; rows: SheetRow[] }> {
  const bytes = Buffer.from(contentBase64, "base64");
  if (bytes.length === 0) throw fileError("file.empty");
  if (format === "xlsx") return readXlsx(bytes);
  const parsed = rowsFromCsv(bytes.toString("utf8"));
  if (parsed.headers.length === 0 || parsed.headers.every((h) => h.trim() === "")) throw fileError("file.empty");
  if (parsed.rows.length > MAX_SHEET_ROWS) throw fileError("file.tooManyRows", { max: MAX_SHEET_ROWS });
  return parsed;
}
