/** What DHIS2 answered to a push: its import summary (status, counts, conflicts), or why the push failed. */
import { dynamicText } from "../../i18n/keys";
import { useTranslation } from "react-i18next";
import type { Dhis2Push } from "@shared/contracts/interop";
import { formatNumber } from "../../i18n/format";

/** The import summary of one push. */
export function PushSummary({ push }: { push: Dhis2Push }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const s = push.summary;
  return (
    <div className="interop-summary" data-testid="push-summary" data-state={push.state} data-status={s?.status ?? ""}>
      <h3>{push.dryRun ? t("interop.push.resultDry") : t("interop.push.resultReal")}</h3>
      {push.state !== "done" && (
        <p className="form-error" role="alert">
          {t("interop.push.failed", {
            reason: push.errorCode
              ? dynamicText(t, `interop.${push.errorCode}`, { status: push.httpStatus ?? "" })
              : t(`interop.push.state.${push.state}`),
          })}
        </p>
      )}
      {s && (
        <>
          <p className={`interop-status interop-status-${s.status.toLowerCase()}`}>
            {t(`interop.push.status.${s.status}`)}
            {s.description ? ` — ${s.description}` : ""}
          </p>
          <dl className="interop-counts">
            {(["imported", "updated", "ignored", "deleted"] as const).map((k) => (
              <div key={k}>
                <dt>{t(`interop.push.${k}`)}</dt>
                <dd data-count={k}>{formatNumber(s[k], lang)}</dd>
              </div>
            ))}
          </dl>
          {s.conflicts.length > 0 && (
            <table className="table small">
              <caption>{t("interop.push.conflicts", { count: s.conflicts.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("interop.push.conflictObject")}</th>
                  <th scope="col">{t("interop.push.conflictValue")}</th>
                </tr>
              </thead>
              <tbody>
                {s.conflicts.map((c, i) => (
                  <tr key={`${c.object}-${i}`}>
                    <td>{c.object}</td>
                    <td>
                      {c.value}
                      {c.errorCode ? ` (${c.errorCode})` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {push.repeatOfPushId !== null && (
        <p className="muted small">{t("interop.push.repeat", { id: push.repeatOfPushId })}</p>
      )}
    </div>
  );
}
