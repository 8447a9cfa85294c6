/** The scenario a plan is computed under (none: the default settings). */
import { useTranslation } from "react-i18next";
import { useScenarios } from "../../api/quantification";

/** A select of the saved scenarios. */
export function ScenarioSelect({ value, onChange }: { value: number | null; onChange: (id: number | null) => void }) {
  const { t } = useTranslation();
  const scenarios = useScenarios();
  return (
    <div className="field">
      <label htmlFor="q-scenario">{t("quant.scenario")}</label>
      <select
        id="q-scenario"
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">{t("quant.noScenario")}</option>
        {(scenarios.data ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}
