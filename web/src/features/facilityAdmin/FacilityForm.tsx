/** The facility's record: name and code, place, hours and access, contact, and its supplier per programme. */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useFormContext, useWatch } from "react-hook-form";
import type { Me } from "@shared/contracts/auth";
import { FacilityCreate, FacilityUpdate } from "@shared/contracts/facilityAdmin";
import type { FacilityDetail } from "@shared/contracts/reference";
import { LEVEL_RANK } from "@shared/domain/admin/facilityRules";
import type { SupplyLevel } from "@shared/domain/policy";
import { useCreateFacility, useUpdateFacility } from "../../api/facilityAdmin";
import { useFacilities, useProgrammes } from "../../api/reference";
import { FormActions, FormFrame, SelectField, TextField } from "../../lib/forms/fields";
import { useContractForm } from "../../lib/forms/useContractForm";
import {
  EMPTY_FACILITY,
  fieldOfPath,
  toCreateRequest,
  toUpdateRequest,
  valuesOf,
  type FacilityValues,
} from "./facilityForm";
import { PlaceFields } from "./PlaceFields";

/** Hours, rainy-season access, insecurity and the contact's telephone. */
function AccessFields() {
  const { t } = useTranslation();
  const { register } = useFormContext<FacilityValues>();
  const rainy = (["all_year", "slow", "closed"] as const).map((r) => ({ value: r, label: t(`facility.rainy_${r}`) }));
  return (
    <>
      <TextField name="opensAt" id="facility-opens" label={t("facilityAdmin.opensAt")} autoComplete="off" />
      <TextField name="closesAt" id="facility-closes" label={t("facilityAdmin.closesAt")} autoComplete="off" />
      <SelectField name="rainySeasonAccess" id="facility-rainy" label={t("facilityAdmin.rainy")} options={rainy} />
      <TextField name="contactPhone" id="facility-phone" label={t("facilityAdmin.phone")} autoComplete="off" />
      <label className="check">
        <input type="checkbox" {...register("insecure")} />
        {t("facilityAdmin.insecure")}
      </label>
    </>
  );
}

/** One select per programme: the open facilities of a higher level that may supply it. */
function SupplierFields({ self }: { self: string | null }) {
  const { t, i18n } = useTranslation();
  const level = useWatch<FacilityValues, "level">({ name: "level" }) as SupplyLevel;
  const programmes = useProgrammes();
  const facilities = useFacilities();
  const options = useMemo(
    () =>
      (facilities.data?.items ?? [])
        .filter((f) => f.id !== self && LEVEL_RANK[f.level] > LEVEL_RANK[level])
        .sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || a.name.localeCompare(b.name, "fr"))
        .map((f) => ({ value: f.id, label: `${f.name} (${t(`level.${f.level}`)})` })),
    [facilities.data, self, level, t],
  );
  return (
    <fieldset className="field-wide supplier-fields">
      <legend>{t("facilityAdmin.suppliers")}</legend>
      {(programmes.data ?? []).map((p) => (
        <SelectField
          key={p.code}
          name={`suppliers.${p.code}`}
          id={`facility-supplier-${p.code}`}
          label={i18n.language === "en" ? p.nameEn : p.nameFr}
          options={options}
          placeholder={t("facilityAdmin.noSupplier")}
        />
      ))}
    </fieldset>
  );
}

/** The fields of both forms. */
function RecordFields({ me, self }: { me: Me; self: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField name="name" id="facility-name" label={t("facilityAdmin.name")} autoComplete="off" />
      <TextField name="code" id="facility-code" label={t("facilityAdmin.code")} autoComplete="off" />
      <PlaceFields me={me} />
      <AccessFields />
      <SupplierFields self={self} />
    </>
  );
}

/** A new facility. */
export function FacilityCreateForm({ me, onDone }: { me: Me; onDone: (f: FacilityDetail) => void }) {
  const { t } = useTranslation();
  const create = useCreateFacility();
  const form = useContractForm({
    contract: FacilityCreate,
    toRequest: toCreateRequest,
    fieldOf: fieldOfPath,
    defaultValues: EMPTY_FACILITY,
  });
  return (
    <FormFrame
      form={form}
      onValid={(body) => create.mutate(body, { onSuccess: onDone })}
      serverError={create.error}
      className="form-grid"
      data-testid="facility-create"
    >
      <RecordFields me={me} self={null} />
      <FormActions submitLabel={t("facilityAdmin.create")} pending={create.isPending} />
    </FormFrame>
  );
}

/** A change to a stored facility. */
export function FacilityEditForm(props: { me: Me; facility: FacilityDetail; onDone: (f: FacilityDetail) => void }) {
  const { t } = useTranslation();
  const update = useUpdateFacility();
  const form = useContractForm({
    contract: FacilityUpdate,
    toRequest: toUpdateRequest,
    fieldOf: fieldOfPath,
    defaultValues: valuesOf(props.facility),
  });
  return (
    <FormFrame
      form={form}
      onValid={(body) => update.mutate({ id: props.facility.id, body }, { onSuccess: props.onDone })}
      serverError={update.error}
      className="form-grid"
      data-testid="facility-edit"
    >
      <RecordFields me={props.me} self={props.facility.id} />
      <FormActions
        submitLabel={t("facilityAdmin.save")}
        pending={update.isPending}
        pendingLabel={t("facilityAdmin.saving")}
      />
    </FormFrame>
  );
}
