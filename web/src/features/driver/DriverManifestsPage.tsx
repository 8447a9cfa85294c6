/**
 * The driver's printable manifests /ma-tournee/:planId/manifestes?route=vehicleId&jour=day: the
 * planner's print view (one A4 page per stop: products, lots, expiries, units and packs, signature
 * lines) for one of the driver's routes, readable offline like the route itself.
 */
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { EmptyState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { StopPage } from "../../lib/routePlan/Manifest";
import { routeLetter } from "../../lib/routePlan/routeView";
import { maliToday, parseDay } from "./driverDay";
import { OfflineBanner } from "./OfflineBanner";
import { myRouteDayPath } from "./paths";
import { useDriverDay } from "./useDriverDay";
import "../../lib/routePlan/routePlan.css";
import "./driver.css";

/** The print view of one route. */
export default function DriverManifestsPage() {
  const { t } = useTranslation();
  const planId = Number(useParams().planId);
  const [params] = useSearchState();
  const day = parseDay(params.get("jour")) ?? maliToday(new Date());
  const driverDay = useDriverDay(day);
  const entry = driverDay.routes.find((r) => r.plan.id === planId && String(r.route.vehicleId) === params.get("route"));
  if (driverDay.pending) return <Loading />;
  return (
    <div className="page manifests-page">
      <div className="no-print manifests-toolbar">
        <Link className="back-link" to={myRouteDayPath(day)}>
          ← {t("driver.print.back")}
        </Link>
        <OfflineBanner freshness={driverDay.freshness} />
        {entry && (
          <div className="actions-row actions-row-start">
            <h1 className="driver-print-title">{t("driver.print.title", { letter: routeLetter(entry.index) })}</h1>
            <button type="button" className="button button-primary driver-button" onClick={() => window.print()}>
              {t("routes.manifest.print")}
            </button>
            <span className="muted small">{t("routes.manifest.pages", { count: entry.route.stops.length })}</span>
          </div>
        )}
      </div>
      {!entry || entry.route.stops.length === 0 ? (
        <EmptyState>{t("routes.manifest.empty")}</EmptyState>
      ) : (
        entry.route.stops.map((s) => (
          <StopPage key={s.id} plan={entry.plan} route={entry.route} index={entry.index} stop={s} />
        ))
      )}
    </div>
  );
}
