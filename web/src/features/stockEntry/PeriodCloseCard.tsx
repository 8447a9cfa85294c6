/**
 * A depot's month close: where the ledger is closed today, and closing a finished month (and every one before it)
 * for good — no line may be dated in it afterwards; corrections are entries dated now.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { closableMonths } from "@shared/domain/stock";
import { useClosePeriod, useLedgerWindow } from "../../api/stock";
import { ActionError } from "../../components/ActionError";
import { formatPeriod } from "../../i18n/format";

/** Props: the depot. */
export function PeriodCloseCard({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const window = useLedgerWindow(facilityId);
  const close = useClosePeriod(facilityId);
  const [chosen, setChosen] = useState("");
  const [understood, setUnderstood] = useState(false);
  if (!window.data) return null;
  const months = closableMonths(window.data.closedPeriod, new Date().toISOString().slice(0, 10));
  const period = chosen || months[0] || "";
  return (
    <section className="action-card period-close" aria-labelledby="period-close-title" data-testid="period-close">
      <h2 id="period-close-title">{t("stockEntry.close.title")}</h2>
      <p className="small" data-testid="closed-through">
        {window.data.closedPeriod
          ? t(`stockEntry.close.closedBy.${window.data.closedBy ?? "close"}`, {
              month: formatPeriod(window.data.closedPeriod, i18n.language),
            })
          : t("stockEntry.close.none")}
      </p>
      {months.length > 0 && (
        <form
          className="entry-fields"
          onSubmit={(e) => {
            e.preventDefault();
            if (understood && period) close.mutate(period, { onSuccess: () => setUnderstood(false) });
          }}
        >
          <div className="field">
            <label htmlFor="close-month">{t("stockEntry.close.month")}</label>
            <select id="close-month" value={period} onChange={(e) => setChosen(e.target.value)}>
              {months.map((m) => (
                <option key={m} value={m}>
                  {formatPeriod(m, i18n.language)}
                </option>
              ))}
            </select>
          </div>
          <label className="choice">
            <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
            <span className="small">{t("stockEntry.close.understood")}</span>
          </label>
          <div className="actions-row">
            <ActionError error={close.error} />
            <button type="submit" className="button" disabled={!understood || close.isPending}>
              {close.isPending
                ? t("common.sending")
                : t("stockEntry.close.submit", { month: formatPeriod(period, i18n.language) })}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
