/**
 * One pipeline shipment edited in place (supplier, funding, quantity, expected date typed dd/mm/yyyy, status): a row
 * whose single cell holds the form, validated by the shared PipelinePatch contract.
 */
import type { Messages } from "../../i18n/fr";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { PipelineOpenStatus, PipelinePatch, type PipelineShipmentView } from "@shared/contracts/pipeline";
import { useEditShipment } from "../../api/quantification";
import { DateField, FormActions, FormFrame, QuantityField, SelectField, TextField } from "../../lib/forms/fields";
import { dateOrText, numberOrNaN, toDisplayDate } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { useFundingOptions } from "./fundingOptions";

/** The editable fields as typed. */
interface EditValues {
  supplier: string;
  fundingSource: string;
  qtyUnits: string;
  expectedDate: string;
  status: string;
}

const toRequest = (v: EditValues) => ({
  supplier: v.supplier,
  fundingSource: v.fundingSource,
  qtyUnits: numberOrNaN(v.qtyUnits),
  expectedDate: dateOrText(v.expectedDate),
  status: v.status,
});

/** Props: the shipment, the table's column count, and what to do once saved or cancelled. */
interface Props {
  s: PipelineShipmentView;
  columns: number;
  onDone: () => void;
}

/** The row. */
export function ShipmentEditRow({ s, columns, onDone }: Props) {
  const { t } = useTranslation();
  const edit = useEditShipment();
  const funding = useFundingOptions();
  const form = useContractForm({
    contract: PipelinePatch,
    toRequest: useCallback(toRequest, []),
    defaultValues: {
      supplier: s.supplier,
      fundingSource: s.fundingSource,
      qtyUnits: String(s.qtyUnits),
      expectedDate: toDisplayDate(s.expectedDate),
      status: s.status === "received" ? "shipped" : s.status,
    },
  });
  const label = (k: keyof Messages["quant"]["pipeline"]["fields"]) => t(`quant.pipeline.fields.${k}`);
  const statuses = PipelineOpenStatus.options.map((st) => ({ value: st, label: t(`quant.pipeline.statuses.${st}`) }));
  return (
    <tr data-shipment-id={s.id} className="is-selected">
      <td colSpan={columns}>
        <FormFrame
          form={form}
          onValid={(patch) => edit.mutate({ id: s.id, patch }, { onSuccess: onDone })}
          serverError={edit.error}
          aria-label={t("quant.pipeline.editTitle", { product: s.productName, id: s.id })}
        >
          <div className="form-grid">
            <TextField name="supplier" id={`edit-${s.id}-supplier`} label={label("supplier")} maxLength={200} />
            <SelectField
              name="fundingSource"
              id={`edit-${s.id}-funding`}
              label={label("fundingSource")}
              options={funding}
            />
            <QuantityField name="qtyUnits" id={`edit-${s.id}-qty`} label={label("qtyUnits")} />
            <DateField name="expectedDate" id={`edit-${s.id}-date`} label={label("expectedDate")} />
            <SelectField name="status" id={`edit-${s.id}-status`} label={label("status")} options={statuses} />
          </div>
          <FormActions submitLabel={t("quant.pipeline.save")} pending={edit.isPending}>
            <button type="button" className="button button-small" onClick={onDone}>
              {t("quant.pipeline.cancel")}
            </button>
          </FormActions>
        </FormFrame>
      </td>
    </tr>
  );
}
