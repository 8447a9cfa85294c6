/** A scenario's settings: name, horizon, history, default method, per-product method and factor, budgets over the plan. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Scenario, ScenarioSettingsInput } from "@shared/contracts/scenarios";
import { METHOD_IDS } from "@shared/domain/quantification/types";
import { useSaveScenario } from "../../api/quantification";
import { useProducts, useProgrammes } from "../../api/reference";
import { FieldIssues } from "./FieldIssues";

type Method = ScenarioSettingsInput["defaultMethod"] & string;

interface ProductRow {
  code: string;
  method: Method | "";
  factor: string;
}
interface BudgetRow {
  fundingSource: string;
  amountXof: string;
}

const METHODS: Method[] = ["auto", ...METHOD_IDS.filter((m) => m !== "morbidity")];

/** The rows of a saved scenario's per-product settings. */
function productRows(s: Scenario | null): ProductRow[] {
  if (!s) return [];
  const codes = new Set([...Object.keys(s.settings.methods), ...Object.keys(s.settings.overrides)]);
  return [...codes].map((code) => ({
    code,
    method: s.settings.methods[code] ?? "",
    factor: String(s.settings.overrides[code]?.forecastFactor ?? ""),
  }));
}

/** The form (new scenario when `scenario` is null). */
export function ScenarioForm({ scenario, onDone }: { scenario: Scenario | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const products = useProducts(null);
  const programmes = useProgrammes();
  const save = useSaveScenario();
  const s = scenario?.settings;
  const [name, setName] = useState(scenario?.name ?? "");
  const [horizon, setHorizon] = useState(String(s?.horizon ?? 24));
  const [historyMonths, setHistoryMonths] = useState(String(s?.historyMonths ?? 36));
  const [defaultMethod, setDefaultMethod] = useState(s?.defaultMethod ?? "auto");
  const [rows, setRows] = useState<ProductRow[]>(productRows(scenario));
  const [budgets, setBudgets] = useState<BudgetRow[]>(
    (s?.budgets ?? []).map((b) => ({ fundingSource: b.fundingSource, amountXof: String(b.amountXof) })),
  );
  const setRow = (i: number, patch: Partial<ProductRow>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const setBudget = (i: number, patch: Partial<BudgetRow>) =>
    setBudgets(budgets.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  const settings = (): ScenarioSettingsInput => ({
    horizon: Number(horizon),
    historyMonths: Number(historyMonths),
    defaultMethod: defaultMethod as ScenarioSettingsInput["defaultMethod"],
    methods: Object.fromEntries(rows.flatMap((r) => (r.code && r.method ? [[r.code, r.method] as const] : []))),
    morbidity: s?.morbidity ?? {},
    overrides: {
      ...(s?.overrides ?? {}),
      ...Object.fromEntries(
        rows
          .filter((r) => r.code && r.factor !== "")
          .map((r) => [r.code, { ...s?.overrides[r.code], forecastFactor: Number(r.factor.replace(",", ".")) }]),
      ),
    },
    budgets:
      budgets.length === 0
        ? null
        : budgets.map((b) => ({ fundingSource: b.fundingSource, amountXof: Number(b.amountXof) })),
  });
  return (
    <form
      className="quant-section"
      data-testid="scenario-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ id: scenario?.id ?? null, name, settings: settings() }, { onSuccess: onDone });
      }}
    >
      <h2>{scenario ? scenario.name : t("quant.scenarios.new")}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="sc-name">{t("quant.scenarios.name")}</label>
          <input id="sc-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="sc-horizon">{t("quant.scenarios.horizon")}</label>
          <input id="sc-horizon" inputMode="numeric" value={horizon} onChange={(e) => setHorizon(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="sc-history">{t("quant.scenarios.historyMonths")}</label>
          <input
            id="sc-history"
            inputMode="numeric"
            value={historyMonths}
            onChange={(e) => setHistoryMonths(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sc-method">{t("quant.scenarios.defaultMethod")}</label>
          <select
            id="sc-method"
            value={defaultMethod}
            onChange={(e) => setDefaultMethod(e.target.value as typeof defaultMethod)}
          >
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`quant.methods.${m}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <h3>{t("quant.scenarios.productMethods")}</h3>
      {rows.map((r, i) => (
        <div key={i} className="quant-lot-row">
          <div className="field">
            <label htmlFor={`sc-code-${i}`}>{t("quant.product")}</label>
            <select id={`sc-code-${i}`} value={r.code} onChange={(e) => setRow(i, { code: e.target.value })}>
              <option value="">{t("quant.choose")}</option>
              {(products.data ?? []).map((p) => (
                <option key={p.code} value={p.code}>
                  {p.genericName} {p.strength} ({p.code})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`sc-m-${i}`}>{t("quant.method")}</label>
            <select
              id={`sc-m-${i}`}
              value={r.method}
              onChange={(e) => setRow(i, { method: e.target.value as ProductRow["method"] })}
            >
              <option value="">{t("quant.scenarios.defaultMethod")}</option>
              {METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`quant.methods.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`sc-f-${i}`}>{t("quant.scenarios.factor")}</label>
            <input
              id={`sc-f-${i}`}
              inputMode="decimal"
              value={r.factor}
              onChange={(e) => setRow(i, { factor: e.target.value })}
            />
          </div>
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => setRows(rows.filter((_, j) => j !== i))}
          >
            {t("quant.scenarios.remove")}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => setRows([...rows, { code: "", method: "", factor: "" }])}
      >
        {t("quant.scenarios.addProduct")}
      </button>
      <h3>{t("quant.scenarios.budgetsTitle")}</h3>
      <p className="small muted">{t("quant.scenarios.budgetsHint")}</p>
      {budgets.map((b, i) => (
        <div key={i} className="quant-lot-row">
          <div className="field">
            <label htmlFor={`sc-bs-${i}`}>{t("quant.pipeline.fundingSource")}</label>
            <select
              id={`sc-bs-${i}`}
              value={b.fundingSource}
              onChange={(e) => setBudget(i, { fundingSource: e.target.value })}
            >
              {(programmes.data ?? []).map((p) => (
                <option key={p.code} value={p.code}>
                  {i18n.language === "en" ? p.nameEn : p.nameFr}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`sc-ba-${i}`}>{t("quant.budgets.amount")}</label>
            <input
              id={`sc-ba-${i}`}
              inputMode="numeric"
              value={b.amountXof}
              onChange={(e) => setBudget(i, { amountXof: e.target.value })}
            />
          </div>
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => setBudgets(budgets.filter((_, j) => j !== i))}
          >
            {t("quant.scenarios.remove")}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => setBudgets([...budgets, { fundingSource: programmes.data?.[0]?.code ?? "", amountXof: "" }])}
      >
        {t("quant.scenarios.addBudget")}
      </button>
      <div className="quant-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t("quant.scenarios.save")}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t("quant.pipeline.cancel")}
        </button>
      </div>
      <FieldIssues error={save.error} fieldsKey="quant.scenarios" />
    </form>
  );
}
