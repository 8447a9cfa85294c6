/** Designed loading, error and empty states shared by every page. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorCode, errorMessage } from "../i18n/errors";

/** A polite "loading" line with a spinner. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t("common.loading")}
    </div>
  );
}

/** An error box with the translated message (or `message` when the page knows better) and an optional retry. */
export function ErrorState({
  error,
  onRetry,
  title,
  message,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
  message?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="state state-error" role="alert" data-error-code={errorCode(error)}>
      <strong>{title ?? t("common.errorTitle")}</strong>
      <p>{message ?? errorMessage(t, error)}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

/** A calm message when there is nothing to show. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}
