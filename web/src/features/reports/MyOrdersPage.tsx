/** "Mes commandes" /mes-commandes: the CSCom's orders with their status and what is expected of the CSCom next, and the emergency order. URL: ?statut=&page= */
import type { TextKey } from "../../i18n/keys";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Order } from "@shared/contracts/replenishment";
import { useMe } from "../../api/auth";
import { useOrders } from "../../api/orders";
import { OrderListTable, OrderStatusSelect } from "../../components/OrderListTable";
import { Pager } from "../../components/Pager";
import { SCREENS } from "../../components/screens";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { EmergencyOrderCard } from "./EmergencyOrderCard";
import "./reports.css";

const PAGE_SIZE = 20;

/** What the CSCom has to do on an order in this status, if anything (an i18n key). */
export function nextStep(status: Order["status"]): TextKey | null {
  if (status === "draft") return "myOrders.next.draft";
  if (status === "rejected") return "myOrders.next.rejected";
  if (status === "shipped") return "myOrders.next.shipped";
  if (status === "delivered") return "myOrders.next.delivered";
  return null;
}

/** The orders page of a CSCom manager. */
export default function MyOrdersPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const facilityId = me.scopeFacilityId;
  const [params, update] = useSearchState();
  const status = (params.get("statut") ?? "") as Order["status"] | "";
  const offset = Math.max(0, (Number(params.get("page") ?? "1") - 1 || 0) * PAGE_SIZE);
  const orders = useOrders(
    { facilityId: facilityId ?? undefined, status: status || undefined, limit: PAGE_SIZE, offset },
    facilityId !== null,
  );

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
            <OrderStatusSelect
              id="my-orders-status"
              value={status}
              onChange={(value) => update({ statut: value, page: null })}
            />
          </form>
          {orders.isPending ? (
            <Loading />
          ) : orders.isError ? (
            <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
          ) : orders.data.items.length === 0 ? (
            <EmptyState>{status ? t("myOrders.noMatch") : t("myOrders.none")}</EmptyState>
          ) : (
            <>
              <OrderListTable
                orders={orders.data.items}
                label={t("myOrders.title")}
                testId="my-orders"
                hint={nextStep}
              />
              <Pager
                offset={offset}
                count={orders.data.items.length}
                total={orders.data.total}
                pageSize={PAGE_SIZE}
                onPage={(o) => update({ page: String(o / PAGE_SIZE + 1) })}
                label={t("myOrders.pager")}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
