/** One route of the driver's day: vehicle, depot, departure and return, distance, duration, load, then the stops in visiting order. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatNumber } from "../../i18n/format";
import type { OutboxItem } from "../../offline/outbox";
import { clock, duration, routeColour, routeLetter } from "../../lib/routePlan/routeView";
import { departureS, returnS, type DayRoute } from "./driverDay";
import { driverManifestsPath } from "./paths";
import { StopCard } from "./StopCard";

/** A figure of the route's summary (`wide`: on a line of its own, for a long name). */
function Fact({ label, value, name, wide = false }: { label: string; value: string; name: string; wide?: boolean }) {
  return (
    <div className={wide ? "is-wide" : undefined}>
      <dt>{label}</dt>
      <dd data-fact={name}>{value}</dd>
    </div>
  );
}

/** The route's card. */
export function DriverRouteCard({
  entry,
  day,
  outbox,
}: {
  entry: DayRoute;
  day: string;
  outbox: readonly OutboxItem[];
}) {
  const { t, i18n } = useTranslation();
  const { plan, route, index } = entry;
  const n1 = (x: number) => formatNumber(x, i18n.language, 1);
  const letter = routeLetter(index);
  const titleId = `driver-route-${plan.id}-${route.vehicleId}`;
  return (
    <section
      className="driver-route"
      style={{ borderTopColor: routeColour(index) }}
      aria-labelledby={titleId}
      data-testid="driver-route"
      data-plan-id={plan.id}
      data-vehicle-id={route.vehicleId}
    >
      <div className="driver-route-head">
        <h2 id={titleId}>
          <span className="route-swatch" style={{ background: routeColour(index) }} aria-hidden="true" />
          {t("driver.route.title", { letter, vehicle: route.name })}
        </h2>
        {route.stops.length > 0 && (
          <Link
            className="button driver-button no-print"
            to={driverManifestsPath(plan.id, route.vehicleId, day)}
            aria-label={t("driver.route.printNamed", { letter })}
          >
            {t("driver.route.print")}
          </Link>
        )}
      </div>
      <p className="muted">
        {t("driver.route.shift", { from: route.shiftStart, to: route.shiftEnd })}
        {route.coldBox && ` · ❄ ${t("driver.route.coldBox")}`}
      </p>
      <dl className="driver-facts">
        <Fact name="depot" label={t("driver.route.depot")} value={plan.depotName} wide />
        <Fact name="departure" label={t("driver.route.departure")} value={clock(departureS(route))} />
        <Fact name="return" label={t("driver.route.return")} value={clock(returnS(route))} />
        <Fact name="distance" label={t("driver.route.distance")} value={`${n1(route.distanceM / 1000)} km`} />
        <Fact name="duration" label={t("driver.route.duration")} value={duration(route.durationS)} />
        <Fact name="stops" label={t("driver.route.stops")} value={String(route.stops.length)} />
        <Fact
          name="load"
          label={t("driver.route.load")}
          value={t("driver.route.loadValue", { kg: n1(route.loadKg), l: n1(route.loadL) })}
        />
      </dl>
      {route.stops.length === 0 ? (
        <p className="muted">{t("driver.route.empty")}</p>
      ) : (
        <>
          <h3 className="visually-hidden">{t("driver.stop.listTitle", { letter })}</h3>
          <ol className="driver-stops">
            {route.stops.map((s) => (
              <StopCard key={s.id} stop={s} index={index} planId={plan.id} day={day} outbox={outbox} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
