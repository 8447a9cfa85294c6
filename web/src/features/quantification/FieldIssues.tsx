/** A refused write: the translated error, and for a validation error each field named in the interface language. */
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { ActionError } from "../../components/ActionError";

/** The error of a write and the fields it names (labels under `fieldsKey`, e.g. "quant.pipeline.fields"). */
export function FieldIssues({ error, fieldsKey }: { error: unknown; fieldsKey: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const issues =
    error instanceof ApiError && error.code === "validation_failed"
      ? ((error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [])
      : [];
  return (
    <div>
      <ActionError error={error} />
      {issues.length > 0 && (
        <ul className="small field-error" data-testid="field-issues">
          {issues.map((i) => {
            const field =
              i.path
                .split(".")
                .filter((p) => !/^\d+$/.test(p))
                .pop() ?? i.path;
            return (
              <li key={i.path} data-path={i.path}>
                {t("quant.fieldError", {
                  field: t(`${fieldsKey}.${field}`, { defaultValue: i.path }),
                  message: i.message,
                })}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
