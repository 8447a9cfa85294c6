/** The head of a plan: title, status, day flags (rainy season, convoy, insecure zones), totals, and the actions (publish, manifests). */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RoutePlan } from "@shared/contracts/routePlans";
import { formatDate, formatNumber, formatXof } from "../../i18n/format";
import { manifestsPath } from "./paths";
import { PlanStatusBadge } from "./PlanStatusBadge";
import { duration } from "../../lib/routePlan/routeView";

/** Props: the plan, whether a change is being sent, and how to change the status. */
export interface PlanSummaryProps {
  plan: RoutePlan;
  pending: boolean;
  onStatus: (status: "draft" | "published") => void;
}

/** Title, flags, totals and actions of a plan. */
export function PlanSummary({ plan: p, pending, onStatus }: PlanSummaryProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const used = p.routes.filter((r) => r.stops.length > 0).length;
  const cold = p.routes.flatMap((r) => r.stops).filter((s) => s.coldChain).length;
  const insecure = [...p.routes.flatMap((r) => r.stops), ...p.unassigned].filter((s) => s.insecure).length;
  return (
    <header className="order-header plan-header">
      <div className="order-title">
        <p className="level-pill level-district">{p.depotName}</p>
        <h1>
          {t("routes.plan.title", { date: formatDate(p.date), id: p.id })} <PlanStatusBadge status={p.status} />
        </h1>
        <p className="plan-flags">
          {p.rainySeason ? (
            <span className="flag flag-rainy-slow">☂ {t("routes.flag.rainy")}</span>
          ) : (
            <span className="flag flag-ok">{t("routes.flag.dry")}</span>
          )}
          {p.convoy && <span className="flag flag-ok">{t("routes.flag.convoy")}</span>}
          {p.excludeInsecure && <span className="flag flag-danger">{t("routes.flag.excludeInsecure")}</span>}
          {cold > 0 && <span className="flag flag-cold">❄ {t("routes.flag.coldStops", { count: cold })}</span>}
          {insecure > 0 && (
            <span className="flag flag-danger">⚠ {t("routes.flag.insecureStops", { count: insecure })}</span>
          )}
          <span className="muted small">{t(`routes.roadModel.${p.roadModel}`)}</span>
        </p>
      </div>
      <ul className="tiles" data-testid="plan-totals">
        <li className="tile tile-accent">
          <strong data-total="stops">{p.totals.stops}</strong>
          <span>{t("routes.totals.stops")}</span>
        </li>
        <li className="tile">
          <strong data-total="vehicles">{t("routes.totals.vehiclesOf", { used, total: p.routes.length })}</strong>
          <span>{t("routes.totals.vehicles")}</span>
        </li>
        <li className={p.totals.unassigned > 0 ? "tile tile-warn" : "tile tile-ok"}>
          <strong data-total="unassigned">{p.totals.unassigned}</strong>
          <span>{t("routes.totals.unassigned")}</span>
        </li>
        <li className="tile">
          <strong data-total="distance">{formatNumber(p.totals.distanceM / 1000, lang, 1)} km</strong>
          <span>{t("routes.totals.distance")}</span>
        </li>
        <li className="tile">
          <strong data-total="duration">{duration(p.totals.durationS)}</strong>
          <span>{t("routes.totals.duration")}</span>
        </li>
        <li className="tile">
          <strong data-total="cost">{formatXof(p.totals.costXof, lang)}</strong>
          <span>{t("routes.totals.cost")}</span>
        </li>
        <li className={p.totals.violations > 0 ? "tile tile-danger" : "tile tile-ok"}>
          <strong data-total="violations">{p.totals.violations}</strong>
          <span>{t("routes.totals.violations")}</span>
        </li>
      </ul>
      <div className="actions-row actions-row-start">
        {p.status === "draft" ? (
          <button
            type="button"
            className="button button-primary"
            disabled={pending}
            onClick={() => onStatus("published")}
          >
            {t("routes.plan.publish")}
          </button>
        ) : (
          <button type="button" className="button" disabled={pending} onClick={() => onStatus("draft")}>
            {t("routes.plan.unpublish")}
          </button>
        )}
        <Link className="button" to={manifestsPath(p.id)}>
          {t("routes.plan.manifests")}
        </Link>
        <span className="muted small">
          {t(p.status === "draft" ? "routes.plan.draftHint" : "routes.plan.publishedHint")}
        </span>
      </div>
    </header>
  );
}
