/** The plans of a depot, newest date first, paged; each opens at its own URL. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useRoutePlans } from "../../api/routePlans";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { formatDate, formatNumber, formatXof } from "../../i18n/format";
import { DataTable } from "../../lib/table/DataTable";
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
      <DataTable
        rows={plans.data.items}
        rowKey={(p) => p.id}
        caption={t("routes.list.caption")}
        testId="plan-list"
        rowProps={(p) => ({ "data-plan-id": p.id })}
        pager={{
          offset,
          count: plans.data.items.length,
          total: plans.data.total,
          pageSize: PAGE_SIZE,
          onPage: setOffset,
          label: t("routes.list.pager"),
        }}
        columns={[
          {
            id: "plan",
            header: t("routes.list.plan"),
            rowHeader: true,
            cell: (p) => (
              <Link to={planPath(p.id)}>{t("routes.list.planOf", { date: formatDate(p.date), id: p.id })}</Link>
            ),
          },
          { id: "status", header: t("routes.list.status"), cell: (p) => <PlanStatusBadge status={p.status} /> },
          { id: "vehicles", header: t("routes.list.vehicles"), numeric: true, cell: (p) => p.vehicles },
          { id: "stops", header: t("routes.list.stops"), numeric: true, cell: (p) => p.totals.stops },
          { id: "unassigned", header: t("routes.list.unassigned"), numeric: true, cell: (p) => p.totals.unassigned },
          {
            id: "distance",
            header: t("routes.list.distance"),
            numeric: true,
            className: "nowrap",
            cell: (p) => `${formatNumber(p.totals.distanceM / 1000, i18n.language, 1)} km`,
          },
          {
            id: "cost",
            header: t("routes.list.cost"),
            numeric: true,
            className: "nowrap",
            cell: (p) => formatXof(p.totals.costXof, i18n.language),
          },
          {
            id: "violations",
            header: t("routes.list.violations"),
            numeric: true,
            cell: (p) => (
              <span className={p.totals.violations > 0 ? "warn-text" : undefined}>{p.totals.violations}</span>
            ),
          },
        ]}
      />
    </div>
  );
}
