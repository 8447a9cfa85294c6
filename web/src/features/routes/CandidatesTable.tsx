/** The shipments ready to go, one row per facility (= one stop): include or leave out each, with its orders, load and flags. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RouteCandidates } from "@shared/contracts/routePlans";
import { OrderStatusBadge } from "../../components/Badges";
import { orderPath } from "../../components/screens";
import { formatNumber } from "../../i18n/format";
import { StopFlags } from "./StopFlags";

/** Props: the candidates, the facilities included, and how to change the selection. */
export interface CandidatesTableProps {
  candidates: RouteCandidates;
  selected: ReadonlySet<string>;
  onSelect: (selected: Set<string>) => void;
  disabled: boolean;
}

/** The candidate stops with a check box each. */
export function CandidatesTable({ candidates, selected, onSelect, disabled }: CandidatesTableProps) {
  const { t, i18n } = useTranslation();
  const all = candidates.stops.map((s) => s.facilityId);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelect(next);
  };
  const kg = (n: number) => formatNumber(n, i18n.language, 1);
  return (
    <div className="table-scroll">
      <table className="table candidates-table" data-testid="candidates">
        <caption className="visually-hidden">{t("routes.candidates.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label={t("routes.candidates.all")}
                checked={all.length > 0 && all.every((id) => selected.has(id))}
                disabled={disabled}
                onChange={(e) => onSelect(new Set(e.target.checked ? all : []))}
              />
            </th>
            <th scope="col">{t("routes.col.facility")}</th>
            <th scope="col">{t("routes.col.orders")}</th>
            <th scope="col" className="num">
              {t("routes.col.load")}
            </th>
            <th scope="col">{t("routes.col.hours")}</th>
          </tr>
        </thead>
        <tbody>
          {candidates.stops.map((s) => (
            <tr
              key={s.facilityId}
              data-facility-id={s.facilityId}
              className={selected.has(s.facilityId) ? undefined : "is-excluded"}
            >
              <td>
                <input
                  type="checkbox"
                  aria-label={t("routes.candidates.include", { name: s.facilityName })}
                  checked={selected.has(s.facilityId)}
                  disabled={disabled}
                  onChange={(e) => toggle(s.facilityId, e.target.checked)}
                />
              </td>
              <th scope="row" className="facility-cell">
                {s.facilityName}
                <StopFlags coldChain={s.coldChain} insecure={s.insecure} closed={s.closedThisSeason} />
              </th>
              <td>
                <ul className="plain-list">
                  {s.orders.map((o) => (
                    <li key={o.orderId}>
                      <Link to={orderPath(o.orderId)}>#{o.orderId}</Link> <OrderStatusBadge status={o.status} />{" "}
                      <span className="muted small">{t("routes.candidates.lines", { count: o.lineCount })}</span>
                    </li>
                  ))}
                </ul>
              </td>
              <td className="num nowrap">
                {kg(s.loadKg)} kg
                <span className="block muted small">{kg(s.loadL)} L</span>
              </td>
              <td className="nowrap">{t("routes.hours", { from: s.opensAt, to: s.closesAt })}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t("routes.candidates.total", { stops: candidates.totals.stops, orders: candidates.totals.orders })}
            </th>
            <td className="num nowrap">
              {kg(candidates.totals.loadKg)} kg
              <span className="block small">{kg(candidates.totals.loadL)} L</span>
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
