/** An API error shown next to the action that caused it, in the interface language (codes → text in i18n/errors). */
import { useTranslation } from "react-i18next";
import { errorCode, errorMessage } from "../i18n/errors";

/** The error of a failed write, or nothing. */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="form-error" role="alert" data-error-code={errorCode(error)}>
      {errorMessage(t, error)}
    </p>
  );
}
