/** An API error shown next to the action that caused it, in the interface language (codes and details → text in i18n/errors). */
import { useTranslation } from "react-i18next";
import { errorCode, errorDetails, errorMessage } from "../i18n/errors";

/** The error of a failed write, or nothing: what went wrong, then the details the server gave (numbers, fields). */
export function ActionError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const details = errorDetails(t, error, i18n.language);
  return (
    <p className="form-error" role="alert" data-error-code={errorCode(error)}>
      {errorMessage(t, error)}
      {details.map((d) => (
        <span key={d} className="block small">
          {d}
        </span>
      ))}
    </p>
  );
}
