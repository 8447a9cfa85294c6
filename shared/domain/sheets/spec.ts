/**
 * Spreadsheets of the reference data, both ways (pure): each sheet is a list of columns with a French header
 * (written on export, read back on import), other accepted names (English, short forms), a kind and bounds.
 * `readRecords` turns the rows of a file into typed values and row-level issues (row, column, code, values) — the
 * codes are keys the web turns into French or English. Exports write the same columns, so a file exported and
 * imported again reads back exactly the values it was written from.
 */
import type { IssueKey } from "../../errors";
import { cell, normalizeHeader, resolveColumns, type SheetRow } from "../interop/sheet";

export type { SheetRow } from "../interop/sheet";

/**
 * The sheets that travel both ways (the catalogue's products and their dated prices, the facilities, the stock
 * policies, the accounts without their passwords, an opening stock as a physical count).
 */
export const SHEET_ENTITIES = ["products", "prices", "facilities", "policies", "users", "opening-stock"] as const;
/** The catalogue's sheets (one route for both: `/sheets/:entity/…`, catalogue:manage). */
export const CATALOGUE_SHEETS = ["products", "prices"] as const;
export type SheetEntity = (typeof SHEET_ENTITIES)[number];
export type CatalogueSheet = (typeof CATALOGUE_SHEETS)[number];

/** A cell's value once read: text, a number, a yes/no, or nothing. */
export type CellValue = string | number | boolean | null;

/** How a column's cells are read. */
export type ColumnKind = "text" | "int" | "number" | "bool" | "date" | "enum";

/** One column of a sheet. */
export interface ColumnSpec<K extends string = string> {
  key: K;
  /** Header written on export (French) */
  header: string;
  /** Other accepted headers, matched without case, accents or punctuation */
  names: readonly string[];
  kind: ColumnKind;
  /** The cell may not be empty */
  required: boolean;
  /** The column may be missing from the file (e.g. a temporary password) */
  optionalColumn?: boolean;
  /** Allowed values of an enum column */
  values?: readonly string[];
  min?: number;
  max?: number;
  /** Longest text */
  maxLength?: number;
}

/** A sheet: its name in the workbook and its columns, in order. */
export interface SheetSpec<K extends string = string> {
  entity: SheetEntity;
  sheetName: string;
  columns: readonly ColumnSpec<K>[];
}

/** A row-level problem: the spreadsheet row (1 = headers), the header as in the file, a stable code and its values. */
export interface SheetIssue {
  row: number;
  column: string | null;
  /** Worded by the web as apiDetail.<code> */
  code: IssueKey;
  values: Record<string, string | number>;
}

/** A data row read: its row number and one value per column key. */
export interface SheetRecord<K extends string = string> {
  row: number;
  values: Record<K, CellValue>;
}

/** Accepted spellings of yes and no. */
const YES = new Set(["oui", "o", "yes", "y", "true", "vrai", "1", "x"]);
const NO = new Set(["non", "n", "no", "false", "faux", "0"]);

/** "1 200", "1 200" (no-break space), "12,5", "12.5" → a number; anything else NaN. */
function toNumber(text: string): number {
  const t = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : NaN;
}

/** "2026-11-30", "30/11/2026" or "30-11-2026" → "2026-11-30" (a real calendar day), else null. */
export function toIsoDate(text: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ymd = m
    ? [m[1], m[2], m[3]]
    : ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)), m && [m[3], m[2], m[1]]);
  if (!ymd) return null;
  const [y, mo, d] = ymd.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Reads one cell by its column's kind; an issue code and values when it cannot. */
export function readCell(
  spec: ColumnSpec,
  text: string,
): { value: CellValue } | { code: IssueKey; values: Record<string, string | number> } {
  if (text === "")
    return spec.required ? { code: "import.required", values: { column: spec.header } } : { value: null };
  switch (spec.kind) {
    case "text":
      if (spec.maxLength !== undefined && text.length > spec.maxLength)
        return { code: "import.tooLong", values: { max: spec.maxLength } };
      return { value: text };
    case "int":
    case "number": {
      const n = toNumber(text);
      if (Number.isNaN(n)) return { code: "import.notNumber", values: { value: text } };
      if (spec.kind === "int" && !Number.isInteger(n)) return { code: "import.notInteger", values: { value: text } };
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max))
        return { code: "import.outOfRange", values: { value: text, min: spec.min ?? "—", max: spec.max ?? "—" } };
      return { value: n };
    }
    case "bool": {
      const t = normalizeHeader(text);
      if (YES.has(t)) return { value: true };
      if (NO.has(t)) return { value: false };
      return { code: "import.notBoolean", values: { value: text } };
    }
    case "date": {
      const iso = toIsoDate(text);
      return iso ? { value: iso } : { code: "import.notDate", values: { value: text } };
    }
    case "enum": {
      const found = spec.values!.find((v) => normalizeHeader(v) === normalizeHeader(text));
      return found
        ? { value: found }
        : { code: "import.notInList", values: { value: text, allowed: spec.values!.join(", ") } };
    }
  }
}

/**
 * The typed records of a file and its row-level issues: a missing column is an issue on row 1; every cell that
 * cannot be read is an issue on its row and column (the rest of the row is still read, so that all its problems
 * show at once).
 */
export function readRecords<K extends string>(
  spec: SheetSpec<K>,
  sheet: { headers: string[]; rows: SheetRow[] },
): { records: SheetRecord<K>[]; issues: SheetIssue[]; columns: Record<K, string | null> } {
  const wanted = Object.fromEntries(
    spec.columns.map((c) => [c.key, { names: [c.header, c.key, ...c.names], required: !c.optionalColumn }]),
  ) as Record<K, { names: string[]; required: boolean }>;
  const { columns, missing } = resolveColumns(sheet.headers, wanted);
  if (missing.length > 0) {
    const issues = missing.map((k): SheetIssue => {
      const header = spec.columns.find((c) => c.key === k)!.header;
      return { row: 1, column: header, code: "import.missingColumn", values: { column: header } };
    });
    return { records: [], issues, columns };
  }
  const issues: SheetIssue[] = [];
  const records = sheet.rows.map((r) => {
    const values = {} as Record<K, CellValue>;
    for (const c of spec.columns) {
      const read = readCell(c, cell(r, columns[c.key]));
      if ("value" in read) values[c.key] = read.value;
      else {
        values[c.key] = null;
        issues.push({ row: r.row, column: columns[c.key] ?? c.header, code: read.code, values: read.values });
      }
    }
    return { row: r.row, values };
  });
  return { records, issues, columns };
}

/** Writes a value as a cell of the export (yes/no in French; dates and texts as they are). */
export function writeCell(spec: ColumnSpec, value: CellValue): string | number | null {
  if (value === null) return null;
  if (typeof value === "boolean") return value ? "oui" : "non";
  return value;
}

/** The header of a column as found in the file, for an issue (the export header when the column was not read). */
export function columnLabel<K extends string>(spec: SheetSpec<K>, columns: Record<K, string | null>, key: K): string {
  return columns[key] ?? spec.columns.find((c) => c.key === key)!.header;
}

/** Normalises a key cell for matching (codes and usernames compare without case or surrounding spaces). */
export const keyText = (v: CellValue): string => (v === null ? "" : String(v).trim());

export { normalizeHeader };
