/** A product's record: codes and names, form, strength, units and pack, VEN, programme, cold chain, weight and volume. */
import { dynamicText } from "../../i18n/keys";
import { useTranslation } from "react-i18next";
import { useFormContext } from "react-hook-form";
import { ProductCreate, ProductUpdate } from "@shared/contracts/catalogue";
import type { Product } from "@shared/contracts/reference";
import { useCreateProduct, useUpdateProduct } from "../../api/catalogue";
import { useProgrammes } from "../../api/reference";
import { FormActions, FormFrame, SelectField, TextField } from "../../lib/forms/fields";
import { useContractForm } from "../../lib/forms/useContractForm";
import { EMPTY_PRODUCT, toCreateRequest, toUpdateRequest, valuesOf, type ProductValues } from "./productForm";

/** A registered check box. */
function Check({ name, label }: { name: "roundToZero" | "coldChain"; label: string }) {
  const { register } = useFormContext<ProductValues>();
  return (
    <label className="check">
      <input type="checkbox" {...register(name)} />
      {label}
    </label>
  );
}

/** The fields both forms share. */
function RecordFields() {
  const { t, i18n } = useTranslation();
  const programmes = useProgrammes();
  const text = (name: keyof ProductValues, extra: { inputMode?: "numeric" } = {}) => (
    <TextField
      key={name}
      name={name}
      id={`product-${name}`}
      label={dynamicText(t, `catalogue.${name}`)}
      autoComplete="off"
      {...extra}
    />
  );
  return (
    <>
      {text("code")}
      {text("genericName")}
      {text("form")}
      {text("strength")}
      {text("baseUnit")}
      {text("packSize", { inputMode: "numeric" })}
      {text("packRoundingThreshold", { inputMode: "numeric" })}
      <SelectField
        name="ven"
        id="product-ven"
        label={t("catalogue.ven")}
        options={(["V", "E", "N"] as const).map((v) => ({ value: v, label: `${v} — ${t(`ven.${v}`)}` }))}
      />
      <SelectField
        name="programmeCode"
        id="product-programme"
        label={t("catalogue.programme")}
        options={(programmes.data ?? []).map((p) => ({
          value: p.code,
          label: i18n.language === "en" ? p.nameEn : p.nameFr,
        }))}
      />
      {text("category")}
      {text("packWeightG", { inputMode: "numeric" })}
      {text("packVolumeCm3", { inputMode: "numeric" })}
      <Check name="roundToZero" label={t("catalogue.roundToZero")} />
      <Check name="coldChain" label={t("catalogue.coldChain")} />
    </>
  );
}

/** A new product and its first price (valid from today). */
export function ProductCreateForm({ onDone }: { onDone: (p: Product) => void }) {
  const { t } = useTranslation();
  const create = useCreateProduct();
  const form = useContractForm({ contract: ProductCreate, toRequest: toCreateRequest, defaultValues: EMPTY_PRODUCT });
  return (
    <FormFrame
      form={form}
      onValid={(body) => create.mutate(body, { onSuccess: onDone })}
      serverError={create.error}
      className="form-grid"
      data-testid="product-create"
    >
      <RecordFields />
      <TextField
        name="pricePerPackXof"
        id="product-price"
        label={t("catalogue.price")}
        inputMode="numeric"
        autoComplete="off"
      />
      <FormActions submitLabel={t("catalogue.create")} pending={create.isPending} />
    </FormFrame>
  );
}

/** A change to a stored product (its price changes through the history below). */
export function ProductEditForm({ product, onDone }: { product: Product; onDone: (p: Product) => void }) {
  const { t } = useTranslation();
  const update = useUpdateProduct();
  const form = useContractForm({
    contract: ProductUpdate,
    toRequest: toUpdateRequest,
    defaultValues: valuesOf(product),
  });
  return (
    <FormFrame
      form={form}
      onValid={(body) => update.mutate({ id: product.id, body }, { onSuccess: onDone })}
      serverError={update.error}
      className="form-grid"
      data-testid="product-edit"
    >
      <RecordFields />
      <FormActions submitLabel={t("catalogue.save")} pending={update.isPending} />
    </FormFrame>
  );
}
