/**
 * Reading a history file (CSV here; .xlsx on the server, which hands its rows to `validateHistoryRecords`):
 * header columns matched by name (case and surrounding spaces ignored, extra columns ignored), each cell
 * converted and checked against the `HistoryRow` contract, and every problem reported with its row, column and a
 * key + values (never a sentence). Numbers may carry spaces or non-breaking spaces as thousands separators;
 * anything else that is not a whole number is refused. A file with any issue is not applied (all or nothing): the
 * caller shows the issues.
 */
import Papa from "papaparse";
import type { z } from "zod";
import {
  HISTORY_COLUMNS,
  HISTORY_FIELD,
  HistoryRow,
  type HistoryColumn,
  type HistoryIssue,
} from "../../contracts/quantification";
import { balanceMismatch } from "../replenishment";
import type { HistoryRecord } from "./history";

/** What reading a history file gives. */
export interface HistoryImport {
  records: HistoryRecord[];
  /** The file's row number of each record (so later checks, e.g. unknown codes, can name the row) */
  recordRows: number[];
  /** Problems that refuse the file (capped at `maxIssues`; a last too_many_issues issue says so) */
  issues: HistoryIssue[];
  /** Problems shown but accepted: balance_mismatch */
  warnings: HistoryIssue[];
  /** Data rows read */
  rows: number;
}

/** A cell as a reader gives it: text (CSV), or a number / text (.xlsx, periods already "YYYY-MM"). */
export type RawCell = string | number | null | undefined;

const NUMERIC: ReadonlySet<HistoryColumn> = new Set([
  "opening",
  "received",
  "consumed",
  "adjustments",
  "closing",
  "stockout_days",
]);
const INTEGER = /^[+-]?\d+$/;
const SEPARATORS = /[\s\u00a0\u202f]/g;

/** Header name → column (null for a column we do not read). */
export function historyColumnOf(header: string): HistoryColumn | null {
  const name = header
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase();
  return (HISTORY_COLUMNS as readonly string[]).includes(name) ? (name as HistoryColumn) : null;
}

/** Converts one cell; an issue key and values when it cannot. */
function convert(
  column: HistoryColumn,
  cell: RawCell,
): { value: string | number } | { key: string; values: HistoryIssue["values"] } {
  if (cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === ""))
    return { key: "required", values: {} };
  if (NUMERIC.has(column)) {
    if (typeof cell === "number")
      return Number.isInteger(cell) ? { value: cell } : { key: "not_integer", values: { value: cell } };
    const text = cell.replace(SEPARATORS, "");
    return INTEGER.test(text) ? { value: Number(text) } : { key: "not_integer", values: { value: cell.trim() } };
  }
  const text = String(cell).trim();
  if (column === "period" && !/^\d{4}-(0[1-9]|1[0-2])$/.test(text))
    return { key: "bad_period", values: { value: text } };
  return { value: text };
}

/**
 * Validates rows already split into cells. `header` is the file's header row; `rows` the data rows, numbered in
 * the file from `firstRow` (2 by default), or by `rowNumbers` when a reader skipped empty rows.
 */
export function validateHistoryRows(
  header: readonly string[],
  rows: readonly (readonly RawCell[])[],
  options: { firstRow?: number; rowNumbers?: readonly number[]; maxIssues?: number } = {},
): HistoryImport {
  const firstRow = options.firstRow ?? 2;
  const rowNumber = (i: number) => options.rowNumbers?.[i] ?? firstRow + i;
  const maxIssues = options.maxIssues ?? 1000;
  const issues: HistoryIssue[] = [];
  const warnings: HistoryIssue[] = [];
  const records: HistoryRecord[] = [];
  const recordRows: number[] = [];
  let total = 0;
  const report = (issue: HistoryIssue) => {
    total += 1;
    if (issues.length < maxIssues) issues.push(issue);
  };
  const index = new Map<HistoryColumn, number>();
  header.forEach((h, i) => {
    const column = historyColumnOf(h);
    if (column && !index.has(column)) index.set(column, i);
  });
  for (const column of HISTORY_COLUMNS)
    if (!index.has(column)) report({ row: 1, column, key: "missing_column", values: { column } });
  if (issues.length > 0) return { records, recordRows, issues, warnings, rows: rows.length };
  if (rows.length === 0)
    return { records, recordRows, issues: [{ row: 0, column: null, key: "no_rows", values: {} }], warnings, rows: 0 };

  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const row = rowNumber(i);
    const value: Record<string, string | number> = {};
    let ok = true;
    for (const column of HISTORY_COLUMNS) {
      const converted = convert(column, cells[index.get(column)!]);
      if ("key" in converted) {
        report({ row, column, key: converted.key, values: converted.values });
        ok = false;
      } else value[HISTORY_FIELD[column]] = converted.value;
    }
    if (!ok) return;
    const parsed = HistoryRow.safeParse(value);
    if (!parsed.success) {
      const reported = new Set<HistoryColumn | null>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        const column = HISTORY_COLUMNS.find((c) => HISTORY_FIELD[c] === field) ?? null;
        // One reason per cell: the first (e.g. above 31 stock-out days, not also above the month's days).
        if (reported.has(column)) continue;
        reported.add(column);
        report({ row, column, ...issueKey(issue) });
      }
      return;
    }
    const r = parsed.data;
    const key = `${r.period}\u0000${r.facility}\u0000${r.product}`;
    const first = seen.get(key);
    if (first !== undefined) {
      report({ row, column: null, key: "duplicate", values: { firstRow: first } });
      return;
    }
    seen.set(key, row);
    const difference = balanceMismatch(r);
    if (difference !== 0) warnings.push({ row, column: "closing", key: "balance_mismatch", values: { difference } });
    records.push(r);
    recordRows.push(row);
  });
  if (total > issues.length)
    issues.push({ row: 0, column: null, key: "too_many_issues", values: { shown: issues.length, total } });
  return { records, recordRows, issues, warnings, rows: rows.length };
}

/** A zod issue as key + values. */
function issueKey(issue: z.core.$ZodIssue): { key: string; values: HistoryIssue["values"] } {
  if (issue.code === "too_small") return { key: "below_min", values: { min: Number(issue.minimum) } };
  if (issue.code === "too_big") return { key: "above_max", values: { max: Number(issue.maximum) } };
  if (issue.code === "custom") {
    const params = issue.params as { key?: string; days?: number } | undefined;
    if (params?.key) return { key: params.key, values: { days: params.days ?? null } };
  }
  return { key: "invalid", values: { code: issue.code } };
}

/**
 * Parses a CSV history (comma, semicolon or tab separated — detected; UTF-8 with or without BOM; quoted cells)
 * and validates it. Malformed lines (unclosed quotes…) are issues of their row.
 */
export function parseHistoryCsv(text: string, options: { maxIssues?: number } = {}): HistoryImport {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const [header = [], ...rows] = parsed.data;
  const result = validateHistoryRows(header, rows, options);
  if (parsed.errors.length > 0) {
    const malformed: HistoryIssue[] = parsed.errors.map((e) => ({
      row: (e.row ?? 0) + 1,
      column: null,
      key: "csv_malformed",
      values: { code: e.code },
    }));
    result.issues = [...malformed, ...result.issues];
  }
  return result;
}
