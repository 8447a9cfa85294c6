/**
 * The export of a month: what would go to DHIS2 over the chosen area (counts, every value, and what is left out
 * and why), the files to download (JSON dataValueSets, ADX) and their address for a partner; for the
 * administrator, the push below it.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import type { Dhis2ExportResponse } from "@shared/contracts/interop";
import { may } from "@shared/domain/access";
import { dhis2ExportUrl, useDhis2Export, type ExportArea } from "../../api/interop";
import { ErrorState, Loading } from "../../components/States";
import { formatNumber } from "../../i18n/format";
import { AreaFields, lastMonth } from "./AreaFields";
import { LeftOut } from "./LeftOut";
import { PushPanel } from "./PushPanel";

const SHOWN_VALUES = 50;

/** The export tab. */
export function ExportPanel({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ExportArea>({ period: lastMonth(), regionId: null, districtId: null });
  const [area, setArea] = useState<ExportArea | null>(null);
  const exp = useDhis2Export(area);
  return (
    <section className="interop-section" aria-labelledby="export-title">
      <h2 id="export-title">{t("interop.export.title")}</h2>
      <form
        className="entry-form"
        onSubmit={(e) => {
          e.preventDefault();
          setArea(draft);
        }}
      >
        <AreaFields me={me} area={draft} onChange={setDraft} />
        <div className="actions-row">
          <button type="submit" className="button button-primary">
            {t("interop.export.show")}
          </button>
        </div>
      </form>
      {area && exp.isPending && <Loading />}
      {area && exp.isError && <ErrorState error={exp.error} onRetry={() => void exp.refetch()} />}
      {area && exp.data && <ExportReport area={area} exp={exp.data} />}
      {area && exp.data && may(me, "interop:push") && <PushPanel area={area} exp={exp.data} />}
    </section>
  );
}

/** What the export holds, its files, and what it leaves out. */
function ExportReport({ area, exp }: { area: ExportArea; exp: Dhis2ExportResponse }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const values = exp.dataValueSet.dataValues;
  const partner = new URL(dhis2ExportUrl(area, "json"), window.location.origin).toString();
  return (
    <div className="interop-report" data-testid="export-report">
      <p data-testid="export-counts" data-values={exp.counts.dataValues}>
        {t("interop.export.counts", {
          reports: formatNumber(exp.counts.reports, lang),
          sent: formatNumber(exp.counts.facilitiesSent, lang),
          values: formatNumber(exp.counts.dataValues, lang),
        })}
      </p>
      <p className="muted small">{t("interop.export.hash", { hash: exp.payloadHash.slice(0, 16) })}</p>
      <div className="actions-row interop-downloads">
        <span>{t("interop.export.download")}</span>
        <a className="button" href={dhis2ExportUrl(area, "json")} download={`dhis2-${area.period}.json`}>
          {t("interop.export.json")}
        </a>
        <a className="button" href={dhis2ExportUrl(area, "adx")} download={`dhis2-${area.period}.adx.xml`}>
          {t("interop.export.adx")}
        </a>
      </div>
      <label className="field field-grow">
        <span>{t("interop.export.partnerUrl")}</span>
        <input readOnly value={partner} onFocus={(e) => e.target.select()} />
      </label>
      <LeftOut exp={exp} />
      {values.length > 0 && (
        <div className="table-scroll">
          <table className="table small">
            <caption>
              {t("interop.export.values", {
                shown: formatNumber(Math.min(SHOWN_VALUES, values.length), lang),
                total: formatNumber(values.length, lang),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("interop.export.orgUnit")}</th>
                <th scope="col">{t("interop.export.dataElement")}</th>
                <th scope="col">{t("interop.export.coc")}</th>
                <th scope="col" className="num">
                  {t("interop.export.value")}
                </th>
              </tr>
            </thead>
            <tbody>
              {values.slice(0, SHOWN_VALUES).map((v) => (
                <tr key={`${v.orgUnit}|${v.dataElement}|${v.categoryOptionCombo ?? ""}`}>
                  <td>{v.orgUnit}</td>
                  <td>{v.dataElement}</td>
                  <td>{v.categoryOptionCombo ?? "—"}</td>
                  <td className="num">{v.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
