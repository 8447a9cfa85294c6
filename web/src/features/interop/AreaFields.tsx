/** The month and area of an export or push: a month, and a region and district among those of the user's scope. */
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import type { ExportArea } from "../../api/interop";
import { lastCompletePeriod } from "@shared/domain/months";
import { useDistricts, useRegions } from "../../api/reference";
import { AreaPicker } from "../../lib/pickers/AreaPicker";

/** The last complete month ("YYYY-MM") before `today`. */
export function lastMonth(today = new Date()): string {
  return lastCompletePeriod(today.toISOString());
}

/** Month, region and district selectors. */
export function AreaFields({ me, area, onChange }: { me: Me; area: ExportArea; onChange: (area: ExportArea) => void }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const districts = useDistricts();
  return (
    <div className="entry-fields interop-area">
      <div className="field">
        <label htmlFor="interop-period">{t("interop.area.period")}</label>
        <input
          id="interop-period"
          type="month"
          value={area.period}
          max={lastMonth()}
          onChange={(e) => e.target.value && onChange({ ...area, period: e.target.value })}
        />
      </div>
      <AreaPicker
        me={me}
        regions={regions.data ?? []}
        districts={districts.data ?? []}
        value={{ regionId: area.regionId, districtId: area.districtId }}
        onChange={(next) => onChange({ ...area, ...next })}
        id="interop"
      />
    </div>
  );
}
