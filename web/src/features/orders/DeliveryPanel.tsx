/** Proof of delivery per lot (accepted + rejected = shipped, a reason for any rejection), then the facility's receipt. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { OrderDeliver, type Order } from "@shared/contracts/replenishment";
import { useOrderAction } from "../../api/orders";
import { ActionError } from "../../components/ActionError";
import { formatDate, formatNumber } from "../../i18n/format";
import { parseQty } from "./approvalDraft";

type Entry = { accepted: string; reason: string };

/** The shipped lots of an order, one row each. */
function shippedLots(order: Order) {
  return order.lines.flatMap((line) =>
    line.lots.filter((lot) => lot.shippedQty > 0).map((lot) => ({ line, lot, key: `${line.id}:${lot.lotId}` })),
  );
}

/** The deliver request from what was typed, or the keys of the rows that are not valid. */
function buildRequest(order: Order, entries: Record<string, Entry>) {
  const bad = new Set<string>();
  const lines = new Map<
    number,
    { lineId: number; lots: { lotId: number; acceptedQty: number; rejectedQty: number; reason?: string }[] }
  >();
  for (const { line, lot, key } of shippedLots(order)) {
    const entry = entries[key] ?? { accepted: String(lot.shippedQty), reason: "" };
    const accepted = parseQty(entry.accepted);
    if (accepted === null || accepted > lot.shippedQty) {
      bad.add(key);
      continue;
    }
    const rejectedQty = lot.shippedQty - accepted;
    const item = {
      lotId: lot.lotId,
      acceptedQty: accepted,
      rejectedQty,
      ...(rejectedQty > 0 ? { reason: entry.reason.trim() } : {}),
    };
    if (rejectedQty > 0 && entry.reason.trim().length < 3) bad.add(key);
    lines.set(line.id, { lineId: line.id, lots: [...(lines.get(line.id)?.lots ?? []), item] });
  }
  const body = { lines: [...lines.values()] };
  return { body, bad, valid: bad.size === 0 && OrderDeliver.safeParse(body).success };
}

/** Props: the order, and whether the user may record the delivery (shipped) or confirm receipt (delivered). */
export interface DeliveryPanelProps {
  order: Order;
  canDeliver: boolean;
  canReceive: boolean;
  onDone: (message: string) => void;
}

/** The delivery card. */
export function DeliveryPanel({ order, canDeliver, canReceive, onDone }: DeliveryPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const action = useOrderAction(order.id);
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [attempted, setAttempted] = useState(false);
  const rows = shippedLots(order);
  const request = buildRequest(order, entries);
  const editing = order.status === "shipped" && canDeliver;

  const submit = () => {
    setAttempted(true);
    if (request.valid)
      action.mutate({ action: "deliver", body: request.body }, { onSuccess: () => onDone(t("order.done.delivered")) });
  };

  return (
    <section className="action-card" aria-labelledby="pod-title">
      <h2 id="pod-title">{editing ? t("pod.title") : t("pod.receiveTitle")}</h2>
      <p className="small">{editing ? t("pod.hint") : t("pod.receiveHint")}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("pod.title")}>
        <table className="table pod-table" data-testid="pod-table">
          <thead>
            <tr>
              <th scope="col">{t("order.product")}</th>
              <th scope="col">{t("card.lot")}</th>
              <th scope="col" className="num">
                {t("order.shipped")}
              </th>
              <th scope="col" className="num">
                {t("pod.accepted")}
              </th>
              <th scope="col" className="num">
                {t("pod.rejected")}
              </th>
              <th scope="col">{t("pod.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ line, lot, key }) => {
              const entry = entries[key] ?? { accepted: String(lot.shippedQty), reason: "" };
              const accepted = parseQty(entry.accepted);
              const rejected = editing
                ? accepted === null
                  ? null
                  : lot.shippedQty - accepted
                : (lot.rejectedQty ?? 0);
              const invalid = attempted && request.bad.has(key);
              const set = (change: Partial<Entry>) => setEntries({ ...entries, [key]: { ...entry, ...change } });
              return (
                <tr key={key} data-lot-id={lot.lotId}>
                  <th scope="row" className="product-cell">
                    {line.genericName}
                    <span className="muted small">
                      {t("stock.packSize", { size: formatNumber(line.packSize, lang) })}
                    </span>
                  </th>
                  <td>
                    <span className="lot-code">{lot.lotCode}</span>
                    <span className="muted small block">{t("stock.lotExpiry", { date: formatDate(lot.expiry) })}</span>
                  </td>
                  <td className="num">{formatNumber(lot.shippedQty, lang)}</td>
                  <td className="num">
                    {editing ? (
                      <input
                        className="qty-input"
                        inputMode="numeric"
                        value={entry.accepted}
                        aria-label={t("pod.acceptedFor", { name: line.genericName, lot: lot.lotCode })}
                        aria-invalid={invalid || undefined}
                        onChange={(e) => set({ accepted: e.target.value })}
                      />
                    ) : (
                      formatNumber(lot.acceptedQty ?? 0, lang)
                    )}
                  </td>
                  <td className="num">
                    {rejected === null || rejected < 0 ? (
                      <span className="field-error">{t("pod.tooMany")}</span>
                    ) : rejected > 0 ? (
                      <strong className="warn-text">{formatNumber(rejected, lang)}</strong>
                    ) : (
                      "0"
                    )}
                  </td>
                  <td>
                    {editing ? (
                      rejected !== null && rejected > 0 ? (
                        <>
                          <input
                            value={entry.reason}
                            aria-label={t("pod.reasonFor", { name: line.genericName, lot: lot.lotCode })}
                            aria-invalid={invalid || undefined}
                            placeholder={t("pod.reasonPlaceholder")}
                            onChange={(e) => set({ reason: e.target.value })}
                          />
                          {invalid && entry.reason.trim().length < 3 && (
                            <span className="field-error">{t("order.errors.reason")}</span>
                          )}
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )
                    ) : (
                      (lot.rejectionReason ?? <span className="muted">—</span>)
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="actions-row">
        <ActionError error={action.error} />
        {editing && (
          <button
            type="button"
            className="button button-primary"
            onClick={submit}
            disabled={action.isPending || rows.length === 0}
          >
            {action.isPending ? t("common.sending") : t("pod.submit")}
          </button>
        )}
        {order.status === "delivered" && canReceive && (
          <button
            type="button"
            className="button button-primary"
            disabled={action.isPending}
            onClick={() => action.mutate({ action: "receive" }, { onSuccess: () => onDone(t("order.done.received")) })}
          >
            {action.isPending ? t("common.sending") : t("pod.receive")}
          </button>
        )}
      </div>
    </section>
  );
}
