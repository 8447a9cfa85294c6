/**
 * A route plan's delivery notes (manifests): one page per stop — depot, route and vehicle, the stop's
 * position and ETA, per order the products, lots, expiries and quantities in units and packs, signature
 * lines. The dispatcher's print view (/tournees/:id/manifestes) and the driver's tablet both show them.
 */
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { ManifestOrder, RoutePlan } from "@shared/contracts/routePlans";
import { formatDate, formatNumber } from "../../i18n/format";
import { clock, routeLetter } from "./routeView";
import "./routePlan.css";

type Route = RoutePlan["routes"][number];

/** One order's lines, one row per lot (the product cells span its lots); the driver's screen shows it under each stop. */
export function OrderTable({ order }: { order: ManifestOrder }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const packs = (qty: number, size: number) =>
    formatNumber(Math.round((qty / size) * 100) / 100, lang, Number.isInteger(qty / size) ? 0 : 2);
  return (
    <table className="table manifest-table" data-order-id={order.orderId}>
      <thead>
        <tr>
          <th scope="col">{t("routes.manifest.code")}</th>
          <th scope="col">{t("routes.manifest.product")}</th>
          <th scope="col">{t("routes.manifest.lot")}</th>
          <th scope="col">{t("routes.manifest.expiry")}</th>
          <th scope="col" className="num">
            {t("routes.manifest.units")}
          </th>
          <th scope="col" className="num">
            {t("routes.manifest.packs")}
          </th>
          <th scope="col">{t("routes.manifest.received")}</th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((l) =>
          // A line without lot detail still prints (its total, no lot).
          (l.lots.length ? l.lots : [{ lotId: 0, lotCode: t("common.none"), expiry: "", qty: l.qty }]).map(
            (lot, i, all) => (
              <tr key={`${l.lineId}-${lot.lotId}`} data-line-id={l.lineId} data-lot-id={lot.lotId || undefined}>
                {i === 0 && (
                  <>
                    <td rowSpan={all.length} className="lot-code">
                      {l.productCode}
                    </td>
                    <th scope="row" rowSpan={all.length}>
                      {l.genericName}
                      {l.coldChain && <span className="block small">❄ {t("routes.flag.coldChain")}</span>}
                    </th>
                  </>
                )}
                <td className="lot-code" data-testid="lot-code">
                  {lot.lotCode}
                </td>
                <td className="nowrap">{lot.expiry ? formatDate(lot.expiry) : t("common.none")}</td>
                <td className="num" data-testid="lot-qty">
                  {formatNumber(lot.qty, lang)}
                </td>
                <td className="num nowrap">
                  {t("routes.manifest.packsOf", { packs: packs(lot.qty, l.packSize), size: l.packSize })}
                </td>
                <td className="write-in" />
              </tr>
            ),
          ),
        )}
      </tbody>
    </table>
  );
}

/** The signature block at the foot of each page (the driver's name printed when the route has one). */
function Signatures({ driverName }: { driverName: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="signatures">
      {(["driver", "receiver"] as const).map((who) => (
        <div key={who} className="signature-box">
          <h4>{t(`routes.manifest.${who}`)}</h4>
          <p>
            {t("routes.manifest.name")}
            {who === "driver" && driverName && <strong data-testid="manifest-driver-name"> {driverName}</strong>}
          </p>
          <p>{t("routes.manifest.signature")}</p>
          <p>{t("routes.manifest.dateTime")}</p>
          {who === "receiver" && <p>{t("routes.manifest.stamp")}</p>}
        </div>
      ))}
      <p className="observations">{t("routes.manifest.observations")}</p>
    </div>
  );
}

/** One page: one stop of one route (the driver's print view uses it too). */
export function StopPage({
  plan,
  route,
  index,
  stop,
}: {
  plan: RoutePlan;
  route: Route;
  index: number;
  stop: Route["stops"][number];
}) {
  const { t, i18n } = useTranslation();
  return (
    <section className="manifest" data-testid="manifest" data-stop-id={stop.id} aria-labelledby={`manifest-${stop.id}`}>
      <header className="manifest-head">
        <h2 id={`manifest-${stop.id}`}>{t("routes.manifest.title", { name: stop.facilityName })}</h2>
        <p>{t("routes.manifest.from", { depot: plan.depotName, date: formatDate(plan.date) })}</p>
      </header>
      <dl className="manifest-facts">
        <div>
          <dt>{t("routes.manifest.route")}</dt>
          <dd>
            {t("routes.route.title", { letter: routeLetter(index), name: route.name })}
            {route.plate && ` (${route.plate})`}
          </dd>
        </div>
        <div>
          <dt>{t("plan.driver")}</dt>
          <dd data-testid="manifest-driver">{route.driverName ?? t("plan.driverNone")}</dd>
        </div>
        <div>
          <dt>{t("routes.manifest.stop")}</dt>
          <dd data-testid="manifest-position">
            {t("routes.manifest.stopOf", { position: stop.position, total: route.stops.length })}
          </dd>
        </div>
        <div>
          <dt>{t("routes.manifest.eta")}</dt>
          <dd>{clock(stop.etaS)}</dd>
        </div>
        <div>
          <dt>{t("routes.manifest.load")}</dt>
          <dd>
            {formatNumber(stop.loadKg, i18n.language, 1)} kg · {formatNumber(stop.loadL, i18n.language, 1)} L
            {stop.coldChain && ` · ❄ ${t("routes.flag.coldChain")}`}
          </dd>
        </div>
      </dl>
      {stop.manifest.length === 0 ? (
        <p className="muted">{t("routes.manifest.noOrders")}</p>
      ) : (
        stop.manifest.map((o) => (
          <Fragment key={o.orderId}>
            <h3>{t("routes.manifest.order", { id: o.orderId, flow: t(`flow.${o.flow}`) })}</h3>
            <OrderTable order={o} />
          </Fragment>
        ))
      )}
      <Signatures driverName={route.driverName} />
      <p className="manifest-foot small">{t("routes.manifest.foot", { id: plan.id, date: formatDate(plan.date) })}</p>
    </section>
  );
}
