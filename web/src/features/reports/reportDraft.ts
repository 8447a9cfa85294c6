/**
 * The monthly report as the manager types it from paper (pure, tested): what was typed per line, the
 * values it parses to, French-message problems as i18n keys, and the balance check E = A + B − C + D
 * computed live with the shared rule — a mismatch is shown with its difference, never corrected.
 */
import type { Report } from "@shared/contracts/replenishment";
import { MAX_LINE_UNITS } from "@shared/contracts/common";
import { daysInPeriod } from "@shared/domain/months";
import { balanceMismatch, reasonProblem, stockoutDaysProblem } from "@shared/domain/replenishment";
import { REPORT_D_KEYS, type ReportDKey } from "@shared/domain/stock/reasons";
import type { ErrorDetail } from "@shared/errors";
import type { ReportLineWrite } from "../../api/reports";
import { matchesSearch } from "@shared/domain/text";

/** One line of a report. */
export type ReportLine = Report["lines"][number];

/** The whole-number fields of a line, in the order of the form (D is split by reason apart). */
export const FIELDS = ["opening", "received", "consumed", "closing", "stockoutDays"] as const;
/** The fields of the balance check (stock-out days are not part of it). */
const BALANCE_FIELDS = ["opening", "received", "consumed", "closing"] as const;
/** One whole-number field. */
export type Field = (typeof FIELDS)[number];

/** Key of the part of a stored D that its breakdown by reason does not explain. */
export const UNSPLIT = "other" satisfies ReportDKey;
/** The reasons of D offered on every line (UNSPLIT only appears when a stored D needs it). */
const LINE_REASONS = REPORT_D_KEYS.filter((k) => k !== UNSPLIT);

/** What was typed for one line (only the fields and reasons touched). */
export interface LineEdit {
  fields: Partial<Record<Field, string>>;
  reasons: Record<string, string>;
}
/** Edits by line id. */
export type ReportDraft = Record<number, LineEdit>;

/** A problem of one value: an i18n key of the form, or a report check of shared/domain (the server's own). */
export type Problem =
  | { key: "monthlyReport.errors.whole" }
  | { key: "monthlyReport.errors.signed" }
  | { key: "monthlyReport.errors.tooLarge" }
  | ErrorDetail;

/** A line as the table shows it: texts, parsed values, problems, D and the mismatch. */
export interface LineState {
  line: ReportLine;
  text: Record<Field, string>;
  reasonText: Record<string, string>;
  /** Parsed values (null when not a whole number ≥ 0; a value can parse and still have a problem) */
  values: Record<Field, number | null>;
  adjustments: number | null;
  /** E − (A + B − C + D), or null while a value is not valid */
  mismatch: number | null;
  /** Problems by field name, or by `reason.<key>` for D's reasons */
  problems: Record<string, Problem>;
  dirty: boolean;
}

/** A whole number ≥ 0 typed in a field, or null. */
export function parseWhole(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,12}$/.test(t)) return null;
  return Number(t);
}

/** A signed whole number (an adjustment), or null; the typographic minus is accepted. */
export function parseSigned(text: string): number | null {
  const t = text.trim().replace(/^\u2212/, "-");
  if (!/^[-+]?\d{1,12}$/.test(t)) return null;
  return Number(t);
}

/** D by reason as stored, every known reason present, plus the unexplained remainder under UNSPLIT. */
export function storedReasons(line: Pick<ReportLine, "adjustments" | "adjustmentsByReason">): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of LINE_REASONS) out[r] = 0;
  for (const [k, v] of Object.entries(line.adjustmentsByReason)) out[k] = (out[k] ?? 0) + v;
  const rest = line.adjustments - Object.values(line.adjustmentsByReason).reduce((s, v) => s + v, 0);
  if (rest !== 0) out[UNSPLIT] = (out[UNSPLIT] ?? 0) + rest;
  return out;
}

/** The problem of one whole-number field, if any (stock-out days: the shared report check). */
function fieldProblem(field: Field, value: number | null, days: number): Problem | null {
  if (value === null) return { key: "monthlyReport.errors.whole" };
  if (value > MAX_LINE_UNITS) return { key: "monthlyReport.errors.tooLarge" };
  return field === "stockoutDays" ? stockoutDaysProblem(value, days) : null;
}

/** The problem of one reason of D, if any (a loss must not add stock: the shared report check). */
function typedReasonProblem(reason: string, value: number | null): Problem | null {
  if (value === null) return { key: "monthlyReport.errors.signed" };
  if (Math.abs(value) > MAX_LINE_UNITS) return { key: "monthlyReport.errors.tooLarge" };
  return reasonProblem(reason, value);
}

/** The state of one line with its edit (if any), for a month of `days` days. */
export function lineState(line: ReportLine, edit: LineEdit | undefined, days: number): LineState {
  const problems: Record<string, Problem> = {};
  const text = {} as Record<Field, string>;
  const values = {} as Record<Field, number | null>;
  let dirty = false;
  for (const f of FIELDS) {
    text[f] = edit?.fields[f] ?? String(line[f]);
    const v = parseWhole(text[f]);
    values[f] = v;
    const p = fieldProblem(f, v, days);
    if (p) problems[f] = p;
    if (v !== line[f]) dirty = true;
  }
  const stored = storedReasons(line);
  const reasonText: Record<string, string> = {};
  let adjustments: number | null = 0;
  for (const [reason, value] of Object.entries(stored)) {
    reasonText[reason] = edit?.reasons[reason] ?? String(value);
    const v = parseSigned(reasonText[reason]);
    const p = typedReasonProblem(reason, v);
    if (p) problems[`reason.${reason}`] = p;
    if (v !== value) dirty = true;
    adjustments = p || adjustments === null ? null : adjustments + v!;
  }
  const complete = BALANCE_FIELDS.every((f) => values[f] !== null) && adjustments !== null;
  const mismatch = complete
    ? balanceMismatch({
        opening: values.opening!,
        received: values.received!,
        consumed: values.consumed!,
        adjustments: adjustments!,
        closing: values.closing!,
      })
    : null;
  return { line, text, reasonText, values, adjustments, mismatch, problems, dirty };
}

/** Every line's state for a report and its draft. */
export function lineStates(report: Pick<Report, "period" | "lines">, draft: ReportDraft): LineState[] {
  const days = daysInPeriod(report.period);
  return report.lines.map((l) => lineState(l, draft[l.id], days));
}

/** Whether a line can be saved as typed. */
export const isValid = (s: LineState) => Object.keys(s.problems).length === 0;

/** The line as PUT /reports/:id/lines takes it (only non-zero reasons kept); call on a valid state. */
export function toWrite(s: LineState): ReportLineWrite {
  const byReason: Record<string, number> = {};
  for (const [reason, text] of Object.entries(s.reasonText)) {
    const v = parseSigned(text) ?? 0;
    if (v !== 0) byReason[reason] = v;
  }
  return {
    productId: s.line.productId,
    fundingSource: s.line.fundingSource,
    opening: s.values.opening!,
    received: s.values.received!,
    consumed: s.values.consumed!,
    adjustments: s.adjustments!,
    adjustmentsByReason: byReason,
    closing: s.values.closing!,
    stockoutDays: s.values.stockoutDays!,
  };
}

/** What a save would send: the changed valid lines, and the changed lines that cannot be sent yet. */
export function pendingSave(states: LineState[]): { lines: ReportLineWrite[]; invalid: LineState[] } {
  const changed = states.filter((s) => s.dirty);
  return { lines: changed.filter(isValid).map(toWrite), invalid: changed.filter((s) => !isValid(s)) };
}

/** Filters of the lines table. */
export interface LineFilter {
  programme: string;
  query: string;
  mismatchOnly: boolean;
}

/** The lines a filter keeps (a line's funding source is its programme). */
export function filterLines(states: LineState[], f: LineFilter): LineState[] {
  return states.filter((s) => {
    if (f.programme && s.line.fundingSource !== f.programme) return false;
    if (f.mismatchOnly && (s.mismatch === null || s.mismatch === 0)) return false;
    return matchesSearch(`${s.line.genericName} ${s.line.productCode}`, f.query);
  });
}
