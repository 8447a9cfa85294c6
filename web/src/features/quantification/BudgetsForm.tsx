/** The yearly procurement budgets per funding source: listed, edited and saved together. */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useBudgets, useSaveBudgets } from "../../api/quantification";
import { useProgrammes } from "../../api/reference";
import { FieldIssues } from "./FieldIssues";

interface Row {
  fundingSource: string;
  year: string;
  amountXof: string;
}

/** The budgets form. */
export function BudgetsForm() {
  const { t, i18n } = useTranslation();
  const budgets = useBudgets();
  // Funding sources are the programmes (cost recovery and one per free-care programme).
  const funding = useProgrammes();
  const save = useSaveBudgets();
  const [rows, setRows] = useState<Row[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (budgets.data)
      setRows(
        budgets.data.map((b) => ({
          fundingSource: b.fundingSource,
          year: String(b.year),
          amountXof: String(b.amountXof),
        })),
      );
  }, [budgets.data]);
  const set = (i: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const nextYear = String(new Date().getUTCFullYear() + 1);
  return (
    <form
      className="quant-section"
      data-testid="budgets-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            budgets: rows.map((r) => ({
              fundingSource: r.fundingSource,
              year: Number(r.year),
              amountXof: Number(r.amountXof),
            })),
          },
          { onSuccess: () => setSaved(true) },
        );
      }}
    >
      <h2>{t("quant.budgets.title")}</h2>
      {rows.length === 0 && <p className="muted">{t("quant.budgets.none")}</p>}
      {rows.map((r, i) => (
        <div key={i} className="quant-lot-row">
          <div className="field">
            <label htmlFor={`budget-source-${i}`}>{t("quant.pipeline.fundingSource")}</label>
            <select
              id={`budget-source-${i}`}
              value={r.fundingSource}
              onChange={(e) => set(i, { fundingSource: e.target.value })}
            >
              {(funding.data ?? []).map((p) => (
                <option key={p.code} value={p.code}>
                  {i18n.language === "en" ? p.nameEn : p.nameFr}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`budget-year-${i}`}>{t("quant.budgets.year")}</label>
            <input
              id={`budget-year-${i}`}
              inputMode="numeric"
              value={r.year}
              onChange={(e) => set(i, { year: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`budget-amount-${i}`}>{t("quant.budgets.amount")}</label>
            <input
              id={`budget-amount-${i}`}
              inputMode="numeric"
              value={r.amountXof}
              onChange={(e) => set(i, { amountXof: e.target.value })}
            />
          </div>
        </div>
      ))}
      <div className="quant-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            setRows([...rows, { fundingSource: funding.data?.[0]?.code ?? "", year: nextYear, amountXof: "" }])
          }
        >
          {t("quant.scenarios.addBudget")}
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending || rows.length === 0}>
          {t("quant.budgets.save")}
        </button>
        {saved && <span role="status">{t("quant.budgets.saved")}</span>}
      </div>
      <FieldIssues error={save.error} fieldsKey="quant.pipeline.fields" />
    </form>
  );
}
