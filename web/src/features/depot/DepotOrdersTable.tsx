/** A table of orders at the depot: each links to its order page. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useOrderAction, type OrderListItem } from "../../api/orders";
import { ActionError } from "../../components/ActionError";
import { EmergencyBadge, FlowLabel, OrderStatusBadge } from "../../components/Badges";
import { orderPath } from "../../components/screens";
import { formatDateTime, formatPeriod } from "../../i18n/format";
import { DataTable } from "../../lib/table/DataTable";

/** Cancels the pick of one order being picked: its reserved lots are released, the order is approved again. */
function UnpickButton({ order }: { order: OrderListItem }) {
  const { t } = useTranslation();
  const action = useOrderAction(order.id);
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="unpick-order"
        disabled={action.isPending}
        aria-label={t("depot.unpickOf", { id: order.id })}
        onClick={() => action.mutate({ action: "unpick" })}
      >
        {action.isPending ? t("common.sending") : t("pick.unpick")}
      </button>
      <ActionError error={action.error} />
    </>
  );
}

/** Orders supplied by the depot (or, with `own`, the depot's own orders to its supplier); being picked, each may be unpicked. */
export function DepotOrdersTable({
  orders,
  own,
  canUnpick = false,
}: {
  orders: OrderListItem[];
  own: boolean;
  canUnpick?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const party = (o: OrderListItem) => (own ? o.supplierName : o.facilityName);
  return (
    <DataTable
      rows={orders}
      rowKey={(o) => o.id}
      label={t("depot.caption")}
      caption={t("depot.caption")}
      testId="depot-orders"
      rowProps={(o) => ({ "data-order-id": o.id })}
      columns={[
        {
          id: "order",
          header: t("review.order"),
          rowHeader: true,
          cell: (o) => (
            <Link
              to={orderPath(o.id)}
              className="order-link"
              aria-label={t("depot.open", { id: o.id, name: party(o) })}
            >
              #{o.id}
            </Link>
          ),
        },
        { id: "party", header: own ? t("order.supplier") : t("order.facility"), cell: party },
        {
          id: "period",
          header: t("review.period"),
          className: "nowrap",
          cell: (o) => formatPeriod(o.period, i18n.language),
        },
        {
          id: "flow",
          header: t("depot.flowKind"),
          cell: (o) => (
            <>
              <FlowLabel flow={o.flow} />
              <span className="muted small block">{t(`orderKind.${o.kind}`)}</span>
            </>
          ),
        },
        { id: "status", header: t("review.status"), cell: (o) => <OrderStatusBadge status={o.status} /> },
        { id: "lines", header: t("order.linesTitle"), numeric: true, cell: (o) => o.lineCount },
        {
          id: "emergency",
          header: t("review.emergency"),
          numeric: true,
          cell: (o) => (o.emergencyLines > 0 ? <EmergencyBadge count={o.emergencyLines} /> : "0"),
        },
        {
          id: "updated",
          header: t("depot.updated"),
          className: "nowrap small",
          cell: (o) => formatDateTime(o.updatedAt),
        },
        canUnpick && {
          id: "actions",
          header: t("depot.actions"),
          cell: (o) => (o.status === "picking" ? <UnpickButton order={o} /> : null),
        },
      ]}
    />
  );
}
