/**
 * One route plan /tournees/:id: totals and flags, the routes on the map in distinct colours with
 * numbered stops, a table per route, the unassigned stops with their reason; move a stop (or an
 * unassigned one) and see the plan re-checked; publish; open the printable manifests.
 */
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { PublishWarnings, RouteMove, RoutePlan } from "@shared/contracts/routePlans";
import { ApiError } from "../../api/client";
import { useFleet } from "../../api/fleet";
import { useBoundaries, useConfig, useFacilities } from "../../api/reference";
import { usePatchRoutePlan, useRoutePlan } from "../../api/routePlans";
import { ActionError } from "../../components/ActionError";
import { ErrorState, Loading } from "../../components/States";
import { MapView } from "../../map/MapView";
import { mapAttributionHtml } from "../../map/attributions";
import { MoveControl, type MoveTarget } from "./MoveControl";
import { PlanSummary } from "./PlanSummary";
import { ROUTES_PATH } from "./paths";
import { RouteCard } from "./RouteCard";
import { planLines, planPoints, routeColour, routeLetter, violationsOf } from "../../lib/routePlan/routeView";
import { UnassignedTable } from "./UnassignedTable";
import { deliveryProgress } from "./DeliveryCells";
import { PublishConfirm } from "./PublishConfirm";
import "../../lib/routePlan/routePlan.css";

type Moving = { kind: "stop" | "unassigned"; id: number } | null;

/** The stop the user just moved, as it is in the re-checked plan (an unassigned stop gets a new id). */
function movedStopId(plan: RoutePlan, move: RouteMove, facilityId: string | undefined): number | null {
  if (move.stopId !== undefined) return move.stopId;
  return plan.routes.flatMap((r) => r.stops).find((s) => s.facilityId === facilityId)?.id ?? null;
}

/**
 * The plan's patch actions: move a stop (then highlight it and say what the re-check found), publish or
 * unpublish (asking first when the server says why publishing needs a confirmation), a route's driver.
 */
function usePlanActions(id: number) {
  const { t } = useTranslation();
  const patch = usePatchRoutePlan(id);
  const [moving, setMoving] = useState<Moving>(null);
  const [highlight, setHighlight] = useState<number | null>(null);
  const [notice, setNotice] = useState("");
  const [asking, setAsking] = useState<PublishWarnings | null>(null);
  const move = (m: RouteMove, facilityId: string) => {
    setNotice("");
    patch.mutate(
      { move: m },
      {
        onSuccess: (after) => {
          setMoving(null);
          setHighlight(movedStopId(after, m, facilityId));
          setNotice(
            after.violations.length === 0
              ? t("routes.move.doneOk")
              : t("routes.move.doneViolations", { count: after.violations.length }),
          );
        },
      },
    );
  };
  const setStatus = (status: "draft" | "published", confirm = false) => {
    setNotice("");
    setAsking(null);
    patch.mutate(
      { status, ...(confirm ? { confirm } : {}) },
      {
        onSuccess: () =>
          setNotice(t(status === "published" ? "routes.plan.publishedNotice" : "routes.plan.draftNotice")),
        // A route without a driver or a broken constraint: say why and ask before publishing.
        onError: (error) => {
          if (error instanceof ApiError && error.code === "publish_needs_confirmation")
            setAsking(error.details as PublishWarnings);
        },
      },
    );
  };
  const setDriver = (vehicleId: number, driverUserId: number | null) => {
    setNotice("");
    patch.mutate({ driver: { vehicleId, driverUserId } });
  };
  /** Opens a stop's move form, or closes it when it is open. */
  const toggleMove = (kind: "stop" | "unassigned", stopId: number) =>
    setMoving(moving?.kind === kind && moving.id === stopId ? null : { kind, id: stopId });
  return { patch, moving, setMoving, toggleMove, highlight, notice, move, setStatus, setDriver, asking, setAsking };
}

/** The map of the plan (routes in their colours, numbered stops) and its legend. */
function PlanMap({ plan: p }: { plan: RoutePlan }) {
  const { t, i18n } = useTranslation();
  // The depot's place (every facility is cached for the maps); the plan carries only its id and name.
  const facilities = useFacilities();
  const config = useConfig();
  const boundaries = useBoundaries();
  const depot = facilities.data?.items.find((f) => f.id === p.depotId);
  const depotPlace = depot ? { lat: depot.lat, lon: depot.lon } : null;
  const points = useMemo(() => planPoints(p, depotPlace, t), [p, depotPlace?.lat, depotPlace?.lon, t, i18n.language]);
  const lines = useMemo(() => planLines(p, depotPlace), [p, depotPlace?.lat, depotPlace?.lon]);
  const attribution = useMemo(() => mapAttributionHtml(t("map.sources")), [t, i18n.language]);
  return (
    <div className="routes-map-column">
      <div className="routes-map">
        <MapView
          boundaries={boundaries.data ?? null}
          points={points}
          lines={lines}
          tileUrl={config.data?.tileUrl ?? null}
          attributionHtml={attribution}
          ariaLabel={t("routes.map.planLabel")}
          fitKey={depotPlace ? `plan:${p.id}` : null}
        />
      </div>
      <ul className="route-legend" aria-label={t("routes.map.legend")}>
        {p.routes.map((r, i) => (
          <li key={r.vehicleId}>
            <span className="route-swatch" style={{ background: routeColour(i) }} aria-hidden="true" />
            {routeLetter(i)} — {r.name} ({t("routes.map.stops", { count: r.stops.length })})
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The routes and the unassigned stops, each with its move form when open. */
function PlanRoutes({ plan: p, actions }: { plan: RoutePlan; actions: ReturnType<typeof usePlanActions> }) {
  const { t } = useTranslation();
  const { patch, moving, setMoving, toggleMove, highlight, move } = actions;
  const { byStop, byRoute } = violationsOf(p);
  const fleet = useFleet(p.depotId);
  const form = (target: MoveTarget) => (
    <MoveControl
      key={`${target.kind}-${target.stop.id}`}
      plan={p}
      target={target}
      pending={patch.isPending}
      onMove={(m) => move(m, target.stop.facilityId)}
      onCancel={() => setMoving(null)}
    />
  );
  const movingStop = (r: RoutePlan["routes"][number]) =>
    moving?.kind === "stop" ? r.stops.find((s) => s.id === moving.id) : undefined;
  const movingUnassigned = moving?.kind === "unassigned" ? p.unassigned.find((u) => u.id === moving.id) : undefined;
  return (
    <div className="routes-main">
      <h2>{t("routes.plan.routes")}</h2>
      {p.routes.map((r, i) => {
        const stop = movingStop(r);
        return (
          <RouteCard
            key={r.vehicleId}
            route={r}
            index={i}
            routeViolations={byRoute.get(r.vehicleId) ?? []}
            stopViolations={byStop}
            highlight={highlight}
            disabled={patch.isPending}
            drivers={fleet.data?.drivers}
            onDriver={(driverUserId) => actions.setDriver(r.vehicleId, driverUserId)}
            moving={stop ? { stopId: stop.id, form: form({ kind: "stop", stop, vehicleId: r.vehicleId }) } : null}
            onMoveStart={(stopId) => toggleMove("stop", stopId)}
          />
        );
      })}
      <section aria-labelledby="unassigned-title" className="unassigned-section">
        <h2 id="unassigned-title">{t("routes.unassigned.title", { count: p.unassigned.length })}</h2>
        {p.unassigned.length === 0 ? (
          <p className="muted">{t("routes.unassigned.none")}</p>
        ) : (
          <UnassignedTable
            stops={p.unassigned}
            disabled={patch.isPending}
            moving={
              movingUnassigned
                ? { id: movingUnassigned.id, form: form({ kind: "unassigned", stop: movingUnassigned }) }
                : null
            }
            onMoveStart={(uid) => toggleMove("unassigned", uid)}
          />
        )}
      </section>
    </div>
  );
}

/** The plan page. */
export default function PlanPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const plan = useRoutePlan(id);
  const actions = usePlanActions(id);
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  const { patch, asking } = actions;
  const asked = patch.error instanceof ApiError && patch.error.code === "publish_needs_confirmation";
  const progress = deliveryProgress(p);
  return (
    <div className="page routes-page plan-page">
      <Link className="back-link" to={`${ROUTES_PATH}?depot=${encodeURIComponent(p.depotId)}&date=${p.date}`}>
        ← {t("routes.plan.back")}
      </Link>
      <PlanSummary plan={p} pending={actions.patch.isPending} onStatus={actions.setStatus} />
      <p className="notice" role="status" data-testid="notice">
        {actions.notice}
      </p>
      {asking && (
        <PublishConfirm
          plan={p}
          warnings={asking}
          pending={patch.isPending}
          onConfirm={() => actions.setStatus("published", true)}
          onCancel={() => actions.setAsking(null)}
        />
      )}
      {!asked && <ActionError error={patch.error} />}
      {p.status === "published" && (
        <p className="delivery-progress" data-testid="delivery-progress" data-done={progress.done}>
          {t("plan.progress", progress)}
        </p>
      )}
      <div className="routes-layout">
        <PlanRoutes plan={p} actions={actions} />
        <PlanMap plan={p} />
      </div>
    </div>
  );
}
