/**
 * Stock in transit at a facility: the transfers sent to it, to receive (with the receipt form when the user may
 * write its stock), and those it sent that the other side has not confirmed yet. Shown on the facility page and on
 * the depot's page; nothing when no transfer is in transit.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Transfer } from "@shared/contracts/transfers";
import { useTransfers } from "../../api/transfers";
import { ErrorState } from "../../components/States";
import { formatDate, formatNumber } from "../../i18n/format";
import { ReceiveTransferForm } from "./ReceiveTransferForm";

/** One transfer's header: number, product, quantity, the other facility, when it left, the reference. */
function TransferSummary({ transfer, side }: { transfer: Transfer; side: "in" | "out" }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="small">
      <strong>{t("transfers.number", { id: transfer.id })}</strong> — {transfer.genericName} ·{" "}
      {t("transfers.quantity", {
        qty: formatNumber(transfer.quantity, i18n.language),
        unit: transfer.baseUnit,
        size: formatNumber(transfer.packSize, i18n.language),
      })}{" "}
      ·{" "}
      {side === "in"
        ? t("transfers.from", { name: transfer.fromFacilityName })
        : t("transfers.to", { name: transfer.toFacilityName })}{" "}
      · {t("transfers.sentOn", { date: formatDate(transfer.sentAt) })}
      {transfer.reference ? ` · ${t("transfers.reference", { reference: transfer.reference })}` : ""}
    </p>
  );
}

/** Props: the facility, and whether the user may confirm receipts there (stock:write on a facility in scope). */
export function TransfersSection({ facilityId, canReceive }: { facilityId: string; canReceive: boolean }) {
  const { t } = useTranslation();
  const incoming = useTransfers({ facilityId, direction: "in", status: "in_transit" });
  const outgoing = useTransfers({ facilityId, direction: "out", status: "in_transit" });
  const [done, setDone] = useState<string | null>(null);
  if (incoming.isError) return <ErrorState error={incoming.error} onRetry={() => void incoming.refetch()} />;
  const ins = incoming.data?.items ?? [];
  const outs = outgoing.data?.items ?? [];
  if (ins.length === 0 && outs.length === 0 && !done) return null;
  return (
    <section className="card transfers-section" aria-labelledby="transfers-title" data-testid="transfers-section">
      <h2 id="transfers-title">{t("transfers.title")}</h2>
      {done && (
        <p role="status" className="ok-note" data-testid="transfer-received">
          {done}
        </p>
      )}
      {ins.length > 0 && (
        <>
          <h3>{t("transfers.incoming", { count: ins.length })}</h3>
          <ul className="transfer-list">
            {ins.map((transfer) => (
              <li key={transfer.id} className="action-card transfer-card" data-testid="incoming-transfer">
                <TransferSummary transfer={transfer} side="in" />
                {canReceive ? (
                  <ReceiveTransferForm transfer={transfer} onDone={setDone} />
                ) : (
                  <p className="muted small">{t("transfers.receiverConfirms")}</p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {outs.length > 0 && (
        <>
          <h3>{t("transfers.outgoing", { count: outs.length })}</h3>
          <ul className="transfer-list">
            {outs.map((transfer) => (
              <li key={transfer.id} className="transfer-card" data-testid="outgoing-transfer">
                <TransferSummary transfer={transfer} side="out" />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
