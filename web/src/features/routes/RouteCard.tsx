/** One vehicle's route: the vehicle, its totals against capacity, its broken constraints, and its stops in order with ETAs and loads. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RoutePlan, RouteViolation } from "@shared/contracts/routePlans";
import { formatNumber, formatXof } from "../../i18n/format";
import { clock, duration, routeColour, routeLetter, sharePercent, violationText } from "../../lib/routePlan/routeView";
import { DataTable, type Columns } from "../../lib/table/DataTable";
import { LoadText, MoveButton, OrderLinks } from "./StopCells";
import { StopFlags } from "../../lib/routePlan/StopFlags";
import type { Driver } from "@shared/contracts/fleet";
import { DeliveryCell, DriverPicker } from "./DeliveryCells";

type Route = RoutePlan["routes"][number];
type Stop = Route["stops"][number];

/** Props: the route, its index (colour, letter), the violations, and the move form slot. */
export interface RouteCardProps {
  route: Route;
  index: number;
  routeViolations: RouteViolation[];
  stopViolations: Map<number, RouteViolation[]>;
  /** Stop whose move form is open, and the form */
  moving: { stopId: number; form: ReactNode } | null;
  highlight: number | null;
  onMoveStart: (stopId: number) => void;
  disabled: boolean;
  /** The depot's drivers, and how to change the route's driver */
  drivers: Driver[] | undefined;
  onDriver: (driverUserId: number | null) => void;
}

/** A stop's facility cell: name, flags, broken constraints. */
function FacilityCell({ stop, violations }: { stop: Stop; violations: RouteViolation[] }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <span data-testid="stop-name">{stop.facilityName}</span>
      <StopFlags coldChain={stop.coldChain} insecure={stop.insecure} />
      {violations.map((v, i) => (
        <span key={i} className="badge badge-violation" data-violation={v.type}>
          ⚠ {violationText(t, v, i18n.language)}
        </span>
      ))}
    </>
  );
}

/** A stop's ETA cell: arrival, opening hours, waiting. */
function EtaCell({ stop: s }: { stop: Stop }) {
  const { t } = useTranslation();
  return (
    <span data-testid="stop-eta">
      {clock(s.etaS)}
      <span className="block muted small">{t("routes.stop.window", { from: s.windowStart, to: s.windowEnd })}</span>
      {s.waitingS > 0 && (
        <span className="block muted small">{t("routes.stop.waiting", { duration: duration(s.waitingS) })}</span>
      )}
    </span>
  );
}

/** The columns of a route's stop table: position, facility (flags, violations), ETA, leg, load, on board, orders, move. */
function useStopColumns(props: RouteCardProps): Columns<Stop> {
  const { index, stopViolations, moving, onMoveStart, disabled } = props;
  const { t, i18n } = useTranslation();
  const n1 = (x: number) => formatNumber(x, i18n.language, 1);
  const figure = { numeric: true, className: "nowrap" };
  return [
    {
      id: "position",
      header: "#",
      numeric: true,
      cell: (s) => (
        <span className="stop-number" style={{ background: routeColour(index) }} data-testid="stop-position">
          {s.position}
        </span>
      ),
    },
    {
      id: "facility",
      header: t("routes.col.facility"),
      rowHeader: true,
      className: "facility-cell",
      cell: (s) => <FacilityCell stop={s} violations={stopViolations.get(s.id) ?? []} />,
    },
    { id: "eta", header: t("routes.col.eta"), className: "nowrap", cell: (s) => <EtaCell stop={s} /> },
    {
      id: "leg",
      header: t("routes.col.leg"),
      ...figure,
      cell: (s) => (
        <>
          {n1(s.distanceFromPrevM / 1000)} km
          <span className="block muted small">{duration(s.drivingFromPrevS)}</span>
        </>
      ),
    },
    {
      id: "delivery",
      header: t("routes.col.delivery"),
      ...figure,
      cell: (s) => <LoadText kg={s.loadKg} l={s.loadL} />,
    },
    {
      id: "onBoard",
      header: t("routes.col.onBoard"),
      numeric: true,
      className: "nowrap col-on-board",
      headerClassName: "col-on-board",
      cell: (s) => <LoadText kg={s.loadAfterKg} l={s.loadAfterL} />,
    },
    { id: "orders", header: t("routes.col.orders"), cell: (s) => <OrderLinks ids={s.orderIds} /> },
    { id: "stopState", header: t("plan.stopState"), cell: (s) => <DeliveryCell stop={s} /> },
    {
      id: "move",
      header: <span className="visually-hidden">{t("routes.col.actions")}</span>,
      className: "col-sticky-end",
      headerClassName: "col-sticky-end",
      cell: (s) => <StopMoveButton stop={s} open={moving?.stopId === s.id} disabled={disabled} onMove={onMoveStart} />,
    },
  ];
}

/** "Déplacer" a stop (not once the driver has recorded it). */
function StopMoveButton({
  stop,
  open,
  disabled,
  onMove,
}: {
  stop: Stop;
  open: boolean;
  disabled: boolean;
  onMove: (stopId: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <MoveButton
      open={open}
      disabled={disabled || stop.delivery.state !== "pending"}
      onClick={() => onMove(stop.id)}
      label={t("routes.move.button")}
      name={t("routes.move.buttonNamed", { name: stop.facilityName })}
    />
  );
}

/** The route's figures: load against capacity (kg, litres), distance, duration, cost. */
function RouteStats({ route }: { route: Route }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n1 = (x: number) => formatNumber(x, lang, 1);
  const kgPct = sharePercent(route.loadKg, route.capacityKg);
  const lPct = sharePercent(route.loadL, route.capacityL);
  const loadOf = (load: number, cap: number, unit: string, pct: number) =>
    t("routes.route.loadOf", {
      load: n1(load),
      cap: formatNumber(cap, lang),
      unit,
      pct: Number.isFinite(pct) ? pct : "∞",
    });
  return (
    <dl className="route-stats">
      <div className={kgPct > 100 ? "is-over" : undefined}>
        <dt>{t("routes.route.loadKg")}</dt>
        <dd data-testid="route-load-kg">{loadOf(route.loadKg, route.capacityKg, "kg", kgPct)}</dd>
      </div>
      <div className={lPct > 100 ? "is-over" : undefined}>
        <dt>{t("routes.route.loadL")}</dt>
        <dd>{loadOf(route.loadL, route.capacityL, "L", lPct)}</dd>
      </div>
      <div>
        <dt>{t("routes.route.distance")}</dt>
        <dd>{n1(route.distanceM / 1000)} km</dd>
      </div>
      <div>
        <dt>{t("routes.route.duration")}</dt>
        <dd>{duration(route.durationS)}</dd>
      </div>
      <div>
        <dt>{t("routes.route.cost")}</dt>
        <dd>{formatXof(route.costXof, lang)}</dd>
      </div>
    </dl>
  );
}

/** The card's title: letter and colour, vehicle and its capacities, shift and cost; the route's driver. */
function RouteHead({
  route,
  index,
  drivers,
  onDriver,
  disabled,
}: Pick<RouteCardProps, "route" | "index" | "drivers" | "onDriver" | "disabled">) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="route-head">
      <h3 id={`route-${route.vehicleId}`}>
        <span className="route-swatch" style={{ background: routeColour(index) }} aria-hidden="true" />
        {t("routes.route.title", { letter: routeLetter(index), name: route.name })}
      </h3>
      <p className="muted small">
        {t("routes.route.vehicle", {
          kg: formatNumber(route.capacityKg, lang),
          l: formatNumber(route.capacityL, lang),
          from: route.shiftStart,
          to: route.shiftEnd,
          cost: formatXof(route.costPerKmXof, lang),
        })}
        {route.coldBox && ` · ❄ ${t("routes.route.coldBox")}`}
      </p>
      <DriverPicker
        route={route}
        letter={routeLetter(index)}
        drivers={drivers}
        disabled={disabled || route.stops.some((s) => s.delivery.state !== "pending")}
        onChange={onDriver}
      />
    </div>
  );
}

/** A route's card with its stop table. */
export function RouteCard(props: RouteCardProps) {
  const { route, index, routeViolations, stopViolations, moving, highlight } = props;
  const { t, i18n } = useTranslation();
  const columns = useStopColumns(props);
  const broken = routeViolations.length > 0 || route.stops.some((s) => stopViolations.has(s.id));
  return (
    <section
      className={`route-card${broken ? " has-violations" : ""}`}
      style={{ borderLeftColor: routeColour(index) }}
      aria-labelledby={`route-${route.vehicleId}`}
      data-testid="route"
      data-vehicle-id={route.vehicleId}
    >
      <RouteHead
        route={route}
        index={index}
        drivers={props.drivers}
        onDriver={props.onDriver}
        disabled={props.disabled}
      />
      <RouteStats route={route} />
      {routeViolations.length > 0 && (
        <ul className="violations" data-testid="route-violations">
          {routeViolations.map((v, i) => (
            <li key={i} data-violation={v.type}>
              ⚠ {violationText(t, v, i18n.language)}
            </li>
          ))}
        </ul>
      )}
      {route.stops.length === 0 ? (
        <p className="muted">{t("routes.route.empty")}</p>
      ) : (
        <DataTable
          columns={columns}
          rows={route.stops}
          rowKey={(s) => s.id}
          className="route-table"
          caption={t("routes.route.caption", { letter: routeLetter(index), name: route.name })}
          rowProps={(s) => ({
            "data-stop-id": s.id,
            "data-facility-id": s.facilityId,
            className:
              [
                (stopViolations.get(s.id) ?? []).length > 0 ? "is-violation" : "",
                highlight === s.id ? "is-selected" : "",
              ]
                .join(" ")
                .trim() || undefined,
          })}
          subRow={(s) => (moving?.stopId === s.id ? moving.form : null)}
          subRowClassName="move-row"
        />
      )}
    </section>
  );
}
