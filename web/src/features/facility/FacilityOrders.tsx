/**
 * The facility's orders and deliveries on its page: what it ordered (and was delivered), and for a
 * depot what it supplies to the facilities it serves — paged, filtered by status, each order opening
 * its page for the roles that read orders.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Role } from "@shared/contracts/auth";
import type { Order } from "@shared/contracts/replenishment";
import { useOrders, type OrderListItem } from "../../api/orders";
import { EmergencyBadge, FlowLabel, OrderStatusBadge } from "../../components/Badges";
import { Pager } from "../../components/Pager";
import { ORDER_ROLES, orderPath } from "../../components/screens";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { formatDate, formatPeriod, formatXof } from "../../i18n/format";

const PAGE_SIZE = 15;
const STATUSES: Order["status"][] = ["draft", "submitted", "approved", "rejected", "picking", "shipped", "delivered", "received"];

/** Which side of the orders the table shows: placed by the facility, or supplied by it. */
type Side = "placed" | "supplied";

/** Props: the facility, whether it supplies others (a depot), and the signed-in role (who may open an order). */
interface Props {
  facilityId: string;
  isDepot: boolean;
  role: Role;
}

/** One order row; the other party is the supplier (placed) or the ordering facility (supplied). */
function OrderRow({ order, side, canOpen }: { order: OrderListItem; side: Side; canOpen: boolean }) {
  const { t, i18n } = useTranslation();
  const title = t("order.title", { id: order.id });
  return (
    <tr data-order-id={order.id}>
      <th scope="row">
        {canOpen ? <Link to={orderPath(order.id)}>{title}</Link> : title}
        <span className="muted small block">{t(`orderKind.${order.kind}`)}</span>
      </th>
      <td>{side === "placed" ? order.supplierName : order.facilityName}</td>
      <td>{formatPeriod(order.period, i18n.language)}</td>
      <td>
        <FlowLabel flow={order.flow} />
      </td>
      <td>
        <OrderStatusBadge status={order.status} />
      </td>
      <td className="num">
        {order.lineCount} {order.emergencyLines > 0 && <EmergencyBadge count={order.emergencyLines} />}
      </td>
      <td className="num nowrap">{formatXof(order.costXof, i18n.language)}</td>
      <td className="nowrap">{formatDate(order.updatedAt)}</td>
    </tr>
  );
}

/** The section: a side switch for depots, a status filter, the paged table. */
export function FacilityOrders({ facilityId, isDepot, role }: Props) {
  const { t } = useTranslation();
  const [side, setSide] = useState<Side>("placed");
  const [status, setStatus] = useState<Order["status"] | "">("");
  const [offset, setOffset] = useState(0);
  const filter = side === "placed" ? { facilityId } : { supplierId: facilityId };
  const orders = useOrders({ ...filter, status: status || undefined, limit: PAGE_SIZE, offset });
  const canOpen = ORDER_ROLES.includes(role);
  const choose = (next: Side) => {
    setSide(next);
    setOffset(0);
  };

  return (
    <section className="card facility-orders" aria-labelledby="facility-orders-title" data-testid="facility-orders">
      <h2 id="facility-orders-title">{t("facilityOrders.title")}</h2>
      <form className="toolbar" aria-label={t("facilityOrders.filters")} onSubmit={(e) => e.preventDefault()}>
        {isDepot && (
          <div className="segmented" role="group" aria-label={t("facilityOrders.side")}>
            {(["placed", "supplied"] as const).map((s) => (
              <button key={s} type="button" aria-pressed={side === s} onClick={() => choose(s)}>
                {t(`facilityOrders.${s}`)}
              </button>
            ))}
          </div>
        )}
        <div className="field">
          <label htmlFor="facility-orders-status">{t("review.status")}</label>
          <select
            id="facility-orders-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as Order["status"] | "");
              setOffset(0);
            }}
          >
            <option value="">{t("review.allOrders")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`orderStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {orders.isPending ? (
        <Loading />
      ) : orders.isError ? (
        <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
      ) : orders.data.items.length === 0 ? (
        <EmptyState>{t(side === "placed" ? "facilityOrders.nonePlaced" : "facilityOrders.noneSupplied")}</EmptyState>
      ) : (
        <>
          <p className="muted small">{t("facilityOrders.count", { count: orders.data.total })}</p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t("facilityOrders.title")}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("review.order")}</th>
                  <th scope="col">{t(side === "placed" ? "facilityOrders.supplier" : "facilityOrders.orderedBy")}</th>
                  <th scope="col">{t("review.period")}</th>
                  <th scope="col">{t("facilityOrders.flow")}</th>
                  <th scope="col">{t("review.status")}</th>
                  <th scope="col" className="num">
                    {t("order.linesTitle")}
                  </th>
                  <th scope="col" className="num">
                    {t("review.cost")}
                  </th>
                  <th scope="col">{t("facilityOrders.updated")}</th>
                </tr>
              </thead>
              <tbody>
                {orders.data.items.map((o) => (
                  <OrderRow key={o.id} order={o} side={side} canOpen={canOpen} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} count={orders.data.items.length} total={orders.data.total} pageSize={PAGE_SIZE} onPage={setOffset} label={t("facilityOrders.pager")} />
        </>
      )}
    </section>
  );
}
