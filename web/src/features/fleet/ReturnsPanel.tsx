/**
 * "Retours au dépôt": what the trucks bring back (refused quantities, stops not delivered), riding in transit
 * since the delivery; the storekeeper types what arrived (everything by default) and confirms: it goes back into
 * the depot's stock, the rest is recorded as lost on the way.
 */
import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReturnLine, ReturnReceiptResult } from "@shared/contracts/deliveries";
import { useReceiveReturns, useReturns } from "../../api/fleet";
import { ActionError } from "../../components/ActionError";
import { ErrorState, Loading } from "../../components/States";
import { formatDate, formatNumber } from "../../i18n/format";
import { parseWhole } from "../../lib/forms/parse";
import { DataTable, type Columns } from "../../lib/table/DataTable";

/** The quantity typed for a return line, when it is a whole number no larger than what is in transit. */
function receivedOf(line: ReturnLine, text: string | undefined): number | null {
  const qty = parseWhole(text ?? "");
  return qty !== null && qty <= line.qtyUnits ? qty : null;
}

/** Why a line rides back: refused (with the reason) or a stop not delivered (with the reason). */
function WhyCell({ line: i }: { line: ReturnLine }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`fleet.returns.kind.${i.kind}`)}
      {i.reason && (
        <span className="block muted small">
          {i.kind === "skipped"
            ? t(`delivery.skipReason.${i.reason}`, { defaultValue: i.reason })
            : t(`delivery.rejectReason.${i.reason}`, { defaultValue: i.reason })}
        </span>
      )}
    </>
  );
}

/** The lines in transit, each with the quantity received (typed). */
function ReturnsTable(props: {
  items: ReturnLine[];
  received: Record<number, string>;
  onReceived: (id: number, text: string) => void;
}) {
  const { items, received, onReceived } = props;
  const { t, i18n } = useTranslation();
  const columns: Columns<ReturnLine> = [
    { id: "facility", header: t("fleet.returns.col.facility"), rowHeader: true, cell: (i) => i.facilityName },
    { id: "product", header: t("fleet.returns.col.product"), cell: (i) => i.genericName },
    {
      id: "lot",
      header: t("fleet.returns.col.lot"),
      cell: (i) => (
        <>
          {i.lotCode} <span className="muted small">({formatDate(i.expiry)})</span>
        </>
      ),
    },
    { id: "why", header: t("fleet.returns.col.why"), cell: (i) => <WhyCell line={i} /> },
    { id: "trip", header: t("fleet.returns.col.trip"), cell: (i) => `${formatDate(i.planDate)} · ${i.driverName}` },
    {
      id: "inTransit",
      header: t("fleet.returns.inTransit"),
      numeric: true,
      cell: (i) => formatNumber(i.qtyUnits, i18n.language),
    },
    {
      id: "received",
      header: t("fleet.returns.received"),
      numeric: true,
      cell: (i) => (
        <input
          className="qty-input"
          inputMode="numeric"
          value={received[i.id] ?? ""}
          aria-label={t("fleet.returns.receivedNamed", {
            product: i.genericName,
            lot: i.lotCode,
            facility: i.facilityName,
          })}
          aria-invalid={receivedOf(i, received[i.id]) === null ? true : undefined}
          onChange={(e) => onReceived(i.id, e.target.value)}
        />
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={items}
      rowKey={(i) => i.id}
      caption={t("fleet.returns.title")}
      rowProps={(i) => ({ "data-return-id": i.id })}
    />
  );
}

/** "12 unités remises en stock ; 3 perdues en route." and the orders to ship again. */
function receiptNotice(t: TFunction, lang: string, r: ReturnReceiptResult): string {
  const n = (x: number) => formatNumber(x, lang);
  const reopened = r.reopenedOrderIds.map((id) => `#${id}`).join(", ");
  return (
    t("fleet.returns.done", { units: n(r.receivedUnits), lost: n(r.lostUnits) }) +
    (reopened ? ` ${t("fleet.returns.reopened", { ids: reopened })}` : "")
  );
}

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
  const invalid = items.some((i) => receivedOf(i, received[i.id]) === null);
  const confirm = () => {
    setNotice("");
    const lines = items.map((i) => ({ returnId: i.id, receivedQty: receivedOf(i, received[i.id])! }));
    receive.mutate({ depotId, lines }, { onSuccess: (r) => setNotice(receiptNotice(t, i18n.language, r)) });
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
          <ReturnsTable
            items={items}
            received={received}
            onReceived={(id, text) => setReceived({ ...received, [id]: text })}
          />
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
