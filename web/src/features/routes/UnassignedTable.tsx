/** The stops no vehicle serves, each with its reason in words, and the way to move one into a route. */
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RoutePlan } from "@shared/contracts/routePlans";
import { LoadCell, MoveButton, MoveRow, OrderLinksCell } from "./StopCells";
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
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="table" data-testid="unassigned">
        <caption className="visually-hidden">{t("routes.unassigned.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("routes.col.facility")}</th>
            <th scope="col">{t("routes.col.reason")}</th>
            <th scope="col" className="num">
              {t("routes.col.delivery")}
            </th>
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
                <LoadCell kg={u.loadKg} l={u.loadL} />
                <OrderLinksCell ids={u.orderIds} />
                <td>
                  {LEFT_OUT.has(u.reason) ? (
                    <span className="muted small">{t("routes.unassigned.replan")}</span>
                  ) : (
                    <MoveButton
                      open={moving?.id === u.id}
                      disabled={disabled}
                      onClick={() => onMoveStart(u.id)}
                      label={t("routes.move.add")}
                      name={t("routes.move.addNamed", { name: u.facilityName })}
                    />
                  )}
                </td>
              </tr>
              {moving?.id === u.id && <MoveRow colSpan={5} form={moving.form} />}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
