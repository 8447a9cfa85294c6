/**
 * Building blocks shared by the request and response schemas: dates and periods within a sane window,
 * identifiers and free text cleaned the same way everywhere, and the upper bounds of quantities and money.
 */
import { z } from "zod";

/** Years a date or a period of Fura may fall in: no year 0000 or 9999 reaches a command. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2099;
const inYears = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};
const yearsMessage = `must be between ${FIRST_YEAR} and ${LAST_YEAR}`;
/** Runs a refinement only when the value passed its format (one issue per mistake, not two). */
const whenValid = { when: (p: { issues: readonly unknown[] }) => p.issues.length === 0 };

/** ISO calendar date "YYYY-MM-DD", years FIRST_YEAR–LAST_YEAR. */
export const IsoDate = z.iso.date().refine(inYears, { message: yearsMessage, ...whenValid });
/** ISO date-time with offset, e.g. "2026-11-22T10:00:00Z", years FIRST_YEAR–LAST_YEAR. */
export const IsoDateTime = z.iso.datetime({ offset: true }).refine(inYears, { message: yearsMessage, ...whenValid });
/**
 * A calendar month "YYYY-MM" from 2000-01 to 2099-12: the one period schema of every contract. Whether a
 * facility has history that far back is the commands' business (reports refuse a month before its first
 * ledger line).
 */
export const Period = z
  .string()
  .regex(/^20\d\d-(0[1-9]|1[0-2])$/, `must be a month YYYY-MM from ${FIRST_YEAR}-01 to ${LAST_YEAR}-12`);

/** Most base units one line may carry: a movement, a count, a report figure, an order or delivery line. */
export const MAX_LINE_UNITS = 10_000_000;
const unitsMessage = `must be at most ${MAX_LINE_UNITS.toLocaleString("en")} base units`;
/** Quantity in base units on one line: a whole number from 0 to MAX_LINE_UNITS. */
export const Qty = z.number().int().min(0).max(MAX_LINE_UNITS, unitsMessage);
/** Quantity in base units on one line, above zero. */
export const PositiveQty = z.number().int().min(1).max(MAX_LINE_UNITS, unitsMessage);
/** A signed change in base units on one line (adjustments, losses): −MAX_LINE_UNITS … MAX_LINE_UNITS. */
export const SignedQty = z
  .number()
  .int()
  .min(-MAX_LINE_UNITS, `must be at least −${MAX_LINE_UNITS.toLocaleString("en")} base units`)
  .max(MAX_LINE_UNITS, unitsMessage);
/** Most base units of a total over lots or facilities (a stock figure of the calculation preview). */
export const MAX_TOTAL_UNITS = 1_000_000_000;
/** A total in base units over several lines (stock on hand, in transit): 0 … MAX_TOTAL_UNITS. */
export const TotalQty = z
  .number()
  .int()
  .min(0)
  .max(MAX_TOTAL_UNITS, `must be at most ${MAX_TOTAL_UNITS.toLocaleString("en")} base units`);
/** Days without stock in a month: 0–31 here, and at most the days of the month in the command that knows it. */
export const StockoutDays = z.number().int().min(0).max(31, "must not exceed the days of the month");
/** Units in a pack (dispensing units per pack). */
export const PackSize = z.number().int().min(1).max(1_000_000);
/** People a facility serves (a target population): Mali has about 23 million inhabitants. */
export const Population = z.number().int().min(0).max(10_000_000);

/** Largest amount of money the API accepts anywhere, FCFA (XOF has no decimals). */
export const MAX_MONEY_XOF = 10_000_000_000_000;
/** An amount of money in FCFA, 0 … MAX_MONEY_XOF. */
export const MoneyXof = z.number().int().min(0).max(MAX_MONEY_XOF);
/** Most a single order's budget may be, FCFA: a month's order of one facility, even a regional warehouse. */
export const MAX_ORDER_BUDGET_XOF = 1_000_000_000;
/** The budget of one order, FCFA. */
export const OrderBudgetXof = z
  .number()
  .int()
  .min(0)
  .max(MAX_ORDER_BUDGET_XOF, `must be at most ${MAX_ORDER_BUDGET_XOF.toLocaleString("en")} FCFA`);

/**
 * Characters an identifier may never contain: controls (C0, C1) and format characters — zero-width
 * (U+200B–U+200F, U+2060, U+FEFF), bidi controls (U+202A–U+202E, U+2066–U+2069), soft hyphen… —
 * plus the line and paragraph separators. They are invisible, so two codes that look alike would differ.
 */
const REFUSED_IN_IDENTIFIER = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
/** In free text: controls except tab and line breaks, and the bidi controls (they can reorder what a reader sees). */
const REFUSED_IN_TEXT = /(?![\t\n\r])\p{Cc}|[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** Refuses a string holding a character of `refused`, naming the character and its position. */
function refuseCharacters(refused: RegExp, what: string) {
  return z.string().superRefine((value, ctx) => {
    const found = refused.exec(value);
    if (found)
      ctx.addIssue({
        code: "custom",
        message: `contains an invisible or control character (${codePoint(found[0])}) at position ${found.index + 1}: ${what}`,
      });
  });
}

/** How an identifier's letters are folded: codes compare without regard to case. */
export type LetterCase = "upper" | "lower" | "keep";

/**
 * The one normalisation of identifiers: Unicode NFKC (compatibility forms such as full-width letters
 * or the non-breaking space become plain ones), every dash (‐ ‑ ‒ – — −, which NFKC leaves apart) made
 * an ASCII hyphen-minus, runs of spaces made one space, trimmed, then the case folded.
 * So "ab‑12 " (non-breaking hyphen, trailing space) and "AB-12" are the same lot code.
 */
export function normaliseIdentifier(raw: string, letterCase: LetterCase): string {
  const s = raw
    .normalize("NFKC")
    .replace(/[\p{Pd}\u2212]/gu, "-")
    .replace(/\s+/gu, " ")
    .trim();
  return letterCase === "upper" ? s.toUpperCase() : letterCase === "lower" ? s.toLowerCase() : s;
}

/**
 * An identifier typed by a person (lot code, reference, code, username): invisible and control
 * characters refused with a field error, then normalised (normaliseIdentifier) and its length checked.
 */
export function identifier(o: { max: number; letterCase: LetterCase; min?: number }) {
  return refuseCharacters(REFUSED_IN_IDENTIFIER, "type the identifier again by hand")
    .transform((s) => normaliseIdentifier(s, o.letterCase))
    .pipe(
      z
        .string()
        .min(o.min ?? 1, o.min && o.min > 1 ? `must have at least ${o.min} characters` : "must not be empty")
        .max(o.max, `must have at most ${o.max} characters`),
    );
}

/**
 * Free text (notes, reasons, names, searches): the case and the words kept as typed (NFC, trimmed),
 * control and bidi-control characters refused.
 */
export function freeText(o: { max: number; min?: number; minMessage?: string }) {
  return refuseCharacters(REFUSED_IN_TEXT, "remove it and send again")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(o.min ?? 0, o.minMessage ?? `must have at least ${o.min ?? 0} characters`)
        .max(o.max, `must have at most ${o.max} characters`),
    );
}

/** A lot code as printed on the pack: upper-cased, so that a recall by lot code finds every unit. */
export const LotCode = identifier({ max: 40, letterCase: "upper" });
/** A catalogue code (funding source, programme): lower-case like the codes Fura seeds. */
export const Code = identifier({ max: 40, letterCase: "lower" });
/** A document reference (delivery note, invoice, shipment): case kept as printed. */
export const Reference = identifier({ max: 100, letterCase: "keep" });
/** A username: case-insensitive (lower-cased), as every seeded and created username is. */
export const Username = identifier({ max: 64, letterCase: "lower" });
/** A note beside a write. */
export const Note = freeText({ max: 500 });

/** A non-empty id string. */
export const Id = z.string().trim().min(1).max(100);

/** `?limit=&offset=` with a hard upper limit on page size. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** A value of a message (shared/domain/messages): a number, a code, a list of numbers (null: not reported), or nothing. */
export const MessageValueSchema = z.union([z.number(), z.string(), z.null(), z.array(z.number().nullable())]);

/** A page of items with the total count behind it. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

/** Header carrying the client's idempotency key on every write. */
export const IdempotencyKey = z
  .string()
  .trim()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/);
