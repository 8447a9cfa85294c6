/** Number, money and date formatting for the interface: FCFA without decimals, dates dd/mm/yyyy. */

const NBSP = "\u202f";

/** A whole number with French/English thousands grouping (e.g. "12 345" / "12,345"). */
export function formatNumber(value: number, lang: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR", {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
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

/** A month "YYYY-MM" in words: "octobre 2026" / "October 2026". */
export function formatPeriod(period: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const text = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "fr-FR", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** dd/mm/yyyy hh:mm of an ISO date-time, in UTC (Mali's time). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${formatDate(iso)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "3 boîtes de 30" style pack count text needs a number: whole packs of a quantity, rounded up. */
export function packsOf(quantity: number, packSize: number): number {
  return packSize > 0 ? Math.ceil(quantity / packSize) : 0;
}

/** A number with up to `maxDigits` decimals (none when whole): "1,62" / "1.62", "12 345". */
export function formatDecimal(value: number, lang: string, maxDigits = 2): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR", { maximumFractionDigits: maxDigits }).format(value);
}

/** A share (0–1) as a percentage: "70 %" / "70%". */
export function formatShare(value: number, lang: string, digits = 0): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR", {
    style: "percent",
    maximumFractionDigits: digits,
  }).format(value);
}
