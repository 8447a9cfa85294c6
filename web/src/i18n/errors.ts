/** The one place that turns an API error code into text for the user (STYLE.md rule 5). */
import type { TFunction } from "i18next";
import type { ErrorCode } from "@shared/errors";
import { ApiError } from "../api/client";
import { fr } from "./fr";

/** Codes with a message: every API code, plus the client's own. */
type MessageCode = ErrorCode | "network_error" | "unknown";

// Compile-time check: a new code in shared/errors.ts without a French message fails `tsc`.
const catalogue: Record<MessageCode, string> = fr.errors;

/** The translated message for any thrown value (ApiError codes, else a generic text). */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.code in catalogue) return t(`errors.${error.code}`);
  return t("errors.unknown");
}

/** The stable error code of a thrown value, for data attributes and tests. */
export function errorCode(error: unknown): string {
  return error instanceof ApiError ? error.code : "unknown";
}
