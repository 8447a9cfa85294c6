/** History, corrected history, forecast and its 80 % band of one product on one chart (the app's uPlot wrapper). */
import { useTranslation } from "react-i18next";
import type { ProductForecast } from "@shared/contracts/forecasts";
import { monthLabel } from "../../components/charts/chartFormat";
import { LazyChart } from "../../components/charts/LazyChart";
import { formatNumber, formatPeriod } from "../../i18n/format";

/** The figure of a forecast. */
export function ForecastChart({ data }: { data: ProductForecast }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const h = data.history;
  const f = data.forecast;
  const n = h.periods.length;
  const labels = [...h.periods, ...f.periods].map((p) => monthLabel(p, lang));
  const pad = (k: number) => new Array<null>(k).fill(null);
  // The forecast line starts at the last known month, so history and forecast read as one line.
  const lastKnown = h.adjusted[n - 1] ?? h.prepared[n - 1] ?? null;
  const known = h.adjusted.filter((v): v is number => v !== null);
  const avg = known.length > 0 ? known.reduce((s, v) => s + v, 0) / known.length : 0;
  const total = f.values.reduce((s, v) => s + v, 0);
  const peakAt = f.values.indexOf(Math.max(...f.values));
  const num = (v: number) => formatNumber(v, lang);
  return (
    <LazyChart
      testId="forecast-chart"
      caption={t("quant.forecast.chartTitle", { product: data.product.name, unit: data.product.baseUnit })}
      summary={t("quant.forecast.summary", {
        from: formatPeriod(h.periods[0]!, lang),
        to: formatPeriod(h.periods[n - 1]!, lang),
        avg: num(avg),
        method: t(`quant.methods.${f.method}`),
        fFrom: formatPeriod(f.periods[0]!, lang),
        fTo: formatPeriod(f.periods[f.periods.length - 1]!, lang),
        total: num(total),
        peak: formatPeriod(f.periods[Math.max(0, peakAt)]!, lang),
        peakValue: num(f.values[Math.max(0, peakAt)] ?? 0),
      })}
      labels={labels}
      labelHeader={t("quant.forecast.month")}
      lang={lang}
      height={280}
      series={[
        {
          key: "reported",
          label: t("quant.forecast.reported"),
          values: [...h.reported, ...pad(f.values.length)],
          colour: "#9bb7c9",
          kind: "bars",
        },
        {
          key: "adjusted",
          label: t("quant.forecast.adjusted"),
          values: [...h.adjusted, ...pad(f.values.length)],
          colour: "#0b6e99",
          kind: "line",
        },
        {
          key: "forecast",
          label: t("quant.forecast.forecast"),
          values: [...pad(n - 1), lastKnown, ...f.values],
          colour: "#c2410c",
          kind: "line",
        },
        ...(f.lower && f.upper
          ? [
              {
                key: "lower",
                label: t("quant.forecast.lower"),
                values: [...pad(n), ...f.lower],
                colour: "#e59866",
                kind: "line" as const,
                dashed: true,
              },
              {
                key: "upper",
                label: t("quant.forecast.upper"),
                values: [...pad(n), ...f.upper],
                colour: "#e59866",
                kind: "line" as const,
                dashed: true,
              },
            ]
          : []),
      ]}
    />
  );
}
