/** The audit entries: when, who, action, object, client and request id; before/after as readable JSON on expand. */
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuditEntryDto } from "@shared/contracts/audit";
import { formatDateTime } from "../../i18n/format";

/** Pretty JSON, or a dash for nothing. */
function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

/** One page of audit entries. */
export function AuditTable({ entries }: { entries: AuditEntryDto[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t("audit.caption")}>
      <table className="table audit-table" data-testid="audit-table">
        <caption className="visually-hidden">{t("audit.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.when")}</th>
            <th scope="col">{t("audit.who")}</th>
            <th scope="col">{t("audit.actionCol")}</th>
            <th scope="col">{t("audit.object")}</th>
            <th scope="col">{t("audit.client")}</th>
            <th scope="col">{t("audit.requestId")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("audit.details")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <Fragment key={e.id}>
              <tr data-audit-id={e.id} data-action={e.action}>
                <td className="nowrap">{formatDateTime(e.at)}</td>
                <td>{e.username ?? <span className="muted">{t("timeline.system")}</span>}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.objectType}
                  {e.objectId && <span className="muted"> #{e.objectId}</span>}
                </td>
                <td className="small client-cell">
                  {e.clientIp ?? "—"}
                  {e.userAgent && (
                    <span className="muted block ua" title={e.userAgent}>
                      {e.userAgent}
                    </span>
                  )}
                </td>
                <td className="small">
                  <code className="request-id">{e.requestId ?? "—"}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    aria-expanded={open === e.id}
                    aria-controls={`audit-${e.id}`}
                    onClick={() => setOpen(open === e.id ? null : e.id)}
                  >
                    {t("audit.details")}
                  </button>
                </td>
              </tr>
              {open === e.id && (
                <tr className="explain-row">
                  <td colSpan={7}>
                    <div id={`audit-${e.id}`} className="before-after">
                      <div>
                        <h3>{t("audit.before")}</h3>
                        <Json value={e.before} />
                      </div>
                      <div>
                        <h3>{t("audit.after")}</h3>
                        <Json value={e.after} />
                      </div>
                    </div>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
