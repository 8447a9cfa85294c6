/**
 * Scenarios side by side: one catalogue run per scenario chosen (the default settings count as one), each with its
 * progress bar, then the totals that differ — suggested cost, emergencies, products out of stock, uncovered
 * budget, unmet consumption — and the products whose plan differs.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CataloguePlan, PlanRun } from "@shared/contracts/forecasts";
import type { Scenario } from "@shared/contracts/scenarios";
import { startPlanRun, usePlanRun } from "../../api/quantification";
import { ActionError } from "../../components/ActionError";
import { formatNumber, formatXof } from "../../i18n/format";
import { RunProgress } from "./RunProgress";

/** One column: a scenario (null: the defaults) and its run. */
interface Column {
  scenario: Scenario | null;
  runId: string;
}

/** Follows one run and hands its state up. */
function useRuns(columns: Column[]) {
  // A fixed number of hooks: at most 4 scenarios compared at once.
  const runs = [
    usePlanRun(columns[0]?.runId ?? null),
    usePlanRun(columns[1]?.runId ?? null),
    usePlanRun(columns[2]?.runId ?? null),
    usePlanRun(columns[3]?.runId ?? null),
  ];
  return columns.map((c, i) => ({ ...c, run: runs[i]!.data ?? null }));
}

/** The totals compared (one row each). */
const MEASURES: { key: string; value: (p: CataloguePlan) => number; money: boolean }[] = [
  { key: "suggestedCost", value: (p) => p.products.reduce((s, x) => s + x.suggestedCostXof, 0), money: true },
  { key: "emergencies", value: (p) => p.products.reduce((s, x) => s + x.emergencies, 0), money: false },
  { key: "stockoutProducts", value: (p) => p.products.filter((x) => x.stockoutMonths > 0).length, money: false },
  { key: "uncovered", value: (p) => p.funding.sources.reduce((s, x) => s + x.uncoveredXof, 0), money: true },
  { key: "unmet", value: (p) => p.products.reduce((s, x) => s + x.unmetUnits, 0), money: false },
];

/** The comparison: choose, run, compare. */
export function ScenarioCompare({ scenarios }: { scenarios: Scenario[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [chosen, setChosen] = useState<(number | null)[]>([]);
  const [columns, setColumns] = useState<Column[]>([]);
  const [error, setError] = useState<unknown>(null);
  const toggle = (id: number | null) =>
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : c.length < 4 ? [...c, id] : c));
  const compare = async () => {
    setError(null);
    try {
      const started: Column[] = [];
      for (const id of chosen) {
        const run = await startPlanRun(id === null ? {} : { scenarioId: id });
        started.push({ scenario: scenarios.find((s) => s.id === id) ?? null, runId: run.id });
      }
      setColumns(started);
    } catch (e) {
      setError(e);
    }
  };
  const followed = useRuns(columns);
  const name = (c: { scenario: Scenario | null }) => c.scenario?.name ?? t("quant.scenarios.defaults");
  const done = followed.every((c) => c.run?.status === "done") && followed.length > 0;
  const plans = followed.map((c) => c.run?.result ?? null);
  return (
    <section className="quant-section" data-testid="scenario-compare">
      <h2>{t("quant.scenarios.compareTitle")}</h2>
      <p className="small muted">{t("quant.scenarios.compareHint")}</p>
      <div className="inline-choices">
        {[null, ...scenarios.map((s) => s.id)].map((id) => {
          const label = id === null ? t("quant.scenarios.defaults") : scenarios.find((s) => s.id === id)!.name;
          return (
            <label key={id ?? "defaults"} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(id)}
                onChange={() => toggle(id)}
                aria-label={t("quant.scenarios.select", { name: label })}
              />
              {label}
            </label>
          );
        })}
      </div>
      <button
        type="button"
        className="button button-primary"
        disabled={chosen.length < 2}
        onClick={() => void compare()}
      >
        {t("quant.scenarios.compare")}
      </button>
      <ActionError error={error} />
      {followed.map((c) =>
        c.run && c.run.status === "running" ? (
          <RunProgress key={c.runId} run={c.run as PlanRun} label={name(c)} />
        ) : null,
      )}
      {done && (
        <div className="table-scroll" role="region" aria-label={t("quant.scenarios.compareTable")} tabIndex={0}>
          <table className="table quant-table" data-testid="compare-table">
            <caption className="visually-hidden">{t("quant.scenarios.compareTable")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("quant.scenarios.metric")}</th>
                {followed.map((c) => (
                  <th key={c.runId} scope="col" className="num">
                    {name(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {MEASURES.map((m) => (
                <tr key={m.key}>
                  <th scope="row">{t(`quant.scenarios.${m.key}`)}</th>
                  {plans.map((p, i) => (
                    <td key={i} className="num nowrap">
                      {p ? (m.money ? formatXof(m.value(p), lang) : formatNumber(m.value(p), lang)) : "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
