/** Number, money and date formatting for the interface: FCFA without decimals, dates dd/mm/yyyy. */

const NBSP = "\u202f";

/** The locale whose conventions an interface language writes numbers and dates with (French for any other). */
export function localeOf(lang: string): string {
  return LOCALES[lang] ?? "fr-FR";
}
const LOCALES: Record<string, string> = { fr: "fr-FR", en: "en-GB" };

/** A whole number with French/English thousands grouping (e.g. "12 345" / "12,345"). */
export function formatNumber(value: number, lang: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(localeOf(lang), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** A number with at most `maxDigits` decimals, none when whole: "1,62", "1,5", "300" (French). */
export function formatDecimal(value: number, lang: string, maxDigits = 2): string {
  return new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: maxDigits }).format(value);
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
  const text = new Intl.DateTimeFormat(localeOf(lang), {
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

/** A share (0–1) as a percentage: "70 %" / "70%". */
export function formatShare(value: number, lang: string, digits = 0): string {
  return new Intl.NumberFormat(localeOf(lang), {
    style: "percent",
    maximumFractionDigits: digits,
  }).format(value);
}
