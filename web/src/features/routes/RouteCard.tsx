/** One vehicle's route: the vehicle, its totals against capacity, its broken constraints, and its stops in order with ETAs and loads. */
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RoutePlan, RouteViolation } from "@shared/contracts/routePlans";
import { formatNumber, formatXof } from "../../i18n/format";
import { clock, duration, routeColour, routeLetter, sharePercent, violationText } from "./routeView";
import { LoadCell, MoveButton, MoveRow, OrderLinksCell } from "./StopCells";
import { StopFlags } from "./StopFlags";

type Route = RoutePlan["routes"][number];

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
}

/** A route's card with its stop table. */
export function RouteCard({
  route,
  index,
  routeViolations,
  stopViolations,
  moving,
  highlight,
  onMoveStart,
  disabled,
}: RouteCardProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n1 = (x: number) => formatNumber(x, lang, 1);
  const kgPct = sharePercent(route.loadKg, route.capacityKg);
  const lPct = sharePercent(route.loadL, route.capacityL);
  const broken = routeViolations.length > 0 || route.stops.some((s) => stopViolations.has(s.id));
  return (
    <section
      className={`route-card${broken ? " has-violations" : ""}`}
      style={{ borderLeftColor: routeColour(index) }}
      aria-labelledby={`route-${route.vehicleId}`}
      data-testid="route"
      data-vehicle-id={route.vehicleId}
    >
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
      </div>
      <dl className="route-stats">
        <div className={kgPct > 100 ? "is-over" : undefined}>
          <dt>{t("routes.route.loadKg")}</dt>
          <dd data-testid="route-load-kg">
            {t("routes.route.loadOf", {
              load: n1(route.loadKg),
              cap: formatNumber(route.capacityKg, lang),
              unit: "kg",
              pct: Number.isFinite(kgPct) ? kgPct : "∞",
            })}
          </dd>
        </div>
        <div className={lPct > 100 ? "is-over" : undefined}>
          <dt>{t("routes.route.loadL")}</dt>
          <dd>
            {t("routes.route.loadOf", {
              load: n1(route.loadL),
              cap: formatNumber(route.capacityL, lang),
              unit: "L",
              pct: Number.isFinite(lPct) ? lPct : "∞",
            })}
          </dd>
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
      {routeViolations.length > 0 && (
        <ul className="violations" data-testid="route-violations">
          {routeViolations.map((v, i) => (
            <li key={i} data-violation={v.type}>
              ⚠ {violationText(t, v, lang)}
            </li>
          ))}
        </ul>
      )}
      {route.stops.length === 0 ? (
        <p className="muted">{t("routes.route.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table route-table">
            <caption className="visually-hidden">
              {t("routes.route.caption", { letter: routeLetter(index), name: route.name })}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">{t("routes.col.facility")}</th>
                <th scope="col">{t("routes.col.eta")}</th>
                <th scope="col" className="num">
                  {t("routes.col.leg")}
                </th>
                <th scope="col" className="num">
                  {t("routes.col.delivery")}
                </th>
                <th scope="col" className="num col-on-board">
                  {t("routes.col.onBoard")}
                </th>
                <th scope="col">{t("routes.col.orders")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("routes.col.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {route.stops.map((s) => {
                const vs = stopViolations.get(s.id) ?? [];
                return (
                  <Fragment key={s.id}>
                    <tr
                      data-stop-id={s.id}
                      data-facility-id={s.facilityId}
                      className={
                        [vs.length ? "is-violation" : "", highlight === s.id ? "is-selected" : ""].join(" ").trim() ||
                        undefined
                      }
                    >
                      <td className="num">
                        <span
                          className="stop-number"
                          style={{ background: routeColour(index) }}
                          data-testid="stop-position"
                        >
                          {s.position}
                        </span>
                      </td>
                      <th scope="row" className="facility-cell">
                        <span data-testid="stop-name">{s.facilityName}</span>
                        <StopFlags coldChain={s.coldChain} insecure={s.insecure} />
                        {vs.map((v, i) => (
                          <span key={i} className="badge badge-violation" data-violation={v.type}>
                            ⚠ {violationText(t, v, lang)}
                          </span>
                        ))}
                      </th>
                      <td className="nowrap" data-testid="stop-eta">
                        {clock(s.etaS)}
                        <span className="block muted small">
                          {t("routes.stop.window", { from: s.windowStart, to: s.windowEnd })}
                        </span>
                        {s.waitingS > 0 && (
                          <span className="block muted small">
                            {t("routes.stop.waiting", { duration: duration(s.waitingS) })}
                          </span>
                        )}
                      </td>
                      <td className="num nowrap">
                        {n1(s.distanceFromPrevM / 1000)} km
                        <span className="block muted small">{duration(s.drivingFromPrevS)}</span>
                      </td>
                      <LoadCell kg={s.loadKg} l={s.loadL} />
                      <LoadCell kg={s.loadAfterKg} l={s.loadAfterL} className="num nowrap col-on-board" />
                      <OrderLinksCell ids={s.orderIds} />
                      <td>
                        <MoveButton
                          open={moving?.stopId === s.id}
                          disabled={disabled}
                          onClick={() => onMoveStart(s.id)}
                          label={t("routes.move.button")}
                          name={t("routes.move.buttonNamed", { name: s.facilityName })}
                        />
                      </td>
                    </tr>
                    {moving?.stopId === s.id && <MoveRow colSpan={8} form={moving.form} />}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
