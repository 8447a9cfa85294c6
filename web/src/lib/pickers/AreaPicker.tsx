/**
 * Region → district, offering only the user's own area (the server refuses the others with 404):
 * every region for national roles, else their region; the districts of the chosen region for national
 * and regional roles, else their district. Choosing a region clears the district.
 */
import "../lib.css";
import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import { isNational, visibleDistricts, visibleRegions } from "./areaChoices";

/** An area: a region, optionally one of its districts (null = all). */
export interface Area {
  regionId: string | null;
  districtId: string | null;
}

/** Props of the picker. */
export interface AreaPickerProps {
  me: Me | null | undefined;
  regions: readonly { id: string; name: string }[];
  districts: readonly { id: string; name: string; regionId: string }[];
  value: Area;
  onChange: (area: Area) => void;
  /** Id prefix: `${id}-region`, `${id}-district` */
  id?: string;
  className?: string;
}

/** Two selects, side by side. */
export function AreaPicker({ me, regions, districts, value, onChange, id, className }: AreaPickerProps) {
  const { t } = useTranslation();
  const auto = useId();
  const prefix = id ?? auto;
  const regionChoices = useMemo(() => visibleRegions(me, regions, districts), [me, regions, districts]);
  const districtChoices = useMemo(
    () => visibleDistricts(me, districts, value.regionId),
    [me, districts, value.regionId],
  );
  return (
    <div className={className ?? "area-picker"}>
      <div className="field">
        <label htmlFor={`${prefix}-region`}>{t("picker.region")}</label>
        <select
          id={`${prefix}-region`}
          value={value.regionId ?? ""}
          onChange={(e) => onChange({ regionId: e.target.value || null, districtId: null })}
        >
          <option value="">{isNational(me) ? t("picker.allRegions") : t("picker.allScope")}</option>
          {regionChoices.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-district`}>{t("picker.district")}</label>
        <select
          id={`${prefix}-district`}
          value={value.districtId ?? ""}
          disabled={!value.regionId}
          onChange={(e) => onChange({ regionId: value.regionId, districtId: e.target.value || null })}
        >
          <option value="">{t("picker.allDistricts")}</option>
          {districtChoices.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
