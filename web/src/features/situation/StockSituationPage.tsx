/** "Situation des stocks": one product's stock status at every facility in scope, on the map, with drill-down region → district → CSCom. */
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { StatusLevel } from "@shared/contracts/stock";
import { useMe } from "../../api/auth";
import { useBoundaries, useConfig, useDistricts, useProducts, useRegions } from "../../api/reference";
import { useStockStatus } from "../../api/stock";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { formatDate, formatNumber } from "../../i18n/format";
import { MapView } from "../../map/MapView";
import { mapAttributionHtml } from "../about/attributions";
import { normalise } from "../network/viewModels";
import { isNational, visibleDistricts, visibleRegions } from "./areaChoices";
import { IndicatorsPanel } from "./IndicatorsPanel";
import { ScopeCharts } from "./ScopeCharts";
import { STATUS_BANDS, STATUS_COLOUR, statusLabelKey, toStatusPoints } from "./statusView";
import "./situation.css";

const LEVELS: StatusLevel[] = ["central", "regional", "district", "cscom"];
const MAX_OPTIONS = 200;
const MAX_LISTED = 30;
/** Order of the list beside the map: the most urgent first. */
const SEVERITY = ["stockout", "under", "unknown", "adequate", "over"] as const;

/** The national stock picture page at "/situation". */
export default function StockSituationPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, update] = useSearchState();
  const productId = params.get("product") ? Number(params.get("product")) : null;
  const regionId = params.get("region");
  const districtId = params.get("district");
  const [search, setSearch] = useState("");
  const id = useId();
  const [focus, setFocus] = useState<{ id: string } | null>(null);

  const me = useMe();
  const config = useConfig();
  const boundaries = useBoundaries();
  const regions = useRegions();
  const districts = useDistricts();
  const products = useProducts(null);
  const picture = useStockStatus(productId, { regionId, districtId });

  const matching = useMemo(() => {
    const needle = normalise(search.trim());
    const all = products.data ?? [];
    const found = needle
      ? all.filter((p) => normalise(`${p.genericName} ${p.code} ${p.strength}`).includes(needle))
      : all;
    return found.slice(0, MAX_OPTIONS);
  }, [products.data, search]);
  // Only the regions and districts of the user's scope are offered (the server refuses the others with 404).
  const regionChoices = useMemo(
    () => visibleRegions(me.data, regions.data ?? [], districts.data ?? []),
    [me.data, regions.data, districts.data],
  );
  const regionDistricts = useMemo(
    () => visibleDistricts(me.data, districts.data ?? [], regionId),
    [me.data, districts.data, regionId],
  );
  const area = useMemo(() => ({ regionId, districtId }), [regionId, districtId]);
  const chosen = products.data?.find((p) => p.id === productId);
  const productName = chosen ? `${chosen.genericName} ${chosen.strength}`.trim() : "";
  const points = useMemo(
    () => toStatusPoints(picture.data?.items ?? [], t, i18n.language),
    [picture.data, t, i18n.language],
  );
  const attribution = useMemo(() => mapAttributionHtml(t("map.sources")), [t, i18n.language]);
  const ind = picture.data?.indicators;
  // The facilities listed beside the map, stock-outs first: a click centres the map on one and opens its popup.
  const watch = useMemo(
    () => [...(picture.data?.items ?? [])].sort((a, b) => SEVERITY.indexOf(a.status) - SEVERITY.indexOf(b.status)),
    [picture.data],
  );

  return (
    <div className="network situation">
      <div className="network-side">
        <h1>{t("situation.title")}</h1>
        <p className="muted">{t("situation.intro")}</p>
        <div className="field">
          <label htmlFor={`${id}-productSearch`}>{t("situation.productSearch")}</label>
          <input
            id={`${id}-productSearch`}
            type="search"
            value={search}
            placeholder={t("situation.productSearchPlaceholder")}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-product`}>{t("situation.product")}</label>
          <select
            id={`${id}-product`}
            value={productId ?? ""}
            onChange={(e) => update({ product: e.target.value })}
            data-testid="product-select"
          >
            <option value="">{matching.length === 0 && !products.isPending ? t("situation.noProduct") : "—"}</option>
            {matching.map((p) => (
              <option key={p.id} value={p.id}>
                {p.genericName} — {p.strength} ({p.code})
              </option>
            ))}
          </select>
        </div>
        <div className="situation-area">
          <div className="field">
            <label htmlFor={`${id}-region`}>{t("situation.region")}</label>
            <select
              id={`${id}-region`}
              value={regionId ?? ""}
              onChange={(e) => update({ region: e.target.value, district: null })}
            >
              <option value="">{isNational(me.data) ? t("situation.allRegions") : t("indicators.allScope")}</option>
              {regionChoices.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-district`}>{t("situation.district")}</label>
            <select
              id={`${id}-district`}
              value={districtId ?? ""}
              disabled={!regionId}
              onChange={(e) => update({ district: e.target.value })}
            >
              <option value="">{t("situation.allDistricts")}</option>
              {regionDistricts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {productId === null ? (
          <EmptyState>{t("situation.chooseProduct")}</EmptyState>
        ) : picture.isError ? (
          <ErrorState error={picture.error} onRetry={() => void picture.refetch()} />
        ) : !picture.data || !ind ? (
          <Loading />
        ) : (
          <>
            <p data-testid="situation-count">{t("situation.facilities", { count: ind.facilities })}</p>
            {ind.facilities === 0 && <EmptyState>{t("situation.empty")}</EmptyState>}
            <fieldset className="legend" data-testid="status-legend">
              <legend>{t("situation.legend")}</legend>
              {STATUS_BANDS.map((s) => (
                <div key={s} className="legend-item legend-static">
                  <span className="status-dot" style={{ background: STATUS_COLOUR[s] }} aria-hidden="true" />
                  <span>{t(statusLabelKey(s))}</span>
                  <span className="legend-count" data-status-count={s}>
                    {formatNumber(ind.byStatus[s], i18n.language)}
                  </span>
                </div>
              ))}
            </fieldset>
            {ind.cscomStockoutShare !== null && (
              <p className="situation-kpi" data-testid="cscom-stockout-share">
                {t("situation.cscomStockout", {
                  share: `${formatNumber(ind.cscomStockoutShare * 100, i18n.language)} %`,
                })}
              </p>
            )}
            <table className="table situation-levels">
              <caption>{t("situation.byLevel")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("situation.level")}</th>
                  {STATUS_BANDS.map((s) => (
                    <th key={s} scope="col" title={t(statusLabelKey(s))}>
                      <span
                        className="status-dot"
                        style={{ background: STATUS_COLOUR[s] }}
                        aria-label={t(statusLabelKey(s))}
                      />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {LEVELS.map((l) => (
                  <tr key={l}>
                    <th scope="row">{t(`level.${l}`)}</th>
                    {STATUS_BANDS.map((s) => (
                      <td key={s} className="num">
                        {ind.byLevel[l][s]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {watch.length > 0 && (
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
                        onClick={() => setFocus({ id: i.facilityId })}
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
            )}
            <p className="muted small">
              {t("situation.asOf", { date: formatDate(picture.data.asOf), months: picture.data.amcMonths })}
            </p>
          </>
        )}
        {[regions, districts, products, boundaries].find((q) => q.isError) && (
          <ErrorState error={[regions, districts, products, boundaries].find((q) => q.isError)!.error} />
        )}
      </div>
      <div className="network-map">
        <MapView
          boundaries={boundaries.data ?? null}
          points={points}
          tileUrl={config.data?.tileUrl ?? null}
          attributionHtml={attribution}
          ariaLabel={t("situation.label")}
          focus={focus}
          fitKey={
            picture.data && !picture.isPlaceholderData
              ? `${productId}:${regionId ?? "all"}:${districtId ?? "all"}`
              : null
          }
          onNavigate={(href) => void navigate(href)}
        />
      </div>
      <aside className="situation-panel" aria-label={t("indicators.title")}>
        <IndicatorsPanel area={area} />
        <ScopeCharts productId={productId} productName={productName} area={area} />
      </aside>
    </div>
  );
}
