/**
 * "Quantification — Plan d'approvisionnement" (/quantification/plan): one product at PPM central month by month —
 * projected stock against min / max (chart and table), suggested procurements with their dates, cost and emergency
 * flag, the product's pipeline (edited in place: the plan follows), exports. URL: ?produit=&scenario=&horizon=
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { ProductSupplyPlan } from "@shared/contracts/forecasts";
import { planExportUrl, usePipeline, useSupplyPlan, type PlanRequest } from "../../api/quantification";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { formatNumber } from "../../i18n/format";
import { FilterSelect } from "../../lib/forms/filters";
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

/** The export links: the whole .xlsx, and each view as CSV. */
function PlanExports({ request }: { request: PlanRequest }) {
  const { t } = useTranslation();
  return (
    <div className="quant-actions">
      <a className="button" href={planExportUrl(request, "xlsx")} download data-testid="export-xlsx">
        {t("quant.export.xlsx")}
      </a>
      {CSV_VIEWS.map((v) => (
        <a key={v} className="button button-small button-ghost" href={planExportUrl(request, "csv", v)} download>
          {t("quant.export.csvOf", { view: t(`quant.export.views.${v}`) })}
        </a>
      ))}
    </div>
  );
}

/** The chart and the policy it was planned with (min / max, lead time, the stock it starts from). */
function PlanSummary({ plan }: { plan: ProductSupplyPlan }) {
  const { t, i18n } = useTranslation();
  const total = plan.stock.reduce((s, l) => s + l.qtyUnits, 0);
  return (
    <section className="quant-section">
      <PlanChart plan={plan} />
      <p className="small muted">
        {t("quant.plan.policy", {
          min: plan.policy.minMonths,
          max: plan.policy.maxMonths,
          lead: plan.policy.leadTimeDays,
        })}{" "}
        {t("quant.plan.stock", { total: formatNumber(total, i18n.language), lots: plan.stock.length })}
      </p>
    </section>
  );
}

/** The plan of one product: exports, chart, suggestions, the pipeline (edited in place), the table, the notes. */
function PlanResult({ request, plan, stale }: { request: PlanRequest; plan: ProductSupplyPlan; stale: boolean }) {
  const { t } = useTranslation();
  const pipeline = usePipeline(plan.product.id);
  const open = (pipeline.data?.items ?? []).filter((s) => s.status !== "received");
  return (
    <div className={stale ? "is-stale" : undefined} data-testid="plan-result">
      <PlanExports request={request} />
      <PlanSummary plan={plan} />
      <section className="quant-section">
        <h2>{t("quant.plan.suggestionsTitle")}</h2>
        <SuggestionsTable plan={plan} />
      </section>
      <section className="quant-section">
        <h2>{t("quant.plan.pipelineTitle")}</h2>
        <PipelineTable items={open} showProduct={false} empty={<p className="muted">{t("quant.pipeline.empty")}</p>} />
        <ShipmentForm productId={plan.product.id} defaultFunding={plan.procurement.fundingSource} />
      </section>
      <section className="quant-section">
        <h2>{t("quant.plan.tableTitle")}</h2>
        <PlanTable plan={plan} />
      </section>
      <section className="quant-section">
        <h2>{t("quant.plan.notesTitle")}</h2>
        <NotesPanel notes={plan.notes} namespace="quant.note" empty="—" />
      </section>
    </div>
  );
}

/** The supply plan screen. */
export default function SupplyPlanPage() {
  const { t } = useTranslation();
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
  return (
    <QuantLayout>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label={t("quant.tabs.plan")}>
        <ProductChoice value={productId} onChange={setProduct} />
        <ScenarioSelect value={scenarioId} onChange={(id) => update({ scenario: id === null ? null : String(id) })} />
        {scenarioId === null && (
          <FilterSelect
            id="plan-horizon"
            label={t("quant.horizon")}
            value={String(horizon)}
            options={HORIZONS.map((h) => ({ value: String(h), label: String(h) }))}
            onChange={(v) => update({ horizon: v })}
          />
        )}
      </form>
      {request === null ? (
        <EmptyState>{t("quant.chooseProduct")}</EmptyState>
      ) : plan.isPending ? (
        <Loading />
      ) : plan.isError ? (
        <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
      ) : plan.data ? (
        <PlanResult request={request} plan={plan.data} stale={plan.isFetching} />
      ) : null}
    </QuantLayout>
  );
}
