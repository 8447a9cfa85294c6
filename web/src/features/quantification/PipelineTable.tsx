/**
 * Pipeline shipments as a table: each open one can be edited in place (quantity, expected date, status, supplier,
 * funding), received at PPM central (ReceiveForm) or cancelled; received ones show what arrived.
 */
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { PipelineShipmentView } from "@shared/contracts/pipeline";
import { useCancelShipment } from "../../api/quantification";
import { ActionError } from "../../components/ActionError";
import { formatDate, formatNumber, formatXof } from "../../i18n/format";
import { ReceiveForm } from "./ReceiveForm";
import { ShipmentEditRow } from "./ShipmentEditRow";

/** The buttons of an open shipment: edit, receive, cancel (after a confirmation). */
function RowActions({ onEdit, onReceive, onCancel, cancelling }: RowActionsProps) {
  const { t } = useTranslation();
  return (
    <div className="quant-actions">
      <button type="button" className="button button-small" onClick={onEdit}>
        {t("quant.pipeline.edit")}
      </button>
      <button type="button" className="button button-small" onClick={onReceive}>
        {t("quant.pipeline.receive")}
      </button>
      <button
        type="button"
        className="button button-small button-ghost"
        disabled={cancelling}
        onClick={() => {
          if (window.confirm(t("quant.pipeline.removeConfirm"))) onCancel();
        }}
      >
        {t("quant.pipeline.remove")}
      </button>
    </div>
  );
}
interface RowActionsProps {
  onEdit: () => void;
  onReceive: () => void;
  onCancel: () => void;
  cancelling: boolean;
}

/** One shipment as read: what was ordered and, once received, what arrived and when. */
function ShipmentRow({
  s,
  showProduct,
  actions,
}: {
  s: PipelineShipmentView;
  showProduct: boolean;
  actions: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <tr data-shipment-id={s.id}>
      {showProduct && <th scope="row">{s.productName}</th>}
      <td>{s.supplier}</td>
      <td>{s.fundingSource}</td>
      <td className="num">
        {formatNumber(s.qtyUnits, lang)}
        {s.receivedQty !== null && <span className="muted small block">{formatNumber(s.receivedQty, lang)}</span>}
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
      <td>{s.status !== "received" && actions}</td>
    </tr>
  );
}

/** The header row. */
function PipelineHead({ showProduct }: { showProduct: boolean }) {
  const { t } = useTranslation();
  return (
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
  );
}

/**
 * The table of shipments, or `empty` when there is none. The receipt form keeps the shipment it was opened on: once
 * received, the shipment may leave `items` (the open ones) while the form still shows what was booked.
 */
export function PipelineTable({ items, showProduct, empty }: PipelineTableProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<number | null>(null);
  const [receiving, setReceiving] = useState<PipelineShipmentView | null>(null);
  const cancel = useCancelShipment();
  const shown = receiving && (items.find((s) => s.id === receiving.id) ?? receiving);
  return (
    <>
      {items.length === 0 ? (
        empty
      ) : (
        <div className="table-scroll" role="region" aria-label={t("quant.pipeline.title")} tabIndex={0}>
          <table className="table quant-table" data-testid="pipeline-table">
            <PipelineHead showProduct={showProduct} />
            <tbody>
              {items.map((s) =>
                editing === s.id ? (
                  <ShipmentEditRow key={s.id} s={s} columns={showProduct ? 8 : 7} onDone={() => setEditing(null)} />
                ) : (
                  <ShipmentRow
                    key={s.id}
                    s={s}
                    showProduct={showProduct}
                    actions={
                      <RowActions
                        onEdit={() => setEditing(s.id)}
                        onReceive={() => setReceiving(s)}
                        onCancel={() => cancel.mutate(s.id)}
                        cancelling={cancel.isPending}
                      />
                    }
                  />
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      <ActionError error={cancel.error} />
      {shown && <ReceiveForm key={shown.id} shipment={shown} onClose={() => setReceiving(null)} />}
    </>
  );
}

interface PipelineTableProps {
  items: PipelineShipmentView[];
  showProduct: boolean;
  /** What stands in place of the table when there is no shipment to show */
  empty: ReactNode;
}
