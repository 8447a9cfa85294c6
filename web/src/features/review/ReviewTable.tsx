/** The review table: one block per CSCom (report state, due date, balance mismatches) with one line per order. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { OrderListItem } from "../../api/orders";
import { EmergencyBadge, FlowLabel, OrderStatusBadge } from "../../components/Badges";
import { orderPath } from "../../components/screens";
import { formatDate, formatPeriod, formatXof } from "../../i18n/format";
import type { ReviewRow } from "./reviewModel";

function ReportCell({ row }: { row: ReviewRow }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`badge report-${row.reportState}`} data-report-state={row.reportState}>
        {t(`reportState.${row.reportState}`)}
      </span>
      <span className="muted small block">
        {row.report?.submittedAt ? t("review.submittedOn", { date: formatDate(row.report.submittedAt) }) + " · " : ""}
        {t("review.due", { date: formatDate(row.dueDate) })}
      </span>
    </>
  );
}

function OrderCells({ order }: { order: OrderListItem }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <td>
        <Link
          to={orderPath(order.id)}
          className="order-link"
          aria-label={t("review.openOrder", { id: order.id, flow: t(`flow.${order.flow}`) })}
        >
          #{order.id}
        </Link>{" "}
        <FlowLabel flow={order.flow} />
        {order.kind !== "regular" && <span className="muted small block">{t(`orderKind.${order.kind}`)}</span>}
        <span className="muted small block">{t("review.lines", { count: order.lineCount })}</span>
      </td>
      <td>
        <OrderStatusBadge status={order.status} />
      </td>
      <td className="num">{order.emergencyLines > 0 ? <EmergencyBadge count={order.emergencyLines} /> : "0"}</td>
      <td className="num nowrap">{formatXof(order.costXof, i18n.language)}</td>
      <td>
        {order.budgetExceeded ? (
          <span className="badge badge-stockout">{t("review.budgetExceeded")}</span>
        ) : (
          <span className="muted small">{t("common.no")}</span>
        )}
      </td>
    </>
  );
}

/** One page of review rows. */
export function ReviewTable({ rows, period }: { rows: ReviewRow[]; period: string }) {
  const { t, i18n } = useTranslation();
  const caption = t("review.caption", { period: formatPeriod(period, i18n.language) });
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="table review-table" data-testid="review-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("review.cscom")}</th>
            <th scope="col">{t("review.report")}</th>
            <th scope="col" className="num">
              {t("review.mismatches")}
            </th>
            <th scope="col">{t("review.order")}</th>
            <th scope="col">{t("review.status")}</th>
            <th scope="col" className="num">
              {t("review.emergency")}
            </th>
            <th scope="col" className="num">
              {t("review.cost")}
            </th>
            <th scope="col">{t("review.budget")}</th>
          </tr>
        </thead>
        {rows.map((row) => {
          const span = Math.max(1, row.orders.length);
          const head = (
            <>
              <th scope="rowgroup" rowSpan={span} className="cscom-cell">
                {row.facilityName}
              </th>
              <td rowSpan={span}>
                <ReportCell row={row} />
              </td>
              <td rowSpan={span} className="num">
                {row.mismatches > 0 ? <span className="warn-text">{row.mismatches}</span> : row.report ? "0" : "—"}
              </td>
            </>
          );
          return (
            <tbody key={row.facilityId} data-facility-id={row.facilityId} className="review-group">
              {row.orders.length === 0 ? (
                <tr>
                  {head}
                  <td colSpan={5} className="muted">
                    {t("review.noOrderYet")}
                  </td>
                </tr>
              ) : (
                row.orders.map((order, i) => (
                  <tr key={order.id} data-order-id={order.id}>
                    {i === 0 && head}
                    <OrderCells order={order} />
                  </tr>
                ))
              )}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
