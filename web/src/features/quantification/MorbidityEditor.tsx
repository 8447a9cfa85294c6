/**
 * One product's morbidity assumptions in the scenario form (units a month = population × incidence ÷ 12 × share
 * treated × Σ bands (share of cases × units per treatment) × (1 + wastage)): a check box turns them on, then the
 * figures and the treatment bands (e.g. the ACT weight bands), shares typed in percent.
 */
import { dynamicText } from "../../i18n/keys";
import { useTranslation } from "react-i18next";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { FieldMessage, TextField } from "../../lib/forms/fields";
import type { ScenarioValues } from "./scenarioForm";

/** The bands of the product of row `row`. */
function BandRows({ row }: { row: number }) {
  const { t } = useTranslation();
  const name = `products.${row}.morbidity.bands` as const;
  const { fields, append, remove } = useFieldArray<ScenarioValues, typeof name>({ name });
  return (
    <fieldset className="quant-bands">
      <legend>{t("quant.morbidity.bands")}</legend>
      {fields.map((f, i) => (
        <div key={f.id} className="quant-lot-row">
          <TextField name={`${name}.${i}.key`} id={`sc-${row}-band-${i}-key`} label={t("quant.morbidity.bandKey")} />
          <TextField
            name={`${name}.${i}.share`}
            id={`sc-${row}-band-${i}-share`}
            label={t("quant.morbidity.bandShare")}
            inputMode="decimal"
          />
          <TextField
            name={`${name}.${i}.units`}
            id={`sc-${row}-band-${i}-units`}
            label={t("quant.morbidity.bandUnits")}
            inputMode="decimal"
          />
          {fields.length > 1 && (
            <button type="button" className="button button-small button-ghost" onClick={() => remove(i)}>
              {t("quant.scenarios.remove")}
            </button>
          )}
        </div>
      ))}
      <FieldMessage id={`sc-${row}-bands-msg`} name={name} />
      <button type="button" className="button button-small" onClick={() => append({ key: "", share: "", units: "" })}>
        {t("quant.morbidity.addBand")}
      </button>
    </fieldset>
  );
}

/** The editor of row `row`. */
export function MorbidityEditor({ row }: { row: number }) {
  const { t } = useTranslation();
  const { register } = useFormContext<ScenarioValues>();
  const base = `products.${row}.morbidity` as const;
  const enabled = useWatch<ScenarioValues, `${typeof base}.enabled`>({ name: `${base}.enabled` });
  const field = (key: string, decimal = true) => (
    <TextField
      name={`${base}.${key}`}
      id={`sc-${row}-m-${key}`}
      label={dynamicText(t, `quant.morbidity.${key}`)}
      inputMode={decimal ? "decimal" : "numeric"}
    />
  );
  return (
    <div className="quant-morbidity" data-testid={`morbidity-${row}`}>
      <label className="check">
        <input type="checkbox" {...register(`${base}.enabled`)} />
        {t("quant.morbidity.enable")}
      </label>
      {enabled && (
        <>
          <p className="small muted">{t("quant.morbidity.formula")}</p>
          <div className="form-grid">
            {field("basePeriod", false)}
            {field("population", false)}
            {field("growth")}
            {field("incidence")}
            {field("shareTreated")}
            {field("wastage")}
          </div>
          <BandRows row={row} />
        </>
      )}
    </div>
  );
}
