/**
 * Where a refused write belongs in a form (pure, tested): a validation_failed issue names its field
 * ("quantity", "lines.0.countedQty"); some codes always concern one field (insufficient_stock → the
 * quantity); every other error concerns the whole form and is shown under its button.
 */
import { ApiError } from "../../api/client";

/** Codes that always concern one field of a form, by code. */
export type CodeFields = Partial<Record<string, string>>;

/** The field a failed write belongs to, or null when it concerns the whole form. */
export function serverFieldOf(error: unknown, codeFields: CodeFields = {}): string | null {
  if (!(error instanceof ApiError)) return null;
  const byCode = codeFields[error.code];
  if (byCode) return byCode;
  if (error.code !== "validation_failed") return null;
  const issues = (error.details as { issues?: { path?: unknown }[] } | undefined)?.issues;
  const path = issues?.[0]?.path;
  return typeof path === "string" && path !== "" ? path : null;
}

/** Whether the error belongs to `field` (the same path, or inside it: "lines.2.countedQty" for "lines.2"). */
export function serverErrorIsFor(error: unknown, field: string, codeFields: CodeFields = {}): boolean {
  const path = serverFieldOf(error, codeFields);
  return path !== null && (path === field || path.startsWith(`${field}.`));
}
