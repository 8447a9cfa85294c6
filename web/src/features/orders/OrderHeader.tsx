/** Header of the order page: who orders from whom, for which month and flow, its status, cost and budget. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Order } from "@shared/contracts/replenishment";
import { EmergencyBadge, OrderStatusBadge } from "../../components/Badges";
import { orderPath } from "../../components/screens";
import { formatPeriod, formatXof } from "../../i18n/format";

/** The order's identity card. */
export function OrderHeader({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <header className="order-header">
      <div className="order-title">
        <h1>
          {t("order.title", { id: order.id })} <OrderStatusBadge status={order.status} />
        </h1>
        <p className="muted">
          {t(`flow.${order.flow}`)} · {t(`orderKind.${order.kind}`)} · {formatPeriod(order.period, lang)}
        </p>
      </div>
      <dl className="facts">
        <div>
          <dt>{t("order.facility")}</dt>
          <dd>
            <Link to={`/facilities/${encodeURIComponent(order.facilityId)}`}>{order.facilityName}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("order.supplier")}</dt>
          <dd>
            <Link to={`/facilities/${encodeURIComponent(order.supplierId)}`}>{order.supplierName}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("order.cost")}</dt>
          <dd>
            <strong>{formatXof(order.costXof, lang)}</strong>
            {order.budgetXof !== null && (
              <span className="muted small block">
                {t("order.budgetOf", { budget: formatXof(order.budgetXof, lang) })}
              </span>
            )}
            {order.budgetExceeded && <span className="badge badge-stockout">{t("review.budgetExceeded")}</span>}
          </dd>
        </div>
        <div>
          <dt>{t("order.linesTitle")}</dt>
          <dd>
            {t("review.lines", { count: order.lines.length })} <EmergencyBadge count={order.emergencyLines} />
          </dd>
        </div>
        {order.parentOrderId !== null && (
          <div>
            <dt>{t("order.parent")}</dt>
            <dd>
              <Link to={orderPath(order.parentOrderId)}>#{order.parentOrderId}</Link>
            </dd>
          </div>
        )}
      </dl>
      {order.status === "rejected" && order.rejectionReason && (
        <p className="callout callout-danger" role="note">
          <strong>{t("order.rejectedBecause")}</strong> {order.rejectionReason}
        </p>
      )}
    </header>
  );
}
