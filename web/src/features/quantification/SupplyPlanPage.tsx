/**
 * "Quantification — Plan d'approvisionnement" (/quantification/plan): one product at PPM central month by month —
 * projected stock against min / max (chart and table), suggested procurements with their dates, cost and emergency
 * flag, the product's pipeline (edited in place: the plan follows), exports. URL: ?produit=&scenario=&horizon=
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { planExportUrl, usePipeline, useSupplyPlan, type PlanRequest } from "../../api/quantification";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { formatNumber } from "../../i18n/format";
import { NotesPanel } from "./NotesPanel";
import { PipelineTable } from "./PipelineTable";
import { PlanChart } from "./PlanChart";
import { PlanTable, SuggestionsTable } from "./PlanTables";
import { ProductChoice, useProductParam } from "./ProductChoice";
import { QuantLayout } from "./QuantLayout";
import { ScenarioSelect } from "./ScenarioSelect";
import { ShipmentForm } from "./ShipmentForm";

const HORIZONS = [12, 18, 24, 36];
const CSV_VIEWS = ["plan", "suggestions", "forecast", "methods", "pipeline"] as const;

/** The supply plan screen. */
export default function SupplyPlanPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [productId, setProduct] = useProductParam();
  const [params, update] = useSearchState();
  const scenarioId = params.get("scenario") ? Number(params.get("scenario")) : null;
  const horizon = Number(params.get("horizon") ?? "24") || 24;
  const request = useMemo(
    (): PlanRequest | null =>
      productId === null ? null : { productId, scenarioId, horizon: scenarioId ? undefined : horizon },
    [productId, scenarioId, horizon],
  );
  const plan = useSupplyPlan(request);
  const pipeline = usePipeline(productId);
  const open = (pipeline.data?.items ?? []).filter((s) => s.status !== "received");
  const data = plan.data;
  return (
    <QuantLayout>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label={t("quant.tabs.plan")}>
        <ProductChoice value={productId} onChange={setProduct} />
        <ScenarioSelect value={scenarioId} onChange={(id) => update({ scenario: id === null ? null : String(id) })} />
        {scenarioId === null && (
          <div className="field">
            <label htmlFor="plan-horizon">{t("quant.horizon")}</label>
            <select id="plan-horizon" value={horizon} onChange={(e) => update({ horizon: e.target.value })}>
              {HORIZONS.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </div>
        )}
      </form>
      {request === null ? (
        <EmptyState>{t("quant.chooseProduct")}</EmptyState>
      ) : plan.isPending ? (
        <Loading />
      ) : plan.isError ? (
        <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
      ) : data ? (
        <div className={plan.isFetching ? "is-stale" : undefined} data-testid="plan-result">
          <div className="quant-actions">
            <a className="button" href={planExportUrl(request, "xlsx")} download data-testid="export-xlsx">
              {t("quant.export.xlsx")}
            </a>
            {CSV_VIEWS.map((v) => (
              <a key={v} className="button button-small button-ghost" href={planExportUrl(request, "csv", v)} download>
                {t("quant.export.csvOf", { view: v })}
              </a>
            ))}
          </div>
          <section className="quant-section">
            <PlanChart plan={data} />
            <p className="small muted">
              {t("quant.plan.policy", {
                min: data.policy.minMonths,
                max: data.policy.maxMonths,
                lead: data.policy.leadTimeDays,
              })}{" "}
              {t("quant.plan.stock", {
                total: formatNumber(
                  data.stock.reduce((s, l) => s + l.qtyUnits, 0),
                  lang,
                ),
                lots: data.stock.length,
              })}
            </p>
          </section>
          <section className="quant-section">
            <h2>{t("quant.plan.suggestionsTitle")}</h2>
            <SuggestionsTable plan={data} />
          </section>
          <section className="quant-section">
            <h2>{t("quant.plan.pipelineTitle")}</h2>
            {open.length === 0 ? (
              <p className="muted">{t("quant.pipeline.empty")}</p>
            ) : (
              <PipelineTable items={open} showProduct={false} />
            )}
            <ShipmentForm productId={data.product.id} defaultFunding={data.procurement.fundingSource} />
          </section>
          <section className="quant-section">
            <h2>{t("quant.plan.tableTitle")}</h2>
            <PlanTable plan={data} />
          </section>
          <section className="quant-section">
            <h2>{t("quant.plan.notesTitle")}</h2>
            <NotesPanel notes={data.notes} namespace="quant.note" empty="—" />
          </section>
        </div>
      ) : null}
    </QuantLayout>
  );
}
