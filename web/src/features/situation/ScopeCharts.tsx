/** Trend (monthly consumption and month-end stock over 24 months) and seasonality of the chosen product over the area. */
import { useTranslation } from "react-i18next";
import type { ConsumptionSeries } from "@shared/contracts/indicators";
import { useAreaConsumption, type AreaFilter } from "../../api/indicators";
import { calendarMonth, monthLabel } from "../../components/charts/chartFormat";
import { LazyChart } from "../../components/charts/LazyChart";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { formatNumber, formatPeriod } from "../../i18n/format";

const CONSUMPTION = "#0b6e99";
const STOCK = "#2e7d32";
const SEASON = "#ef6c00";

/** The two charts of a product over the area. */
export function ScopeCharts({
  productId,
  productName,
  area,
}: {
  productId: number | null;
  productName: string;
  area: AreaFilter;
}) {
  const { t } = useTranslation();
  const series = useAreaConsumption(productId, area);
  if (productId === null) return <EmptyState>{t("indicators.chooseProduct")}</EmptyState>;
  if (series.isError) return <ErrorState error={series.error} onRetry={() => void series.refetch()} />;
  if (!series.data) return <Loading />;
  const moved = series.data.points.some((p) => p.consumption !== 0 || p.closing !== 0);
  if (!moved) return <EmptyState>{t("indicators.trendEmpty")}</EmptyState>;
  return (
    <div className={series.isPlaceholderData ? "is-stale" : undefined} data-testid="scope-charts">
      <Trend data={series.data} productName={productName} />
      <Seasonality data={series.data} productName={productName} />
    </div>
  );
}

/** Consumption (bars, left axis) and month-end stock (line, right axis). */
function Trend({ data, productName }: { data: ConsumptionSeries; productName: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const points = data.points;
  const max = points.reduce((best, p) => (p.consumption > best.consumption ? p : best), points[0]!);
  const last = points[points.length - 1]!;
  const avg = points.reduce((s, p) => s + p.consumption, 0) / points.length;
  return (
    <LazyChart
      testId="trend-chart"
      caption={t("indicators.trendTitle", { product: productName })}
      summary={t("indicators.trendSummary", {
        from: formatPeriod(points[0]!.period, lang),
        to: formatPeriod(last.period, lang),
        facilities: formatNumber(data.facilities, lang),
        avg: formatNumber(avg, lang),
        max: formatNumber(max.consumption, lang),
        maxMonth: formatPeriod(max.period, lang),
        last: formatNumber(last.closing, lang),
        lastMonth: formatPeriod(last.period, lang),
      })}
      labels={points.map((p) => monthLabel(p.period, lang))}
      labelHeader={t("charts.month")}
      lang={lang}
      series={[
        {
          key: "consumption",
          label: t("indicators.consumption"),
          values: points.map((p) => p.consumption),
          colour: CONSUMPTION,
          kind: "bars",
        },
        {
          key: "closing",
          label: t("indicators.closingStock"),
          values: points.map((p) => p.closing),
          colour: STOCK,
          kind: "line",
          axis: "right",
        },
      ]}
    />
  );
}

/** Seasonal index per calendar month (bars). */
function Seasonality({ data, productName }: { data: ConsumptionSeries; productName: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const months = data.seasonality.months;
  if (data.seasonality.years === 0) return <EmptyState>{t("indicators.seasonEmpty")}</EmptyState>;
  const ranked = [...months].sort((a, b) => (b.index ?? 0) - (a.index ?? 0));
  const peak = ranked[0]!;
  const low = ranked[ranked.length - 1]!;
  return (
    <LazyChart
      testId="season-chart"
      height={200}
      caption={t("indicators.seasonTitle", { product: productName })}
      summary={t("indicators.seasonSummary", {
        years: t("indicators.seasonYears", { count: data.seasonality.years }),
        peak: calendarMonth(peak.month, lang, "long"),
        peakIndex: formatNumber(peak.index ?? 0, lang, 2),
        low: calendarMonth(low.month, lang, "long"),
        lowIndex: formatNumber(low.index ?? 0, lang, 2),
      })}
      labels={months.map((m) => calendarMonth(m.month, lang))}
      labelHeader={t("charts.calendarMonth")}
      lang={lang}
      formatValue={(v) => formatNumber(v, lang, 2)}
      series={[
        {
          key: "index",
          label: t("indicators.seasonIndex"),
          values: months.map((m) => m.index),
          colour: SEASON,
          kind: "bars",
        },
      ]}
    />
  );
}
