/**
 * "Retours au dépôt": what the trucks bring back (refused quantities, stops not delivered), riding in transit
 * since the delivery; the storekeeper types what arrived (everything by default) and confirms: it goes back into
 * the depot's stock, the rest is recorded as lost on the way.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReturnLine } from "@shared/contracts/deliveries";
import { useReceiveReturns, useReturns } from "../../api/fleet";
import { ActionError } from "../../components/ActionError";
import { ErrorState, Loading } from "../../components/States";
import { formatDate, formatNumber } from "../../i18n/format";

/** The depot's pending returns and their receipt. */
export function ReturnsPanel({ depotId }: { depotId: string }) {
  const { t, i18n } = useTranslation();
  const returns = useReturns(depotId);
  const receive = useReceiveReturns(depotId);
  const [received, setReceived] = useState<Record<number, string>>({});
  const [notice, setNotice] = useState("");
  const items = returns.data?.items ?? [];
  useEffect(() => {
    setReceived((r) => Object.fromEntries(items.map((i) => [i.id, r[i.id] ?? String(i.qtyUnits)])));
  }, [returns.data]);
  const valueOf = (i: ReturnLine) => {
    const text = (received[i.id] ?? "").trim();
    return /^\d+$/.test(text) && Number(text) <= i.qtyUnits ? Number(text) : null;
  };
  const invalid = items.some((i) => valueOf(i) === null);
  const n = (x: number) => formatNumber(x, i18n.language);
  const confirm = () => {
    setNotice("");
    receive.mutate(
      { depotId, lines: items.map((i) => ({ returnId: i.id, receivedQty: valueOf(i)! })) },
      {
        onSuccess: (r) =>
          setNotice(
            t("fleet.returns.done", { units: n(r.receivedUnits), lost: n(r.lostUnits) }) +
              (r.reopenedOrderIds.length
                ? ` ${t("fleet.returns.reopened", { ids: r.reopenedOrderIds.map((id) => `#${id}`).join(", ") })}`
                : ""),
          ),
      },
    );
  };
  return (
    <section aria-labelledby="returns-title" className="fleet-section" data-testid="returns">
      <h2 id="returns-title">{t("fleet.returns.title")}</h2>
      <p className="muted">{t("fleet.returns.intro")}</p>
      <p className="notice" role="status" data-testid="returns-notice">
        {notice}
      </p>
      {returns.isPending ? (
        <Loading />
      ) : returns.isError ? (
        <ErrorState error={returns.error} onRetry={() => void returns.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">{t("fleet.returns.none")}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t("fleet.returns.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fleet.returns.col.facility")}</th>
                  <th scope="col">{t("fleet.returns.col.product")}</th>
                  <th scope="col">{t("fleet.returns.col.lot")}</th>
                  <th scope="col">{t("fleet.returns.col.why")}</th>
                  <th scope="col">{t("fleet.returns.col.trip")}</th>
                  <th scope="col" className="num">
                    {t("fleet.returns.inTransit")}
                  </th>
                  <th scope="col" className="num">
                    {t("fleet.returns.received")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id} data-return-id={i.id}>
                    <td>{i.facilityName}</td>
                    <td>{i.genericName}</td>
                    <td>
                      {i.lotCode} <span className="muted small">({formatDate(i.expiry)})</span>
                    </td>
                    <td>
                      {t(`fleet.returns.kind.${i.kind}`)}
                      {i.reason && (
                        <span className="block muted small">
                          {i.kind === "skipped"
                            ? t(`delivery.skipReason.${i.reason}`, { defaultValue: i.reason })
                            : t(`delivery.rejectReason.${i.reason}`, { defaultValue: i.reason })}
                        </span>
                      )}
                    </td>
                    <td>
                      {formatDate(i.planDate)} · {i.driverName}
                    </td>
                    <td className="num">{n(i.qtyUnits)}</td>
                    <td className="num">
                      <input
                        className="qty-input"
                        inputMode="numeric"
                        value={received[i.id] ?? ""}
                        aria-label={t("fleet.returns.receivedNamed", {
                          product: i.genericName,
                          lot: i.lotCode,
                          facility: i.facilityName,
                        })}
                        aria-invalid={valueOf(i) === null ? true : undefined}
                        onChange={(e) => setReceived({ ...received, [i.id]: e.target.value })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ActionError error={receive.error} />
          <button
            type="button"
            className="button button-primary"
            disabled={invalid || receive.isPending}
            onClick={confirm}
          >
            {t("fleet.returns.confirm")}
          </button>
        </>
      )}
    </section>
  );
}
