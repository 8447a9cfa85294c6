/** The progress bar of a catalogue run: products done out of the total, as the server reports them. */
import { useTranslation } from "react-i18next";
import type { PlanRun } from "@shared/contracts/forecasts";

/** The bar (indeterminate until the first progress arrives). */
export function RunProgress({ run, label }: { run: PlanRun; label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="quant-progress" data-testid="run-progress">
      {label && <strong>{label}</strong>}
      {run.total > 0 ? (
        <progress max={run.total} value={run.done} aria-label={t("quant.catalogue.progress")} />
      ) : (
        <progress aria-label={t("quant.catalogue.progress")} />
      )}
      <span className="small" aria-live="polite">
        {t("quant.catalogue.running", { done: run.done, total: run.total || "…" })}
      </span>
    </div>
  );
}
