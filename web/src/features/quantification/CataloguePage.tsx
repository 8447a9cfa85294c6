/**
 * "Quantification — Tout le catalogue" (/quantification/catalogue): the national forecast and supply plan of every
 * active product, run as a job on the server with a progress bar, then the funding sources against the budgets and
 * what they cannot cover (vital first); exports of the result. URL: ?scenario=&run=
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CataloguePlan } from "@shared/contracts/forecasts";
import { runExportUrl, startPlanRun, usePlanRun } from "../../api/quantification";
import { ActionError } from "../../components/ActionError";
import { ErrorState } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { formatDecimal, formatPeriod } from "../../i18n/format";
import { BudgetsForm } from "./BudgetsForm";
import { CatalogueFunding, CatalogueProducts } from "./CatalogueResult";
import { QuantLayout } from "./QuantLayout";
import { RunProgress } from "./RunProgress";
import { ScenarioSelect } from "./ScenarioSelect";

const CSV_VIEWS = ["products", "suggestions", "funding", "uncovered"] as const;

/** A finished run: how long it took, the exports, the funding against the budgets and the products. */
function CatalogueDone({ runId, result }: { runId: string; result: CataloguePlan }) {
  const { t, i18n } = useTranslation();
  return (
    <div data-testid="catalogue-result">
      <p role="status">
        {t("quant.catalogue.done", {
          seconds: formatDecimal(result.elapsedMs / 1000, i18n.language, 1),
          count: result.products.length,
          from: formatPeriod(result.start, i18n.language),
          horizon: result.horizon,
        })}{" "}
        {result.failed.length > 0 && t("quant.catalogue.failedProducts", { count: result.failed.length })}
      </p>
      <div className="quant-actions">
        <a className="button" href={runExportUrl(runId, "xlsx")} download>
          {t("quant.export.xlsx")}
        </a>
        {CSV_VIEWS.map((v) => (
          <a key={v} className="button button-small button-ghost" href={runExportUrl(runId, "csv", v)} download>
            {t("quant.export.csvOf", { view: t(`quant.export.views.${v}`) })}
          </a>
        ))}
      </div>
      <section className="quant-section">
        <CatalogueFunding plan={result} />
      </section>
      <section className="quant-section">
        <h2>{t("quant.catalogue.productsTitle")}</h2>
        <CatalogueProducts plan={result} />
      </section>
    </div>
  );
}

/** Starting a run of the catalogue (with a scenario or not): its pending state and error. */
function useStartRun(scenarioId: number | null, onStarted: (id: string) => void) {
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const start = async () => {
    setError(null);
    setStarting(true);
    try {
      const started = await startPlanRun(scenarioId === null ? {} : { scenarioId });
      onStarted(started.id);
    } catch (e) {
      setError(e);
    } finally {
      setStarting(false);
    }
  };
  return { start, starting, error };
}

/** The catalogue screen. */
export default function CataloguePage() {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const scenarioId = params.get("scenario") ? Number(params.get("scenario")) : null;
  const runId = params.get("run");
  const run = usePlanRun(runId);
  const { start, starting, error } = useStartRun(scenarioId, (id) => update({ run: id }));
  const result = run.data?.result ?? null;
  return (
    <QuantLayout>
      <p className="muted">{t("quant.catalogue.intro")}</p>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
        aria-label={t("quant.catalogue.title")}
      >
        <ScenarioSelect
          value={scenarioId}
          onChange={(id) => update({ scenario: id === null ? null : String(id), run: null })}
        />
        <button type="submit" className="button button-primary" disabled={starting || run.data?.status === "running"}>
          {t("quant.catalogue.start")}
        </button>
      </form>
      <ActionError error={error} />
      {run.isError && <ErrorState error={run.error} />}
      {run.data?.status === "running" && <RunProgress run={run.data} />}
      {run.data?.status === "failed" && (
        <p className="form-error" role="alert">
          {t("quant.catalogue.failed", { message: run.data.error?.message ?? "" })}
        </p>
      )}
      {result && runId && <CatalogueDone runId={runId} result={result} />}
      <BudgetsForm />
    </QuantLayout>
  );
}
