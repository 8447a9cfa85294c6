/**
 * GTIN check digits (GS1 General Specifications §7.9, the mod-10 algorithm shared by GTIN-8/12/13/14, SSCC and
 * GLN) and normalisation of every GTIN length to GTIN-14.
 */

/** The check digit of a string of digits (the key without its check digit): weights 3, 1, 3, … from the right. */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  if (!/^\d+$/.test(digitsWithoutCheck)) throw new Error("gs1CheckDigit: digits only");
  let sum = 0;
  for (let i = 0; i < digitsWithoutCheck.length; i++) {
    const digit = digitsWithoutCheck.charCodeAt(digitsWithoutCheck.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `key` is the right check digit for the digits before it. */
export function hasValidCheckDigit(key: string): boolean {
  return /^\d{2,}$/.test(key) && gs1CheckDigit(key.slice(0, -1)) === Number(key.slice(-1));
}

/** Appends the check digit: `withCheckDigit("0952123454321")` → "09521234543213". */
export function withCheckDigit(digitsWithoutCheck: string): string {
  return digitsWithoutCheck + String(gs1CheckDigit(digitsWithoutCheck));
}

/** Why a string is not a GTIN. */
export type GtinProblem =
  | { code: "gs1.notNumeric"; values: { ai: "01" } }
  | { code: "gs1.badGtinLength"; values: { length: number } }
  | { code: "gs1.badCheckDigit"; values: { ai: "01"; expected: number; got: number } };

/**
 * A GTIN-8, -12 (UPC-A), -13 (EAN-13) or -14 as the GTIN-14 that GS1 element strings carry (left-padded with
 * zeros, which keeps the check digit valid), or the reason it is not one.
 */
export function normalizeGtin(raw: string): { ok: true; gtin: string } | { ok: false; error: GtinProblem } {
  const s = raw.trim();
  if (!/^\d+$/.test(s)) return { ok: false, error: { code: "gs1.notNumeric", values: { ai: "01" } } };
  if (![8, 12, 13, 14].includes(s.length))
    return { ok: false, error: { code: "gs1.badGtinLength", values: { length: s.length } } };
  const expected = gs1CheckDigit(s.slice(0, -1));
  const got = Number(s.slice(-1));
  if (expected !== got) return { ok: false, error: { code: "gs1.badCheckDigit", values: { ai: "01", expected, got } } };
  return { ok: true, gtin: s.padStart(14, "0") };
}

/** True for a valid GTIN of any length (8, 12, 13 or 14 digits with the right check digit). */
export function isValidGtin(raw: string): boolean {
  return normalizeGtin(raw).ok;
}
