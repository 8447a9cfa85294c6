/** "Situation des stocks": one product's stock status at every facility in scope, on the map, with drill-down region → district → CSCom. */
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useMe } from "../../api/auth";
import { useBoundaries, useConfig, useDistricts, useProducts, useRegions } from "../../api/reference";
import { useStockStatus } from "../../api/stock";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { AreaPicker } from "../../lib/pickers/AreaPicker";
import { ProductPicker } from "../../lib/pickers/ProductPicker";
import { MapView } from "../../map/MapView";
import { mapAttributionHtml } from "../../map/attributions";
import { IndicatorsPanel } from "./IndicatorsPanel";
import { ScopeCharts } from "./ScopeCharts";
import { SituationSummary } from "./SituationSummary";
import { toStatusPoints } from "./statusView";
import "./situation.css";

/** Products listed at once in the picker (the search narrows the catalogue). */
const MAX_OPTIONS = 200;

/** The page's URL state: ?product=&region=&district= */
function useSituationParams() {
  const [params, update] = useSearchState();
  const productId = params.get("product") ? Number(params.get("product")) : null;
  const area = useMemo(() => ({ regionId: params.get("region"), districtId: params.get("district") }), [params]);
  return { productId, area, update };
}

/** The side column: product and area pickers, then the picture's figures. */
function SituationSide({ onFocus }: { onFocus: (facilityId: string) => void }) {
  const { t } = useTranslation();
  const { productId, area, update } = useSituationParams();
  const me = useMe();
  const regions = useRegions();
  const districts = useDistricts();
  const products = useProducts(null);
  const picture = useStockStatus(productId, area);
  const failed = [regions, districts, products].find((q) => q.isError);
  return (
    <div className="network-side">
      <h1>{t("situation.title")}</h1>
      <p className="muted">{t("situation.intro")}</p>
      <ProductPicker
        products={products.data ?? []}
        value={productId}
        maxOptions={MAX_OPTIONS}
        onChange={(id) => update({ product: id === null ? null : String(id) })}
      />
      <AreaPicker
        me={me.data}
        regions={regions.data ?? []}
        districts={districts.data ?? []}
        value={area}
        onChange={(next) => update({ region: next.regionId, district: next.districtId })}
        className="situation-area"
      />
      {productId === null ? (
        <EmptyState>{t("situation.chooseProduct")}</EmptyState>
      ) : picture.isError ? (
        <ErrorState error={picture.error} onRetry={() => void picture.refetch()} />
      ) : !picture.data ? (
        <Loading />
      ) : (
        <SituationSummary picture={picture.data} onFocus={onFocus} />
      )}
      {failed && <ErrorState error={failed.error} />}
    </div>
  );
}

/** The national stock picture page at "/situation". */
export default function StockSituationPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { productId, area } = useSituationParams();
  const [focus, setFocus] = useState<{ id: string } | null>(null);
  const config = useConfig();
  const boundaries = useBoundaries();
  const products = useProducts(null);
  const picture = useStockStatus(productId, area);
  const chosen = products.data?.find((p) => p.id === productId);
  const productName = chosen ? `${chosen.genericName} ${chosen.strength}`.trim() : "";
  const points = useMemo(
    () => toStatusPoints(picture.data?.items ?? [], t, i18n.language),
    [picture.data, t, i18n.language],
  );
  const attribution = useMemo(() => mapAttributionHtml(t("map.sources")), [t, i18n.language]);
  const fitKey = `${productId}:${area.regionId ?? "all"}:${area.districtId ?? "all"}`;
  return (
    <div className="network situation">
      <SituationSide onFocus={(id) => setFocus({ id })} />
      <div className="network-map">
        <MapView
          boundaries={boundaries.data ?? null}
          points={points}
          tileUrl={config.data?.tileUrl ?? null}
          attributionHtml={attribution}
          ariaLabel={t("situation.label")}
          focus={focus}
          fitKey={picture.data && !picture.isPlaceholderData ? fitKey : null}
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
