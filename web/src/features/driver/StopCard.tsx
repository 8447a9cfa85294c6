/**
 * One stop of the driver's route: its number in the route's colour, the facility, the expected arrival,
 * opening hours, the leg, the load and flags, and (on demand) the manifest of each of its orders with
 * products, lots, expiries, units and packs — the planner's manifest table.
 */
import type { TFunction } from "i18next";
import { isTextKey } from "../../i18n/keys";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RoutePlan } from "@shared/contracts/routePlans";
import { formatNumber } from "../../i18n/format";
import { OrderTable } from "../../lib/routePlan/Manifest";
import { clock, duration, routeColour } from "../../lib/routePlan/routeView";
import { StopFlags } from "../../lib/routePlan/StopFlags";
import type { OutboxItem } from "../../offline/outbox";
import { deliveryPath } from "./paths";
import { geoUri, mayRecord, tabletStopState, type TabletStopState } from "./stopState";

type Stop = RoutePlan["routes"][number]["stops"][number];

/** "Livré à 10:42", "Enregistré — en attente d'envoi", "Refusé : …": the stop's state on the tablet. */
function StopState({ state }: { state: TabletStopState }) {
  const { t } = useTranslation();
  const time = (iso: string | null) => (iso ? clock(secondsOfDay(iso)) : "");
  let text: string;
  let kind: string;
  switch (state.kind) {
    case "pending":
      text = t("delivery.state.pending");
      kind = "pending";
      break;
    case "queued":
      text = t("delivery.state.queued");
      kind = "queued";
      break;
    case "recorded":
      text = state.at
        ? t("delivery.recordedAt", { state: t(`delivery.state.${state.state}`), time: time(state.at) })
        : t(`delivery.state.${state.state}`);
      kind = state.state;
      break;
    case "refused":
      text = `${t("delivery.state.refused")} : ${refusalText(t, state.item.refusal)}`;
      kind = "refused";
      break;
  }
  return (
    <p className={`driver-stop-state is-${kind}`} data-testid="stop-state" data-state={kind}>
      {text}
    </p>
  );
}

/** Seconds after local midnight of an ISO time (the tablet shows its own clock). */
function secondsOfDay(iso: string): number {
  const d = new Date(iso);
  return d.getHours() * 3600 + d.getMinutes() * 60;
}

/** The reason of a refusal in words: a delivery refusal's reason, else the first field issue, else the code's message. */
export function refusalText(t: TFunction, refusal: OutboxItem["refusal"]): string {
  if (!refusal) return "";
  if (refusal.reason) {
    const key = `delivery.refusal.${refusal.reason}`;
    return isTextKey(key) ? t(key) : refusal.message;
  }
  const issue = refusal.issues[0];
  if (issue) return t("delivery.refusal.invalid", { path: issue.path, message: issue.message });
  return t(`errors.${refusal.code}`, { defaultValue: refusal.message });
}

/** Opening hours and waiting, the leg, the load and the flags. */
function StopBody({ stop }: { stop: Stop }) {
  const { t, i18n } = useTranslation();
  const n1 = (x: number) => formatNumber(x, i18n.language, 1);
  const leg = { km: n1(stop.distanceFromPrevM / 1000), duration: duration(stop.drivingFromPrevS) };
  return (
    <div className="driver-stop-body">
      <p data-testid="stop-hours">
        {t("driver.stop.hours", { from: stop.windowStart, to: stop.windowEnd })}
        {stop.waitingS > 0 && (
          <span className="block muted">{t("driver.stop.waiting", { duration: duration(stop.waitingS) })}</span>
        )}
      </p>
      <p className="muted">{t(stop.position === 1 ? "driver.stop.legFromDepot" : "driver.stop.leg", leg)}</p>
      <p data-testid="stop-load">
        {t("driver.stop.load")}{" "}
        <strong>{t("driver.route.loadValue", { kg: n1(stop.loadKg), l: n1(stop.loadL) })}</strong>
        {stop.orderIds.length > 0 && (
          <span className="muted"> · {t("driver.stop.orders", { count: stop.orderIds.length })}</span>
        )}
      </p>
      {stop.contactName && <p data-testid="stop-contact">{t("delivery.contact", { name: stop.contactName })}</p>}
      <StopFlags coldChain={stop.coldChain} insecure={stop.insecure} />
    </div>
  );
}

/** "Voir le manifeste" and, open, each order's lines (products, lots, expiries, units and packs). */
function StopManifest({ stop }: { stop: Stop }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const manifestId = `stop-manifest-${stop.id}`;
  return (
    <>
      {stop.manifest.length === 0 ? (
        <p className="muted">{t("driver.stop.noOrders")}</p>
      ) : (
        <>
          <button
            type="button"
            className="button driver-button driver-manifest-toggle"
            aria-expanded={open}
            aria-controls={manifestId}
            onClick={() => setOpen(!open)}
          >
            {open ? t("driver.stop.hideManifest") : t("driver.stop.showManifest")} (
            {t("driver.stop.orders", { count: stop.manifest.length })})
          </button>
          <div
            id={manifestId}
            className="driver-manifest"
            hidden={!open}
            data-testid="stop-manifest"
            aria-label={t("driver.stop.showManifestNamed", { name: stop.facilityName })}
            role="region"
          >
            {open &&
              stop.manifest.map((o) => (
                <div key={o.orderId} className="table-scroll">
                  <h5>{t("routes.manifest.order", { id: o.orderId, flow: t(`flow.${o.flow}`) })}</h5>
                  <OrderTable order={o} />
                </div>
              ))}
          </div>
        </>
      )}
    </>
  );
}

/** "Naviguer" (the stop's coordinates to the tablet's maps app) and "Enregistrer la livraison". */
function StopActions({
  stop,
  state,
  planId,
  day,
}: {
  stop: Stop;
  state: TabletStopState;
  planId: number;
  day: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="driver-stop-actions">
      <a
        className="button driver-button"
        href={geoUri(stop)}
        aria-label={t("delivery.navigateNamed", { name: stop.facilityName })}
        data-testid="stop-navigate"
      >
        {t("delivery.navigate")}
      </a>
      {mayRecord(state) && (
        <Link
          className="button button-primary driver-button"
          to={deliveryPath(planId, stop.id, day)}
          aria-label={t("delivery.recordNamed", { name: stop.facilityName })}
          data-testid="stop-record"
        >
          {state.kind === "refused" ? t("delivery.recordAgain") : t("delivery.record")}
        </Link>
      )}
    </div>
  );
}

/** A stop as a card in the route's ordered list. */
export function StopCard({
  stop,
  index,
  planId,
  day,
  outbox,
}: {
  stop: Stop;
  index: number;
  planId: number;
  day: string;
  outbox: readonly OutboxItem[];
}) {
  const { t } = useTranslation();
  const state = tabletStopState(stop, outbox);
  return (
    <li
      className="driver-stop"
      data-stop-id={stop.id}
      data-facility-id={stop.facilityId}
      aria-labelledby={`stop-${stop.id}`}
    >
      <div className="driver-stop-head">
        <span
          className="driver-stop-number"
          style={{ background: routeColour(index) }}
          data-testid="stop-position"
          aria-hidden="true"
        >
          {stop.position}
        </span>
        <h4 id={`stop-${stop.id}`}>
          <span className="visually-hidden">{t("driver.stop.number", { position: stop.position })} — </span>
          <span data-testid="stop-name">{stop.facilityName}</span>
        </h4>
        <p className="driver-eta">
          <span className="driver-eta-label">{t("driver.stop.eta")}</span>
          <strong data-testid="stop-eta">{clock(stop.etaS)}</strong>
        </p>
      </div>
      <StopBody stop={stop} />
      <StopState state={state} />
      <StopActions stop={stop} state={state} planId={planId} day={day} />
      <StopManifest stop={stop} />
    </li>
  );
}
