/** What the dispatcher sees of the last mile on a plan: a route's driver (chosen here) and each stop's delivery state. */
import { useTranslation } from "react-i18next";
import type { Driver } from "@shared/contracts/fleet";
import type { RoutePlan } from "@shared/contracts/routePlans";
import { formatDateTime } from "../../i18n/format";

type Stop = RoutePlan["routes"][number]["stops"][number];

/** The route's driver: a choice among the depot's drivers (or the name alone when it cannot be changed). */
export function DriverPicker({
  route,
  letter,
  drivers,
  disabled,
  onChange,
}: {
  route: RoutePlan["routes"][number];
  letter: string;
  drivers: Driver[] | undefined;
  disabled: boolean;
  onChange: (driverUserId: number | null) => void;
}) {
  const { t } = useTranslation();
  const id = `route-driver-${route.vehicleId}`;
  const known = drivers ?? [];
  return (
    <div className="field route-driver" data-testid="route-driver" data-driver-id={route.driverUserId ?? ""}>
      <label htmlFor={id}>{t("plan.driverNamed", { letter })}</label>
      <select
        id={id}
        value={route.driverUserId ?? ""}
        disabled={disabled || drivers === undefined}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">{t("plan.driverNone")}</option>
        {route.driverUserId !== null && !known.some((d) => d.id === route.driverUserId) && (
          <option value={route.driverUserId}>{route.driverName ?? `#${route.driverUserId}`}</option>
        )}
        {known.map((d) => (
          <option key={d.id} value={d.id}>
            {d.displayName}
          </option>
        ))}
      </select>
      {route.plate && <span className="muted small">{t("plan.plate", { plate: route.plate })}</span>}
    </div>
  );
}

/** A stop's delivery state and time, with the refused deliveries the depot must see. */
export function DeliveryCell({ stop }: { stop: Stop }) {
  const { t } = useTranslation();
  const d = stop.delivery;
  const at = d.departedAt ?? d.arrivedAt ?? d.recordedAt;
  return (
    <span className="stop-delivery" data-testid="stop-delivery" data-state={d.state}>
      <span className={`badge delivery-badge is-${d.state}`}>{t(`delivery.state.${d.state}`)}</span>
      {at && <span className="block muted small">{formatDateTime(at)}</span>}
      {d.skipReason && <span className="block small">{t(`delivery.skipReason.${d.skipReason}`)}</span>}
      {d.recipient && <span className="block muted small">{d.recipient}</span>}
      {d.refused.length > 0 && (
        <span className="block small delivery-refused" data-testid="stop-refused">
          ⚠ {t("plan.refusedCount", { count: d.refused.length })} :{" "}
          {d.refused.map((r) => t(`delivery.refusal.${r.code}`)).join(" ; ")}
        </span>
      )}
    </span>
  );
}

/** "Suivi des livraisons : 3 / 5 arrêts traités". */
export function deliveryProgress(plan: RoutePlan): { done: number; total: number } {
  const stops = plan.routes.flatMap((r) => r.stops);
  return { done: stops.filter((s) => s.delivery.state !== "pending").length, total: stops.length };
}
