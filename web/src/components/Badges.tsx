/** Badges of the order life cycle: order status, flow, kind and report state (text + colour, never colour alone). */
import { useTranslation } from "react-i18next";
import type { Order } from "@shared/contracts/replenishment";

/** An order's status. */
export function OrderStatusBadge({ status }: { status: Order["status"] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge order-status order-status-${status}`} data-status={status}>
      {t(`orderStatus.${status}`)}
    </span>
  );
}

/** Cost recovery or free care. */
export function FlowLabel({ flow }: { flow: Order["flow"] }) {
  const { t } = useTranslation();
  return <span className={`flow flow-${flow}`}>{t(`flow.${flow}`)}</span>;
}

/** A count of emergency lines (nothing when zero). */
export function EmergencyBadge({ count }: { count?: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <span className="badge badge-emergency">
      {count === undefined ? t("order.emergency") : t("order.emergencyCount", { count })}
    </span>
  );
}
