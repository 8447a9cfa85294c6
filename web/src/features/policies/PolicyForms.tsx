/** Adding a policy row (its target and values) and changing a row's values. */
import { useTranslation } from "react-i18next";
import { useFormContext, useWatch } from "react-hook-form";
import { PolicyCreate, PolicyUpdate, type PolicyView } from "@shared/contracts/policies";
import { FacilityLevel } from "@shared/contracts/reference";
import { useCreatePolicy, useUpdatePolicy } from "../../api/policies";
import { useFacilitiesIn, useProducts, useProgrammes } from "../../api/reference";
import { FormActions, FormFrame, SelectField, TextField } from "../../lib/forms/fields";
import { useContractForm } from "../../lib/forms/useContractForm";
import { productLabel } from "../../lib/pickers/productLabel";
import { EMPTY_ROW, toCreateRequest, toValues, valuesOf, type NewRowFields, type ValueFields } from "./policyForm";

/** Rule, max, min, emergency point, review period, lead time. */
function ValueInputs({ prefix }: { prefix: string }) {
  const { t } = useTranslation();
  const rules = (["forced", "standard"] as const).map((r) => ({ value: r, label: t(`policies.rule_${r}`) }));
  const num = (name: keyof ValueFields) => (
    <TextField
      key={name}
      name={name}
      id={`${prefix}-${name}`}
      label={t(`policies.${name}`)}
      inputMode="decimal"
      autoComplete="off"
    />
  );
  return (
    <>
      <SelectField name="rule" id={`${prefix}-rule`} label={t("policies.rule")} options={rules} />
      {num("maxMonths")}
      {num("minMonths")}
      {num("eopMonths")}
      {num("reviewPeriodMonths")}
      {num("leadTimeDays")}
    </>
  );
}

/** Level, then optionally one facility of it, and a programme or a product. */
function TargetInputs() {
  const { t, i18n } = useTranslation();
  const { setValue } = useFormContext<NewRowFields>();
  const level = useWatch<NewRowFields, "level">({ name: "level" });
  const facilities = useFacilitiesIn({ level: level as FacilityLevel });
  const programmes = useProgrammes();
  const products = useProducts(null);
  return (
    <>
      <SelectField
        name="level"
        id="policy-level"
        label={t("policies.level")}
        options={FacilityLevel.options.map((l) => ({ value: l, label: t(`level.${l}`) }))}
        onValue={() => setValue("facilityId", "")}
      />
      <SelectField
        name="facilityId"
        id="policy-facility"
        label={t("policies.facility")}
        placeholder={t("policies.allOfLevel")}
        options={(facilities.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
      />
      <SelectField
        name="programmeCode"
        id="policy-programme"
        label={t("policies.programme")}
        placeholder={t("policies.any")}
        options={(programmes.data ?? []).map((p) => ({
          value: p.code,
          label: i18n.language === "en" ? p.nameEn : p.nameFr,
        }))}
      />
      <SelectField
        name="productId"
        id="policy-product"
        label={t("policies.product")}
        placeholder={t("policies.any")}
        options={(products.data ?? []).map((p) => ({ value: String(p.id), label: productLabel(p) }))}
      />
    </>
  );
}

/** A new row. */
export function PolicyCreateForm({ onDone }: { onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const create = useCreatePolicy();
  const form = useContractForm({ contract: PolicyCreate, toRequest: toCreateRequest, defaultValues: EMPTY_ROW });
  return (
    <FormFrame
      form={form}
      onValid={(body) => create.mutate(body, { onSuccess: () => onDone(t("policies.created")) })}
      serverError={create.error}
      className="form-grid"
      data-testid="policy-create"
    >
      <TargetInputs />
      <ValueInputs prefix="policy" />
      <FormActions submitLabel={t("policies.create")} pending={create.isPending} />
    </FormFrame>
  );
}

/** New values for a stored row. */
export function PolicyEditForm({ row, onDone }: { row: PolicyView; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const update = useUpdatePolicy();
  const form = useContractForm({ contract: PolicyUpdate, toRequest: toValues, defaultValues: valuesOf(row) });
  return (
    <FormFrame
      form={form}
      onValid={(body) => update.mutate({ id: row.id, body }, { onSuccess: () => onDone(t("policies.saved")) })}
      serverError={update.error}
      className="form-grid"
      data-testid="policy-edit"
    >
      <ValueInputs prefix="edit" />
      <FormActions submitLabel={t("policies.save")} pending={update.isPending} />
    </FormFrame>
  );
}
