/**
 * The receiving facility confirms a transfer lot by lot, like an order's proof of delivery: accepted (the quantity
 * sent by default) and rejected (the rest, which needs a reason and returns to the sender). Checked as typed with
 * the server's own contract (TransferReceive).
 */
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useFormContext } from "react-hook-form";
import { TransferReceive, type Transfer } from "@shared/contracts/transfers";
import { ApiError } from "../../api/client";
import { useReceiveTransfer } from "../../api/transfers";
import { formatDate, formatNumber } from "../../i18n/format";
import { FieldMessage, FormFrame, FormServerError, GridQuantityInput, useControlAria } from "../../lib/forms/fields";
import { parseWhole } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { DataTable, type Columns } from "../../lib/table/DataTable";
import { RECEIVE_MESSAGES, receiveDefaults, receiveFieldOf, toReceiveRequest, type ReceiveValues } from "./receiveForm";

type Lot = Transfer["lots"][number];

/** The rejected quantity: sent − accepted as typed. */
function RejectedCell({ lot }: { lot: Lot }) {
  const { t, i18n } = useTranslation();
  const { watch } = useFormContext<ReceiveValues>();
  const accepted = parseWhole(watch(`lots.${lot.lotId}.accepted`) ?? "");
  if (accepted === null) return <span className="muted">—</span>;
  const rejected = lot.qty - accepted;
  if (rejected < 0) return <span className="field-error">{t("pod.tooMany")}</span>;
  return rejected > 0 ? <strong className="warn-text">{formatNumber(rejected, i18n.language)}</strong> : <>0</>;
}

/** The rejection's reason: a field when something of the lot is rejected. */
function ReasonCell({ lot, transferId }: { lot: Lot; transferId: number }) {
  const { t } = useTranslation();
  const { watch, register } = useFormContext<ReceiveValues>();
  const name = `lots.${lot.lotId}.reason` as const;
  const aria = useControlAria(`transfer-${transferId}-reason-${lot.lotId}`, name);
  const accepted = parseWhole(watch(`lots.${lot.lotId}.accepted`) ?? "");
  if (accepted === null || accepted >= lot.qty) return <span className="muted">—</span>;
  return (
    <>
      <input
        {...aria}
        {...register(name)}
        aria-label={t("transfers.reasonFor", { lot: lot.lotCode })}
        placeholder={t("pod.reasonPlaceholder")}
      />
      <FieldMessage id={`${aria.id}-msg`} name={name} />
    </>
  );
}

/** Lot, sent, accepted (input), rejected, reason. */
function useReceiveColumns(transferId: number): Columns<Lot> {
  const { t, i18n } = useTranslation();
  return [
    {
      id: "lot",
      header: t("card.lot"),
      rowHeader: true,
      cell: (lot) => (
        <>
          <span className="lot-code">{lot.lotCode}</span>
          <span className="muted small block">{t("stock.lotExpiry", { date: formatDate(lot.expiry) })}</span>
        </>
      ),
    },
    { id: "sent", header: t("transfers.sent"), numeric: true, cell: (lot) => formatNumber(lot.qty, i18n.language) },
    {
      id: "accepted",
      header: t("pod.accepted"),
      numeric: true,
      cell: (lot) => (
        <GridQuantityInput
          name={`lots.${lot.lotId}.accepted`}
          id={`transfer-${transferId}-accepted-${lot.lotId}`}
          label={t("transfers.acceptedFor", { lot: lot.lotCode })}
        />
      ),
    },
    { id: "rejected", header: t("pod.rejected"), numeric: true, cell: (lot) => <RejectedCell lot={lot} /> },
    { id: "reason", header: t("pod.reason"), cell: (lot) => <ReasonCell lot={lot} transferId={transferId} /> },
  ];
}

/** Props: the transfer in transit, and what to do once it is received. */
export function ReceiveTransferForm({ transfer, onDone }: { transfer: Transfer; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const receive = useReceiveTransfer(transfer.id);
  // Kept between renders: the form's resolver is rebuilt only when the transfer changes.
  const toRequest = useCallback((v: ReceiveValues) => toReceiveRequest(transfer, v), [transfer]);
  const fieldOf = useCallback((path: string) => receiveFieldOf(transfer, path), [transfer]);
  const form = useContractForm({
    contract: TransferReceive,
    toRequest,
    fieldOf,
    customMessages: RECEIVE_MESSAGES,
    defaultValues: receiveDefaults(transfer),
  });
  const alreadyReceived = receive.error instanceof ApiError && receive.error.code === "invalid_transition";
  return (
    <div className="receive-transfer" data-testid="receive-transfer" data-transfer-id={transfer.id}>
      <FormFrame
        form={form}
        serverError={receive.error}
        onValid={(body) => receive.mutate(body, { onSuccess: () => onDone(t("transfers.done", { id: transfer.id })) })}
        aria-label={t("transfers.receiveTitle", { id: transfer.id })}
      >
        <DataTable
          columns={useReceiveColumns(transfer.id)}
          rows={transfer.lots}
          rowKey={(lot) => lot.lotId}
          label={t("transfers.receiveTitle", { id: transfer.id })}
          className="pod-table"
          rowProps={(lot) => ({ "data-lot-id": lot.lotId })}
        />
        <div className="actions-row">
          {alreadyReceived ? (
            <p className="form-error" role="alert" data-error-code="invalid_transition">
              {t("transfers.alreadyReceived")}
            </p>
          ) : (
            <FormServerError />
          )}
          <button type="submit" className="button button-primary" disabled={receive.isPending}>
            {receive.isPending ? t("common.sending") : t("transfers.receive")}
          </button>
        </div>
      </FormFrame>
    </div>
  );
}
