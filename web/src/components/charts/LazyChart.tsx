/** The chart, loaded on first use: uPlot and its CSS arrive in their own chunk, a placeholder of the same height meanwhile. */
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { ChartProps } from "./chartTypes";
import "./placeholder.css";

const Chart = lazy(() => import("./Chart"));

/** A chart with its caption, summary and data table (see Chart). */
export function LazyChart(props: ChartProps) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <div className="chart-placeholder" role="status" style={{ minHeight: (props.height ?? 240) + 60 }}>
          <strong>{props.caption}</strong>
          <span className="muted">{t("charts.loading")}</span>
        </div>
      }
    >
      <Chart {...props} />
    </Suspense>
  );
}
export type { ChartProps, ChartSeries } from "./chartTypes";
