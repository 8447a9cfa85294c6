/**
 * "Quantification — Prévision" (/quantification): one product's forecast at a level (national, region, district,
 * facility) — the history, corrected history, forecast and band on one chart, the methods compared side by side
 * with their back-test errors, auto's reason and every correction. URL: ?produit=&niveau=&region=&district=&etab=&methode=&horizon=
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { METHOD_IDS } from "@shared/domain/quantification/types";
import { useForecast, type ForecastRequest } from "../../api/quantification";
import { useDistricts, useFacilitiesIn, useRegions } from "../../api/reference";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { formatNumber, formatPeriod, formatShare } from "../../i18n/format";
import { ForecastChart } from "./ForecastChart";
import { MethodsTable } from "./MethodsTable";
import { noteText } from "./notes";
import { NotesPanel } from "./NotesPanel";
import { ProductChoice, useProductParam } from "./ProductChoice";
import { QuantLayout } from "./QuantLayout";

const LEVELS = ["national", "region", "district", "facility"] as const;
type Level = (typeof LEVELS)[number];
const HORIZONS = [12, 18, 24, 36];

/** The forecast screen. */
export default function ForecastPage() {
  const { t, i18n } = useTranslation();
  const [productId, setProduct] = useProductParam();
  const [params, update] = useSearchState();
  const level = (LEVELS as readonly string[]).includes(params.get("niveau") ?? "")
    ? (params.get("niveau") as Level)
    : "national";
  const regionId = params.get("region");
  const districtId = params.get("district");
  const facilityId = params.get("etab");
  const method = params.get("methode") ?? "auto";
  const horizon = Number(params.get("horizon") ?? "24") || 24;
  const regions = useRegions();
  const districts = useDistricts();
  const facilities = useFacilitiesIn({ level: "cscom", districtId }, level === "facility" && districtId !== null);

  const request = useMemo((): ForecastRequest | null => {
    if (productId === null) return null;
    if (level === "region" && !regionId) return null;
    if (level === "district" && !districtId) return null;
    if (level === "facility" && !facilityId) return null;
    return {
      productId,
      level,
      regionId: level === "region" ? regionId : null,
      districtId: level === "district" ? districtId : null,
      facilityId: level === "facility" ? facilityId : null,
      method: method === "auto" ? null : method,
      horizon,
    };
  }, [productId, level, regionId, districtId, facilityId, method, horizon]);
  const forecast = useForecast(request);
  const data = forecast.data;
  const lang = i18n.language;

  return (
    <QuantLayout>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label={t("quant.tabs.forecast")}>
        <ProductChoice value={productId} onChange={setProduct} />
        <div className="field">
          <label htmlFor="q-level">{t("quant.level")}</label>
          <select id="q-level" value={level} onChange={(e) => update({ niveau: e.target.value })}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`quant.levels.${l}`)}
              </option>
            ))}
          </select>
        </div>
        {level !== "national" && (
          <div className="field">
            <label htmlFor="q-region">{t("quant.region")}</label>
            <select
              id="q-region"
              value={regionId ?? ""}
              onChange={(e) => update({ region: e.target.value, district: null, etab: null })}
            >
              <option value="">{t("quant.choose")}</option>
              {(regions.data ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {(level === "district" || level === "facility") && (
          <div className="field">
            <label htmlFor="q-district">{t("quant.district")}</label>
            <select
              id="q-district"
              value={districtId ?? ""}
              onChange={(e) => update({ district: e.target.value, etab: null })}
            >
              <option value="">{t("quant.choose")}</option>
              {(districts.data ?? [])
                .filter((d) => d.regionId === regionId)
                .map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
            </select>
          </div>
        )}
        {level === "facility" && (
          <div className="field">
            <label htmlFor="q-facility">{t("quant.facility")}</label>
            <select id="q-facility" value={facilityId ?? ""} onChange={(e) => update({ etab: e.target.value })}>
              <option value="">{t("quant.choose")}</option>
              {(facilities.data ?? []).map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="q-method">{t("quant.method")}</label>
          <select id="q-method" value={method} onChange={(e) => update({ methode: e.target.value })}>
            {["auto", ...METHOD_IDS.filter((m) => m !== "morbidity")].map((m) => (
              <option key={m} value={m}>
                {t(`quant.methods.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q-horizon">{t("quant.horizon")}</label>
          <select id="q-horizon" value={horizon} onChange={(e) => update({ horizon: e.target.value })}>
            {HORIZONS.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </div>
      </form>

      {request === null ? (
        <EmptyState>{t("quant.chooseProduct")}</EmptyState>
      ) : forecast.isPending ? (
        <Loading />
      ) : forecast.isError ? (
        <ErrorState error={forecast.error} onRetry={() => void forecast.refetch()} />
      ) : data ? (
        <div className={forecast.isFetching ? "is-stale" : undefined} data-testid="forecast-result">
          <section className="quant-section">
            <ForecastChart data={data} />
            <div className="quant-why" data-testid="forecast-why">
              <strong>{t("quant.forecast.why")}</strong> {noteText(data.forecast.why, "quant.why", { t, lang })}
              <p className="small muted">
                {t("quant.forecast.profileText", {
                  kind: t(`quant.profile.${data.forecast.profile.kind}`),
                  share: formatShare(data.forecast.profile.nonZeroShare, lang),
                })}{" "}
                {t("quant.forecast.sources", {
                  reports: formatNumber(data.sources.reports, lang),
                  imported: formatNumber(data.sources.imported, lang),
                  ledger: formatNumber(data.sources.ledger, lang),
                  sites: formatNumber(data.sources.sites, lang),
                })}
              </p>
            </div>
          </section>
          <section className="quant-section">
            <h2>{t("quant.forecast.compareTitle")}</h2>
            <p className="small muted">{t("quant.forecast.compareHint")}</p>
            <MethodsTable data={data} />
          </section>
          <section className="quant-section">
            <h2>{t("quant.forecast.correctionsTitle")}</h2>
            <NotesPanel notes={data.notes} namespace="quant.note" empty={t("quant.forecast.noCorrections")} />
          </section>
          <section className="quant-section">
            <h2>{t("quant.forecast.tableTitle")}</h2>
            <div className="table-scroll" role="region" aria-label={t("quant.forecast.tableTitle")} tabIndex={0}>
              <table className="table quant-table" data-testid="forecast-table">
                <thead>
                  <tr>
                    <th scope="col">{t("quant.forecast.month")}</th>
                    <th scope="col" className="num">
                      {t("quant.forecast.forecast")}
                    </th>
                    <th scope="col" className="num">
                      {t("quant.forecast.lower")}
                    </th>
                    <th scope="col" className="num">
                      {t("quant.forecast.upper")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.forecast.periods.map((p, i) => (
                    <tr key={p}>
                      <th scope="row">{formatPeriod(p, lang)}</th>
                      <td className="num">{formatNumber(data.forecast.values[i]!, lang)}</td>
                      <td className="num">{data.forecast.lower ? formatNumber(data.forecast.lower[i]!, lang) : "—"}</td>
                      <td className="num">{data.forecast.upper ? formatNumber(data.forecast.upper[i]!, lang) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      ) : null}
    </QuantLayout>
  );
}
