/** The projected month-end stock at PPM central against the minimum and maximum, with the forecast and arrivals as bars. */
import { useTranslation } from "react-i18next";
import type { ProductSupplyPlan } from "@shared/contracts/forecasts";
import { monthLabel } from "../../components/charts/chartFormat";
import { LazyChart } from "../../components/charts/LazyChart";
import { formatNumber, formatPeriod } from "../../i18n/format";

/** The figure of a supply plan. */
export function PlanChart({ plan }: { plan: ProductSupplyPlan }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const m = plan.months;
  const num = (v: number) => formatNumber(v, lang);
  return (
    <LazyChart
      testId="plan-chart"
      caption={t("quant.plan.chartTitle", { product: plan.product.name, unit: plan.product.baseUnit })}
      summary={t("quant.plan.summary", {
        from: formatPeriod(m[0]!.period, lang),
        to: formatPeriod(m[m.length - 1]!.period, lang),
        opening: num(m[0]!.opening),
        arrivals: num(plan.totals.arrivals),
        suggested: num(plan.totals.suggestedUnits),
        forecast: num(plan.totals.forecast),
        expired: num(plan.totals.expired),
        unmet: num(plan.totals.unmet),
      })}
      labels={m.map((x) => monthLabel(x.period, lang))}
      labelHeader={t("quant.plan.month")}
      lang={lang}
      height={280}
      series={[
        {
          key: "forecast",
          label: t("quant.plan.forecast"),
          values: m.map((x) => x.forecast),
          colour: "#9bb7c9",
          kind: "bars",
        },
        {
          key: "arrivals",
          label: t("quant.plan.arrivals"),
          values: m.map((x) => x.arrivals + x.suggestedArrivals),
          colour: "#8a4b00",
          kind: "bars",
        },
        {
          key: "closing",
          label: t("quant.plan.closing"),
          values: m.map((x) => x.closing),
          colour: "#0b6e99",
          kind: "line",
        },
        {
          key: "min",
          label: t("quant.plan.min"),
          values: m.map((x) => x.minUnits),
          colour: "#b3261e",
          kind: "line",
          dashed: true,
        },
        {
          key: "max",
          label: t("quant.plan.max"),
          values: m.map((x) => x.maxUnits),
          colour: "#2e7d32",
          kind: "line",
          dashed: true,
        },
      ]}
    />
  );
}
