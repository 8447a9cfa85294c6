/**
 * A sheet import as a plan (pure): each row is new, changed (with its field-by-field changes), unchanged or in
 * error; the writes are applied only when no row is in error (all or nothing). Rows the sheet does not mention are
 * left as they are: an import adds and changes, it never deletes.
 */
import type { CellValue, ColumnSpec, SheetIssue, SheetRecord } from "./spec";

export type RowStatus = "new" | "changed" | "unchanged" | "error";

/** One field that changes: its header, before and after. */
export interface FieldChange {
  field: string;
  before: CellValue;
  after: CellValue;
}

/** One row of the preview. */
export interface PlanRow {
  row: number;
  /** What the row is about (a product code, a username, facility × lot…) */
  key: string;
  status: RowStatus;
  changes: FieldChange[];
}

/** The preview of an import and, when it has no error, what to write. */
export interface SheetPlan<W> {
  rows: PlanRow[];
  errors: SheetIssue[];
  counts: Record<RowStatus, number>;
  writes: W[];
}

/** The values that differ between the current record and the sheet's, by column (in the sheet's order). */
export function diffValues<K extends string>(
  columns: readonly ColumnSpec<K>[],
  before: Partial<Record<K, CellValue>> | null,
  after: Partial<Record<K, CellValue>>,
  fields: readonly K[],
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const c of columns) {
    if (!fields.includes(c.key)) continue;
    const b = before ? (before[c.key] ?? null) : null;
    const a = after[c.key] ?? null;
    if (before === null ? a !== null : b !== a) out.push({ field: c.header, before: b, after: a });
  }
  return out;
}

/** Rows whose key was already seen in the sheet: an issue naming the first row. */
export function duplicateIssues<K extends string>(
  records: SheetRecord<K>[],
  keyOf: (r: SheetRecord<K>) => string | null,
): SheetIssue[] {
  const first = new Map<string, number>();
  const out: SheetIssue[] = [];
  for (const r of records) {
    const key = keyOf(r);
    if (key === null) continue;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, r.row);
    else out.push({ row: r.row, column: null, code: "import.duplicateRow", values: { firstRow: seen } });
  }
  return out;
}

/** A row being planned, with what to write for it. */
export type DraftRow<W> = PlanRow & { write?: W };

/** Marks the rows with an issue as errors, counts the statuses, and keeps the writes of the new and changed rows. */
export function finishPlan<W>(rows: DraftRow<W>[], errors: SheetIssue[]): SheetPlan<W> {
  const bad = new Set(errors.map((e) => e.row));
  const counts: Record<RowStatus, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };
  const out: PlanRow[] = [];
  const writes: W[] = [];
  for (const { write, ...r } of rows) {
    const status = bad.has(r.row) ? "error" : r.status;
    counts[status]++;
    out.push({ ...r, status });
    if ((status === "new" || status === "changed") && write !== undefined) writes.push(write);
  }
  const errorsSorted = [...errors].sort((a, b) => a.row - b.row);
  return { rows: out, errors: errorsSorted, counts, writes: errorsSorted.length > 0 ? [] : writes };
}

/**
 * A file writes at most `max` rows (those `counts` picks: every new or changed row by default): the first row beyond
 * is an issue, so that one import never holds the database's write lock for long (or hashes thousands of passwords).
 */
export function tooManyWrites<W>(
  rows: DraftRow<W>[],
  max: number,
  counts: (write: W) => boolean = () => true,
): SheetIssue[] {
  let n = 0;
  for (const r of rows)
    if (r.write !== undefined && counts(r.write) && ++n > max)
      return [{ row: r.row, column: null, code: "import.tooManyWrites", values: { max } }];
  return [];
}
