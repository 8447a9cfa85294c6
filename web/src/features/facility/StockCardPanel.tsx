/** Stock card of one product at a facility: its ledger lines in date order, paged, latest page first. */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { StockCard, StockPosition } from "@shared/contracts/stock";
import { useStockCard } from "../../api/stock";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { formatDate, formatNumber } from "../../i18n/format";
import { reasonLabel, unitLabel } from "../../i18n/keys";
import { DataTable } from "../../lib/table/DataTable";
import { HistoryChart } from "./HistoryChart";
import { productLabel } from "./StockTable";

const PAGE = 50;

type CardLine = StockCard["items"][number];

/** The ledger lines of one page of the card. */
function CardLines({ lines, name }: { lines: CardLine[]; name: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const reason = (line: CardLine) => (line.reason ? reasonLabel(t, line.reason) : "—");
  return (
    <DataTable
      rows={lines}
      rowKey={(l) => l.id}
      className="card-table"
      label={t("card.title", { name })}
      columns={[
        { id: "date", header: t("card.date"), className: "nowrap", cell: (l) => formatDate(l.occurredAt) },
        { id: "type", header: t("card.type"), cell: (l) => t(`movement.${l.type}`) },
        { id: "reason", header: t("card.reason"), cell: reason },
        { id: "lot", header: t("card.lot"), className: "lot-code", cell: (l) => l.lotCode },
        { id: "expiry", header: t("card.expiry"), className: "nowrap", cell: (l) => formatDate(l.expiry) },
        {
          id: "qty",
          header: t("card.qty"),
          numeric: true,
          cell: (l) => (
            <span className={l.qtyDelta < 0 ? "qty-out" : "qty-in"}>
              {l.qtyDelta > 0 ? "+" : "−"}
              {formatNumber(Math.abs(l.qtyDelta), lang)}
            </span>
          ),
        },
        {
          id: "lotBalance",
          header: t("card.lotBalance"),
          numeric: true,
          cell: (l) => formatNumber(l.balanceAfter, lang),
        },
        {
          id: "productBalance",
          header: t("card.productBalance"),
          numeric: true,
          cell: (l) => <strong>{formatNumber(l.productBalanceAfter, lang)}</strong>,
        },
        { id: "reference", header: t("card.reference"), className: "small", cell: (l) => l.reference ?? "—" },
      ]}
    />
  );
}

/** The stock card panel below the positions table. */
export function StockCardPanel({
  facilityId,
  position,
  onClose,
}: {
  facilityId: string;
  position: StockPosition;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // null = "the latest page", resolved once the total is known.
  const [offset, setOffset] = useState<number | null>(null);
  const card = useStockCard(facilityId, position.productId, { limit: PAGE, offset: offset ?? 0 });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const total = card.data?.total ?? 0;
  const lastOffset = Math.max(0, Math.floor((total - 1) / PAGE) * PAGE);

  useEffect(() => {
    if (offset === null && card.data && card.data.total > PAGE) setOffset(lastOffset);
  }, [offset, card.data, lastOffset]);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
    headingRef.current?.scrollIntoView({ block: "start" });
  }, []);

  const waitingForLastPage = offset === null && total > PAGE;
  const name = productLabel(position);
  return (
    <section className="stock-card" aria-labelledby="stock-card-title" data-testid="stock-card">
      <div className="stock-card-head">
        <h3 id="stock-card-title" ref={headingRef} tabIndex={-1}>
          {t("card.title", { name })}
        </h3>
        <button type="button" className="button button-ghost" onClick={onClose}>
          {t("card.close")}
        </button>
      </div>
      <p className="muted small">
        {t("card.onHand", {
          qty: `${formatNumber(position.stockOnHand, lang)} ${unitLabel(t, position.baseUnit, position.stockOnHand)}`,
        })}
      </p>
      <HistoryChart facilityId={facilityId} position={position} />
      {card.isPending || waitingForLastPage ? (
        <Loading />
      ) : card.isError ? (
        <ErrorState error={card.error} onRetry={() => void card.refetch()} />
      ) : card.data.items.length === 0 ? (
        <EmptyState>{t("card.empty")}</EmptyState>
      ) : (
        <>
          <CardLines lines={card.data.items} name={name} />
          <div className="pager">
            <button
              type="button"
              className="button"
              disabled={(offset ?? 0) === 0}
              onClick={() => setOffset(Math.max(0, (offset ?? 0) - PAGE))}
            >
              ← {t("card.older")}
            </button>
            <span className="muted small" aria-live="polite">
              {t("card.range", { from: (offset ?? 0) + 1, to: (offset ?? 0) + card.data.items.length, total })}
            </span>
            <button
              type="button"
              className="button"
              disabled={(offset ?? 0) >= lastOffset}
              onClick={() => setOffset(Math.min(lastOffset, (offset ?? 0) + PAGE))}
            >
              {t("card.newer")} →
            </button>
          </div>
        </>
      )}
    </section>
  );
}
