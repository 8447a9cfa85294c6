/**
 * Scenarios side by side: one catalogue run per scenario chosen (the default settings count as one), each with its
 * progress bar, then the totals that differ — suggested cost, emergencies, products out of stock, uncovered
 * budget, unmet consumption — and the products whose plan differs.
 */
import type { Messages } from "../../i18n/fr";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CataloguePlan, PlanRun } from "@shared/contracts/forecasts";
import type { Scenario } from "@shared/contracts/scenarios";
import { startPlanRun, usePlanRun } from "../../api/quantification";
import { ActionError } from "../../components/ActionError";
import { formatNumber, formatXof } from "../../i18n/format";
import { DataTable, type Columns } from "../../lib/table/DataTable";
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
const MEASURES: { key: keyof Messages["quant"]["scenarios"]; value: (p: CataloguePlan) => number; money: boolean }[] = [
  { key: "suggestedCost", value: (p) => p.products.reduce((s, x) => s + x.suggestedCostXof, 0), money: true },
  { key: "emergencies", value: (p) => p.products.reduce((s, x) => s + x.emergencies, 0), money: false },
  { key: "stockoutProducts", value: (p) => p.products.filter((x) => x.stockoutMonths > 0).length, money: false },
  { key: "uncovered", value: (p) => p.funding.sources.reduce((s, x) => s + x.uncoveredXof, 0), money: true },
  { key: "unmet", value: (p) => p.products.reduce((s, x) => s + x.unmetUnits, 0), money: false },
];

/** The check boxes: the defaults and each saved scenario (at most 4 chosen). */
function ScenarioChoices(props: {
  scenarios: Scenario[];
  chosen: (number | null)[];
  onToggle: (id: number | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="inline-choices">
      {[null, ...props.scenarios.map((s) => s.id)].map((id) => {
        const label = id === null ? t("quant.scenarios.defaults") : props.scenarios.find((s) => s.id === id)!.name;
        return (
          <label key={id ?? "defaults"} className="check">
            <input
              type="checkbox"
              checked={props.chosen.includes(id)}
              onChange={() => props.onToggle(id)}
              aria-label={t("quant.scenarios.select", { name: label })}
            />
            {label}
          </label>
        );
      })}
    </div>
  );
}

/** The totals of each finished run, one column per scenario. */
function CompareTable({ names, plans }: { names: string[]; plans: (CataloguePlan | null)[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const columns: Columns<(typeof MEASURES)[number]> = [
    { id: "metric", header: t("quant.scenarios.metric"), rowHeader: true, cell: (m) => t(`quant.scenarios.${m.key}`) },
    ...plans.map((p, i) => ({
      id: `s${i}`,
      header: names[i]!,
      numeric: true,
      className: "nowrap",
      cell: (m: (typeof MEASURES)[number]) =>
        p ? (m.money ? formatXof(m.value(p), lang) : formatNumber(m.value(p), lang)) : "—",
    })),
  ];
  return (
    <DataTable
      columns={columns}
      rows={MEASURES}
      rowKey={(m) => m.key}
      label={t("quant.scenarios.compareTable")}
      caption={t("quant.scenarios.compareTable")}
      className="quant-table"
      testId="compare-table"
    />
  );
}

/** Starts one catalogue run per chosen scenario, in turn; the columns once all have started. */
function useCompare(scenarios: Scenario[]) {
  const [columns, setColumns] = useState<Column[]>([]);
  const [error, setError] = useState<unknown>(null);
  const compare = async (chosen: (number | null)[]) => {
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
  return { followed: useRuns(columns), error, compare };
}

/** The comparison: choose, run, compare. */
export function ScenarioCompare({ scenarios }: { scenarios: Scenario[] }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<(number | null)[]>([]);
  const { followed, error, compare } = useCompare(scenarios);
  const toggle = (id: number | null) =>
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : c.length < 4 ? [...c, id] : c));
  const name = (c: { scenario: Scenario | null }) => c.scenario?.name ?? t("quant.scenarios.defaults");
  const done = followed.every((c) => c.run?.status === "done") && followed.length > 0;
  return (
    <section className="quant-section" data-testid="scenario-compare">
      <h2>{t("quant.scenarios.compareTitle")}</h2>
      <p className="small muted">{t("quant.scenarios.compareHint")}</p>
      <ScenarioChoices scenarios={scenarios} chosen={chosen} onToggle={toggle} />
      <button
        type="button"
        className="button button-primary"
        disabled={chosen.length < 2}
        onClick={() => void compare(chosen)}
      >
        {t("quant.scenarios.compare")}
      </button>
      <ActionError error={error} />
      {followed.map((c) =>
        c.run && c.run.status === "running" ? (
          <RunProgress key={c.runId} run={c.run as PlanRun} label={name(c)} />
        ) : null,
      )}
      {done && <CompareTable names={followed.map(name)} plans={followed.map((c) => c.run?.result ?? null)} />}
    </section>
  );
}
