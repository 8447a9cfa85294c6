/** "Move to route X, position N": the keyboard-friendly way to move a stop (routed or unassigned); the server re-checks the plan. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RouteMove, RoutePlan } from "@shared/contracts/routePlans";
import { positionsFor, routeLetter } from "../../lib/routePlan/routeView";

type Stop = RoutePlan["routes"][number]["stops"][number];

/** What is being moved: a stop on a route, or an unassigned stop. */
export type MoveTarget =
  { kind: "stop"; stop: Stop; vehicleId: number } | { kind: "unassigned"; stop: RoutePlan["unassigned"][number] };

/** Props: the plan, the stop to move, and what to do with the chosen move. */
export interface MoveControlProps {
  plan: RoutePlan;
  target: MoveTarget;
  pending: boolean;
  onMove: (move: RouteMove) => void;
  onCancel: () => void;
}

/** The inline move form. */
export function MoveControl({ plan, target, pending, onMove, onCancel }: MoveControlProps) {
  const { t } = useTranslation();
  const moving = target.kind === "stop" ? target.stop : null;
  // Default: the next route for a routed stop, the first for an unassigned one; at the end of it.
  const current = target.kind === "stop" ? plan.routes.findIndex((r) => r.vehicleId === target.vehicleId) : -1;
  const [vehicleId, setVehicleId] = useState(() => plan.routes[(current + 1) % plan.routes.length]!.vehicleId);
  const route = plan.routes.find((r) => r.vehicleId === vehicleId)!;
  const positions = positionsFor(route, moving);
  const [position, setPosition] = useState(positions.at(-1)!);
  const safePosition = Math.min(position, positions.at(-1)!);
  const id = `move-${target.kind}-${target.stop.id}`;
  return (
    <form
      className="move-control"
      aria-label={t("routes.move.formLabel", { name: target.stop.facilityName })}
      onSubmit={(e) => {
        e.preventDefault();
        const ids = target.kind === "stop" ? { stopId: target.stop.id } : { unassignedId: target.stop.id };
        onMove({ ...ids, vehicleId, position: safePosition });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-route`}>{t("routes.move.route")}</label>
        <select
          id={`${id}-route`}
          value={vehicleId}
          disabled={pending}
          onChange={(e) => {
            const next = Number(e.target.value);
            setVehicleId(next);
            setPosition(
              positionsFor(
                plan.routes.find((r) => r.vehicleId === next)!,
                moving,
              ).at(-1)!,
            );
          }}
        >
          {plan.routes.map((r, i) => (
            <option key={r.vehicleId} value={r.vehicleId}>
              {routeLetter(i)} — {r.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-position`}>{t("routes.move.position")}</label>
        <select
          id={`${id}-position`}
          value={safePosition}
          disabled={pending}
          onChange={(e) => setPosition(Number(e.target.value))}
        >
          {positions.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-primary button-small" disabled={pending}>
        {t("routes.move.apply")}
      </button>
      <button type="button" className="button button-small" disabled={pending} onClick={onCancel}>
        {t("routes.move.cancel")}
      </button>
    </form>
  );
}
