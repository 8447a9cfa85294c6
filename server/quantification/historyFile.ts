/**
 * Reads a consumption history file (CSV or .xlsx) into validated records with row-level issues. The CSV is parsed
 * by the shared `parseHistoryCsv`; an .xlsx workbook's first sheet is read with exceljs and its cells handed to the
 * same `validateHistoryRows`, so both formats give the same records and issues. A date cell in the period column
 * (a spreadsheet that turned "2026-03" into a date) is read as its month. Used by the forecast CLI and
 * by the history import (server/commands/historyImport.ts: preview, then all-or-nothing apply).
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import ExcelJS from "exceljs";
import {
  historyColumnOf,
  parseHistoryCsv,
  validateHistoryRows,
  type HistoryImport,
  type RawCell,
} from "../../shared/domain/quantification";

export type HistoryFileFormat = "csv" | "xlsx";

/** The format of a file from its name (.csv, .txt, .xlsx), or from its first bytes (a zip is .xlsx). */
export function historyFormatOf(name: string, head?: Uint8Array): HistoryFileFormat | null {
  const ext = extname(name).toLowerCase();
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (head && head[0] === 0x50 && head[1] === 0x4b) return "xlsx";
  return head ? "csv" : null;
}

/** One exceljs cell value as a raw cell (formulas by their result, rich text as its text, dates as "YYYY-MM"). */
function cellOf(value: ExcelJS.CellValue, isPeriod: boolean): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return isPeriod ? iso.slice(0, 7) : iso.slice(0, 10);
  }
  if ("result" in value) return cellOf(value.result as ExcelJS.CellValue, isPeriod);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("text" in value) return String(value.text);
  if ("error" in value) return String(value.error);
  return String(value);
}

/** Reads the first sheet of an .xlsx workbook and validates it. */
export async function readHistoryXlsx(
  buffer: Uint8Array,
  options: { maxIssues?: number } = {},
): Promise<HistoryImport> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (e) {
    return {
      records: [],
      recordRows: [],
      issues: [
        { row: 0, column: null, key: "xlsx_unreadable", values: { reason: (e as Error).message.slice(0, 200) } },
      ],
      warnings: [],
      rows: 0,
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet)
    return {
      records: [],
      recordRows: [],
      issues: [{ row: 0, column: null, key: "no_rows", values: {} }],
      warnings: [],
      rows: 0,
    };
  let header: string[] | null = null;
  let periodAt = -1;
  const rows: RawCell[][] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    if (!header) {
      header = values.map((v) => String(cellOf(v, false) ?? ""));
      periodAt = header.findIndex((h) => historyColumnOf(h) === "period");
      return;
    }
    const cells = Array.from({ length: header.length }, (_, i) => cellOf(values[i] ?? null, i === periodAt));
    if (cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""))) return;
    rows.push(cells);
    rowNumbers.push(row.number);
  });
  const headerRow: string[] = header ?? [];
  return validateHistoryRows(headerRow, rows, { rowNumbers, maxIssues: options.maxIssues });
}

/** Reads a history held in memory, CSV or .xlsx. */
export async function readHistoryBuffer(
  buffer: Uint8Array,
  format: HistoryFileFormat,
  options: { maxIssues?: number } = {},
): Promise<HistoryImport> {
  if (format === "xlsx") return readHistoryXlsx(buffer, options);
  return parseHistoryCsv(new TextDecoder("utf-8").decode(buffer), options);
}

/** Reads a history file from disk (format from the extension, else from the content). */
export async function readHistoryFile(path: string, options: { maxIssues?: number } = {}): Promise<HistoryImport> {
  const buffer = await readFile(path);
  return readHistoryBuffer(buffer, historyFormatOf(path, buffer.subarray(0, 4))!, options);
}
