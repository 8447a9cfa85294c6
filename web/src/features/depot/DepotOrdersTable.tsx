/** A table of orders at the depot: each links to its order page. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { OrderListItem } from "../../api/orders";
import { EmergencyBadge, FlowLabel, OrderStatusBadge } from "../../components/Badges";
import { orderPath } from "../../components/screens";
import { formatDateTime, formatPeriod } from "../../i18n/format";

/** Orders supplied by the depot (or, with `own`, the depot's own orders to its supplier). */
export function DepotOrdersTable({ orders, own }: { orders: OrderListItem[]; own: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t("depot.caption")}>
      <table className="table" data-testid="depot-orders">
        <caption className="visually-hidden">{t("depot.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("review.order")}</th>
            <th scope="col">{own ? t("order.supplier") : t("order.facility")}</th>
            <th scope="col">{t("review.period")}</th>
            <th scope="col">{t("depot.flowKind")}</th>
            <th scope="col">{t("review.status")}</th>
            <th scope="col" className="num">
              {t("order.linesTitle")}
            </th>
            <th scope="col" className="num">
              {t("review.emergency")}
            </th>
            <th scope="col">{t("depot.updated")}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id} data-order-id={o.id}>
              <th scope="row">
                <Link
                  to={orderPath(o.id)}
                  className="order-link"
                  aria-label={t("depot.open", { id: o.id, name: own ? o.supplierName : o.facilityName })}
                >
                  #{o.id}
                </Link>
              </th>
              <td>{own ? o.supplierName : o.facilityName}</td>
              <td className="nowrap">{formatPeriod(o.period, i18n.language)}</td>
              <td>
                <FlowLabel flow={o.flow} />
                <span className="muted small block">{t(`orderKind.${o.kind}`)}</span>
              </td>
              <td>
                <OrderStatusBadge status={o.status} />
              </td>
              <td className="num">{o.lineCount}</td>
              <td className="num">{o.emergencyLines > 0 ? <EmergencyBadge count={o.emergencyLines} /> : "0"}</td>
              <td className="nowrap small">{formatDateTime(o.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
