/** The shipments ready to go, one row per facility (= one stop): include or leave out each, with its orders, load and flags. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RouteCandidates } from "@shared/contracts/routePlans";
import { OrderStatusBadge } from "../../components/Badges";
import { orderPath } from "../../components/screens";
import { DataTable, type Columns } from "../../lib/table/DataTable";
import { LoadText } from "./StopCells";
import { StopFlags } from "../../lib/routePlan/StopFlags";

/** Props: the candidates, the facilities included, and how to change the selection. */
type Stop = RouteCandidates["stops"][number];

export interface CandidatesTableProps {
  candidates: RouteCandidates;
  selected: ReadonlySet<string>;
  onSelect: (selected: Set<string>) => void;
  disabled: boolean;
}

/** The columns: include (with "all" in the header), facility and flags, orders, load, opening hours. */
function useCandidateColumns({ candidates, selected, onSelect, disabled }: CandidatesTableProps): Columns<Stop> {
  const { t } = useTranslation();
  const all = candidates.stops.map((s) => s.facilityId);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelect(next);
  };
  return [
    {
      id: "include",
      header: (
        <input
          type="checkbox"
          aria-label={t("routes.candidates.all")}
          checked={all.length > 0 && all.every((id) => selected.has(id))}
          disabled={disabled}
          onChange={(e) => onSelect(new Set(e.target.checked ? all : []))}
        />
      ),
      cell: (s) => (
        <input
          type="checkbox"
          aria-label={t("routes.candidates.include", { name: s.facilityName })}
          checked={selected.has(s.facilityId)}
          disabled={disabled}
          onChange={(e) => toggle(s.facilityId, e.target.checked)}
        />
      ),
    },
    {
      id: "facility",
      header: t("routes.col.facility"),
      rowHeader: true,
      className: "facility-cell",
      cell: (s) => (
        <>
          {s.facilityName}
          <StopFlags coldChain={s.coldChain} insecure={s.insecure} closed={s.closedThisSeason} />
        </>
      ),
    },
    {
      id: "orders",
      header: t("routes.col.orders"),
      cell: (s) => (
        <ul className="plain-list">
          {s.orders.map((o) => (
            <li key={o.orderId}>
              <Link to={orderPath(o.orderId)}>#{o.orderId}</Link> <OrderStatusBadge status={o.status} />{" "}
              <span className="muted small">{t("routes.candidates.lines", { count: o.lineCount })}</span>
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: "load",
      header: t("routes.col.load"),
      numeric: true,
      className: "nowrap",
      cell: (s) => <LoadText kg={s.loadKg} l={s.loadL} />,
    },
    {
      id: "hours",
      header: t("routes.col.hours"),
      className: "nowrap",
      cell: (s) => t("routes.hours", { from: s.opensAt, to: s.closesAt }),
    },
  ];
}

/** The candidate stops with a check box each. */
export function CandidatesTable(props: CandidatesTableProps) {
  const { t } = useTranslation();
  const { candidates, selected } = props;
  return (
    <DataTable
      rows={candidates.stops}
      rowKey={(s) => s.facilityId}
      caption={t("routes.candidates.caption")}
      className="candidates-table"
      testId="candidates"
      rowProps={(s) => ({
        "data-facility-id": s.facilityId,
        className: selected.has(s.facilityId) ? undefined : "is-excluded",
      })}
      footer={<CandidatesTotals candidates={candidates} />}
      columns={useCandidateColumns(props)}
    />
  );
}

/** The totals row: stops and orders, load. */
function CandidatesTotals({ candidates }: { candidates: RouteCandidates }) {
  const { t } = useTranslation();
  return (
    <tr>
      <th scope="row" colSpan={3}>
        {t("routes.candidates.total", {
          stops: t("routes.candidates.stops", { count: candidates.totals.stops }),
          orders: t("routes.candidates.orders", { count: candidates.totals.orders }),
        })}
      </th>
      <td className="num nowrap">
        <LoadText kg={candidates.totals.loadKg} l={candidates.totals.loadL} />
      </td>
      <td />
    </tr>
  );
}
