/**
 * Reads a GS1 element string — what a USB barcode scanner types into a field, or what is printed under the
 * barcode — into `{ gtin, lot, expiry, serial }`. Pure: the reference date for the century rule is passed in.
 *
 * Accepted forms:
 * - human-readable, AIs in brackets: `(01)09521234543213(17)281130(10)LOT-7`;
 * - raw, as a scanner transmits it: AIs run together, FNC1 sent as the GS character (U+001D) after each
 *   variable-length value, optionally led by a symbology identifier: `]C1` GS1-128, `]e0` GS1 DataBar, `]d2` GS1
 *   DataMatrix, `]Q3` GS1 QR Code, `]J1` GS1 DotCode. Keyboard-wedge scanners often cannot type GS; the usual
 *   substitutes are read as GS: `<GS>`, `{GS}`, `[GS]`, `^]`, `|`, `~`, `␝` (U+241D) and `↔` (U+2194). None of
 *   them can occur inside a GS1 value (they lie outside GS1's character set 82, except the letters of the
 *   bracketed words, which are only read as a whole);
 * - a plain GTIN (8, 12, 13 or 14 digits, e.g. an EAN-13 or ITF-14 barcode, symbology `]E0`, `]E4`, `]I1` or none);
 * - a GS1 Digital Link URI (`https://id.gs1.org/01/09521234543213/10/LOT-7?17=281130`).
 *
 * Every AI of ./ais.ts is read and checked (length, characters, check digits, dates) and listed in `elements`;
 * an AI outside that table is refused (`gs1.unknownAi`), because without its length the rest cannot be split
 * safely. A string without a GTIN (AI 01, or 02 on a logistic label) is refused (`gs1.missingGtin`): Fura reads
 * barcodes to find a product.
 *
 * A character nobody sees (a control other than GS, a zero-width or direction mark) is refused by its code point
 * and position (`gs1.invisibleCharacter`), before any value is split: it would otherwise pass for a value too long.
 *
 * Refusals are a stable code and values, never a sentence: the web app words them (web/src/i18n/…/interop.ts).
 */
import { AI_TABLE, CSET82, aiAt, type AiSpec } from "./ais";
import { gs1DateTimeToIso, gs1DateToIso } from "./dates";
import { gs1CheckDigit, normalizeGtin } from "./gtin";

/** The group separator (ASCII 29) that stands for FNC1 in a transmitted element string. */
export const GS = "\u001d";

/** Longest input read (a GS1 DataMatrix holds far more, but no label Fura reads needs it). */
export const MAX_GS1_INPUT = 512;

/** One element string: an AI and its value (as printed). */
export interface Gs1Element {
  ai: string;
  value: string;
  /** GS1 data title, e.g. "BATCH/LOT" */
  title: string;
}

/** What a barcode says, as Fura uses it. */
export interface Gs1Data {
  /** GTIN-14 (AI 01, else AI 02 on a logistic label), check digit verified; a plain GTIN-8/12/13 is padded */
  gtin: string;
  /** Batch / lot (AI 10) */
  lot: string | null;
  /** Expiry (AI 17) as an ISO date; day 00 is the last day of the month */
  expiry: string | null;
  /** Serial number (AI 21) */
  serial: string | null;
  /** Every element read, in the order of the string */
  elements: Gs1Element[];
  /** How the string was written */
  form: "bracketed" | "raw" | "plainGtin" | "digitalLink";
  /** The symbology identifier that led the string (`]d2`…), if any */
  symbology: string | null;
}

/** The stable codes of a refusal. */
export type Gs1ErrorCode =
  | "gs1.empty"
  | "gs1.inputTooLong"
  | "gs1.keyboardLayout"
  | "gs1.unsupportedSymbology"
  | "gs1.syntax"
  | "gs1.unknownAi"
  | "gs1.truncated"
  | "gs1.valueTooLong"
  | "gs1.valueTooShort"
  | "gs1.notNumeric"
  | "gs1.badCharacter"
  | "gs1.invisibleCharacter"
  | "gs1.badCheckDigit"
  | "gs1.badGtinLength"
  | "gs1.badDate"
  | "gs1.duplicateAi"
  | "gs1.missingGtin";

/** Why a string was refused: a code and the values that explain it (AI, expected and found check digit…). */
export interface Gs1Error {
  code: Gs1ErrorCode;
  values: Record<string, string | number>;
}

export type Gs1Result = { ok: true; value: Gs1Data } | { ok: false; error: Gs1Error };

/** Options of the parser. */
export interface Gs1ParseOptions {
  /** Today (ISO date): its year anchors the century of two-digit years (§7.12) */
  asOf: string;
}

class Refusal extends Error {
  constructor(readonly error: Gs1Error) {
    super(error.code);
  }
}
function refuse(code: Gs1ErrorCode, values: Record<string, string | number> = {}): never {
  throw new Refusal({ code, values });
}

/** Symbology identifiers (ISO/IEC 15424) of GS1 element strings, and of plain GTIN barcodes. */
const GS1_SYMBOLOGIES = new Set(["]C1", "]e0", "]e1", "]e2", "]d2", "]Q3", "]J1"]);
const GTIN_SYMBOLOGIES = new Set(["]E0", "]E1", "]E2", "]E3", "]E4", "]I1"]);

/** Separators typed by keyboard-wedge scanners instead of GS, longest first. */
const GS_SUBSTITUTES = ["<GS>", "{GS}", "[GS]", "^]", "|", "~", "\u241d", "\u2194"];

/**
 * Characters a French (AZERTY) keyboard types on the digit keys when the scanner believes the keyboard is
 * QWERTY: "&é"'(-è_çà" for "1234567890". Seeing one means the scanner's keyboard setting is wrong.
 */
const AZERTY_MARKS = /[éèçà§²µù°£¨]/;

/**
 * Characters nobody sees: controls other than GS (a scanner's stray EOT, a tab), zero-width and direction marks,
 * the BOM, line and paragraph separators. Inside a value they would be counted as characters of it and reported as
 * a value too long or a wrong length; they are named instead, by code point, since they cannot be shown.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** Refuses `text` if it holds an invisible character, named by its code point ("U+200B") and position (from `at`). */
function refuseInvisible(text: string, at: number): void {
  const found = [...text.matchAll(INVISIBLE)].find((m) => m[0] !== GS);
  if (!found) return;
  const codePoint = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  refuse("gs1.invisibleCharacter", { codePoint, position: at + found.index });
}

/** Parses a scanned or typed GS1 string. */
export function parseGs1(input: string, options: Gs1ParseOptions): Gs1Result {
  try {
    return { ok: true, value: parseOrThrow(input, options) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.error };
    throw e;
  }
}

function parseOrThrow(input: string, options: Gs1ParseOptions): Gs1Data {
  const referenceYear = Number(options.asOf.slice(0, 4));
  if (!Number.isInteger(referenceYear)) throw new Error("parseGs1: asOf must be an ISO date");
  if (input.length > MAX_GS1_INPUT) refuse("gs1.inputTooLong", { max: MAX_GS1_INPUT, length: input.length });
  // Scanners end with Enter (CR / LF) or Tab; people paste with spaces around.
  let s = input.replace(/^[\s]+|[\s]+$/g, "");
  if (s === "") refuse("gs1.empty");
  refuseInvisible(s, 0);
  const mark = AZERTY_MARKS.exec(s);
  if (mark) refuse("gs1.keyboardLayout", { char: mark[0] });

  if (/^https?:\/\//i.test(s)) return finish(parseDigitalLink(s), "digitalLink", null, referenceYear);

  let symbology: string | null = null;
  if (s.startsWith("]") && s.length >= 3) {
    symbology = s.slice(0, 3);
    s = s.slice(3);
    if (GTIN_SYMBOLOGIES.has(symbology)) return plainGtin(s, symbology);
    if (!GS1_SYMBOLOGIES.has(symbology)) refuse("gs1.unsupportedSymbology", { symbology });
  }
  for (const sub of GS_SUBSTITUTES) s = s.split(sub).join(GS);
  if (s.startsWith("(")) return finish(parseBracketed(s.split(GS).join("")), "bracketed", symbology, referenceYear);
  // FNC1 in first position (the GS1 flag) may come through as a leading GS.
  s = s.replace(new RegExp(`^${GS}+`), "");
  if (s === "") refuse("gs1.empty");
  if (symbology === null && /^\d+$/.test(s) && [8, 12, 13, 14].includes(s.length)) return plainGtin(s, null);
  return finish(parseRaw(s), "raw", symbology, referenceYear);
}

function plainGtin(s: string, symbology: string | null): Gs1Data {
  const r = normalizeGtin(s);
  if (!r.ok) refuse(r.error.code, r.error.values);
  return {
    gtin: r.gtin,
    lot: null,
    expiry: null,
    serial: null,
    elements: [{ ai: "01", value: r.gtin, title: "GTIN" }],
    form: "plainGtin",
    symbology,
  };
}

/** `(AI)value(AI)value…`; a value runs to the next "(" that opens 2–4 digits and ")", or to the end. */
function parseBracketed(s: string): { ai: AiSpec; value: string }[] {
  const out: { ai: AiSpec; value: string }[] = [];
  let pos = 0;
  while (pos < s.length) {
    const head = /^\((\d{2,4})\)/.exec(s.slice(pos));
    if (!head) refuse("gs1.syntax", { position: pos });
    const spec = AI_TABLE.get(head[1]!);
    if (!spec) refuse("gs1.unknownAi", { ai: head[1]!, position: pos });
    pos += head[0].length;
    const next = s.slice(pos).search(/\(\d{2,4}\)/);
    const end = next === -1 ? s.length : pos + next;
    out.push({ ai: spec, value: s.slice(pos, end) });
    pos = end;
  }
  return out;
}

/** AIs run together; a fixed-length value ends by its length, a variable one at GS or the end. */
function parseRaw(s: string): { ai: AiSpec; value: string }[] {
  const out: { ai: AiSpec; value: string }[] = [];
  let pos = 0;
  while (pos < s.length) {
    if (s[pos] === GS) {
      pos++;
      continue;
    }
    const spec = aiAt(s, pos);
    if (!spec) refuse("gs1.unknownAi", { ai: leadingDigits(s, pos), position: pos });
    pos += spec.ai.length;
    if (spec.fixed !== undefined) {
      const gsAt = s.indexOf(GS, pos);
      const available = (gsAt === -1 ? s.length : gsAt) - pos;
      if (available < spec.fixed) refuse("gs1.truncated", { ai: spec.ai, expected: spec.fixed, got: available });
      out.push({ ai: spec, value: s.slice(pos, pos + spec.fixed) });
      pos += spec.fixed;
    } else {
      const gsAt = s.indexOf(GS, pos);
      const end = gsAt === -1 ? s.length : gsAt;
      out.push({ ai: spec, value: s.slice(pos, end) });
      pos = end;
    }
  }
  return out;
}

/** The digits at `pos` (up to 4), to name an unknown AI. */
function leadingDigits(s: string, pos: number): string {
  const m = /^\d{1,4}/.exec(s.slice(pos));
  return m ? m[0] : s.slice(pos, pos + 4);
}

/** `https://host/…/01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}][?17=…&…]` (GS1 Digital Link 1.x, uncompressed). */
function parseDigitalLink(uri: string): { ai: AiSpec; value: string }[] {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    refuse("gs1.syntax", { position: 0 });
  }
  const parts = url.pathname.split("/").filter((p) => p !== "");
  const keyAt = parts.findIndex((p) => p === "01" || p === "gtin");
  if (keyAt === -1) refuse("gs1.missingGtin");
  const out: { ai: AiSpec; value: string }[] = [];
  const decode = (v: string) => {
    try {
      return decodeURIComponent(v);
    } catch {
      refuse("gs1.syntax", { position: 0 });
    }
  };
  const aliases: Record<string, string> = { gtin: "01", cpv: "22", lot: "10", ser: "21" };
  for (let i = keyAt; i < parts.length; i += 2) {
    const code = aliases[parts[i]!] ?? parts[i]!;
    const spec = AI_TABLE.get(code);
    if (!spec) refuse("gs1.unknownAi", { ai: code, position: i });
    if (parts[i + 1] === undefined) refuse("gs1.truncated", { ai: code, expected: spec.min, got: 0 });
    const value = decode(parts[i + 1]!);
    refuseInvisible(value, uri.indexOf(`/${parts[i + 1]!}`) + 1); // %E2%80%8B decodes to a zero-width space
    // Digital Link allows a GTIN-8, -12 or -13 in the path: padded to 14 digits as in an element string.
    out.push({ ai: spec, value: code === "01" && /^\d{8}$|^\d{12,13}$/.test(value) ? value.padStart(14, "0") : value });
  }
  for (const [key, value] of url.searchParams) {
    if (!/^\d{2,4}$/.test(key)) continue; // other query parameters (linkType, context…) are not data
    const spec = AI_TABLE.get(key);
    if (!spec) refuse("gs1.unknownAi", { ai: key, position: 0 });
    refuseInvisible(value, uri.indexOf(`${key}=`) + key.length + 1);
    out.push({ ai: spec, value });
  }
  return out;
}

/** Checks every value, then picks GTIN, lot, expiry and serial. */
function finish(
  raw: { ai: AiSpec; value: string }[],
  form: Gs1Data["form"],
  symbology: string | null,
  referenceYear: number,
): Gs1Data {
  const seen = new Map<string, string>();
  const elements: Gs1Element[] = [];
  let expiry: string | null = null;
  for (const { ai: spec, value } of raw) {
    checkValue(spec, value);
    if (spec.kind === "date") {
      const iso = gs1DateToIso(value, referenceYear, spec.ai !== "7006");
      if (!iso) refuse("gs1.badDate", { ai: spec.ai, value });
      if (spec.ai === "17") expiry = iso;
    }
    if (spec.kind === "dateTime" && !gs1DateTimeToIso(value, referenceYear))
      refuse("gs1.badDate", { ai: spec.ai, value });
    const before = seen.get(spec.ai);
    if (before !== undefined && before !== value) refuse("gs1.duplicateAi", { ai: spec.ai });
    if (before === undefined) elements.push({ ai: spec.ai, value, title: spec.title });
    seen.set(spec.ai, value);
  }
  const gtin = seen.get("01") ?? seen.get("02");
  if (gtin === undefined) refuse("gs1.missingGtin");
  return {
    gtin,
    lot: seen.get("10") ?? null,
    expiry,
    serial: seen.get("21") ?? null,
    elements,
    form,
    symbology,
  };
}

function checkValue(spec: AiSpec, value: string): void {
  if (spec.fixed !== undefined && value.length !== spec.fixed) {
    if (value.length < spec.fixed) refuse("gs1.truncated", { ai: spec.ai, expected: spec.fixed, got: value.length });
    refuse("gs1.valueTooLong", { ai: spec.ai, max: spec.fixed, length: value.length });
  }
  if (value.length > spec.max) refuse("gs1.valueTooLong", { ai: spec.ai, max: spec.max, length: value.length });
  if (value.length < spec.min) refuse("gs1.valueTooShort", { ai: spec.ai, min: spec.min, length: value.length });
  if (spec.charset === "N" && !/^\d+$/.test(value)) refuse("gs1.notNumeric", { ai: spec.ai });
  if (spec.charset === "X" && !CSET82.test(value)) {
    const bad = [...value].find((c) => !CSET82.test(c)) ?? "";
    refuse("gs1.badCharacter", { ai: spec.ai, char: bad === GS ? "GS" : bad });
  }
  if (spec.kind === "gtin" || spec.kind === "sscc") {
    const expected = gs1CheckDigit(value.slice(0, -1));
    const got = Number(value.slice(-1));
    if (expected !== got) refuse("gs1.badCheckDigit", { ai: spec.ai, expected, got });
  }
}
