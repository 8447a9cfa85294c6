/**
 * The server's notes (`{ key, values }`: corrections, auto's reasons, plan remarks, import issues) in words: each
 * value is formatted by what its name says it is (a month, a date, a method, a share, a count…), then handed to
 * the sentence `<namespace>.<key>` of web/src/i18n. Unknown keys fall back to the key itself, never to nothing.
 */
import type { TFunction } from "i18next";
import { formatDate, formatDecimal, formatPeriod, formatShare } from "../../i18n/format";

/** A note as the API sends it. */
export interface NoteLike {
  key: string;
  values: Record<string, string | number | null>;
}

const PERIODS = new Set(["period", "firstPeriod", "lastPeriod"]);
const DATES = new Set(["expectedDate", "expiry", "date", "orderDate", "arrivalDate"]);
const METHODS = new Set(["method", "chosen", "runnerUp", "first", "lowest"]);
const SHARES = new Set(["coverage", "minCoverage"]);

/** How a note's values are shown (and facility ids named). */
export interface NoteContext {
  t: TFunction;
  lang: string;
  facilityName?: (id: string) => string | undefined;
}

/** One value formatted by its name. */
export function formatNoteValue(name: string, value: string | number | null, ctx: NoteContext): string {
  if (value === null) return "—";
  if (PERIODS.has(name) && typeof value === "string") return formatPeriod(value, ctx.lang);
  if (DATES.has(name) && typeof value === "string") return formatDate(value);
  if (METHODS.has(name) && typeof value === "string") return ctx.t(`quant.methods.${value}`, { defaultValue: value });
  if (name === "facility" && typeof value === "string") return ctx.facilityName?.(value) ?? value;
  if (SHARES.has(name) && typeof value === "number") return formatShare(value, ctx.lang, 1);
  if (typeof value === "number") return formatDecimal(value, ctx.lang, 2);
  return value;
}

/** The sentence of a note under `namespace` (e.g. "quant.note", "quant.why", "quant.import.issue"). */
export function noteText(note: NoteLike, namespace: string, ctx: NoteContext): string {
  const values = Object.fromEntries(
    Object.entries(note.values).map(([name, value]) => [name, formatNoteValue(name, value, ctx)]),
  );
  return ctx.t(`${namespace}.${note.key}`, { ...values, defaultValue: note.key });
}

/** Notes grouped by key, in the order each key first appears, to show a few of each kind. */
export function groupNotes<N extends NoteLike>(notes: readonly N[]): { key: string; notes: N[] }[] {
  const groups = new Map<string, N[]>();
  for (const n of notes) {
    const list = groups.get(n.key);
    if (list) list.push(n);
    else groups.set(n.key, [n]);
  }
  return [...groups].map(([key, list]) => ({ key, notes: list }));
}
