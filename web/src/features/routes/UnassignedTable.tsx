/** The stops no vehicle serves, each with its reason in words, and the way to move one into a route. */
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RoutePlan } from "@shared/contracts/routePlans";
import { formatNumber } from "../../i18n/format";
import { StopFlags } from "./StopFlags";

/** Reasons a dispatcher cannot undo by moving the stop (it was left out before solving). */
const LEFT_OUT = new Set(["season_closed", "insecure"]);

/** Props: the unassigned stops, the one whose move form is open, and how to open it. */
export interface UnassignedTableProps {
  stops: RoutePlan["unassigned"];
  moving: { id: number; form: ReactNode } | null;
  onMoveStart: (id: number) => void;
  disabled: boolean;
}

/** The unassigned stops. */
export function UnassignedTable({ stops, moving, onMoveStart, disabled }: UnassignedTableProps) {
  const { t, i18n } = useTranslation();
  const n1 = (x: number) => formatNumber(x, i18n.language, 1);
  return (
    <div className="table-scroll">
      <table className="table" data-testid="unassigned">
        <caption className="visually-hidden">{t("routes.unassigned.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("routes.col.facility")}</th>
            <th scope="col">{t("routes.col.reason")}</th>
            <th scope="col" className="num">{t("routes.col.delivery")}</th>
            <th scope="col">{t("routes.col.orders")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("routes.col.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {stops.map((u) => (
            <Fragment key={u.id}>
              <tr data-unassigned-id={u.id} data-facility-id={u.facilityId}>
                <th scope="row" className="facility-cell">
                  {u.facilityName}
                  <StopFlags coldChain={u.coldChain} insecure={u.insecure} />
                </th>
                <td data-reason={u.reason}>{t(`routes.reason.${u.reason}`)}</td>
                <td className="num nowrap">
                  {n1(u.loadKg)} kg<span className="block muted small">{n1(u.loadL)} L</span>
                </td>
                <td>{u.orderIds.length ? u.orderIds.map((id) => `#${id}`).join(", ") : t("common.none")}</td>
                <td>
                  {LEFT_OUT.has(u.reason) ? (
                    <span className="muted small">{t("routes.unassigned.replan")}</span>
                  ) : (
                    <button type="button" className="button button-small" disabled={disabled} aria-expanded={moving?.id === u.id} onClick={() => onMoveStart(u.id)} aria-label={t("routes.move.addNamed", { name: u.facilityName })}>
                      {t("routes.move.add")}
                    </button>
                  )}
                </td>
              </tr>
              {moving?.id === u.id && (
                <tr className="move-row">
                  <td colSpan={5}>{moving.form}</td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
