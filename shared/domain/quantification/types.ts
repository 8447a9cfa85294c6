/** Shared types of the quantification domain: notes (key + values), method ids. */

/** A value carried by a note: the web formats numbers and dates, and translates codes. */
export type NoteValue = number | string | null;

/**
 * A correction, decision or reason, as data: `key` names the sentence (web/src/i18n renders it in French or
 * English) and `values` are its numbers and codes. The domain never returns sentences.
 */
export interface Note {
  key: string;
  values: Record<string, NoteValue>;
}

/**
 * The forecast methods. "morbidity" needs an assumptions object; "seasonal-index" needs the seasonal index of a
 * larger area (facility series borrow their district's or country's season); the others need only the history.
 */
export const METHOD_IDS = ["ma", "linear", "holt-winters", "croston", "tsb", "seasonal-index", "morbidity"] as const;
export type MethodId = (typeof METHOD_IDS)[number];
/** The methods that need nothing but the series. */
export type HistoryMethodId = Exclude<MethodId, "morbidity" | "seasonal-index">;

/** Rounds to `digits` decimals (for values carried by notes; the web formats them). */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
