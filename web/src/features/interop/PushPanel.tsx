/**
 * The push of the export shown above: a dry run (DHIS2 checks everything and saves nothing) or the real push,
 * after a confirmation; the answer is the recorded push with DHIS2's import summary. The earlier pushes are
 * listed below, newest first.
 */
import type { TFunction } from "i18next";
import { dynamicText } from "../../i18n/keys";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Dhis2ExportResponse, Dhis2Push } from "@shared/contracts/interop";
import { useDhis2Pushes, useDhis2Settings, usePushToDhis2, type ExportArea } from "../../api/interop";
import { ActionError } from "../../components/ActionError";
import { Pager } from "../../components/Pager";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { formatDateTime, formatNumber, formatPeriod } from "../../i18n/format";
import { PushSummary } from "./PushSummary";

/** The push box and the list of pushes. */
export function PushPanel({ area, exp }: { area: ExportArea; exp: Dhis2ExportResponse }) {
  const { t, i18n } = useTranslation();
  const settings = useDhis2Settings();
  const push = usePushToDhis2();
  const [confirming, setConfirming] = useState(false);
  const send = (dryRun: boolean) => {
    setConfirming(false);
    push.mutate({
      period: area.period,
      ...(area.regionId ? { regionId: area.regionId } : {}),
      ...(area.districtId ? { districtId: area.districtId } : {}),
      dryRun,
      importStrategy: "CREATE_AND_UPDATE",
    });
  };
  const configured = settings.data?.configured && settings.data.hasSecret;
  const values = exp.dataValueSet.dataValues.length;
  return (
    <section className="interop-section" aria-labelledby="push-title" data-testid="push-panel">
      <h2 id="push-title">{t("interop.push.title")}</h2>
      <p className="muted">{t("interop.push.intro")}</p>
      {settings.data && !configured && <p className="note">{t("interop.push.notConfigured")}</p>}
      <div className="actions-row">
        <button
          type="button"
          className="button"
          disabled={!configured || values === 0 || push.isPending}
          onClick={() => send(true)}
        >
          {t("interop.push.dryRun")}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!configured || values === 0 || push.isPending}
          onClick={() => setConfirming(true)}
        >
          {t("interop.push.send")}
        </button>
      </div>
      {confirming && (
        <div className="interop-confirm" role="alertdialog" aria-labelledby="push-confirm-text">
          <p id="push-confirm-text">
            {t("interop.push.confirm", {
              values: formatNumber(values, i18n.language),
              period: formatPeriod(area.period, i18n.language),
              server: settings.data?.baseUrl ?? "",
            })}
          </p>
          <div className="actions-row">
            <button type="button" className="button button-primary" onClick={() => send(false)}>
              {t("interop.push.send")}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      )}
      {push.isPending && <Loading label={t("interop.push.sending")} />}
      <ActionError error={push.error} />
      {push.data && <PushSummary push={push.data} />}
      <PushHistory />
    </section>
  );
}

const PAGE = 10;

/** The pushes, newest first. */
function PushHistory() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [offset, setOffset] = useState(0);
  const pushes = useDhis2Pushes({ limit: PAGE, offset });
  if (pushes.isPending) return <Loading />;
  if (pushes.isError) return <ErrorState error={pushes.error} onRetry={() => void pushes.refetch()} />;
  const { items, total } = pushes.data;
  return (
    <div className="interop-history">
      <h3>{t("interop.push.history")}</h3>
      {items.length === 0 ? (
        <EmptyState>{t("interop.push.noPush")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table small" data-testid="push-history">
            <thead>
              <tr>
                <th scope="col">{t("interop.push.when")}</th>
                <th scope="col">{t("interop.push.who")}</th>
                <th scope="col">{t("interop.push.period")}</th>
                <th scope="col">{t("interop.push.area")}</th>
                <th scope="col">{t("interop.push.kind")}</th>
                <th scope="col" className="num">
                  {t("interop.push.values")}
                </th>
                <th scope="col">{t("interop.push.result")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} data-push-id={p.id}>
                  <td>{formatDateTime(p.requestedAt)}</td>
                  <td>{p.username ?? "—"}</td>
                  <td>{formatPeriod(p.period, lang)}</td>
                  <td>{p.districtId ?? p.regionId ?? t("interop.area.all")}</td>
                  <td>{p.dryRun ? t("interop.push.kindDry") : t("interop.push.kindReal")}</td>
                  <td className="num">{formatNumber(p.dataValues, lang)}</td>
                  <td>{pushOutcome(t, p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        offset={offset}
        count={items.length}
        total={total}
        pageSize={PAGE}
        onPage={setOffset}
        label={t("interop.push.history")}
      />
    </div>
  );
}

/** One line for a push's outcome: DHIS2's status and counts, or the failure. */
export function pushOutcome(t: TFunction, p: Dhis2Push): string {
  if (p.state !== "done" || !p.summary) {
    const state = t(`interop.push.state.${p.state}`);
    return p.errorCode
      ? `${state} — ${dynamicText(t, `interop.${p.errorCode}`, { status: p.httpStatus ?? "" })}`
      : state;
  }
  const s = p.summary;
  return `${t(`interop.push.status.${s.status}`)} — ${t("interop.push.imported")} ${s.imported}, ${t("interop.push.updated")} ${s.updated}, ${t("interop.push.ignored")} ${s.ignored}`;
}
