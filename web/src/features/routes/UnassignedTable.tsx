/** The stops no vehicle serves, each with its reason in words, and the way to move one into a route. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RoutePlan } from "@shared/contracts/routePlans";
import { DataTable } from "../../lib/table/DataTable";
import { LoadText, MoveButton, OrderLinks } from "./StopCells";
import { StopFlags } from "../../lib/routePlan/StopFlags";

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
    <DataTable
      rows={stops}
      rowKey={(u) => u.id}
      caption={t("routes.unassigned.caption")}
      testId="unassigned"
      rowProps={(u) => ({ "data-unassigned-id": u.id, "data-facility-id": u.facilityId })}
      subRow={(u) => (moving?.id === u.id ? moving.form : null)}
      subRowClassName="move-row"
      columns={[
        {
          id: "facility",
          header: t("routes.col.facility"),
          rowHeader: true,
          className: "facility-cell",
          cell: (u) => (
            <>
              {u.facilityName}
              <StopFlags coldChain={u.coldChain} insecure={u.insecure} />
            </>
          ),
        },
        {
          id: "reason",
          header: t("routes.col.reason"),
          cell: (u) => <span data-reason={u.reason}>{t(`routes.reason.${u.reason}`)}</span>,
        },
        {
          id: "delivery",
          header: t("routes.col.delivery"),
          numeric: true,
          className: "nowrap",
          cell: (u) => <LoadText kg={u.loadKg} l={u.loadL} />,
        },
        { id: "orders", header: t("routes.col.orders"), cell: (u) => <OrderLinks ids={u.orderIds} /> },
        {
          id: "actions",
          header: <span className="visually-hidden">{t("routes.col.actions")}</span>,
          className: "col-sticky-end",
          headerClassName: "col-sticky-end",
          cell: (u) =>
            LEFT_OUT.has(u.reason) ? (
              <span className="muted small">{t("routes.unassigned.replan")}</span>
            ) : (
              <MoveButton
                open={moving?.id === u.id}
                disabled={disabled}
                onClick={() => onMoveStart(u.id)}
                label={t("routes.move.add")}
                name={t("routes.move.addNamed", { name: u.facilityName })}
              />
            ),
        },
      ]}
    />
  );
}
