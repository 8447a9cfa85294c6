/** Receiving a pipeline shipment at PPM central: the lots that arrived (code, expiry, quantity), booked in the ledger. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PipelineReceiveResult, PipelineShipmentView } from "@shared/contracts/pipeline";
import { useReceiveShipment } from "../../api/quantification";
import { formatNumber } from "../../i18n/format";
import { FieldIssues } from "./FieldIssues";

interface LotDraft {
  lotCode: string;
  expiry: string;
  quantity: string;
}

/** The receipt form of one shipment. */
export function ReceiveForm({ shipment, onClose }: { shipment: PipelineShipmentView; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const receive = useReceiveShipment();
  const [lots, setLots] = useState<LotDraft[]>([
    { lotCode: shipment.lotCode ?? "", expiry: shipment.expiry ?? "", quantity: String(shipment.qtyUnits) },
  ]);
  const [done, setDone] = useState<PipelineReceiveResult | null>(null);
  const set = (i: number, patch: Partial<LotDraft>) =>
    setLots((all) => all.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const submit = () =>
    receive.mutate(
      {
        id: shipment.id,
        body: { lots: lots.map((l) => ({ lotCode: l.lotCode, expiry: l.expiry, quantity: Number(l.quantity) })) },
      },
      { onSuccess: setDone },
    );
  const lang = i18n.language;
  if (done)
    return (
      <div className="notice" role="status" data-testid="receive-done">
        <p>
          {t("quant.pipeline.received", {
            qty: formatNumber(
              done.movements.reduce((s, m) => s + m.qtyDelta, 0),
              lang,
            ),
          })}
        </p>
        {done.shortfallUnits > 0 && (
          <p>{t("quant.pipeline.shortfall", { qty: formatNumber(done.shortfallUnits, lang) })}</p>
        )}
        <button type="button" className="button button-small" onClick={onClose}>
          {t("quant.pipeline.close")}
        </button>
      </div>
    );
  return (
    <form
      className="quant-section"
      data-testid="receive-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>{t("quant.pipeline.receiveTitle", { facility: shipment.facilityName, id: shipment.id })}</h2>
      <p className="small muted">{t("quant.pipeline.receiveIntro", { fundingSource: shipment.fundingSource })}</p>
      {lots.map((l, i) => (
        <div key={i} className="quant-lot-row">
          <div className="field">
            <label htmlFor={`lot-${i}`}>{t("quant.pipeline.lotCode")}</label>
            <input id={`lot-${i}`} required value={l.lotCode} onChange={(e) => set(i, { lotCode: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`expiry-${i}`}>{t("quant.pipeline.expiry")}</label>
            <input
              id={`expiry-${i}`}
              type="date"
              required
              value={l.expiry}
              onChange={(e) => set(i, { expiry: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`qty-${i}`}>{t("quant.pipeline.quantity")}</label>
            <input
              id={`qty-${i}`}
              inputMode="numeric"
              required
              value={l.quantity}
              onChange={(e) => set(i, { quantity: e.target.value })}
            />
          </div>
          {lots.length > 1 && (
            <button
              type="button"
              className="button button-small button-ghost"
              onClick={() => setLots(lots.filter((_, j) => j !== i))}
            >
              {t("quant.pipeline.removeLot")}
            </button>
          )}
        </div>
      ))}
      <div className="quant-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => setLots([...lots, { lotCode: "", expiry: "", quantity: "" }])}
        >
          {t("quant.pipeline.addLot")}
        </button>
        <button type="submit" className="button button-primary" disabled={receive.isPending}>
          {t("quant.pipeline.confirmReceive")}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t("quant.pipeline.cancel")}
        </button>
      </div>
      <FieldIssues error={receive.error} fieldsKey="quant.pipeline.fields" />
    </form>
  );
}
