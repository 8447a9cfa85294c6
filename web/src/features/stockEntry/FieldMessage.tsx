/** The message under a field: the problem found as the user types, else the server's error when it names this field. */
import { useTranslation } from "react-i18next";
import { errorCode, errorMessage } from "../../i18n/errors";
import { errorIsFor, type Problem } from "./entryRules";

/** Props: the field's id (for aria-describedby), its live problem, and the last write's error with the field's server path. */
interface Props {
  id: string;
  problem: Problem;
  /** Show the live problem (after the field was touched or a send was tried) */
  show: boolean;
  error?: unknown;
  path?: string;
}

/** A polite line under the field, or nothing. */
export function FieldMessage({ id, problem, show, error, path }: Props) {
  const { t } = useTranslation();
  if (show && problem) {
    return (
      <p id={id} className="field-error" role="alert">
        {t(`stockEntry.invalid.${problem}`)}
      </p>
    );
  }
  if (path && error && errorIsFor(error, path)) {
    return (
      <p id={id} className="field-error" role="alert" data-error-code={errorCode(error)}>
        {errorMessage(t, error)}
      </p>
    );
  }
  return null;
}
