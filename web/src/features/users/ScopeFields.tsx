/**
 * The role of an account and the scope it takes: a region (regional manager), a district (district pharmacist),
 * a facility of the role's levels (storekeeper, CSCom manager, driver), nothing for the national roles. Only the
 * editor's own area and the roles they may give are offered (the server refuses the rest).
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useFormContext, useWatch } from "react-hook-form";
import type { Me, Role } from "@shared/contracts/auth";
import { assignableRoles } from "@shared/domain/access";
import { ROLE_SCOPE } from "@shared/domain/admin/userScope";
import { useDistricts, useFacilities, useRegions } from "../../api/reference";
import { SelectField, type Option } from "../../lib/forms/fields";
import { visibleDistricts, visibleRegions } from "../../lib/pickers/areaChoices";
import type { AccountValues } from "./userForm";

const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label, "fr");

/** The choices of each select for the role and area typed so far. */
function useScopeChoices(me: Me, role: string, area: string) {
  const regions = useRegions();
  const districts = useDistricts();
  const facilities = useFacilities();
  return useMemo(() => {
    const allDistricts = districts.data ?? [];
    const regionOptions = visibleRegions(me, regions.data ?? [], allDistricts).map((r) => ({
      value: r.id,
      label: r.name,
    }));
    const districtOptions = visibleDistricts(me, allDistricts, area || null).map((d) => ({
      value: d.id,
      label: d.name,
    }));
    const levels: readonly string[] = ROLE_SCOPE[role as Role]?.levels ?? [];
    const facilityOptions = (facilities.data?.items ?? [])
      .filter((f) => f.regionId === area && levels.includes(f.level))
      .map((f) => ({ value: f.id, label: f.name }));
    return {
      regions: regionOptions.sort(byLabel),
      districts: districtOptions.sort(byLabel),
      facilities: facilityOptions.sort(byLabel),
    };
  }, [me, role, area, regions.data, districts.data, facilities.data]);
}

/** Role, then the scope field the role takes (with the region that narrows a district or facility). */
export function ScopeFields({ me, idPrefix }: { me: Me; idPrefix: string }) {
  const { t } = useTranslation();
  const { setValue } = useFormContext<AccountValues>();
  const role = useWatch<AccountValues, "role">({ name: "role" });
  const area = useWatch<AccountValues, "area">({ name: "area" });
  const choices = useScopeChoices(me, role, area);
  const need = ROLE_SCOPE[role as Role]?.need;
  const roles = assignableRoles(me).map((r) => ({ value: r, label: t(`role.${r}`) }));
  const clearScope = () => {
    for (const f of ["regionId", "districtId", "facilityId"] as const) setValue(f, "");
  };
  return (
    <>
      <SelectField
        name="role"
        id={`${idPrefix}-role`}
        label={t("users.role")}
        options={roles}
        placeholder={t("users.choose")}
        onValue={clearScope}
      />
      {need === "region" && (
        <SelectField
          name="regionId"
          id={`${idPrefix}-region`}
          label={t("users.region")}
          options={choices.regions}
          placeholder={t("users.choose")}
        />
      )}
      {(need === "district" || need === "facility") && (
        <SelectField
          name="area"
          id={`${idPrefix}-area`}
          label={t("users.region")}
          options={choices.regions}
          placeholder={t("users.choose")}
          onValue={clearScope}
        />
      )}
      {need === "district" && (
        <SelectField
          name="districtId"
          id={`${idPrefix}-district`}
          label={t("users.district")}
          options={choices.districts}
          placeholder={area ? t("users.choose") : t("users.regionFirst")}
        />
      )}
      {need === "facility" && (
        <SelectField
          name="facilityId"
          id={`${idPrefix}-facility`}
          label={t("users.facility")}
          options={choices.facilities}
          placeholder={t("users.choose")}
        />
      )}
    </>
  );
}
