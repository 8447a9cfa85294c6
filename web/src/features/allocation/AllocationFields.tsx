/** The allocation form's fields: programme and product, source depot, district or region, months of cover, basis (AMC or population). */
import { useTranslation } from "react-i18next";
import { useFormContext } from "react-hook-form";
import type { District, Facility, Product, Programme, Region } from "@shared/contracts/reference";
import { FieldMessage, SelectField, TextField } from "../../lib/forms/fields";
import { ProductPickerField } from "../../lib/pickers/ProductPicker";
import type { AllocationValues } from "./allocationForm";
import { programmeName } from "../../i18n/keys";

/** The choices the fields offer. */
export interface AllocationChoices {
  programmes: Programme[];
  products: Product[];
  sources: Facility[];
  districts: District[];
  regions: Region[];
  /** The CSComs of the area (population basis) */
  targets: Facility[];
}

/** A pair of radio buttons bound to a form field. */
function Radios<V extends string>({
  name,
  legend,
  values,
  label,
  disabled,
}: {
  name: "targetKind" | "basis";
  legend: string;
  values: readonly V[];
  label: (v: V) => string;
  disabled?: (v: V) => boolean;
}) {
  const { register } = useFormContext<AllocationValues>();
  return (
    <fieldset className="field inline-choices">
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v} className="check">
          <input type="radio" value={v} disabled={disabled?.(v)} {...register(name)} />
          {label(v)}
        </label>
      ))}
    </fieldset>
  );
}

/** Units per person and each CSCom's target population. */
function PopulationFields({ targets }: { targets: Facility[] }) {
  const { t } = useTranslation();
  const { register } = useFormContext<AllocationValues>();
  return (
    <div className="field-wide population">
      <TextField name="unitsPerPerson" id="alloc-units" inputMode="decimal" label={t("allocation.unitsPerPerson")} />
      <p className="small muted">{t("allocation.populationHint")}</p>
      <FieldMessage id="alloc-populations-msg" name="populations" />
      <ul className="population-list">
        {targets.map((f) => (
          <li key={f.id}>
            <label htmlFor={`pop-${f.id}`}>{f.name}</label>
            <input id={`pop-${f.id}`} inputMode="numeric" {...register(`populations.${f.id}`)} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The fields, in the order a planner decides them. */
export function AllocationFields({ programmes, products, sources, districts, regions, targets }: AllocationChoices) {
  const { t, i18n } = useTranslation();
  const { watch, setValue } = useFormContext<AllocationValues>();
  const [targetKind, basis] = watch(["targetKind", "basis"]);
  return (
    <div className="form-grid">
      <SelectField
        name="programme"
        id="alloc-programme"
        label={t("allocation.programme")}
        options={programmes.map((p) => ({ value: p.code, label: programmeName(p, i18n.language) }))}
        onValue={() => setValue("productId", "")}
      />
      <div className="field-wide">
        <ProductPickerField name="productId" id="alloc-product" products={products} label={t("allocation.product")} />
      </div>
      <SelectField
        name="sourceId"
        id="alloc-source"
        className="field-wide"
        label={t("allocation.source")}
        options={sources.map((f) => ({ value: f.id, label: f.name }))}
      />
      <Radios
        name="targetKind"
        legend={t("allocation.area")}
        values={["district", "region"] as const}
        label={(k) => t(`allocation.${k}`)}
        disabled={(k) => k === "region" && regions.length === 0}
      />
      <SelectField
        name="targetId"
        id="alloc-target"
        label={targetKind === "district" ? t("allocation.district") : t("allocation.region")}
        options={(targetKind === "district" ? districts : regions).map((a) => ({ value: a.id, label: a.name }))}
      />
      <TextField name="months" id="alloc-months" inputMode="decimal" label={t("allocation.months")} />
      <Radios
        name="basis"
        legend={t("allocation.basis")}
        values={["amc", "population"] as const}
        label={(b) => t(`allocation.basis_${b}`)}
      />
      {basis === "population" && <PopulationFields targets={targets} />}
    </div>
  );
}
