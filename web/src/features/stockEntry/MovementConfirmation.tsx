/** What a stock write did: the ledger lines the server wrote, and a link to the product's stock card on the facility page. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { MovementResult } from "@shared/contracts/stock";
import { formatDate, formatNumber } from "../../i18n/format";
import { DataTable } from "../../lib/table/DataTable";
import { reasonLabel } from "../../i18n/keys";

/** Props: the server's answer, the facility, and the product for the stock card link. */
interface Props {
  result: MovementResult;
  facilityId: string;
  productId: number;
  onNext: () => void;
}

/** The confirmation card after a receipt, adjustment or count. */
export function MovementConfirmation({ result, facilityId, productId, onNext }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section
      className="action-card"
      aria-labelledby="entry-done-title"
      data-testid="entry-confirmation"
      data-batch-id={result.batchId}
    >
      <h2 id="entry-done-title" role="status">
        {result.movements.length === 0
          ? t("stockEntry.done.nothing")
          : t("stockEntry.done.title", { count: result.movements.length })}
      </h2>
      {result.transferId !== undefined && (
        <p data-testid="transfer-in-transit" data-transfer-id={result.transferId}>
          {t("stockEntry.transfer.inTransit", { id: result.transferId })}
        </p>
      )}
      {result.movements.length > 0 && (
        <DataTable
          className="small"
          caption={t("stockEntry.done.caption")}
          rows={result.movements}
          rowKey={(m) => m.id}
          rowProps={(m) => ({ "data-movement-id": m.id })}
          columns={[
            {
              id: "type",
              header: t("stockEntry.done.type"),
              cell: (m) => `${t(`movement.${m.type}`)}${m.reason ? ` — ${reasonLabel(t, m.reason)}` : ""}`,
            },
            { id: "lot", header: t("stockEntry.lot"), cell: (m) => m.lotCode },
            { id: "expiry", header: t("stockEntry.expiry"), cell: (m) => formatDate(m.expiry) },
            {
              id: "delta",
              header: t("stockEntry.done.delta"),
              numeric: true,
              cell: (m) => <span data-delta>{`${m.qtyDelta > 0 ? "+" : ""}${formatNumber(m.qtyDelta, lang)}`}</span>,
            },
            {
              id: "balance",
              header: t("stockEntry.done.balance"),
              numeric: true,
              cell: (m) => formatNumber(m.balanceAfter, lang),
            },
          ]}
        />
      )}
      <div className="actions-row">
        <Link to={`/facilities/${encodeURIComponent(facilityId)}?product=${productId}`} data-testid="stock-card-link">
          {t("stockEntry.done.stockCard")}
        </Link>
        <button type="button" className="button" onClick={onNext}>
          {t("stockEntry.done.next")}
        </button>
      </div>
    </section>
  );
}
