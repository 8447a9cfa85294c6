/**
 * A page of orders as a table (the CSCom's orders, a facility's orders and deliveries): the order and its
 * kind, optionally the other party, period, flow, status with an optional hint, lines, cost and last
 * update; and the status filter that goes with it.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Order } from "@shared/contracts/replenishment";
import type { OrderListItem } from "../api/orders";
import { formatDate, formatPeriod, formatXof } from "../i18n/format";
import { EmergencyBadge, FlowLabel, OrderStatusBadge } from "./Badges";
import { orderPath } from "./screens";
import { DataTable, type Columns } from "../lib/table/DataTable";
import { ORDER_STATUSES } from "@shared/domain/orders";
import type { TextKey } from "../i18n/keys";

/** Columns and links of the table. */
interface Props {
  orders: OrderListItem[];
  /** Accessible name of the scrolling region */
  label: string;
  testId?: string;
  /** A column for the other party: the supplier of orders placed, or the facility of orders supplied */
  party?: { header: string; name: (o: OrderListItem) => string };
  /** An i18n key shown under the status (what the reader has to do next), if any */
  hint?: (status: Order["status"]) => TextKey | null;
  /** Whether each order links to its page (roles that read orders) */
  linked?: boolean;
}

/** The columns: the order (link and kind), the other party, period, flow, status (with the next step), lines, cost, update. */
function useOrderColumns({ party, hint, linked }: Pick<Props, "party" | "hint" | "linked">): Columns<OrderListItem> {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return [
    {
      id: "order",
      header: t("review.order"),
      rowHeader: true,
      cell: (o) => (
        <>
          {linked === false ? (
            t("order.title", { id: o.id })
          ) : (
            <Link to={orderPath(o.id)} className="order-link">
              {t("order.title", { id: o.id })}
            </Link>
          )}
          <span className="muted small block">{t(`orderKind.${o.kind}`)}</span>
        </>
      ),
    },
    party ? { id: "party", header: party.header, cell: party.name } : null,
    { id: "period", header: t("review.period"), cell: (o) => formatPeriod(o.period, lang) },
    { id: "flow", header: t("myOrders.flow"), cell: (o) => <FlowLabel flow={o.flow} /> },
    {
      id: "status",
      header: t("review.status"),
      cell: (o) => {
        const step = hint?.(o.status) ?? null;
        return (
          <>
            <OrderStatusBadge status={o.status} />
            {step && <span className="small block warn-text">{t(step)}</span>}
          </>
        );
      },
    },
    {
      id: "lines",
      header: t("order.linesTitle"),
      numeric: true,
      cell: (o) => (
        <>
          {o.lineCount} {o.emergencyLines > 0 && <EmergencyBadge count={o.emergencyLines} />}
        </>
      ),
    },
    {
      id: "cost",
      header: t("review.cost"),
      numeric: true,
      className: "nowrap",
      cell: (o) => formatXof(o.costXof, lang),
    },
    { id: "updated", header: t("myOrders.updated"), className: "nowrap", cell: (o) => formatDate(o.updatedAt) },
  ];
}

/** The table in its scrolling region. */
export function OrderListTable({ orders, label, testId, party, hint, linked }: Props) {
  const columns = useOrderColumns({ party, hint, linked });
  return (
    <DataTable
      columns={columns}
      rows={orders}
      rowKey={(o) => o.id}
      label={label}
      testId={testId}
      rowProps={(o) => ({ "data-order-id": o.id })}
    />
  );
}

/** The status filter of an order list ("" = every status). */
export function OrderStatusSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Order["status"] | "";
  onChange: (status: Order["status"] | "") => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t("review.status")}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Order["status"] | "")}>
        <option value="">{t("review.allOrders")}</option>
        {ORDER_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`orderStatus.${s}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
