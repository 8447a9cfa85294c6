/**
 * Printable manifests /tournees/:id/manifestes (?route=vehicleId for one route): one page per stop
 * with the depot, the route and vehicle, the stop's order, the facility and its ETA, then per order
 * the products, lots, expiries and quantities in units and packs, and signature lines for the driver
 * and the receiver. "Imprimer les manifestes" calls window.print(); routes.css lays out the pages.
 */
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useRoutePlan } from "../../api/routePlans";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { StopPage } from "../../lib/routePlan/Manifest";
import { routeLetter } from "../../lib/routePlan/routeView";
import { planPath } from "./paths";
import "../../lib/routePlan/routePlan.css";

/** The manifests page. */
export default function ManifestsPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const plan = useRoutePlan(id);
  const [params, update] = useSearchState();
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  const only = params.get("route");
  const routes = p.routes
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.stops.length > 0 && (!only || String(r.vehicleId) === only));
  return (
    <div className="page manifests-page">
      <div className="no-print manifests-toolbar">
        <Link className="back-link" to={planPath(p.id)}>
          ← {t("routes.manifest.back")}
        </Link>
        <div className="actions-row actions-row-start">
          <div className="field">
            <label htmlFor="manifest-route">{t("routes.manifest.routeFilter")}</label>
            <select id="manifest-route" value={only ?? ""} onChange={(e) => update({ route: e.target.value })}>
              <option value="">{t("routes.manifest.allRoutes")}</option>
              {p.routes.map((r, i) => (
                <option key={r.vehicleId} value={r.vehicleId}>
                  {routeLetter(i)} — {r.name}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button button-primary"
            onClick={() => window.print()}
            disabled={routes.length === 0}
          >
            {t("routes.manifest.print")}
          </button>
          <span className="muted small">
            {t("routes.manifest.pages", { count: routes.reduce((n, { r }) => n + r.stops.length, 0) })}
          </span>
        </div>
      </div>
      {routes.length === 0 ? (
        <EmptyState>{t("routes.manifest.empty")}</EmptyState>
      ) : (
        routes.map(({ r, i }) => r.stops.map((s) => <StopPage key={s.id} plan={p} route={r} index={i} stop={s} />))
      )}
    </div>
  );
}
