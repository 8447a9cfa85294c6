/** The figures of the national picture beside the map: count, legend with counts, CSCom stock-out share, counts per level, the watch list. */
import { useTranslation } from "react-i18next";
import type { StatusLevel, StockStatus } from "@shared/contracts/stock";
import { EmptyState } from "../../components/States";
import { formatDate, formatNumber } from "../../i18n/format";
import { DataTable } from "../../lib/table/DataTable";
import { STATUS_BANDS, STATUS_COLOUR, statusLabelKey } from "./statusView";

const LEVELS: StatusLevel[] = ["central", "regional", "district", "cscom"];
const MAX_LISTED = 30;
/** Order of the list beside the map: the most urgent first. */
const SEVERITY = ["stockout", "under", "unknown", "adequate", "over"] as const;

/** The legend: each status band with its colour and count. */
function StatusLegend({ picture }: { picture: StockStatus }) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="legend" data-testid="status-legend">
      <legend>{t("situation.legend")}</legend>
      {STATUS_BANDS.map((s) => (
        <div key={s} className="legend-item legend-static">
          <span className="status-dot" style={{ background: STATUS_COLOUR[s] }} aria-hidden="true" />
          <span>{t(statusLabelKey(s))}</span>
          <span className="legend-count" data-status-count={s}>
            {formatNumber(picture.indicators.byStatus[s], i18n.language)}
          </span>
        </div>
      ))}
    </fieldset>
  );
}

/** Counts per level and status band. */
function LevelsTable({ picture }: { picture: StockStatus }) {
  const { t } = useTranslation();
  const byLevel = picture.indicators.byLevel;
  return (
    <DataTable
      className="situation-levels"
      caption={t("situation.byLevel")}
      showCaption
      rows={LEVELS}
      rowKey={(l) => l}
      columns={[
        { id: "level", header: t("situation.level"), rowHeader: true, cell: (l) => t(`level.${l}`) },
        ...STATUS_BANDS.map((s) => ({
          id: s,
          header: (
            <span className="status-dot" style={{ background: STATUS_COLOUR[s] }} aria-label={t(statusLabelKey(s))} />
          ),
          headerText: t(statusLabelKey(s)),
          numeric: true,
          cell: (l: StatusLevel) => byLevel[l][s],
        })),
      ]}
    />
  );
}

/** Facilities to watch, stock-outs first; a click centres the map on one and opens its popup. */
function WatchList({ picture, onFocus }: { picture: StockStatus; onFocus: (facilityId: string) => void }) {
  const { t } = useTranslation();
  const watch = [...picture.items].sort((a, b) => SEVERITY.indexOf(a.status) - SEVERITY.indexOf(b.status));
  if (watch.length === 0) return null;
  return (
    <section aria-labelledby="watch-list">
      <h2 id="watch-list" className="situation-h2">
        {t("situation.watchList")}
      </h2>
      <ul className="situation-list" data-testid="watch-list">
        {watch.slice(0, MAX_LISTED).map((i) => (
          <li key={i.facilityId} data-level={i.level} data-status={i.status}>
            <span
              className="status-dot"
              style={{ background: STATUS_COLOUR[i.status] }}
              title={t(statusLabelKey(i.status))}
            />
            <button
              type="button"
              className="link-button"
              onClick={() => onFocus(i.facilityId)}
              aria-label={t("map.showOnMap", { name: i.name })}
            >
              {i.name}
            </button>{" "}
            <span className="muted small">{t(`level.${i.level}`)}</span>
          </li>
        ))}
      </ul>
      {watch.length > MAX_LISTED && (
        <p className="muted small">{t("map.moreResults", { count: watch.length - MAX_LISTED })}</p>
      )}
    </section>
  );
}

/** Everything under the filters once a product's picture is loaded. */
export function SituationSummary({
  picture,
  onFocus,
}: {
  picture: StockStatus;
  onFocus: (facilityId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const ind = picture.indicators;
  return (
    <>
      <p data-testid="situation-count">{t("situation.facilities", { count: ind.facilities })}</p>
      {ind.facilities === 0 && <EmptyState>{t("situation.empty")}</EmptyState>}
      <StatusLegend picture={picture} />
      {ind.cscomStockoutShare !== null && (
        <p className="situation-kpi" data-testid="cscom-stockout-share">
          {t("situation.cscomStockout", { share: `${formatNumber(ind.cscomStockoutShare * 100, i18n.language)} %` })}
        </p>
      )}
      <LevelsTable picture={picture} />
      <WatchList picture={picture} onFocus={onFocus} />
      <p className="muted small">
        {t("situation.asOf", { date: formatDate(picture.asOf), months: picture.amcMonths })}
      </p>
    </>
  );
}
