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

/** Every order status, in life-cycle order. */
export const ORDER_STATUSES: Order["status"][] = [
  "draft",
  "submitted",
  "approved",
  "rejected",
  "picking",
  "shipped",
  "delivered",
  "received",
];

/** Columns and links of the table. */
interface Props {
  orders: OrderListItem[];
  /** Accessible name of the scrolling region */
  label: string;
  testId?: string;
  /** A column for the other party: the supplier of orders placed, or the facility of orders supplied */
  party?: { header: string; name: (o: OrderListItem) => string };
  /** An i18n key shown under the status (what the reader has to do next), if any */
  hint?: (status: Order["status"]) => string | null;
  /** Whether each order links to its page (roles that read orders) */
  linked?: boolean;
}

/** One order row. */
function OrderRow({ order, party, hint, linked }: { order: OrderListItem } & Pick<Props, "party" | "hint" | "linked">) {
  const { t, i18n } = useTranslation();
  const title = t("order.title", { id: order.id });
  const step = hint?.(order.status) ?? null;
  return (
    <tr data-order-id={order.id}>
      <th scope="row">
        {linked === false ? (
          title
        ) : (
          <Link to={orderPath(order.id)} className="order-link">
            {title}
          </Link>
        )}
        <span className="muted small block">{t(`orderKind.${order.kind}`)}</span>
      </th>
      {party && <td>{party.name(order)}</td>}
      <td>{formatPeriod(order.period, i18n.language)}</td>
      <td>
        <FlowLabel flow={order.flow} />
      </td>
      <td>
        <OrderStatusBadge status={order.status} />
        {step && <span className="small block warn-text">{t(step)}</span>}
      </td>
      <td className="num">
        {order.lineCount} {order.emergencyLines > 0 && <EmergencyBadge count={order.emergencyLines} />}
      </td>
      <td className="num nowrap">{formatXof(order.costXof, i18n.language)}</td>
      <td className="nowrap">{formatDate(order.updatedAt)}</td>
    </tr>
  );
}

/** The table in its scrolling region. */
export function OrderListTable({ orders, label, testId, party, hint, linked }: Props) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t("review.order")}</th>
            {party && <th scope="col">{party.header}</th>}
            <th scope="col">{t("review.period")}</th>
            <th scope="col">{t("myOrders.flow")}</th>
            <th scope="col">{t("review.status")}</th>
            <th scope="col" className="num">
              {t("order.linesTitle")}
            </th>
            <th scope="col" className="num">
              {t("review.cost")}
            </th>
            <th scope="col">{t("myOrders.updated")}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <OrderRow key={o.id} order={o} party={party} hint={hint} linked={linked} />
          ))}
        </tbody>
      </table>
    </div>
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
