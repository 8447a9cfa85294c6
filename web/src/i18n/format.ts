/** Number, money and date formatting for the interface: FCFA without decimals, dates dd/mm/yyyy. */

const NBSP = "\u202f";

/** A whole number with French/English thousands grouping (e.g. "12 345" / "12,345"). */
export function formatNumber(value: number, lang: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR", { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** An amount in FCFA (XOF), rounded to the franc: "12 345 FCFA". */
export function formatXof(value: number, lang: string): string {
  return `${formatNumber(Math.round(value), lang)}${NBSP}FCFA`;
}

/** Months of stock with one decimal, or "—" when undefined (AMC = 0). */
export function formatMonths(value: number | null, lang: string): string {
  return value === null ? "—" : formatNumber(value, lang, 1);
}

/**
 * dd/mm/yyyy from "YYYY-MM-DD" or an ISO date-time. Date-times are shown in UTC, which is Mali's
 * local time (GMT all year, no daylight saving).
 */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  if (iso.length <= 10) return `${m[3]}/${m[2]}/${m[1]}`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
