/** The yearly procurement budgets per funding source: listed, edited and saved together (the shared BudgetsPut contract). */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFieldArray } from "react-hook-form";
import { BudgetsPut, type Budget } from "@shared/contracts/scenarios";
import { useBudgets, useSaveBudgets } from "../../api/quantification";
import { FieldMessage, FormActions, FormFrame, QuantityField, SelectField, type Option } from "../../lib/forms/fields";
import { numberOrNaN } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { useFundingOptions } from "./fundingOptions";

/** The budgets as typed. */
interface BudgetValues {
  budgets: { fundingSource: string; year: string; amountXof: string }[];
}

const toRequest = (v: BudgetValues) => ({
  budgets: v.budgets.map((b) => ({
    fundingSource: b.fundingSource,
    year: numberOrNaN(b.year),
    amountXof: numberOrNaN(b.amountXof),
  })),
});
const EMPTY: BudgetValues = { budgets: [] };
const MESSAGES = { "budgets.*.year": "quant.budgets.twice" };
const rowsOf = (budgets: readonly Budget[]) =>
  budgets.map((b) => ({ fundingSource: b.fundingSource, year: String(b.year), amountXof: String(b.amountXof) }));

/** The rows (field array "budgets") and the button that adds one for next year. */
function BudgetRows({ funding }: { funding: Option[] }) {
  const { t } = useTranslation();
  const { fields, append } = useFieldArray<BudgetValues>({ name: "budgets" });
  const nextYear = String(new Date().getUTCFullYear() + 1);
  return (
    <>
      {fields.length === 0 && <p className="muted">{t("quant.budgets.none")}</p>}
      {fields.map((f, i) => (
        <div key={f.id} className="quant-lot-row">
          <SelectField
            name={`budgets.${i}.fundingSource`}
            id={`budget-source-${i}`}
            label={t("quant.pipeline.fundingSource")}
            options={funding}
          />
          <QuantityField name={`budgets.${i}.year`} id={`budget-year-${i}`} label={t("quant.budgets.year")} />
          <QuantityField name={`budgets.${i}.amountXof`} id={`budget-amount-${i}`} label={t("quant.budgets.amount")} />
        </div>
      ))}
      <FieldMessage id="budgets-msg" name="budgets" />
      <button
        type="button"
        className="button button-small"
        onClick={() => append({ fundingSource: funding[0]?.value ?? "", year: nextYear, amountXof: "" })}
      >
        {t("quant.scenarios.addBudget")}
      </button>
    </>
  );
}

/** The budgets form. */
export function BudgetsForm() {
  const { t } = useTranslation();
  const budgets = useBudgets();
  const funding = useFundingOptions();
  const save = useSaveBudgets();
  const [saved, setSaved] = useState(false);
  const form = useContractForm({
    contract: BudgetsPut,
    toRequest,
    defaultValues: EMPTY,
    customMessages: MESSAGES,
  });
  const { reset } = form;
  useEffect(() => {
    if (budgets.data) reset({ budgets: rowsOf(budgets.data) });
  }, [budgets.data, reset]);
  return (
    <FormFrame
      form={form}
      onValid={(body) => {
        setSaved(false);
        save.mutate(body, { onSuccess: () => setSaved(true) });
      }}
      serverError={save.error}
      className="quant-section"
      aria-labelledby="budgets-title"
      data-testid="budgets-form"
    >
      <h2 id="budgets-title">{t("quant.budgets.title")}</h2>
      <BudgetRows funding={funding} />
      <FormActions submitLabel={t("quant.budgets.save")} pending={save.isPending}>
        {saved && <span role="status">{t("quant.budgets.saved")}</span>}
      </FormActions>
    </FormFrame>
  );
}
