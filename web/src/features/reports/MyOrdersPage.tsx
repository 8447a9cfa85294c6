/** "Mes commandes" /mes-commandes: the CSCom's orders with their status and what is expected of the CSCom next, and the emergency order. URL: ?statut=&page= */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Order } from "@shared/contracts/replenishment";
import { useMe } from "../../api/auth";
import { useOrders, type OrderListItem } from "../../api/orders";
import { EmergencyBadge, FlowLabel, OrderStatusBadge } from "../../components/Badges";
import { Pager } from "../../components/Pager";
import { orderPath, SCREENS } from "../../components/screens";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { formatDate, formatPeriod, formatXof } from "../../i18n/format";
import { EmergencyOrderCard } from "./EmergencyOrderCard";
import "./reports.css";

const PAGE_SIZE = 20;
const STATUSES: Order["status"][] = ["draft", "submitted", "approved", "rejected", "picking", "shipped", "delivered", "received"];

/** What the CSCom has to do on an order in this status, if anything (an i18n key). */
export function nextStep(status: Order["status"]): string | null {
  if (status === "draft") return "myOrders.next.draft";
  if (status === "rejected") return "myOrders.next.rejected";
  if (status === "shipped") return "myOrders.next.shipped";
  if (status === "delivered") return "myOrders.next.delivered";
  return null;
}

/** One order row. */
function OrderRow({ order }: { order: OrderListItem }) {
  const { t, i18n } = useTranslation();
  const step = nextStep(order.status);
  return (
    <tr data-order-id={order.id}>
      <th scope="row">
        <Link to={orderPath(order.id)} className="order-link">
          {t("order.title", { id: order.id })}
        </Link>
        <span className="muted small block">{t(`orderKind.${order.kind}`)}</span>
      </th>
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

/** The orders page of a CSCom manager. */
export default function MyOrdersPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const facilityId = me.scopeFacilityId;
  const [params, update] = useSearchState();
  const status = (params.get("statut") ?? "") as Order["status"] | "";
  const offset = Math.max(0, (Number(params.get("page") ?? "1") - 1 || 0) * PAGE_SIZE);
  const orders = useOrders({ facilityId: facilityId ?? undefined, status: status || undefined, limit: PAGE_SIZE, offset }, facilityId !== null);

  return (
    <div className="page my-orders-page">
      <div className="page-head">
        <div>
          <h1>{t("myOrders.title")}</h1>
          <p className="muted">
            {t("myOrders.intro")} <Link to={SCREENS.report.path}>{t("myOrders.toReport")}</Link>
          </p>
        </div>
      </div>
      {facilityId === null ? (
        <EmptyState>{t("monthlyReport.noFacility")}</EmptyState>
      ) : (
        <>
          <EmergencyOrderCard facilityId={facilityId} />
          <form className="toolbar" aria-label={t("myOrders.filters")} onSubmit={(e) => e.preventDefault()}>
            <div className="field">
              <label htmlFor="my-orders-status">{t("review.status")}</label>
              <select id="my-orders-status" value={status} onChange={(e) => update({ statut: e.target.value, page: null })}>
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
            <EmptyState>{status ? t("myOrders.noMatch") : t("myOrders.none")}</EmptyState>
          ) : (
            <>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t("myOrders.title")}>
                <table className="table" data-testid="my-orders">
                  <thead>
                    <tr>
                      <th scope="col">{t("review.order")}</th>
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
                    {orders.data.items.map((o) => (
                      <OrderRow key={o.id} order={o} />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager offset={offset} count={orders.data.items.length} total={orders.data.total} pageSize={PAGE_SIZE} onPage={(o) => update({ page: String(o / PAGE_SIZE + 1) })} label={t("myOrders.pager")} />
            </>
          )}
        </>
      )}
    </div>
  );
}
