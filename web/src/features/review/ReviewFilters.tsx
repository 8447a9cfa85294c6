/** Toolbar of the district review: month, district (when the user has several), report and order filters, search. */
import { useTranslation } from "react-i18next";
import { FilterCheck, FilterSelect } from "../../lib/forms/filters";
import type { District } from "@shared/contracts/reference";
import { ORDER_STATUSES } from "@shared/domain/orders";
import { formatPeriod } from "../../i18n/format";
import type { ReviewFilter } from "./reviewModel";

const REPORT_STATES = ["missing", "late", "on_time", "draft", "not_due"] as const;
/** The order filters: to review, none yet, then every status an order reaches after its review (shared list). */
const ORDER_FILTERS = [
  "to_review",
  "none",
  ...ORDER_STATUSES.filter((s) => s !== "draft" && s !== "submitted"),
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
  const orderLabel = (s: (typeof ORDER_FILTERS)[number]) =>
    s === "to_review" ? t("review.toReview") : s === "none" ? t("review.noOrder") : t(`orderStatus.${s}`);
  return (
    <form className="toolbar" role="search" aria-label={t("review.filters")} onSubmit={(e) => e.preventDefault()}>
      <FilterSelect
        id="review-period"
        label={t("review.period")}
        value={period}
        onChange={(v) => onChange({ periode: v })}
        options={months.map((m) => ({ value: m, label: formatPeriod(m, i18n.language) }))}
        testId="period-select"
      />
      {districtChoices.length > 0 && (
        <FilterSelect
          id="review-district"
          label={t("review.district")}
          value={districtId ?? ""}
          onChange={(v) => onChange({ district: v })}
          options={districtChoices.map((d) => ({ value: d.id, label: `${d.name} (${d.cscomCount})` }))}
        />
      )}
      <FilterSelect
        id="review-report"
        label={t("review.reportFilter")}
        value={filter.report}
        onChange={(v) => onChange({ rapport: v })}
        placeholder={t("review.allReports")}
        options={REPORT_STATES.map((s) => ({ value: s, label: t(`reportState.${s}`) }))}
      />
      <FilterSelect
        id="review-order"
        label={t("review.orderFilter")}
        value={filter.order}
        onChange={(v) => onChange({ commande: v })}
        placeholder={t("review.allOrders")}
        options={ORDER_FILTERS.map((s) => ({ value: s, label: orderLabel(s) }))}
      />
      <FilterCheck
        label={t("review.emergencyOnly")}
        checked={filter.emergencyOnly}
        onChange={(on) => onChange({ urgence: on ? "1" : null })}
      />
      <FilterCheck
        label={t("review.mismatchOnly")}
        checked={filter.mismatchOnly}
        onChange={(on) => onChange({ ecart: on ? "1" : null })}
      />
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
