/**
 * The one parser of what people type in Fura's forms (pure, tested): whole quantities in base units,
 * decimals with a comma or a point, and dates typed day/month/year. Every form and every per-line
 * grid uses these, so "1 200", "1,5" and "31/12/2027" mean the same thing everywhere.
 */

/** Spaces people type as thousands separators (space, no-break space, narrow no-break space). */
const GROUPING = /[\s\u00a0\u202f]/g;
/** The minus sign, however it was typed (hyphen, Unicode minus). */
const MINUS = /^[-\u2212]/;

/**
 * A whole number typed in a text box ("120", " 1 200 ", "-10" when signed), or null when it is not
 * one (empty, "1.5", "abc", a negative number when not signed, beyond Number.MAX_SAFE_INTEGER).
 */
export function parseWhole(text: string, options: { signed?: boolean } = {}): number | null {
  const compact = text.replace(GROUPING, "").replace(MINUS, "-").replace(/^\+/, "");
  const pattern = options.signed ? /^-?\d+$/ : /^\d+$/;
  if (!pattern.test(compact)) return null;
  const n = Number(compact);
  return Number.isSafeInteger(n) ? (Object.is(n, -0) ? 0 : n) : null;
}

/** A decimal number typed with a comma or a point ("1,5", "0.6", "1 200,25"), or null. */
export function parseDecimal(text: string): number | null {
  const compact = text.replace(GROUPING, "").replace(MINUS, "-").replace(",", ".");
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(compact)) return null;
  const n = Number(compact);
  return Number.isFinite(n) ? n : null;
}

/**
 * What a form sends for a number field: undefined when left empty (the contract says "required" or
 * applies its default), NaN when it is no number ("Saisissez un nombre."), else the number — a fraction
 * typed in a whole-number field reaches the contract's int check ("Saisissez un nombre entier.").
 */
export function numberOrNaN(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  return parseDecimal(text) ?? Number.NaN;
}

/** Whether "YYYY-MM-DD" names a real calendar day. */
function isRealDay(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/**
 * A date typed day/month/year ("31/12/2027", "31-12-2027", "31.12.2027", "1/2/2027") — or already ISO
 * ("2027-12-31") — as "YYYY-MM-DD"; null when it is not a real day.
 */
export function parseDisplayDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (iso) return isRealDay(trimmed) ? trimmed : null;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!m) return null;
  const out = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  return isRealDay(out) ? out : null;
}

/** "YYYY-MM-DD" → "dd/mm/yyyy" (what a date field shows); anything else is returned unchanged. */
export function toDisplayDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** What a form sends for a date field: undefined when empty, the ISO day, or the text as typed (refused by the contract's date check). */
export function dateOrText(text: string): string | undefined {
  if (text.trim() === "") return undefined;
  return parseDisplayDate(text) ?? text.trim();
}

/** Text fields: trimmed, and undefined when empty (optional fields of the contracts are left out). */
export function optionalText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === "" ? undefined : trimmed;
}
