/** 24 months of one product at a facility on a chart: consumption (bars), month-end stock and receipts (lines); losses and stock-out days in its table. */
import { useTranslation } from "react-i18next";
import type { FacilityHistory } from "@shared/contracts/indicators";
import type { StockPosition } from "@shared/contracts/stock";
import { useFacilityHistory } from "../../api/indicators";
import { monthLabel } from "../../components/charts/chartFormat";
import { LazyChart } from "../../components/charts/LazyChart";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { formatNumber, formatPeriod } from "../../i18n/format";
import { unitLabel } from "../../i18n/keys";

/** The chart of the product's history at the facility, with its loading, error and empty states. */
export function HistoryChart({ facilityId, position }: { facilityId: string; position: StockPosition }) {
  const { t } = useTranslation();
  const history = useFacilityHistory(facilityId, position.productId);
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  const moved = history.data.points.some((p) => p.receipts || p.consumption || p.losses || p.adjustments || p.closing);
  if (!moved) return <EmptyState>{t("history.empty")}</EmptyState>;
  return <HistoryFigure data={history.data} unit={unitLabel(t, position.baseUnit)} />;
}

/** The figure itself (data loaded). */
function HistoryFigure({ data, unit }: { data: FacilityHistory; unit: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const p = data.points;
  const sum = (pick: (x: FacilityHistory["points"][number]) => number) => p.reduce((s, x) => s + pick(x), 0);
  const n = (v: number) => formatNumber(v, lang);
  const last = p[p.length - 1]!;
  return (
    <LazyChart
      testId="history-chart"
      caption={`${t("history.title")} (${unit})`}
      summary={t("history.summary", {
        from: formatPeriod(p[0]!.period, lang),
        to: formatPeriod(last.period, lang),
        avg: n(sum((x) => x.consumption) / p.length),
        receipts: n(sum((x) => x.receipts)),
        losses: n(sum((x) => x.losses)),
        stockoutDays: n(sum((x) => x.stockoutDays)),
        last: n(last.closing),
      })}
      labels={p.map((x) => monthLabel(x.period, lang))}
      labelHeader={t("charts.month")}
      lang={lang}
      series={[
        {
          key: "consumption",
          label: t(
            data.consumptionBasis === "deliveries" ? "history.consumptionDeliveries" : "history.consumptionIssues",
          ),
          values: p.map((x) => x.consumption),
          colour: "#0b6e99",
          kind: "bars",
        },
        {
          key: "closing",
          label: t("history.closing"),
          values: p.map((x) => x.closing),
          colour: "#2e7d32",
          kind: "line",
        },
        {
          key: "receipts",
          label: t("history.receipts"),
          values: p.map((x) => x.receipts),
          colour: "#8a4b00",
          kind: "line",
          dashed: true,
        },
        {
          key: "losses",
          label: t("history.losses"),
          values: p.map((x) => x.losses),
          colour: "#b3261e",
          kind: "line",
          tableOnly: true,
        },
        {
          key: "stockoutDays",
          label: t("history.stockoutDays"),
          values: p.map((x) => x.stockoutDays),
          colour: "#c62828",
          kind: "line",
          tableOnly: true,
        },
      ]}
    />
  );
}
