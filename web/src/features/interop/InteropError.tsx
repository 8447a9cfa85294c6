/**
 * An interop write's error in the reader's language: the server's `details.reason` when it has one (a GS1 code
 * with its values, "mapping.targetTaken", "dhis2.secretRequired"…), else the error code's message.
 */
import type { TFunction } from "i18next";
import { dynamicText } from "../../i18n/keys";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { errorCode, errorMessage } from "../../i18n/errors";

/** The text of an error: its reason's words when known, else the code's. */
export function interopErrorText(t: TFunction, i18n: { exists: (k: string) => boolean }, error: unknown): string {
  const details =
    error instanceof ApiError ? (error.details as { reason?: unknown; issues?: unknown } | undefined) : undefined;
  const reason = details?.reason;
  if (typeof reason === "string" && i18n.exists(`interop.${reason}`)) return dynamicText(t, `interop.${reason}`);
  if (reason && typeof reason === "object" && "code" in reason && typeof reason.code === "string")
    return dynamicText(t, `interop.${reason.code}`, (reason as { values?: Record<string, unknown> }).values ?? {});
  const issues = Array.isArray(details?.issues) ? (details.issues as { path: string; message: string }[]) : [];
  const base = errorMessage(t, error);
  return issues.length > 0 ? `${base} (${issues.map((i) => `${i.path} : ${i.message}`).join(" ; ")})` : base;
}

/** The error under an action, or nothing. */
export function InteropError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  return (
    <p className="form-error" role="alert" data-error-code={errorCode(error)}>
      {interopErrorText(t, i18n, error)}
    </p>
  );
}
