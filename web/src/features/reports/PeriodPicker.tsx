/** Toolbar of the monthly report: the CSCom (for readers who have several) and the month, each month with its report state. */
import { useTranslation } from "react-i18next";
import type { Facility } from "@shared/contracts/reference";
import { formatDate, formatPeriod } from "../../i18n/format";
import type { DuePeriod } from "./periods";

/** Props: the months due, the chosen one, the CSCom choices (empty for a CSCom manager), and `onChange` with URL keys (periode, cscom). */
export interface PeriodPickerProps {
  periods: DuePeriod[];
  period: string | null;
  cscoms: Facility[];
  cscomId: string | null;
  onChange: (changes: Record<string, string | null>) => void;
}

/** The month picker. */
export function PeriodPicker({ periods, period, cscoms, cscomId, onChange }: PeriodPickerProps) {
  const { t, i18n } = useTranslation();
  const current = periods.find((p) => p.period === period);
  return (
    <form className="toolbar" aria-label={t("monthlyReport.pickerLabel")} onSubmit={(e) => e.preventDefault()}>
      {cscoms.length > 0 && (
        <div className="field">
          <label htmlFor="report-cscom">{t("monthlyReport.cscom")}</label>
          <select
            id="report-cscom"
            value={cscomId ?? ""}
            onChange={(e) => onChange({ cscom: e.target.value, periode: null })}
          >
            {cscoms.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="report-period">{t("monthlyReport.period")}</label>
        <select
          id="report-period"
          value={period ?? ""}
          onChange={(e) => onChange({ periode: e.target.value })}
          data-testid="report-period"
        >
          {periods.map((p) => (
            <option key={p.period} value={p.period} data-state={p.state}>
              {t("monthlyReport.periodOption", {
                period: formatPeriod(p.period, i18n.language),
                state: t(`reportState.${p.state}`),
              })}
            </option>
          ))}
        </select>
      </div>
      {current && (
        <p className="period-state" aria-live="polite">
          <span
            className={`badge report-${current.state}`}
            data-testid="period-state"
            data-report-state={current.state}
          >
            {t(`reportState.${current.state}`)}
          </span>{" "}
          <span className="muted small">{t("review.due", { date: formatDate(current.dueDate) })}</span>
        </p>
      )}
    </form>
  );
}
