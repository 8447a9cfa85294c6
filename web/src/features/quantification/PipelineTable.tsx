/**
 * Pipeline shipments as a table: each open one can be edited in place (quantity, expected date, status, supplier,
 * funding), received at PPM central (ReceiveForm) or cancelled; received ones show what arrived.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PipelinePatch, PipelineShipmentView } from "@shared/contracts/pipeline";
import { useCancelShipment, useEditShipment } from "../../api/quantification";
import { useProgrammes } from "../../api/reference";
import { formatDate, formatNumber, formatXof } from "../../i18n/format";
import { FieldIssues } from "./FieldIssues";
import { ReceiveForm } from "./ReceiveForm";

const OPEN_STATUSES = ["planned", "ordered", "shipped"] as const;

/** The editable fields of a row while it is edited. */
interface Draft {
  qtyUnits: string;
  expectedDate: string;
  status: PipelinePatch["status"];
  supplier: string;
  fundingSource: string;
}

/** One row being edited. */
function EditRow({ s, showProduct, onDone }: { s: PipelineShipmentView; showProduct: boolean; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const programmes = useProgrammes();
  const edit = useEditShipment();
  const [draft, setDraft] = useState<Draft>({
    qtyUnits: String(s.qtyUnits),
    expectedDate: s.expectedDate,
    status: s.status === "received" ? "shipped" : s.status,
    supplier: s.supplier,
    fundingSource: s.fundingSource,
  });
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = () => {
    const patch: PipelinePatch = {
      qtyUnits: Number(draft.qtyUnits),
      expectedDate: draft.expectedDate,
      status: draft.status,
      supplier: draft.supplier,
      fundingSource: draft.fundingSource,
    };
    edit.mutate({ id: s.id, patch }, { onSuccess: onDone });
  };
  const label = (k: string) => t(`quant.pipeline.fields.${k}`);
  return (
    <tr data-shipment-id={s.id} className="is-selected">
      {showProduct && <th scope="row">{s.productName}</th>}
      <td>
        <input
          aria-label={label("supplier")}
          value={draft.supplier}
          onChange={(e) => set({ supplier: e.target.value })}
        />
      </td>
      <td>
        <select
          aria-label={label("fundingSource")}
          value={draft.fundingSource}
          onChange={(e) => set({ fundingSource: e.target.value })}
        >
          {(programmes.data ?? []).map((p) => (
            <option key={p.code} value={p.code}>
              {i18n.language === "en" ? p.nameEn : p.nameFr}
            </option>
          ))}
        </select>
      </td>
      <td className="num">
        <input
          aria-label={label("qtyUnits")}
          inputMode="numeric"
          value={draft.qtyUnits}
          onChange={(e) => set({ qtyUnits: e.target.value })}
        />
      </td>
      <td>
        <input
          aria-label={label("expectedDate")}
          type="date"
          value={draft.expectedDate}
          onChange={(e) => set({ expectedDate: e.target.value })}
        />
      </td>
      <td>
        <select
          aria-label={label("status")}
          value={draft.status}
          onChange={(e) => set({ status: e.target.value as Draft["status"] })}
        >
          {OPEN_STATUSES.map((st) => (
            <option key={st} value={st}>
              {t(`quant.pipeline.statuses.${st}`)}
            </option>
          ))}
        </select>
      </td>
      <td colSpan={2}>
        <div className="quant-actions">
          <button type="button" className="button button-primary button-small" onClick={save} disabled={edit.isPending}>
            {t("quant.pipeline.save")}
          </button>
          <button type="button" className="button button-small" onClick={onDone}>
            {t("quant.pipeline.cancel")}
          </button>
        </div>
        <FieldIssues error={edit.error} fieldsKey="quant.pipeline.fields" />
      </td>
    </tr>
  );
}

/** The table of shipments. */
export function PipelineTable({ items, showProduct }: { items: PipelineShipmentView[]; showProduct: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [editing, setEditing] = useState<number | null>(null);
  const [receiving, setReceiving] = useState<number | null>(null);
  const cancel = useCancelShipment();
  const shown = items.find((s) => s.id === receiving);
  return (
    <>
      <div className="table-scroll" role="region" aria-label={t("quant.pipeline.title")} tabIndex={0}>
        <table className="table quant-table" data-testid="pipeline-table">
          <thead>
            <tr>
              {showProduct && <th scope="col">{t("quant.product")}</th>}
              <th scope="col">{t("quant.pipeline.supplier")}</th>
              <th scope="col">{t("quant.pipeline.fundingSource")}</th>
              <th scope="col" className="num">
                {t("quant.pipeline.quantity")}
              </th>
              <th scope="col">{t("quant.pipeline.expectedDate")}</th>
              <th scope="col">{t("quant.pipeline.status")}</th>
              <th scope="col" className="num">
                {t("quant.pipeline.cost")}
              </th>
              <th scope="col">{t("quant.pipeline.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) =>
              editing === s.id ? (
                <EditRow key={s.id} s={s} showProduct={showProduct} onDone={() => setEditing(null)} />
              ) : (
                <tr key={s.id} data-shipment-id={s.id}>
                  {showProduct && <th scope="row">{s.productName}</th>}
                  <td>{s.supplier}</td>
                  <td>{s.fundingSource}</td>
                  <td className="num">
                    {formatNumber(s.qtyUnits, lang)}
                    {s.receivedQty !== null && (
                      <span className="muted small block">{formatNumber(s.receivedQty, lang)}</span>
                    )}
                  </td>
                  <td className="nowrap">
                    {formatDate(s.expectedDate)}
                    {s.receivedAt && <span className="muted small block">{formatDate(s.receivedAt)}</span>}
                  </td>
                  <td>{t(`quant.pipeline.statuses.${s.status}`)}</td>
                  <td className="num nowrap">
                    {s.costXof !== null
                      ? formatXof(s.costXof, lang)
                      : t("quant.pipeline.costEstimated", { cost: formatXof(s.estimatedCostXof, lang) })}
                  </td>
                  <td>
                    {s.status !== "received" && (
                      <div className="quant-actions">
                        <button type="button" className="button button-small" onClick={() => setEditing(s.id)}>
                          {t("quant.pipeline.edit")}
                        </button>
                        <button type="button" className="button button-small" onClick={() => setReceiving(s.id)}>
                          {t("quant.pipeline.receive")}
                        </button>
                        <button
                          type="button"
                          className="button button-small button-ghost"
                          disabled={cancel.isPending}
                          onClick={() => {
                            if (window.confirm(t("quant.pipeline.removeConfirm"))) cancel.mutate(s.id);
                          }}
                        >
                          {t("quant.pipeline.remove")}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <FieldIssues error={cancel.error} fieldsKey="quant.pipeline.fields" />
      {shown && <ReceiveForm shipment={shown} onClose={() => setReceiving(null)} />}
    </>
  );
}
