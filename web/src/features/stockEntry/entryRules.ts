/** Checks of the stock entry forms as the user types (pure, tested): each returns an i18n key under stockEntry.invalid, or null. */
import { LotCode, MAX_LINE_UNITS } from "@shared/contracts/common";
import { ApiError } from "../../api/client";

/** The most a single line may carry (the contract's limit). */
const MAX_QTY = MAX_LINE_UNITS;

/** An i18n key of stockEntry.invalid.*, or null when the value is fine. */
export type Problem =
  | "required"
  | "wholeNumber"
  | "positive"
  | "nonZero"
  | "tooLarge"
  | "negativeForReason"
  | "dateFormat"
  | "expired"
  | "tooLong"
  | "notNegative"
  | "invisibleCharacter"
  | null;

/** A whole quantity typed in a text box, or null when it is not one. */
export function parseQty(text: string): number | null {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** A received quantity: a whole number above zero. */
export function receiptQtyProblem(text: string): Problem {
  if (text.trim() === "") return "required";
  const n = parseQty(text);
  if (n === null) return "wholeNumber";
  if (n <= 0) return "positive";
  return n > MAX_QTY ? "tooLarge" : null;
}

/** An adjustment: signed, not zero; every reason but a correction takes stock away. */
export function adjustmentQtyProblem(text: string, reason: string): Problem {
  if (text.trim() === "") return "required";
  const n = parseQty(text);
  if (n === null) return "wholeNumber";
  if (n === 0) return "nonZero";
  if (Math.abs(n) > MAX_QTY) return "tooLarge";
  return reason !== "correction" && n > 0 ? "negativeForReason" : null;
}

/** A counted quantity: empty (lot not counted) or a whole number from zero. */
export function countedQtyProblem(text: string): Problem {
  if (text.trim() === "") return null;
  const n = parseQty(text);
  if (n === null) return "wholeNumber";
  if (n < 0) return "notNegative";
  return n > MAX_QTY ? "tooLarge" : null;
}

/** A lot code: required, 40 characters at most once normalised, no invisible or control character (the shared LotCode). */
export function lotCodeProblem(text: string): Problem {
  if (text.trim() === "") return "required";
  const parsed = LotCode.safeParse(text);
  if (parsed.success) return null;
  return parsed.error.issues.some((i) => i.code === "custom") ? "invisibleCharacter" : "tooLong";
}

/** An expiry date (YYYY-MM-DD, a real date) not already past on `today`. */
export function expiryProblem(text: string, today: string): Problem {
  if (text === "") return "required";
  const d = new Date(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text)
    return "dateFormat";
  return text < today ? "expired" : null;
}

/**
 * The form field a failed write belongs to: a validation_failed issue's path ("quantity", "lines.0.countedQty"),
 * insufficient_stock → the quantity, lot_blocked → the lot; null when the error concerns the whole form.
 */
export function fieldOfError(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === "insufficient_stock") return "quantity";
  if (error.code === "lot_blocked") return "lotId";
  if (error.code !== "validation_failed") return null;
  const issues = (error.details as { issues?: { path?: unknown }[] } | undefined)?.issues;
  const path = issues?.[0]?.path;
  return typeof path === "string" ? path : null;
}

/** Whether the write's error belongs to this field (path equal, or a line of it: "lines.2.countedQty" for "lines.2"). */
export function errorIsFor(error: unknown, field: string): boolean {
  const path = fieldOfError(error);
  return path !== null && (path === field || path.startsWith(`${field}.`));
}
