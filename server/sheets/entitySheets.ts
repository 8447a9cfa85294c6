/**
 * The seam of the sheets that write through the existing commands (stock policies, accounts, an opening stock
 * count): each entity gives its spec, its export rows (the user's scope), its pure plan (shared/domain/sheets) and
 * the command call of one planned write. The preview runs the plan, then — when the plan has no error — the writes
 * themselves in a transaction that is rolled back, so that every refusal of the commands (the last active
 * administrator, a closed period, a role the importer may not give…) shows at its row before anything is written:
 * one rule, in the command, for the screen and the sheet. The import runs the same writes for real, all or nothing:
 * a row the commands refuse refuses the file.
 */
import { createHash } from "node:crypto";
import type { Db, Tx } from "../../db/client";
import type { Me } from "../../shared/contracts/auth";
import type { SheetEntity } from "../../shared/contracts/sheets";
import type { SheetPlan } from "../../shared/domain/sheets/plan";
import type { SheetIssue, SheetRow, SheetSpec } from "../../shared/domain/sheets/spec";
import { AppError, isIssueKey, type FieldIssue } from "../../shared/errors";
import type { AuditEntry } from "../audit";
import type { Action } from "../policies";
import type { ExportCell } from "./workbook";

/** A planned write knows the sheet row it comes from (a refusal of the command is shown there). */
export interface RowWrite {
  row: number;
}

/** What one write did: its audit line(s) and, for an account, what the answer shows once. */
export interface WriteDone {
  audit: AuditEntry[];
  /** Shown in the import's answer and never stored (a new account's temporary password) */
  secret?: { key: string; value: string };
}

/** One entity's sheet through its commands. */
export interface EntitySheet<W extends RowWrite, X = undefined> {
  entity: SheetEntity;
  /** The action of the export, the preview and the import */
  action: Action;
  spec: (db: Db | Tx) => SheetSpec;
  exportRows: (db: Db, user: Me, now: Date) => ExportCell[][];
  /** The plan against the database as it is (inside the import's transaction too: one connection, it sees it) */
  plan: (db: Db, user: Me, sheet: { headers: string[]; rows: SheetRow[] }, now: Date) => SheetPlan<W>;
  /** Async work before the import's transaction (hashing new passwords), from the plan as read outside it */
  prepare?: (plan: SheetPlan<W>) => Promise<X>;
  /**
   * Writes a group of rows through the command (one row alone unless `group` puts several together, such as the
   * lines of one facility's count); a refusal throws an AppError, shown at its row (`rowOf`, else the group's first)
   */
  write: (tx: Tx, ws: W[], call: WriteCall<X>) => WriteDone[];
  /** The key of the rows written together (absent: each row alone) */
  group?: (w: W) => string;
  /** The most rows written together (a longer group is written in parts of this size, in order) */
  maxGroup?: number;
  /** The row of a command's field path within a group (e.g. `lines.3.countedQty` → the fourth row's) */
  rowOf?: (path: string, ws: W[]) => number | undefined;
  /** The sheet column of a command's field path (e.g. `lines.0.countedQty` → the quantity's header) */
  columnOf: (path: string) => string | null;
}

/** Who writes, when, what `prepare` computed, and whether the writes will be rolled back (the preview). */
export interface WriteCall<X> {
  user: Me;
  now: Date;
  prepared: X | undefined;
  dryRun: boolean;
}

/** The hash of a plan (its rows and errors): the import refuses a file whose plan is no longer the one previewed. */
export function entityPlanHash(entity: SheetEntity, plan: SheetPlan<unknown>): string {
  return createHash("sha256")
    .update(JSON.stringify({ entity, rows: plan.rows, errors: plan.errors }))
    .digest("hex");
}

/** A command's refusal as the rows' issues (each field named by the command, at its row and column). */
function rowIssues<W extends RowWrite, X>(sheet: EntitySheet<W, X>, ws: W[], err: AppError): SheetIssue[] {
  const details = err.details as { issues?: FieldIssue[] };
  const issues = details?.issues ?? [];
  if (issues.length === 0)
    return [{ row: ws[0]!.row, column: null, code: "import.invalid", values: { reason: err.message.slice(0, 300) } }];
  return issues.map((i) => {
    const keyed = i.key !== undefined && isIssueKey(i.key) ? i.key : null;
    return {
      row: sheet.rowOf?.(i.path, ws) ?? ws[0]!.row,
      column: sheet.columnOf(i.path),
      code: keyed ?? (err.code === "implausible_quantity" ? "import.implausible" : "import.invalid"),
      values: keyed ? ((i.values ?? {}) as Record<string, string | number>) : { reason: i.message.slice(0, 300) },
    };
  });
}

/**
 * Runs every write of a plan; a refused group is collected (the next ones still run, so that all show at once).
 * The caller's transaction is rolled back by its caller when issues came back.
 */
export function runWrites<W extends RowWrite, X>(
  tx: Tx,
  sheet: EntitySheet<W, X>,
  plan: SheetPlan<W>,
  call: WriteCall<X>,
): { done: WriteDone[]; issues: SheetIssue[] } {
  const groups = new Map<string, W[]>();
  plan.writes.forEach((w, i) => {
    const key = sheet.group ? sheet.group(w) : String(i);
    const group = groups.get(key) ?? groups.set(key, []).get(key)!;
    group.push(w);
    // A full group is closed: the next rows of its key start another (a count of at most maxGroup lines).
    if (sheet.maxGroup !== undefined && group.length >= sheet.maxGroup)
      groups.set(`${key}#${i}`, groups.get(key)!).delete(key);
  });
  const done: WriteDone[] = [];
  const issues: SheetIssue[] = [];
  for (const ws of groups.values()) {
    try {
      done.push(...sheet.write(tx, ws, call));
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      issues.push(...rowIssues(sheet, ws, err));
    }
  }
  return { done, issues };
}

const ROLLBACK = Symbol("sheet preview: rolled back");

/** The preview: the plan and, when it has no error, the commands' refusals found by a write rolled back. */
export function previewEntity<W extends RowWrite, X>(
  db: Db,
  sheet: EntitySheet<W, X>,
  user: Me,
  read: { headers: string[]; rows: SheetRow[] },
  now: Date,
) {
  let result: { plan: SheetPlan<W>; issues: SheetIssue[] } | undefined;
  try {
    db.transaction(
      (tx) => {
        const plan = sheet.plan(db, user, read, now);
        const issues =
          plan.errors.length === 0
            ? runWrites(tx, sheet, plan, { user, now, prepared: undefined, dryRun: true }).issues
            : [];
        result = { plan, issues };
        throw ROLLBACK;
      },
      { behavior: "immediate" },
    );
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
  const { plan, issues } = result!;
  const bad = new Set(issues.map((i) => i.row));
  const counts = { ...plan.counts };
  const rows = plan.rows.map((r) => {
    if (!bad.has(r.row) || r.status === "error") return r;
    counts[r.status]--;
    counts.error++;
    return { ...r, status: "error" as const };
  });
  return {
    entity: sheet.entity,
    rows,
    errors: [...plan.errors, ...issues].sort((a, b) => a.row - b.row),
    counts,
    planHash: entityPlanHash(sheet.entity, plan),
  };
}

/** Refuses the file whole when a row was refused (as a row in error of the plan is). */
export function refuseRows(issues: SheetIssue[]): void {
  if (issues.length === 0) return;
  throw new AppError("validation_failed", `The file has ${issues.length} error(s): nothing was written`, {
    issues: [
      { path: "contentBase64", message: "rows in error", key: "file.rowErrors", values: { count: issues.length } },
    ],
    rows: issues,
  });
}
