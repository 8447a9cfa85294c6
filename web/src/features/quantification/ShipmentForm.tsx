/** A new shipment in the pipeline to PPM central: product (unless fixed), supplier, funding, quantity, expected date, status. */
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { PipelineCreate, PipelineOpenStatus } from "@shared/contracts/pipeline";
import { useCreateShipment } from "../../api/quantification";
import { useFacilitiesIn, useProducts } from "../../api/reference";
import { DateField, FormActions, FormFrame, QuantityField, SelectField, TextField } from "../../lib/forms/fields";
import { dateOrText, numberOrNaN } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { ProductPickerField } from "../../lib/pickers/ProductPicker";
import { useFundingOptions } from "./fundingOptions";

/** The shipment as typed. */
interface ShipmentValues {
  productId: string;
  supplier: string;
  fundingSource: string;
  qtyUnits: string;
  expectedDate: string;
  status: string;
}

/** Props: `productId` fixes the product (the plan screen), else it is chosen here. */
interface Props {
  productId: number | null;
  defaultFunding?: string;
}

/** The form. */
export function ShipmentForm({ productId, defaultFunding }: Props) {
  const { t } = useTranslation();
  const central = useFacilitiesIn({ level: "central" });
  const products = useProducts(null);
  const funding = useFundingOptions();
  const create = useCreateShipment();
  const [created, setCreated] = useState(false);
  const store = central.data?.[0]?.id ?? "";
  const toRequest = useCallback(
    (v: ShipmentValues) => ({
      facilityId: store,
      productId: productId ?? (v.productId === "" ? undefined : Number(v.productId)),
      supplier: v.supplier,
      fundingSource: v.fundingSource,
      qtyUnits: numberOrNaN(v.qtyUnits),
      expectedDate: dateOrText(v.expectedDate),
      status: v.status,
    }),
    [store, productId],
  );
  const form = useContractForm({
    contract: PipelineCreate,
    toRequest,
    defaultValues: {
      productId: "",
      supplier: "",
      fundingSource: defaultFunding ?? "",
      qtyUnits: "",
      expectedDate: "",
      status: "planned",
    },
  });
  const statuses = PipelineOpenStatus.options.map((s) => ({ value: s, label: t(`quant.pipeline.statuses.${s}`) }));
  return (
    <FormFrame
      form={form}
      onValid={(body) => {
        setCreated(false);
        create.mutate(body, { onSuccess: () => setCreated(true) });
      }}
      serverError={create.error}
      className="quant-section"
      aria-labelledby="ship-title"
      data-testid="shipment-form"
    >
      <h2 id="ship-title">{t("quant.pipeline.add")}</h2>
      {productId === null && (
        <div className="form-grid">
          <ProductPickerField name="productId" id="ship-product" products={products.data ?? []} />
        </div>
      )}
      <div className="form-grid">
        <TextField name="supplier" id="ship-supplier" label={t("quant.pipeline.supplier")} maxLength={200} />
        <SelectField
          name="fundingSource"
          id="ship-funding"
          label={t("quant.pipeline.fundingSource")}
          placeholder={t("quant.choose")}
          options={funding}
        />
        <QuantityField name="qtyUnits" id="ship-qty" label={t("quant.pipeline.quantity")} />
        <DateField name="expectedDate" id="ship-date" label={t("quant.pipeline.expectedDate")} />
        <SelectField name="status" id="ship-status" label={t("quant.pipeline.status")} options={statuses} />
      </div>
      <FormActions submitLabel={t("quant.pipeline.add")} pending={create.isPending}>
        {created && (
          <span role="status" className="small">
            {t("quant.pipeline.created")}
          </span>
        )}
      </FormActions>
    </FormFrame>
  );
}
