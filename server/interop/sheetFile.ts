/**
 * An .xlsx mapping sheet sent as base64 → the CSV text the shared import reads (shared/domain/interop/sheet.ts):
 * the first sheet, row for row (empty rows kept, so that the row numbers of the errors are those of the sheet),
 * numbers as written, dates as ISO dates, formulas by their result. Node only (exceljs).
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { MappingImportRequest } from "../../shared/contracts/interop";
import { AppError } from "../../shared/errors";
import { csvSafeText } from "../../shared/domain/interop/sheet";

/** A cell's text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("text" in value) return String(value.text);
  if ("error" in value) return String(value.error);
  return String(value);
}

const unreadable = (why: string) =>
  new AppError("validation_failed", `xlsxBase64: ${why}`, {
    issues: [{ path: "xlsxBase64", message: why }],
    reason: "import.xlsxUnreadable",
  });

/** The first sheet of the workbook as CSV text (refused as a field error when it is not a readable workbook). */
export async function xlsxToCsv(base64: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(base64, "base64") as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable("not a readable .xlsx workbook");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw unreadable("the first sheet is empty");
  const lines: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    // Written as a CSV export would be, so that rowsFromCsv gives back each cell's text exactly.
    lines[n - 1] = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => csvSafeText(cellText(v)));
  });
  for (let i = 0; i < lines.length; i++) lines[i] ??= [];
  return Papa.unparse(lines, { newline: "\n" });
}

/** The import request as the shared planner reads it: an .xlsx becomes its CSV text. */
export async function readableSheet(
  req: MappingImportRequest,
): Promise<Exclude<MappingImportRequest, { xlsxBase64: string }>> {
  if (!("xlsxBase64" in req)) return req;
  return { kind: req.kind, csv: await xlsxToCsv(req.xlsxBase64) };
}
