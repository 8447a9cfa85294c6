/**
 * Spreadsheet rows for the imports: CSV text (comma, semicolon or tab — French Excel writes semicolons — with or
 * without a BOM) or rows a client read from an .xlsx, as `{ header: cell }` records numbered like the sheet
 * (row 1 is the header row, the first data row is row 2). Headers are matched loosely: case, accents, spaces
 * and punctuation do not matter, and each column has French and English names.
 */
import Papa from "papaparse";
import { foldText } from "../text";

/** A data row with its spreadsheet row number. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

/** "Code produit" → "code_produit"; "Élément de données" → "element_de_donnees". */
export function normalizeHeader(h: string): string {
  return foldText(h)
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * The delimiter of a sheet: the one its header line uses most (";" from a French spreadsheet, "," or a tab),
 * "," when the header has none. Read from the header alone: Papa's own guess wants the same field count on every
 * line and picks "," for a short sheet whose last line is empty ("a;b\nc;d\n"). Quoted headers are skipped.
 */
export function delimiterOf(text: string): string {
  const header = (text.split(/\r?\n/, 1)[0] ?? "").replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => [d, header.split(d).length - 1] as const);
  const [best, n] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return n > 0 ? best : ",";
}

/**
 * A text that spreadsheets would run as a formula when they open a CSV ("=HYPERLINK(…)", "+…", "-…", "@…", a tab or
 * a carriage return first: CSV injection) is written behind an apostrophe, which makes it a text; rowsFromCsv takes
 * the apostrophe off again, so importing an export changes nothing. A text already starting with apostrophes before
 * such a character gets one more, so the way back is exact.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A text cell as a CSV export writes it (see FORMULA_START). */
export function csvSafeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
/** The text a CSV cell written by csvSafeText stood for. */
export function csvCellText(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}

/** Rows of a CSV text (cells as csvCellText reads them); empty lines skipped (their numbers still count, as in the sheet). */
export function rowsFromCsv(text: string): { headers: string[]; rows: SheetRow[] } {
  const body = text.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: false, delimiter: delimiterOf(body) });
  const [header = [], ...data] = parsed.data;
  const headers = header.map((h) => String(h));
  const rows: SheetRow[] = [];
  data.forEach((cells, i) => {
    if (cells.every((c) => String(c).trim() === "")) return;
    const record: Record<string, string> = {};
    headers.forEach((h, j) => (record[h] = csvCellText(String(cells[j] ?? ""))));
    rows.push({ row: i + 2, cells: record });
  });
  return { headers, rows };
}

/** Rows given as records (from an .xlsx read by the client): numbered from 2 in the order given. */
export function rowsFromRecords(records: Record<string, string>[]): { headers: string[]; rows: SheetRow[] } {
  const headers = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return { headers, rows: records.map((cells, i) => ({ row: i + 2, cells })) };
}

/**
 * Finds each wanted column among the headers by its names (normalised); returns the header found for each, or
 * the columns that are missing.
 */
export function resolveColumns<K extends string>(
  headers: string[],
  wanted: Record<K, { names: string[]; required: boolean }>,
): { columns: Record<K, string | null>; missing: K[] } {
  const byNorm = new Map(headers.map((h) => [normalizeHeader(h), h]));
  const columns = {} as Record<K, string | null>;
  const missing: K[] = [];
  for (const key of Object.keys(wanted) as K[]) {
    const found = wanted[key].names.map((n) => byNorm.get(normalizeHeader(n))).find((h) => h !== undefined);
    columns[key] = found ?? null;
    if (!found && wanted[key].required) missing.push(key);
  }
  return { columns, missing };
}

/** A cell's trimmed text ("" when the column is absent). */
export function cell(row: SheetRow, column: string | null): string {
  return column === null ? "" : (row.cells[column] ?? "").trim();
}
