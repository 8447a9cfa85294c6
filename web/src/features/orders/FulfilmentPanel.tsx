/** At the supplying depot: start the FEFO pick, read the pick list lot by lot (blocked lots, shortfall), then ship. */
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Order } from "@shared/contracts/replenishment";
import { useLastPicks, useOrderAction } from "../../api/orders";
import { useStockPositions } from "../../api/stock";
import { ActionError } from "../../components/ActionError";
import { packsFor } from "@shared/domain/replenishment/packs";
import { formatDate, formatNumber } from "../../i18n/format";
import { DataTable } from "../../lib/table/DataTable";
import { PackNote } from "./packs";
import { pickRows, type BlockedLotView, type PickRow } from "./pickList";

/** The lots picked for a line: code, expiry, quantity and whole packs. */
function PickedLots({ row: r }: { row: PickRow }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (r.lots.length === 0) return <span className="muted">{t("pick.noLot")}</span>;
  return (
    <ul className="lots">
      {r.lots.map((lot) => (
        <li key={lot.lotId}>
          <span className="lot-code">{lot.lotCode}</span> · {t("stock.lotExpiry", { date: formatDate(lot.expiry) })} ·{" "}
          <strong>{formatNumber(lot.pickedQty, lang)}</strong>
          {lot.pickedQty >= r.packSize && (
            <span className="muted">
              {" "}
              (
              {t(lot.pickedQty % r.packSize === 0 ? "pick.packsOnly" : "pick.packsShort", {
                packs: formatNumber(Math.floor(lot.pickedQty / r.packSize), lang),
                rest: lot.pickedQty % r.packSize,
              })}
              )
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The lots that could not be picked, with why. */
function BlockedLots({ row: r }: { row: PickRow }) {
  const { t, i18n } = useTranslation();
  if (r.blocked.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="lots">
      {r.blocked.map((b) => (
        <li key={b.lotId} className="lot-blocked">
          <span className="lot-code">{b.lotCode}</span> · {t("stock.lotExpiry", { date: formatDate(b.expiry) })} ·{" "}
          {formatNumber(b.qty, i18n.language)}
          <span className={`badge badge-blocked badge-${b.reason}`}>{t(`blocked.${b.reason}`)}</span>
        </li>
      ))}
    </ul>
  );
}

function PickTable({ rows }: { rows: PickRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <DataTable
      rows={rows}
      rowKey={(r) => r.lineId}
      label={t("pick.title")}
      className="pick-table"
      testId="pick-list"
      rowProps={(r) => ({ "data-line-id": r.lineId, className: r.shortfall > 0 ? "has-shortfall" : undefined })}
      columns={[
        {
          id: "product",
          header: t("order.product"),
          rowHeader: true,
          className: "product-cell",
          cell: (r) => (
            <>
              {r.name}
              <span className="muted small">
                {r.code} · {t("stock.packSize", { size: formatNumber(r.packSize, lang) })}
              </span>
            </>
          ),
        },
        {
          id: "approved",
          header: t("order.approved"),
          numeric: true,
          cell: (r) => (
            <>
              {formatNumber(r.approvedQty, lang)}
              <PackNote packs={packsFor(r.approvedQty, r.pack)} size={r.packSize} />
            </>
          ),
        },
        { id: "lots", header: t("pick.lots"), cell: (r) => <PickedLots row={r} /> },
        { id: "blocked", header: t("pick.blocked"), cell: (r) => <BlockedLots row={r} /> },
        {
          id: "shortfall",
          header: t("pick.shortfall"),
          numeric: true,
          cell: (r) =>
            r.shortfall > 0 ? <strong className="warn-text">{formatNumber(r.shortfall, lang)}</strong> : "0",
        },
      ]}
    />
  );
}

/** The depot's blocked lots by product and funding source, read from its stock positions (only when the pick's own answer is gone). */
function useDepotBlocked(order: Order, enabled: boolean) {
  const stock = useStockPositions(order.supplierId, null, enabled);
  return useMemo(() => {
    const items = enabled ? (stock.data?.items ?? []) : [];
    return (productId: number, fundingSource: string): BlockedLotView[] =>
      (items.find((p) => p.productId === productId)?.lots ?? [])
        .filter((l) => l.blockedReason !== null && l.fundingSource === fundingSource && l.qtyOnHand > 0)
        .map((l) => ({
          lotId: l.lotId,
          lotCode: l.lotCode,
          expiry: l.expiry,
          qty: l.qtyOnHand,
          reason: l.blockedReason!,
        }));
  }, [stock.data, enabled]);
}

/** Ship: what to do with the shortfall (back-order or escalate), then send. */
function ShipForm({
  order,
  shortfall,
  onDone,
}: {
  order: Order;
  shortfall: number;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const action = useOrderAction(order.id);
  const [shortfallAction, setShortfallAction] = useState<"backorder" | "escalate" | null>(null);
  return (
    <form
      className="ship-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!shortfallAction) return;
        action.mutate(
          { action: "ship", body: { shortfallAction } },
          { onSuccess: () => onDone(t("order.done.shipped")) },
        );
      }}
    >
      <fieldset>
        <legend>
          {shortfall > 0 ? t("ship.question", { qty: formatNumber(shortfall, i18n.language) }) : t("ship.questionNone")}
        </legend>
        {(["backorder", "escalate"] as const).map((choice) => (
          <label key={choice} className="choice">
            <input
              type="radio"
              name="shortfall"
              value={choice}
              checked={shortfallAction === choice}
              onChange={() => setShortfallAction(choice)}
            />
            <span>
              <strong>{t(`ship.${choice}`)}</strong>
              <span className="muted small block">{t(`ship.${choice}Hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="actions-row">
        <ActionError error={action.error} />
        <button type="submit" className="button button-primary" disabled={!shortfallAction || action.isPending}>
          {action.isPending ? t("common.sending") : t("ship.submit")}
        </button>
      </div>
    </form>
  );
}

/** Props: the order, and whether the user may pick (approved), ship or cancel the pick (picking). */
export interface FulfilmentPanelProps {
  order: Order;
  canPick: boolean;
  canShip: boolean;
  canUnpick?: boolean;
  onDone: (message: string) => void;
}

/** The fulfilment card. */
export function FulfilmentPanel({ order, canPick, canShip, canUnpick = false, onDone }: FulfilmentPanelProps) {
  const { t, i18n } = useTranslation();
  const action = useOrderAction(order.id);
  const picks = useLastPicks(order.id);
  const depotBlocked = useDepotBlocked(order, order.status === "picking" && canShip && !picks);
  const rows = order.status === "picking" ? pickRows(order, picks, depotBlocked) : [];
  const shortfall = rows.reduce((s, r) => s + r.shortfall, 0);

  if (order.status === "approved") {
    return (
      <section className="action-card" aria-labelledby="pick-title">
        <h2 id="pick-title">{t("pick.startTitle")}</h2>
        <p className="small">{t("pick.startHint")}</p>
        <div className="actions-row">
          <ActionError error={action.error} />
          <button
            type="button"
            className="button button-primary"
            disabled={!canPick || action.isPending}
            onClick={() => action.mutate({ action: "pick" }, { onSuccess: () => onDone(t("order.done.picked")) })}
          >
            {action.isPending ? t("common.sending") : t("pick.start")}
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="action-card" aria-labelledby="pick-title">
      <h2 id="pick-title">{t("pick.title")}</h2>
      <p className="small">
        {shortfall > 0
          ? t("pick.summaryShort", { count: rows.length, qty: formatNumber(shortfall, i18n.language) })
          : t("pick.summary", { count: rows.length })}
      </p>
      <PickTable rows={rows} />
      {canUnpick && (
        <div className="actions-row">
          <span className="muted small">{t("pick.unpickHint")}</span>
          <ActionError error={action.error} />
          <button
            type="button"
            className="button"
            data-testid="unpick"
            disabled={action.isPending}
            onClick={() => action.mutate({ action: "unpick" }, { onSuccess: () => onDone(t("order.done.unpicked")) })}
          >
            {t("pick.unpick")}
          </button>
        </div>
      )}
      {canShip && <ShipForm order={order} shortfall={shortfall} onDone={onDone} />}
    </section>
  );
}
