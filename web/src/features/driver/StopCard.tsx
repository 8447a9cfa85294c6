/**
 * One stop of the driver's route: its number in the route's colour, the facility, the expected arrival,
 * opening hours, the leg, the load and flags, and (on demand) the manifest of each of its orders with
 * products, lots, expiries, units and packs — the planner's manifest table.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RoutePlan } from "@shared/contracts/routePlans";
import { formatNumber } from "../../i18n/format";
import { OrderTable } from "../../lib/routePlan/Manifest";
import { clock, duration, routeColour } from "../../lib/routePlan/routeView";
import { StopFlags } from "../../lib/routePlan/StopFlags";

type Stop = RoutePlan["routes"][number]["stops"][number];

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

/** A stop as a card in the route's ordered list. */
export function StopCard({ stop, index }: { stop: Stop; index: number }) {
  const { t } = useTranslation();
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
      <StopManifest stop={stop} />
    </li>
  );
}
