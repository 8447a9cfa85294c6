/** The supply plan month by month, and its suggested procurements (dates, quantity, packs, cost in FCFA, emergency). */
import { useTranslation } from "react-i18next";
import type { ProductSupplyPlan } from "@shared/contracts/forecasts";
import { formatDate, formatMonths, formatNumber, formatPeriod, formatXof } from "../../i18n/format";
import { noteText } from "./notes";

/** The months of the plan. */
export function PlanTable({ plan }: { plan: ProductSupplyPlan }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (v: number) => formatNumber(v, lang);
  return (
    <div className="table-scroll" role="region" aria-label={t("quant.plan.tableTitle")} tabIndex={0}>
      <table className="table quant-table" data-testid="plan-table">
        <thead>
          <tr>
            <th scope="col">{t("quant.plan.month")}</th>
            <th scope="col" className="num">
              {t("quant.plan.opening")}
            </th>
            <th scope="col" className="num">
              {t("quant.plan.arrivalsCol")}
            </th>
            <th scope="col" className="num">
              {t("quant.plan.suggestedCol")}
            </th>
            <th scope="col" className="num">
              {t("quant.plan.expired")}
            </th>
            <th scope="col" className="num">
              {t("quant.plan.forecastCol")}
            </th>
            <th scope="col" className="num">
              {t("quant.plan.unmet")}
            </th>
            <th scope="col" className="num">
              {t("quant.plan.closingCol")}
            </th>
            <th scope="col" className="num">
              {t("quant.plan.mos")}
            </th>
            <th scope="col">{t("quant.plan.status")}</th>
          </tr>
        </thead>
        <tbody>
          {plan.months.map((m) => (
            <tr key={m.period} data-period={m.period}>
              <th scope="row" className="nowrap">
                {formatPeriod(m.period, lang)}
              </th>
              <td className="num">{n(m.opening)}</td>
              <td className="num" data-col="arrivals">
                {n(m.arrivals)}
              </td>
              <td className="num">{n(m.suggestedArrivals)}</td>
              <td className="num">{n(m.expired)}</td>
              <td className="num">{n(m.forecast)}</td>
              <td className="num">{n(m.unmet)}</td>
              <td className="num" data-col="closing">
                {n(m.closing)}
              </td>
              <td className="num">{formatMonths(m.mos, lang)}</td>
              <td className={`status-${m.status}`}>{t(`quant.plan.statuses.${m.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The suggested procurements of the plan. */
export function SuggestionsTable({ plan }: { plan: ProductSupplyPlan }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (plan.suggestions.length === 0) return <p className="muted">{t("quant.plan.noSuggestions")}</p>;
  return (
    <>
      <p>
        {t("quant.plan.totalCost", {
          cost: formatXof(plan.totals.suggestedCostXof, lang),
          count: plan.suggestions.length,
          emergencies: plan.totals.emergencies,
        })}
      </p>
      <div className="table-scroll" role="region" aria-label={t("quant.plan.suggestionsTitle")} tabIndex={0}>
        <table className="table quant-table" data-testid="suggestions-table">
          <thead>
            <tr>
              <th scope="col">{t("quant.plan.orderDate")}</th>
              <th scope="col">{t("quant.plan.arrivalDate")}</th>
              <th scope="col" className="num">
                {t("quant.plan.quantity")}
              </th>
              <th scope="col" className="num">
                {t("quant.plan.packs")}
              </th>
              <th scope="col" className="num">
                {t("quant.plan.cost")}
              </th>
              <th scope="col">{t("quant.plan.fundingSource")}</th>
              <th scope="col">{t("quant.plan.why")}</th>
            </tr>
          </thead>
          <tbody>
            {plan.suggestions.map((s) => (
              <tr key={s.id} className={s.emergency ? "is-emergency" : undefined}>
                <th scope="row" className="nowrap">
                  {formatDate(s.orderDate)}
                  {s.emergency && (
                    <span className="badge badge-emergency block">
                      {t("quant.plan.emergencyText", { date: formatDate(s.earliestArrivalDate) })}
                    </span>
                  )}
                </th>
                <td className="nowrap">{formatDate(s.arrivalDate)}</td>
                <td className="num">{formatNumber(s.qtyUnits, lang)}</td>
                <td className="num">{formatNumber(s.packs, lang)}</td>
                <td className="num nowrap">{formatXof(s.costXof, lang)}</td>
                <td>{s.fundingSource}</td>
                <td className="small">{noteText(s.why, "quant.note", { t, lang })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
