/** The one place that turns an API error into text for the user (STYLE.md rule 5): its code, and the details people read. */
import type { TFunction } from "i18next";
import {
  DETAIL_KEYS,
  isIssueKey,
  type DetailKey,
  type ErrorCode,
  type ErrorDetail,
  type IssueKey,
} from "@shared/errors";
import { ApiError } from "../api/client";
import type { Messages } from "./fr";
import { messageText, type Holds } from "./keys";

/** Codes with a message: every API code, plus the client's own. */
type MessageCode = ErrorCode | "network_error" | "unknown";

/** Compile-time check: a new code in shared/errors.ts without a French message fails `tsc`. */
export type ErrorTextsComplete = Holds<Messages["errors"] extends Record<MessageCode, string> ? true : false>;

/** The reason (ISSUE_KEYS) and values a refusal gives for its first field, when it gives one (`FieldIssue.key`). */
function issueKey(error: ApiError): { key: IssueKey; values: Record<string, string | number> } | null {
  const first = (error.details as { issues?: { key?: unknown; values?: unknown }[] } | undefined)?.issues?.[0];
  if (typeof first?.key !== "string" || !isIssueKey(first.key)) return null;
  return { key: first.key, values: (first.values ?? {}) as Record<string, string | number> };
}

/** A refusal reason of a field or a spreadsheet cell (ISSUE_KEYS) in words, `apiDetail.<key>`; an unknown one as itself. */
export function issueText(t: TFunction, key: string, values: Record<string, string | number>): string {
  return isIssueKey(key) ? t(`apiDetail.${key}`, values) : key;
}

/**
 * The translated message for any thrown value: the reason of a refused field when the server names one
 * (a taken username, a scope the role does not take), else the ApiError code's text.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  const reason = error instanceof ApiError ? issueKey(error) : null;
  if (reason) return issueText(t, reason.key, reason.values);
  // A code this version has no text for (a newer server) reads as the unknown error.
  if (error instanceof ApiError) return t(`errors.${error.code}`, { defaultValue: t("errors.unknown") });
  return t("errors.unknown");
}

/** The stable error code of a thrown value, for data attributes and tests. */
export function errorCode(error: unknown): string {
  return error instanceof ApiError ? error.code : "unknown";
}

const isDetail = (value: unknown): value is ErrorDetail =>
  typeof value === "object" &&
  value !== null &&
  DETAIL_KEYS.includes((value as { key?: unknown }).key as DetailKey) &&
  typeof (value as { values?: unknown }).values === "object";

/** The details of an API error that people read (its explanation and its field issues with a key), in the reader's language. */
export function errorDetails(t: TFunction, error: unknown, lang: string): string[] {
  if (!(error instanceof ApiError) || typeof error.details !== "object" || error.details === null) return [];
  const d = error.details as { explain?: unknown; issues?: unknown };
  const found = [d.explain, ...(Array.isArray(d.issues) ? d.issues : [])].filter(isDetail);
  return [...new Set(found.map((m) => detailText(t, { key: m.key, values: m.values }, lang)))];
}

/** One detail as a sentence. */
export function detailText(t: TFunction, m: ErrorDetail, lang: string): string {
  const plural = m.key === "later_orders" || m.key === "source_not_upstream";
  return messageText(t, "apiDetail", m, lang, plural ? "facilities" : undefined);
}
