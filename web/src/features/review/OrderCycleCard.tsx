/**
 * The month's order cycle for the district under review: how many CSCom reports were submitted without
 * orders yet, and one action that computes their suggested orders (submitted, for this review). The
 * answer says what was created; the table below refreshes. When some of those CSComs already have orders for a
 * later month, the server asks for a confirmation (confirmation_required): the card says so and asks.
 */
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { useOrderCycle } from "../../api/orders";
import { ActionError } from "../../components/ActionError";
import { formatPeriod } from "../../i18n/format";
import type { ReviewRow } from "./reviewModel";

/** Reports of the month submitted without orders (the cycle's work). */
export function reportsAwaiting(rows: ReviewRow[]): number {
  return rows.filter((r) => r.report?.status === "submitted" && r.orders.length === 0).length;
}

/** The card; hidden when there is nothing to compute and nothing was just computed. */
export function OrderCycleCard({
  rows,
  period,
  districtId,
}: {
  rows: ReviewRow[];
  period: string;
  districtId: string;
}) {
  const { t, i18n } = useTranslation();
  const cycle = useOrderCycle();
  const waiting = reportsAwaiting(rows);
  const mustConfirm = cycle.error instanceof ApiError && cycle.error.code === "confirmation_required";
  if (waiting === 0 && !cycle.data) return null;
  return (
    <section className="card order-cycle" aria-labelledby="order-cycle-title" data-testid="order-cycle">
      <h2 id="order-cycle-title">{t("orderCycle.title", { period: formatPeriod(period, i18n.language) })}</h2>
      {waiting > 0 && <p>{t("orderCycle.waiting", { count: waiting })}</p>}
      {cycle.data && (
        <p role="status" data-testid="order-cycle-result">
          {t("orderCycle.done", {
            reports: t("orderCycle.reports", { count: cycle.data.reports }),
            orders: t("orderCycle.orders", { count: cycle.data.orders }),
            lines: t("orderCycle.lines", { count: cycle.data.lines }),
          })}
        </p>
      )}
      <ActionError error={cycle.error} />
      {waiting > 0 && !mustConfirm && (
        <button
          type="button"
          className="button primary"
          disabled={cycle.isPending}
          onClick={() => cycle.mutate({ period, districtId })}
        >
          {cycle.isPending ? t("orderCycle.running") : t("orderCycle.run", { count: waiting })}
        </button>
      )}
      {waiting > 0 && mustConfirm && (
        <div className="actions-row actions-row-start" data-testid="order-cycle-confirm">
          <button
            type="button"
            className="button primary"
            disabled={cycle.isPending}
            onClick={() => cycle.mutate({ period, districtId, confirmLaterOrders: true })}
          >
            {cycle.isPending ? t("orderCycle.running") : t("orderCycle.confirm", { count: waiting })}
          </button>
          <button type="button" className="button" onClick={() => cycle.reset()}>
            {t("common.cancel")}
          </button>
        </div>
      )}
    </section>
  );
}
