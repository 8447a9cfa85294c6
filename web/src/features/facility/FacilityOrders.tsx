/**
 * The facility's orders and deliveries on its page: what it ordered (and was delivered), and for a
 * depot what it supplies to the facilities it serves — paged, filtered by status, each order opening
 * its page for the roles that read orders.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "@shared/contracts/auth";
import type { Order } from "@shared/contracts/replenishment";
import { useOrders } from "../../api/orders";
import { OrderListTable, OrderStatusSelect } from "../../components/OrderListTable";
import { Pager } from "../../components/Pager";
import { ORDER_ROLES } from "../../components/screens";
import { EmptyState, ErrorState, Loading } from "../../components/States";

const PAGE_SIZE = 15;

/** Which side of the orders the table shows: placed by the facility, or supplied by it. */
type Side = "placed" | "supplied";

/** Props: the facility, whether it supplies others (a depot), and the signed-in role (who may open an order). */
interface Props {
  facilityId: string;
  isDepot: boolean;
  role: Role;
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
        <OrderStatusSelect
          id="facility-orders-status"
          value={status}
          onChange={(value) => {
            setStatus(value);
            setOffset(0);
          }}
        />
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
          <OrderListTable
            orders={orders.data.items}
            label={t("facilityOrders.title")}
            linked={canOpen}
            party={
              side === "placed"
                ? { header: t("facilityOrders.supplier"), name: (o) => o.supplierName }
                : { header: t("facilityOrders.orderedBy"), name: (o) => o.facilityName }
            }
          />
          <Pager
            offset={offset}
            count={orders.data.items.length}
            total={orders.data.total}
            pageSize={PAGE_SIZE}
            onPage={setOffset}
            label={t("facilityOrders.pager")}
          />
        </>
      )}
    </section>
  );
}
