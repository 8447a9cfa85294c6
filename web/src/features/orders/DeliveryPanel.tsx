/** Proof of delivery per lot (accepted + rejected = shipped, a reason for any rejection), then the facility's receipt. */
import { useTranslation } from "react-i18next";
import { useFormContext } from "react-hook-form";
import { OrderDeliver, type Order } from "@shared/contracts/replenishment";
import { useOrderAction } from "../../api/orders";
import { ActionError } from "../../components/ActionError";
import { formatDate, formatNumber } from "../../i18n/format";
import { FieldMessage, FormFrame, FormServerError, GridQuantityInput, useControlAria } from "../../lib/forms/fields";
import { parseWhole } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { DataTable, type Columns } from "../../lib/table/DataTable";
import {
  deliveryDefaults,
  DELIVERY_MESSAGES,
  fieldOf,
  shippedLines,
  toRequest,
  type DeliveryValues,
} from "./deliveryForm";

type Line = Order["lines"][number];
interface Row {
  line: Line;
  lot: Line["lots"][number];
  key: string;
}

/** What is wrong with an accepted quantity as it is typed (empty, not a whole number, more than shipped), or nothing. */
function AcceptedProblem({ row }: { row: Row }) {
  const { t, i18n } = useTranslation();
  const { watch } = useFormContext<DeliveryValues>();
  const typed = (watch(`lots.${row.key}.accepted`) ?? "").trim();
  const accepted = parseWhole(typed);
  const problem =
    typed === ""
      ? t("pod.acceptedEmpty")
      : accepted === null
        ? t("pod.notWhole")
        : accepted > row.lot.shippedQty
          ? t("pod.moreThanShipped", { shipped: formatNumber(row.lot.shippedQty, i18n.language) })
          : null;
  if (!problem) return null;
  return (
    <span className="field-error small block" data-problem role="status">
      {problem}
    </span>
  );
}

/** The rejected quantity: shipped − accepted as typed (editing), else as recorded. */
function RejectedCell({ row, editing }: { row: Row; editing: boolean }) {
  const { i18n } = useTranslation();
  const { watch } = useFormContext<DeliveryValues>();
  const accepted = editing ? parseWhole(watch(`lots.${row.key}.accepted`) ?? "") : (row.lot.acceptedQty ?? 0);
  const rejected = editing ? (accepted === null ? null : row.lot.shippedQty - accepted) : (row.lot.rejectedQty ?? 0);
  if (rejected === null) return <span className="muted">—</span>;
  // More accepted than shipped: the accepted cell says so.
  if (rejected < 0) return <span className="muted">—</span>;
  return rejected > 0 ? <strong className="warn-text">{formatNumber(rejected, i18n.language)}</strong> : <>0</>;
}

/** The rejection's reason: a field when something is rejected while editing, else what was recorded. */
function ReasonCell({ row, editing }: { row: Row; editing: boolean }) {
  const { t } = useTranslation();
  const { watch, register } = useFormContext<DeliveryValues>();
  const name = `lots.${row.key}.reason` as const;
  const aria = useControlAria(`pod-reason-${row.key}`, name);
  if (!editing) return <>{row.lot.rejectionReason ?? <span className="muted">—</span>}</>;
  const accepted = parseWhole(watch(`lots.${row.key}.accepted`) ?? "");
  if (accepted === null || accepted >= row.lot.shippedQty) return <span className="muted">—</span>;
  return (
    <>
      <input
        {...aria}
        {...register(name)}
        aria-label={t("pod.reasonFor", { name: row.line.genericName, lot: row.lot.lotCode })}
        placeholder={t("pod.reasonPlaceholder")}
      />
      <FieldMessage id={`${aria.id}-msg`} name={name} />
    </>
  );
}

/** Product, lot, shipped, accepted (input while editing), rejected, reason. */
function usePodColumns(editing: boolean): Columns<Row> {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return [
    {
      id: "product",
      header: t("order.product"),
      rowHeader: true,
      className: "product-cell",
      cell: (r) => (
        <>
          {r.line.genericName}
          <span className="muted small">{t("stock.packSize", { size: formatNumber(r.line.packSize, lang) })}</span>
        </>
      ),
    },
    {
      id: "lot",
      header: t("card.lot"),
      cell: (r) => (
        <>
          <span className="lot-code">{r.lot.lotCode}</span>
          <span className="muted small block">{t("stock.lotExpiry", { date: formatDate(r.lot.expiry) })}</span>
        </>
      ),
    },
    { id: "shipped", header: t("order.shipped"), numeric: true, cell: (r) => formatNumber(r.lot.shippedQty, lang) },
    {
      id: "accepted",
      header: t("pod.accepted"),
      numeric: true,
      cell: (r) =>
        editing ? (
          <>
            <GridQuantityInput
              name={`lots.${r.key}.accepted`}
              id={`pod-accepted-${r.key}`}
              label={t("pod.acceptedFor", { name: r.line.genericName, lot: r.lot.lotCode })}
            />
            <AcceptedProblem row={r} />
          </>
        ) : (
          formatNumber(r.lot.acceptedQty ?? 0, lang)
        ),
    },
    {
      id: "rejected",
      header: t("pod.rejected"),
      numeric: true,
      cell: (r) => <RejectedCell row={r} editing={editing} />,
    },
    { id: "reason", header: t("pod.reason"), cell: (r) => <ReasonCell row={r} editing={editing} /> },
  ];
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
  const { t } = useTranslation();
  const action = useOrderAction(order.id);
  const editing = order.status === "shipped" && canDeliver;
  const rows: Row[] = shippedLines(order).flatMap(({ line, lots }) => lots.map(({ lot, key }) => ({ line, lot, key })));
  const form = useContractForm({
    contract: OrderDeliver,
    toRequest: (v: DeliveryValues) => toRequest(order, v),
    fieldOf: (path) => fieldOf(order, path),
    customMessages: DELIVERY_MESSAGES,
    defaultValues: deliveryDefaults(order),
  });
  const columns = usePodColumns(editing);
  return (
    <FormFrame
      form={form}
      serverError={action.error}
      onValid={(body) =>
        action.mutate({ action: "deliver", body }, { onSuccess: () => onDone(t("order.done.delivered")) })
      }
      className="action-card"
      aria-labelledby="pod-title"
    >
      <h2 id="pod-title">{editing ? t("pod.title") : t("pod.receiveTitle")}</h2>
      <p className="small">{editing ? t("pod.hint") : t("pod.receiveHint")}</p>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(r) => r.key}
        label={t("pod.title")}
        className="pod-table"
        testId="pod-table"
        rowProps={(r) => ({ "data-lot-id": r.lot.lotId })}
      />
      <div className="actions-row">
        {editing ? <FormServerError /> : <ActionError error={action.error} />}
        {editing && (
          <button type="submit" className="button button-primary" disabled={action.isPending || rows.length === 0}>
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
    </FormFrame>
  );
}
