/**
 * "Ma tournée" /ma-tournee (?jour=YYYY-MM-DD, default today): the driver's published routes of the day
 * — vehicle, depot, departure, distance, duration — on the map with numbered stops (bundled boundaries,
 * no tiles needed), then each stop in visiting order with its ETA, hours, load, flags and manifest;
 * when the day has none, the next days with a route. Readable offline: a banner says from when.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { useLocation } from "react-router";
import { useMe } from "../../api/auth";
import { useTranslation } from "react-i18next";
import { useConfig, useRoads } from "../../api/mapConfig";
import { driverKeys, useWarmOfflineCache } from "../../api/driver";
import { ApiError } from "../../api/client";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { formatDate } from "../../i18n/format";
import { MapView } from "../../map/MapView";
import { mapAttributionHtml } from "../../map/attributions";
import { routeColour, routeLetter } from "../../lib/routePlan/routeView";
import { DayPicker } from "./DayPicker";
import { DriverRouteCard } from "./DriverRouteCard";
import { dayMap, formatDay, maliToday, parseDay, type DayRoute } from "./driverDay";
import { OfflineBanner } from "./OfflineBanner";
import { useBundledBoundaries, useBundledTowns } from "./useBundledBoundaries";
import { useDriverDay } from "./useDriverDay";
import { OutboxPanel } from "./OutboxPanel";
import { useOutboxItems, useOutboxSync } from "../../offline/useOutbox";
import "../../lib/routePlan/routePlan.css";
import "./driver.css";

/** The next days with a published route, each a button that opens it. */
function Upcoming({ days, onPick }: { days: { date: string; stops: number }[]; onPick: (day: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="driver-upcoming" className="driver-upcoming" data-testid="upcoming">
      <h2 id="driver-upcoming">{t("driver.upcomingTitle")}</h2>
      {days.length === 0 ? (
        <p className="muted">{t("driver.upcomingNone")}</p>
      ) : (
        <ul className="plain-list">
          {days.map((d) => (
            <li key={d.date}>
              <button type="button" className="button driver-button" onClick={() => onPick(d.date)} data-date={d.date}>
                {t("driver.showDay", { date: formatDay(d.date, i18n.language) })} ·{" "}
                {t("driver.dayStops", { count: d.stops })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The day's routes on the map, with a legend naming each route (colour is never the only cue). */
function DayMap({
  routes,
  depots,
  fitKey,
}: {
  routes: DayRoute[];
  depots: Map<string, { lat: number; lon: number }>;
  fitKey: string;
}) {
  const { t, i18n } = useTranslation();
  const boundaries = useBundledBoundaries();
  const towns = useBundledTowns();
  const config = useConfig();
  const roads = useRoads(config.data?.roads === true);
  const { points, lines } = useMemo(() => dayMap(routes, depots, t), [routes, depots, t, i18n.language]);
  const attribution = useMemo(() => mapAttributionHtml(t("map.sources")), [t, i18n.language]);
  return (
    <div className="driver-map-column">
      <div className="driver-map">
        <MapView
          boundaries={boundaries.data ?? null}
          labels={towns.data}
          roads={roads.data ?? null}
          points={points}
          lines={lines}
          tileUrl={config.data?.tileUrl ?? null}
          attributionHtml={attribution}
          ariaLabel={t("driver.mapLabel")}
          fitKey={points.length ? fitKey : null}
        />
      </div>
      <ul className="route-legend" aria-label={t("driver.mapLegend")}>
        {routes.map((r) => (
          <li key={`${r.plan.id}-${r.route.vehicleId}`}>
            <span className="route-swatch" style={{ background: routeColour(r.index) }} aria-hidden="true" />
            {routeLetter(r.index)} — {r.route.name} ({t("routes.map.stops", { count: r.route.stops.length })})
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Whether an error only means "not stored on this tablet and no network". */
const isOfflineMiss = (error: unknown) => error instanceof ApiError && error.code === "network_error";

/** The driver's day. */
export default function MyRoutePage() {
  const { t, i18n } = useTranslation();
  const [params, update] = useSearchState();
  const today = maliToday(new Date());
  const day = parseDay(params.get("jour")) ?? today;
  const setDay = (d: string) => update({ jour: d === today ? null : d });
  useWarmOfflineCache();
  const me = useMe();
  const userId = me.data?.id ?? null;
  const outbox = useOutboxItems(userId) ?? [];
  const sync = useOutboxSync(userId, outbox.filter((i) => i.state === "pending").length);
  const client = useQueryClient();
  // Sent deliveries change the stops' states on the server: read the plans again.
  useEffect(() => {
    if (sync.last && sync.last.sent + sync.last.refused > 0)
      void client.invalidateQueries({ queryKey: driverKeys.all });
  }, [sync.last, client]);
  const queued = (useLocation().state as { queued?: string } | null)?.queued;
  const driverDay = useDriverDay(day);
  const { routes, depots, freshness, error } = driverDay;
  const fitKey = `${day}:${routes.map((r) => r.route.vehicleId).join(",")}:${depots.size}`;

  let body;
  if (driverDay.pending) body = <Loading />;
  else if (error && routes.length === 0)
    body = isOfflineMiss(error) ? <EmptyState>{t("driver.offlineMissing")}</EmptyState> : <ErrorState error={error} />;
  else if (routes.length === 0)
    body = (
      <>
        <EmptyState>{t("driver.none", { date: formatDate(day) })}</EmptyState>
        <Upcoming days={driverDay.upcoming} onPick={setDay} />
      </>
    );
  else
    body = (
      <div className="driver-layout">
        <DayMap routes={routes} depots={depots} fitKey={fitKey} />
        <div className="driver-routes">
          {routes.map((r) => (
            <DriverRouteCard key={`${r.plan.id}-${r.route.vehicleId}`} entry={r} day={day} outbox={outbox} />
          ))}
        </div>
      </div>
    );

  return (
    <div className="page driver-page">
      <div className="driver-head">
        <div>
          <h1>{t("driver.titleOf", { date: formatDay(day, i18n.language) })}</h1>
          <p className="muted">{t("driver.intro")}</p>
        </div>
        <DayPicker day={day} today={today} onChange={setDay} />
      </div>
      <OfflineBanner freshness={freshness} />
      {queued && (
        <p className="notice" role="status" data-testid="queued-notice">
          {t("delivery.form.queued")}
        </p>
      )}
      <OutboxPanel items={outbox} syncing={sync.syncing} onSync={() => void sync.syncNow()} />
      {body}
    </div>
  );
}
