/**
 * Where a facility is: its level, its district (depot, CSCom, ASC site) or region (regional warehouse, PPM
 * central) among those of the editor's scope, and its coordinates — typed, or picked by a click on the map.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useFormContext, useWatch } from "react-hook-form";
import type { Me } from "@shared/contracts/auth";
import { FacilityLevel } from "@shared/contracts/reference";
import { useBoundaries, useConfig, useDistricts, useRegions } from "../../api/reference";
import { SelectField, TextField } from "../../lib/forms/fields";
import { parseDecimal } from "../../lib/forms/parse";
import { isNational } from "../../lib/pickers/areaChoices";
import { mapAttributionHtml } from "../../map/attributions";
import { MapView } from "../../map/MapView";
import { inDistrict, type FacilityValues } from "./facilityForm";

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "fr");

/** The regions and districts the editor may place a facility in. */
function useAreaOptions(me: Me) {
  const regions = useRegions();
  const districts = useDistricts();
  return useMemo(() => {
    const own = (regionId: string) => isNational(me) || regionId === me.scopeRegionId;
    return {
      regions: (regions.data ?? [])
        .filter((r) => own(r.id))
        .sort(byName)
        .map((r) => ({ value: r.id, label: r.name })),
      districts: (districts.data ?? [])
        .filter((d) => own(d.regionId))
        .sort(byName)
        .map((d) => ({ value: d.id, label: d.name })),
    };
  }, [me, regions.data, districts.data]);
}

/** The map: the position typed so far as a point; a click puts the facility there. */
function PickMap() {
  const { t, i18n } = useTranslation();
  const { setValue } = useFormContext<FacilityValues>();
  const [lat, lon] = useWatch<FacilityValues, ["lat", "lon"]>({ name: ["lat", "lon"] });
  const boundaries = useBoundaries();
  const config = useConfig();
  const attribution = useMemo(() => mapAttributionHtml(t("map.sources")), [t, i18n.language]);
  const at = { lat: parseDecimal(lat), lon: parseDecimal(lon) };
  const points =
    at.lat !== null && at.lon !== null
      ? [{ id: "here", lat: at.lat, lon: at.lon, colour: "#b3261e", radiusPx: 8, label: "", popupHtml: "" }]
      : [];
  const typed = (x: number) => String(x).replace(".", ",");
  return (
    <div className="facility-pick-map field-wide" data-testid="pick-map">
      <p className="muted small">{t("facilityAdmin.mapHint")}</p>
      <MapView
        boundaries={boundaries.data ?? null}
        points={points}
        tileUrl={config.data?.tileUrl ?? null}
        attributionHtml={attribution}
        ariaLabel={t("facilityAdmin.mapLabel")}
        onPick={(pickedLat, pickedLon) => {
          setValue("lat", typed(pickedLat), { shouldValidate: true, shouldDirty: true });
          setValue("lon", typed(pickedLon), { shouldValidate: true, shouldDirty: true });
        }}
      />
    </div>
  );
}

/** Level, district or region, coordinates and the map. */
export function PlaceFields({ me }: { me: Me }) {
  const { t } = useTranslation();
  const level = useWatch<FacilityValues, "level">({ name: "level" });
  const areas = useAreaOptions(me);
  const levels = FacilityLevel.options.map((l) => ({ value: l, label: t(`level.${l}`) }));
  return (
    <>
      <SelectField name="level" id="facility-level" label={t("facilityAdmin.level")} options={levels} />
      {inDistrict(level) ? (
        <SelectField
          name="districtId"
          id="facility-district"
          label={t("facilityAdmin.district")}
          options={areas.districts}
          placeholder={t("facilityAdmin.choose")}
        />
      ) : (
        <SelectField
          name="regionId"
          id="facility-region"
          label={t("facilityAdmin.region")}
          options={areas.regions}
          placeholder={t("facilityAdmin.choose")}
        />
      )}
      <TextField name="lat" id="facility-lat" label={t("facilityAdmin.lat")} inputMode="decimal" autoComplete="off" />
      <TextField name="lon" id="facility-lon" label={t("facilityAdmin.lon")} inputMode="decimal" autoComplete="off" />
      <PickMap />
    </>
  );
}
