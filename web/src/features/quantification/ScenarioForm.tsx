/** A scenario's settings: name, horizon, history, default method, per-product method and factor, budgets over the plan. */
import { dynamicText } from "../../i18n/keys";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useFieldArray } from "react-hook-form";
import { ScenarioWrite, type Scenario } from "@shared/contracts/scenarios";
import { METHOD_IDS } from "@shared/domain/quantification/types";
import { useSaveScenario } from "../../api/quantification";
import { useProducts } from "../../api/reference";
import { FormActions, FormFrame, QuantityField, SelectField, TextField, type Option } from "../../lib/forms/fields";
import { useContractForm } from "../../lib/forms/useContractForm";
import { useFundingOptions } from "./fundingOptions";
import { MorbidityEditor } from "./MorbidityEditor";
import { blankMorbidity } from "./morbidityForm";
import { scenarioFieldOf, scenarioRequest, scenarioValues, type ScenarioValues } from "./scenarioForm";

const METHODS = ["auto" as const, ...METHOD_IDS.filter((m) => m !== "morbidity")];

/** The forecast methods as options (with the morbidity method, for a product given its assumptions). */
function useMethodOptions(withMorbidity = false): Option[] {
  const { t } = useTranslation();
  const ids = withMorbidity ? [...METHODS, "morbidity"] : METHODS;
  return ids.map((m) => ({ value: m, label: dynamicText(t, `quant.methods.${m}`) }));
}

/** Refinements of the contract worded for the form; shares typed in percent are out of range "between 0 and 100". */
const MESSAGES = {
  "products.*.method": "quant.scenarios.needsMorbidity",
  "budgets.*.fundingSource": "quant.scenarios.budgetTwice",
  "products.*.morbidity.bands": "quant.morbidity.bandsSum",
  "products.*.morbidity.shareTreated:too_big": "quant.morbidity.percentRange",
  "products.*.morbidity.wastage:too_big": "quant.morbidity.percentRange",
  "products.*.morbidity.bands.*.share:too_big": "quant.morbidity.percentRange",
  "products.*.morbidity.growth:too_big": "quant.morbidity.growthRange",
  "products.*.morbidity.growth:too_small": "quant.morbidity.growthRange",
};

/** A row's remove button. */
function RemoveButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button-small button-ghost" onClick={onClick}>
      {t("quant.scenarios.remove")}
    </button>
  );
}

/** Per product: the method (else the default), the forecast factor and the morbidity assumptions. */
function ProductRows() {
  const { t } = useTranslation();
  const products = useProducts(null);
  const methods = useMethodOptions(true);
  const { fields, append, remove } = useFieldArray<ScenarioValues>({ name: "products" });
  const codes = (products.data ?? []).map((p) => ({
    value: p.code,
    label: `${p.genericName} ${p.strength} (${p.code})`,
  }));
  return (
    <>
      <h3>{t("quant.scenarios.productMethods")}</h3>
      {fields.map((f, i) => (
        <div key={f.id} className="quant-lot-row">
          <SelectField
            name={`products.${i}.code`}
            id={`sc-code-${i}`}
            label={t("quant.product")}
            placeholder={t("quant.choose")}
            options={codes}
          />
          <SelectField
            name={`products.${i}.method`}
            id={`sc-m-${i}`}
            label={t("quant.method")}
            placeholder={t("quant.scenarios.defaultMethod")}
            options={methods}
          />
          <TextField
            name={`products.${i}.factor`}
            id={`sc-f-${i}`}
            label={t("quant.scenarios.factor")}
            inputMode="decimal"
          />
          <RemoveButton onClick={() => remove(i)} />
          <MorbidityEditor row={i} />
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => append({ code: "", method: "", factor: "", morbidity: blankMorbidity() })}
      >
        {t("quant.scenarios.addProduct")}
      </button>
    </>
  );
}

/** Budgets over the plan's months per funding source (none: the yearly budgets, pro-rated). */
function ScenarioBudgetRows() {
  const { t } = useTranslation();
  const funding = useFundingOptions();
  const { fields, append, remove } = useFieldArray<ScenarioValues>({ name: "budgets" });
  return (
    <>
      <h3>{t("quant.scenarios.budgetsTitle")}</h3>
      <p className="small muted">{t("quant.scenarios.budgetsHint")}</p>
      {fields.map((f, i) => (
        <div key={f.id} className="quant-lot-row">
          <SelectField
            name={`budgets.${i}.fundingSource`}
            id={`sc-bs-${i}`}
            label={t("quant.pipeline.fundingSource")}
            options={funding}
          />
          <QuantityField name={`budgets.${i}.amountXof`} id={`sc-ba-${i}`} label={t("quant.budgets.amount")} />
          <RemoveButton onClick={() => remove(i)} />
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => append({ fundingSource: funding[0]?.value ?? "", amountXof: "" })}
      >
        {t("quant.scenarios.addBudget")}
      </button>
    </>
  );
}

/** The form (new scenario when `scenario` is null). */
export function ScenarioForm({ scenario, onDone }: { scenario: Scenario | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveScenario();
  const methods = useMethodOptions();
  const toRequest = useCallback((v: ScenarioValues) => scenarioRequest(v, scenario), [scenario]);
  const form = useContractForm({
    contract: ScenarioWrite,
    toRequest,
    defaultValues: scenarioValues(scenario),
    fieldOf: scenarioFieldOf,
    customMessages: MESSAGES,
  });
  return (
    <FormFrame
      form={form}
      onValid={(body) => save.mutate({ id: scenario?.id ?? null, ...body }, { onSuccess: onDone })}
      serverError={save.error}
      className="quant-section"
      aria-labelledby="sc-title"
      data-testid="scenario-form"
    >
      <h2 id="sc-title">{scenario ? scenario.name : t("quant.scenarios.new")}</h2>
      <div className="form-grid">
        <TextField name="name" id="sc-name" label={t("quant.scenarios.name")} maxLength={100} />
        <QuantityField name="horizon" id="sc-horizon" label={t("quant.scenarios.horizon")} />
        <QuantityField name="historyMonths" id="sc-history" label={t("quant.scenarios.historyMonths")} />
        <SelectField name="defaultMethod" id="sc-method" label={t("quant.scenarios.defaultMethod")} options={methods} />
      </div>
      <ProductRows />
      <ScenarioBudgetRows />
      <FormActions submitLabel={t("quant.scenarios.save")} pending={save.isPending}>
        <button type="button" className="button" onClick={onDone}>
          {t("quant.pipeline.cancel")}
        </button>
      </FormActions>
    </FormFrame>
  );
}
