/**
 * "Quantification — Prévision" (/quantification): one product's forecast at a level (national, region, district,
 * facility) — the history, corrected history, forecast and band on one chart, the methods compared side by side
 * with their back-test errors, auto's reason and every correction. URL: ?produit=&niveau=&region=&district=&etab=&methode=&horizon=
 */
import { useTranslation } from "react-i18next";
import type { ProductForecast } from "@shared/contracts/forecasts";
import { forecastExportUrl, useForecast, type ForecastRequest } from "../../api/quantification";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { formatNumber, formatPeriod, formatShare } from "../../i18n/format";
import { DataTable, type Columns } from "../../lib/table/DataTable";
import { ForecastChart } from "./ForecastChart";
import { ForecastFilters, useForecastRequest } from "./ForecastFilters";
import { MethodsTable } from "./MethodsTable";
import { noteText } from "./notes";
import { NotesPanel } from "./NotesPanel";
import { QuantLayout } from "./QuantLayout";

/** Auto's reason, the series' profile and where its history came from. */
function ForecastWhy({ data }: { data: ProductForecast }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
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
  );
}

/** The forecast month by month with its band. */
function ForecastTable({ data }: { data: ProductForecast }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const f = data.forecast;
  const band = (values: number[] | null | undefined, i: number) => (values ? formatNumber(values[i]!, lang) : "—");
  const columns: Columns<number> = [
    { id: "month", header: t("quant.forecast.month"), rowHeader: true, cell: (i) => formatPeriod(f.periods[i]!, lang) },
    {
      id: "forecast",
      header: t("quant.forecast.forecast"),
      numeric: true,
      cell: (i) => formatNumber(f.values[i]!, lang),
    },
    { id: "lower", header: t("quant.forecast.lower"), numeric: true, cell: (i) => band(f.lower, i) },
    { id: "upper", header: t("quant.forecast.upper"), numeric: true, cell: (i) => band(f.upper, i) },
  ];
  return (
    <DataTable
      columns={columns}
      rows={f.periods.map((_, i) => i)}
      rowKey={(i) => f.periods[i]!}
      label={t("quant.forecast.tableTitle")}
      className="quant-table"
      testId="forecast-table"
    />
  );
}

/** The downloads: the .xlsx (forecast and methods sheets), and each as CSV. */
function ForecastExports({ request }: { request: ForecastRequest }) {
  const { t } = useTranslation();
  return (
    <div className="quant-actions">
      <a className="button" href={forecastExportUrl(request, "xlsx")} download data-testid="forecast-export-xlsx">
        {t("quant.export.xlsx")}
      </a>
      {(["forecast", "methods"] as const).map((v) => (
        <a key={v} className="button button-small button-ghost" href={forecastExportUrl(request, "csv", v)} download>
          {t("quant.export.csvOf", { view: t(`quant.export.views.${v}`) })}
        </a>
      ))}
    </div>
  );
}

/** The chart, the methods compared, the corrections and the table. */
function ForecastResult(props: { request: ForecastRequest; data: ProductForecast; stale: boolean }) {
  const { t } = useTranslation();
  const { request, data, stale } = props;
  return (
    <div className={stale ? "is-stale" : undefined} data-testid="forecast-result">
      <ForecastExports request={request} />
      <section className="quant-section">
        <ForecastChart data={data} />
        <ForecastWhy data={data} />
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
        <ForecastTable data={data} />
      </section>
    </div>
  );
}

/** The forecast screen. */
export default function ForecastPage() {
  const { t } = useTranslation();
  const request = useForecastRequest();
  const forecast = useForecast(request);
  return (
    <QuantLayout>
      <ForecastFilters />
      {request === null ? (
        <EmptyState>{t("quant.chooseProduct")}</EmptyState>
      ) : forecast.isPending ? (
        <Loading />
      ) : forecast.isError ? (
        <ErrorState error={forecast.error} onRetry={() => void forecast.refetch()} />
      ) : forecast.data ? (
        <ForecastResult request={request} data={forecast.data} stale={forecast.isFetching} />
      ) : null}
    </QuantLayout>
  );
}
