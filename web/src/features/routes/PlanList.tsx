/** The plans of a depot, newest date first, paged; each opens at its own URL. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useRoutePlans } from "../../api/routePlans";
import { Pager } from "../../components/Pager";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { formatDate, formatNumber, formatXof } from "../../i18n/format";
import { PlanStatusBadge } from "./PlanStatusBadge";
import { planPath } from "./paths";

const PAGE_SIZE = 10;

/** Existing plans of `depotId`. */
export function PlanList({ depotId }: { depotId: string }) {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const plans = useRoutePlans({ depotId, limit: PAGE_SIZE, offset });
  if (plans.isPending) return <Loading />;
  if (plans.isError) return <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />;
  if (plans.data.items.length === 0) return <EmptyState>{t("routes.list.empty")}</EmptyState>;
  return (
    <div className={plans.isPlaceholderData ? "is-stale" : undefined}>
      <div className="table-scroll">
        <table className="table" data-testid="plan-list">
          <caption className="visually-hidden">{t("routes.list.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("routes.list.plan")}</th>
              <th scope="col">{t("routes.list.status")}</th>
              <th scope="col" className="num">
                {t("routes.list.vehicles")}
              </th>
              <th scope="col" className="num">
                {t("routes.list.stops")}
              </th>
              <th scope="col" className="num">
                {t("routes.list.unassigned")}
              </th>
              <th scope="col" className="num">
                {t("routes.list.distance")}
              </th>
              <th scope="col" className="num">
                {t("routes.list.cost")}
              </th>
              <th scope="col" className="num">
                {t("routes.list.violations")}
              </th>
            </tr>
          </thead>
          <tbody>
            {plans.data.items.map((p) => (
              <tr key={p.id} data-plan-id={p.id}>
                <th scope="row">
                  <Link to={planPath(p.id)}>{t("routes.list.planOf", { date: formatDate(p.date), id: p.id })}</Link>
                </th>
                <td>
                  <PlanStatusBadge status={p.status} />
                </td>
                <td className="num">{p.vehicles}</td>
                <td className="num">{p.totals.stops}</td>
                <td className="num">{p.totals.unassigned}</td>
                <td className="num nowrap">{formatNumber(p.totals.distanceM / 1000, i18n.language, 1)} km</td>
                <td className="num nowrap">{formatXof(p.totals.costXof, i18n.language)}</td>
                <td className={p.totals.violations > 0 ? "num warn-text" : "num"}>{p.totals.violations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        offset={offset}
        count={plans.data.items.length}
        total={plans.data.total}
        pageSize={PAGE_SIZE}
        onPage={setOffset}
        label={t("routes.list.pager")}
      />
    </div>
  );
}
