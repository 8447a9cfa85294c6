/** Receiving a pipeline shipment at PPM central: the lots that arrived (code, expiry, quantity), booked in the ledger. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFieldArray } from "react-hook-form";
import { PipelineReceive, type PipelineReceiveResult, type PipelineShipmentView } from "@shared/contracts/pipeline";
import { useReceiveShipment } from "../../api/quantification";
import { ImplausibleConfirm, implausibleItems } from "../../components/ImplausibleConfirm";
import { formatNumber } from "../../i18n/format";
import { DateField, FormActions, FormFrame, QuantityField, TextField } from "../../lib/forms/fields";
import { dateOrText, numberOrNaN, toDisplayDate } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";

/** The lots as typed. */
interface ReceiveValues {
  lots: { lotCode: string; expiry: string; quantity: string }[];
}

const toRequest = (v: ReceiveValues) => ({
  lots: v.lots.map((l) => ({ lotCode: l.lotCode, expiry: dateOrText(l.expiry), quantity: numberOrNaN(l.quantity) })),
});

/** What the receipt booked, and what did not arrive. */
function ReceiveDone({ done, onClose }: { done: PipelineReceiveResult; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const received = done.movements.reduce((s, m) => s + m.qtyDelta, 0);
  return (
    <div className="notice" role="status" data-testid="receive-done">
      <p>{t("quant.pipeline.received", { qty: formatNumber(received, lang) })}</p>
      {done.shortfallUnits > 0 && (
        <p>{t("quant.pipeline.shortfall", { qty: formatNumber(done.shortfallUnits, lang) })}</p>
      )}
      <button type="button" className="button button-small" onClick={onClose}>
        {t("quant.pipeline.close")}
      </button>
    </div>
  );
}

/** The lot rows (field array "lots"), each removable while there are several, and a button to add one. */
function LotRows() {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray<ReceiveValues>({ name: "lots" });
  return (
    <>
      {fields.map((f, i) => (
        <div key={f.id} className="quant-lot-row">
          <TextField name={`lots.${i}.lotCode`} id={`lot-${i}`} label={t("quant.pipeline.lotCode")} maxLength={40} />
          <DateField name={`lots.${i}.expiry`} id={`expiry-${i}`} label={t("quant.pipeline.expiry")} />
          <QuantityField name={`lots.${i}.quantity`} id={`qty-${i}`} label={t("quant.pipeline.quantity")} />
          {fields.length > 1 && (
            <button type="button" className="button button-small button-ghost" onClick={() => remove(i)}>
              {t("quant.pipeline.removeLot")}
            </button>
          )}
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => append({ lotCode: "", expiry: "", quantity: "" })}
      >
        {t("quant.pipeline.addLot")}
      </button>
    </>
  );
}

/** The receipt form of one shipment. */
export function ReceiveForm({ shipment, onClose }: { shipment: PipelineShipmentView; onClose: () => void }) {
  const { t } = useTranslation();
  const receive = useReceiveShipment();
  const [done, setDone] = useState<PipelineReceiveResult | null>(null);
  const form = useContractForm({
    contract: PipelineReceive,
    toRequest,
    defaultValues: {
      lots: [
        {
          lotCode: shipment.lotCode ?? "",
          expiry: shipment.expiry ? toDisplayDate(shipment.expiry) : "",
          quantity: String(shipment.qtyUnits),
        },
      ],
    },
  });
  const confirmSurplus = () => {
    const sent = receive.variables;
    if (sent) receive.mutate({ id: sent.id, body: { ...sent.body, confirmImplausible: true } }, { onSuccess: setDone });
  };
  if (done) return <ReceiveDone done={done} onClose={onClose} />;
  return (
    <FormFrame
      form={form}
      onValid={(body) => receive.mutate({ id: shipment.id, body }, { onSuccess: setDone })}
      serverError={implausibleItems(receive.error) ? null : receive.error}
      className="quant-section"
      aria-labelledby="receive-title"
      data-testid="receive-form"
    >
      <h2 id="receive-title">
        {t("quant.pipeline.receiveTitle", { facility: shipment.facilityName, id: shipment.id })}
      </h2>
      <p className="small muted">{t("quant.pipeline.receiveIntro", { fundingSource: shipment.fundingSource })}</p>
      <LotRows />
      <FormActions submitLabel={t("quant.pipeline.confirmReceive")} pending={receive.isPending}>
        {/* More than ordered and far above the store's usual stock: the officer confirms what arrived. */}
        <ImplausibleConfirm error={receive.error} pending={receive.isPending} onConfirm={confirmSurplus} />
        <button type="button" className="button" onClick={onClose}>
          {t("quant.pipeline.cancel")}
        </button>
      </FormActions>
    </FormFrame>
  );
}
