/** Toolbar of the district review: month, district (when the user has several), report and order filters, search. */
import { useTranslation } from "react-i18next";
import type { District } from "@shared/contracts/reference";
import { formatPeriod } from "../../i18n/format";
import type { ReviewFilter } from "./reviewModel";

const REPORT_STATES = ["missing", "late", "on_time", "draft", "not_due"] as const;
const ORDER_FILTERS = [
  "to_review",
  "none",
  "approved",
  "rejected",
  "picking",
  "shipped",
  "delivered",
  "received",
] as const;

/** Props: the choices, the current values, and `onChange` with URL keys (periode, district, rapport, commande, urgence, ecart, q). */
export interface ReviewFiltersProps {
  months: string[];
  period: string;
  districtChoices: District[];
  districtId: string | null;
  filter: ReviewFilter;
  onChange: (changes: Record<string, string | null>) => void;
}

/** The filter bar above the review table. */
export function ReviewFilters({ months, period, districtChoices, districtId, filter, onChange }: ReviewFiltersProps) {
  const { t, i18n } = useTranslation();
  return (
    <form className="toolbar" role="search" aria-label={t("review.filters")} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="review-period">{t("review.period")}</label>
        <select
          id="review-period"
          value={period}
          onChange={(e) => onChange({ periode: e.target.value })}
          data-testid="period-select"
        >
          {months.map((m) => (
            <option key={m} value={m}>
              {formatPeriod(m, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      {districtChoices.length > 0 && (
        <div className="field">
          <label htmlFor="review-district">{t("review.district")}</label>
          <select
            id="review-district"
            value={districtId ?? ""}
            onChange={(e) => onChange({ district: e.target.value })}
          >
            {districtChoices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.cscomCount})
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="review-report">{t("review.reportFilter")}</label>
        <select id="review-report" value={filter.report} onChange={(e) => onChange({ rapport: e.target.value })}>
          <option value="">{t("review.allReports")}</option>
          {REPORT_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`reportState.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="review-order">{t("review.orderFilter")}</label>
        <select id="review-order" value={filter.order} onChange={(e) => onChange({ commande: e.target.value })}>
          <option value="">{t("review.allOrders")}</option>
          {ORDER_FILTERS.map((s) => (
            <option key={s} value={s}>
              {s === "to_review" ? t("review.toReview") : s === "none" ? t("review.noOrder") : t(`orderStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.emergencyOnly}
          onChange={(e) => onChange({ urgence: e.target.checked ? "1" : null })}
        />
        {t("review.emergencyOnly")}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.mismatchOnly}
          onChange={(e) => onChange({ ecart: e.target.checked ? "1" : null })}
        />
        {t("review.mismatchOnly")}
      </label>
      <div className="field field-grow">
        <label htmlFor="review-search">{t("review.search")}</label>
        <input
          id="review-search"
          type="search"
          value={filter.query}
          onChange={(e) => onChange({ q: e.target.value })}
          placeholder={t("review.searchPlaceholder")}
          autoComplete="off"
        />
      </div>
    </form>
  );
}
