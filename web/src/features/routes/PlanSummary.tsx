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

/** The day's flags: season, convoy, insecure zones left out, cold-chain and insecure stops, the road model. */
function PlanFlags({ plan: p }: { plan: RoutePlan }) {
  const { t } = useTranslation();
  const cold = p.routes.flatMap((r) => r.stops).filter((s) => s.coldChain).length;
  const insecure = [...p.routes.flatMap((r) => r.stops), ...p.unassigned].filter((s) => s.insecure).length;
  return (
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
  );
}

/** The plan's totals as tiles (data-total for tests). */
function PlanTotals({ plan: p }: { plan: RoutePlan }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const used = p.routes.filter((r) => r.stops.length > 0).length;
  const tile = (
    key: "stops" | "vehicles" | "unassigned" | "distance" | "duration" | "cost" | "violations",
    value: string | number,
    className = "tile",
  ) => (
    <li className={className}>
      <strong data-total={key}>{value}</strong>
      <span>{t(`routes.totals.${key}`)}</span>
    </li>
  );
  return (
    <ul className="tiles" data-testid="plan-totals">
      {tile("stops", p.totals.stops, "tile tile-accent")}
      {tile("vehicles", t("routes.totals.vehiclesOf", { used, total: p.routes.length }))}
      {tile("unassigned", p.totals.unassigned, p.totals.unassigned > 0 ? "tile tile-warn" : "tile tile-ok")}
      {tile("distance", `${formatNumber(p.totals.distanceM / 1000, lang, 1)} km`)}
      {tile("duration", duration(p.totals.durationS))}
      {tile("cost", formatXof(p.totals.costXof, lang))}
      {tile("violations", p.totals.violations, p.totals.violations > 0 ? "tile tile-danger" : "tile tile-ok")}
    </ul>
  );
}

/** Title, flags, totals and actions of a plan. */
export function PlanSummary({ plan: p, pending, onStatus }: PlanSummaryProps) {
  const { t } = useTranslation();
  return (
    <header className="order-header plan-header">
      <div className="order-title">
        <p className="level-pill level-district">{p.depotName}</p>
        <h1>
          {t("routes.plan.title", { date: formatDate(p.date), id: p.id })} <PlanStatusBadge status={p.status} />
        </h1>
        <PlanFlags plan={p} />
      </div>
      <PlanTotals plan={p} />
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
