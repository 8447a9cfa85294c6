/**
 * The forecast screen's choices, kept in the address: product, level (national, region, district, facility) and its
 * area, method, horizon and scenario (whose settings — a product's morbidity assumptions among them — apply). `useForecastRequest` reads them into the request (null until the area is chosen).
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { METHOD_IDS } from "@shared/domain/quantification/types";
import type { ForecastRequest } from "../../api/quantification";
import { useDistricts, useFacilitiesIn, useRegions } from "../../api/reference";
import { useSearchState } from "../../components/useSearchState";
import { FilterSelect } from "../../lib/forms/filters";
import { ProductChoice, useProductParam } from "./ProductChoice";
import { ScenarioSelect } from "./ScenarioSelect";

const LEVELS = ["national", "region", "district", "facility"] as const;
type Level = (typeof LEVELS)[number];
const HORIZONS = [12, 18, 24, 36];
const METHODS = ["auto" as const, ...METHOD_IDS.filter((m) => m !== "morbidity")];

/** The choices as read from the address. */
function useChoices() {
  const [params, update] = useSearchState();
  const raw = params.get("niveau") ?? "";
  return {
    level: (LEVELS as readonly string[]).includes(raw) ? (raw as Level) : "national",
    regionId: params.get("region"),
    districtId: params.get("district"),
    facilityId: params.get("etab"),
    method: params.get("methode") ?? "auto",
    horizon: Number(params.get("horizon") ?? "24") || 24,
    scenarioId: /^\d+$/.test(params.get("scenario") ?? "") ? Number(params.get("scenario")) : null,
    update,
  };
}

/** The forecast asked for by the address, or null while the product or the level's area is not chosen. */
export function useForecastRequest(): ForecastRequest | null {
  const [productId] = useProductParam();
  const { level, regionId, districtId, facilityId, method, horizon, scenarioId } = useChoices();
  return useMemo((): ForecastRequest | null => {
    if (productId === null) return null;
    const area = { region: regionId, district: districtId, facility: facilityId, national: "national" }[level];
    if (!area) return null;
    return {
      productId,
      level,
      regionId: level === "region" ? regionId : null,
      districtId: level === "district" ? districtId : null,
      facilityId: level === "facility" ? facilityId : null,
      method: method === "auto" ? null : method,
      horizon,
      scenarioId,
    };
  }, [productId, level, regionId, districtId, facilityId, method, horizon, scenarioId]);
}

/** Region, district and facility selects, as deep as the level needs. */
function AreaChoices() {
  const { t } = useTranslation();
  const { level, regionId, districtId, facilityId, update } = useChoices();
  const regions = useRegions();
  const districts = useDistricts();
  const facilities = useFacilitiesIn({ level: "cscom", districtId }, level === "facility" && districtId !== null);
  const named = (list: readonly { id: string; name: string }[] | undefined) =>
    (list ?? []).map((a) => ({ value: a.id, label: a.name }));
  return (
    <>
      {level !== "national" && (
        <FilterSelect
          id="q-region"
          label={t("quant.region")}
          value={regionId ?? ""}
          placeholder={t("quant.choose")}
          options={named(regions.data)}
          onChange={(v) => update({ region: v, district: null, etab: null })}
        />
      )}
      {(level === "district" || level === "facility") && (
        <FilterSelect
          id="q-district"
          label={t("quant.district")}
          value={districtId ?? ""}
          placeholder={t("quant.choose")}
          options={named(districts.data?.filter((d) => d.regionId === regionId))}
          onChange={(v) => update({ district: v, etab: null })}
        />
      )}
      {level === "facility" && (
        <FilterSelect
          id="q-facility"
          label={t("quant.facility")}
          value={facilityId ?? ""}
          placeholder={t("quant.choose")}
          options={named(facilities.data)}
          onChange={(v) => update({ etab: v })}
        />
      )}
    </>
  );
}

/** The toolbar. */
export function ForecastFilters() {
  const { t } = useTranslation();
  const [productId, setProduct] = useProductParam();
  const { level, method, horizon, scenarioId, update } = useChoices();
  return (
    <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label={t("quant.tabs.forecast")}>
      <ProductChoice value={productId} onChange={setProduct} />
      <FilterSelect
        id="q-level"
        label={t("quant.level")}
        value={level}
        options={LEVELS.map((l) => ({ value: l, label: t(`quant.levels.${l}`) }))}
        onChange={(v) => update({ niveau: v })}
      />
      <AreaChoices />
      <FilterSelect
        id="q-method"
        label={t("quant.method")}
        value={method}
        options={METHODS.map((m) => ({ value: m, label: t(`quant.methods.${m}`) }))}
        onChange={(v) => update({ methode: v })}
      />
      <FilterSelect
        id="q-horizon"
        label={t("quant.horizon")}
        value={String(horizon)}
        options={HORIZONS.map((h) => ({ value: String(h), label: String(h) }))}
        onChange={(v) => update({ horizon: v })}
      />
      <ScenarioSelect value={scenarioId} onChange={(id) => update({ scenario: id === null ? null : String(id) })} />
    </form>
  );
}
