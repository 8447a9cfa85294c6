/** The national stock picture's view models: a colour per status band, map points with popups, counts. */
import type { TFunction } from "i18next";
import type { FacilityStockStatus, StockStatusBand } from "@shared/contracts/stock";
import { formatMonths, formatNumber } from "../../i18n/format";
import { escapeHtml, type MapPoint } from "../../map/types";
import { LEVEL_STYLE } from "../../map/levels";

/** Bands in legend order. */
export const STATUS_BANDS = [
  "stockout",
  "under",
  "adequate",
  "over",
  "unknown",
] as const satisfies readonly StockStatusBand[];

/** Marker colour per band: stock-out red, under orange, adequate green, over blue, no data grey. */
export const STATUS_COLOUR: Record<StockStatusBand, string> = {
  stockout: "#c62828",
  under: "#ef6c00",
  adequate: "#2e7d32",
  over: "#1565c0",
  unknown: "#8a8f96",
};

/** Legend label key of a band ("unknown" is shown as "no data"). */
export const statusLabelKey = (s: StockStatusBand) =>
  s === "unknown" ? ("situation.noData" as const) : (`status.${s}` as const);

/** Map points: higher levels bigger and drawn on top; stock-outs drawn above the other CSComs. */
export function toStatusPoints(items: FacilityStockStatus[], t: TFunction, lang: string): MapPoint[] {
  const levelOrder = { cscom: 0, district: 1, regional: 2, central: 3 } as const;
  const bandOrder = (s: StockStatusBand) => (s === "stockout" ? 1 : 0);
  return [...items]
    .sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || bandOrder(a.status) - bandOrder(b.status))
    .map((i) => ({
      id: i.facilityId,
      lat: i.lat,
      lon: i.lon,
      colour: STATUS_COLOUR[i.status],
      radiusPx: Math.max(5, LEVEL_STYLE[i.level].radiusPx),
      label: `${i.name} — ${t(statusLabelKey(i.status))}`,
      popupHtml: popupHtml(i, t, lang),
    }));
}

/** How the popup names the source of the AMC. */
const AMC_SOURCE_LABEL = {
  report: "situation.amcReport",
  ledger: "situation.amcLedger",
  downstream: "indicators.amcDownstream",
} as const satisfies Record<FacilityStockStatus["amcSource"], string>;

function popupHtml(i: FacilityStockStatus, t: TFunction, lang: string): string {
  const lines = [
    t("situation.stock", { value: formatNumber(i.stockOnHand, lang) }),
    `${t("situation.amc", { value: formatNumber(i.amc, lang) })} ${t(AMC_SOURCE_LABEL[i.amcSource])}`,
    t("situation.mos", { value: formatMonths(i.monthsOfStock, lang) }),
  ].map((l) => `<div>${escapeHtml(l)}</div>`);
  const href = `/facilities/${encodeURIComponent(i.facilityId)}`;
  return (
    `<div class="popup" data-status="${i.status}"><strong class="popup-name">${escapeHtml(i.name)}</strong>` +
    `<div class="popup-level level-${i.level}">${escapeHtml(t(`level.${i.level}`))}</div>` +
    `<div class="popup-status status-${i.status}"><span class="status-dot" style="background:${STATUS_COLOUR[i.status]}"></span>${escapeHtml(t(statusLabelKey(i.status)))}</div>` +
    `${lines.join("")}<a class="popup-link" data-route href="${href}">${escapeHtml(t("map.openFacility"))} →</a></div>`
  );
}
