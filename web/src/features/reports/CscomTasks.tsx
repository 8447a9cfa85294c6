/**
 * What the CSCom manager has to do, on her home page above her facility's stock: the monthly report of the last
 * complete month (its state and due date) and the orders waiting for her (to submit, delivery to record, receipt
 * to confirm), each with a link to the screen that does it.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useOrders } from "../../api/orders";
import { useFacilityReports } from "../../api/reports";
import { SCREENS } from "../../components/screens";
import { formatDate, formatPeriod } from "../../i18n/format";
import { nextStep } from "./MyOrdersPage";
import { duePeriods } from "./periods";
import "./reports.css";

/** Orders read to count what waits for the CSCom (its most recent ones). */
const RECENT_ORDERS = 100;

/** The tasks card of the CSCom manager's home. */
export function CscomTasks({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const reports = useFacilityReports(facilityId);
  const orders = useOrders({ facilityId, limit: RECENT_ORDERS });
  const month = reports.data ? duePeriods(today, reports.data, 1)[0] : undefined;
  const waiting = (orders.data?.items ?? []).filter((o) => nextStep(o.status) !== null);
  const toSubmit = waiting.filter((o) => o.status === "draft" || o.status === "rejected").length;
  const toDeliver = waiting.filter((o) => o.status === "shipped").length;
  const toReceive = waiting.filter((o) => o.status === "delivered").length;
  return (
    <section className="card cscom-tasks" aria-labelledby="cscom-tasks-title" data-testid="cscom-tasks">
      <h2 id="cscom-tasks-title">{t("home.tasks")}</h2>
      <ul>
        {month && (
          <li data-report-state={month.state}>
            {t("home.report", {
              period: formatPeriod(month.period, i18n.language),
              state: t(`reportState.${month.state}`),
              date: formatDate(month.dueDate),
            })}{" "}
            <Link to={`${SCREENS.report.path}?periode=${month.period}`}>{t("home.openReport")}</Link>
          </li>
        )}
        {toSubmit > 0 && <TaskLine text={t("home.toSubmit", { count: toSubmit })} />}
        {toDeliver > 0 && <TaskLine text={t("home.toDeliver", { count: toDeliver })} />}
        {toReceive > 0 && <TaskLine text={t("home.toReceive", { count: toReceive })} />}
        {orders.data && waiting.length === 0 && <li className="muted">{t("home.noOrderTask")}</li>}
      </ul>
    </section>
  );
}

function TaskLine({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <li>
      {text} <Link to={SCREENS.myOrders.path}>{t("home.openOrders")}</Link>
    </li>
  );
}
