/**
 * Route planning /tournees: choose the depot, the day and the vehicles; the shipments ready to go
 * appear as stops on the map and in a list; "Calculer" solves (with a progress bar driven by the
 * solver's deadline) and opens the plan. The depot's existing plans are listed below.
 * URL: ?depot=&date=
 */
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RouteCandidates } from "@shared/contracts/routePlans";
import { useBoundaries, useConfig } from "../../api/reference";
import { useRouteCandidates } from "../../api/routePlans";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { DepotPageHead } from "../../lib/depot/DepotPageHead";
import { useDepotChoice } from "../../lib/depot/useDepotChoice";
import { candidatePoints } from "../../lib/routePlan/routeView";
import { mapAttributionHtml } from "../../map/attributions";
import { MapView } from "../../map/MapView";
import { PlanForm } from "./PlanForm";
import { PlanList } from "./PlanList";
import "../../lib/routePlan/routePlan.css";

/** Today in Mali (UTC, no daylight saving), "YYYY-MM-DD". */
const today = () => new Date().toISOString().slice(0, 10);

/** The ready shipments drawn on the map (the ones left out greyed). */
function CandidatesMap(props: {
  candidates: RouteCandidates | undefined;
  stale: boolean;
  selected: ReadonlySet<string>;
  fitKey: string;
}) {
  const { t, i18n } = useTranslation();
  const config = useConfig();
  const boundaries = useBoundaries();
  const { candidates, selected } = props;
  const points = useMemo(
    () => (candidates ? candidatePoints(candidates, selected, t) : []),
    [candidates, selected, t, i18n.language],
  );
  const attribution = useMemo(() => mapAttributionHtml(t("map.sources")), [t, i18n.language]);
  return (
    <div className="routes-map">
      <MapView
        boundaries={boundaries.data ?? null}
        points={points}
        tileUrl={config.data?.tileUrl ?? null}
        attributionHtml={attribution}
        ariaLabel={t("routes.map.candidatesLabel")}
        fitKey={candidates && !props.stale ? `${props.fitKey}:${points.length}` : null}
      />
    </div>
  );
}

/** The depot's planning: form and plans on the left, the map on the right. */
function DepotPlanning({ depotId, date, onDate }: { depotId: string; date: string; onDate: (date: string) => void }) {
  const { t } = useTranslation();
  const candidates = useRouteCandidates(depotId, date);
  // Facilities left out of the plan (by default every ready shipment is planned).
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const stops = candidates.data?.stops ?? [];
  const selected = useMemo(
    () => new Set(stops.map((s) => s.facilityId).filter((id) => !excluded.has(id))),
    [stops, excluded],
  );
  return (
    <div className="routes-layout">
      <div className="routes-main">
        <PlanForm
          depotId={depotId}
          date={date}
          onDate={onDate}
          candidates={{ ...candidates, refetch: () => void candidates.refetch() }}
          selected={selected}
          onSelect={(next) => setExcluded(new Set(stops.map((s) => s.facilityId).filter((id) => !next.has(id))))}
        />
        <section className="routes-existing" aria-labelledby="plans-title">
          <h2 id="plans-title">{t("routes.list.title")}</h2>
          <PlanList depotId={depotId} />
        </section>
      </div>
      <CandidatesMap
        candidates={candidates.data}
        stale={candidates.isPlaceholderData}
        selected={selected}
        fitKey={`${depotId}:${date}`}
      />
    </div>
  );
}

/** The planning page. */
export default function RoutesPage() {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const { facilities, districts, choices, depotId, depot } = useDepotChoice(params);
  const date = params.get("date") ?? today();
  if (facilities.isPending || districts.isPending) return <Loading />;
  if (facilities.isError) return <ErrorState error={facilities.error} onRetry={() => void facilities.refetch()} />;
  return (
    <div className="page routes-page">
      <DepotPageHead
        eyebrow={t("routes.eyebrow")}
        title={depot ? t("routes.titleOf", { name: depot.name }) : t("routes.title")}
        intro={t("routes.intro")}
        choices={choices}
        depotId={depotId}
        onDepot={(id) => update({ depot: id })}
        select={{ id: "route-depot", label: t("routes.depot") }}
      />
      {!depot ? (
        <EmptyState>{t("routes.noDepot")}</EmptyState>
      ) : (
        <DepotPlanning key={depot.id} depotId={depot.id} date={date} onDate={(d) => update({ date: d })} />
      )}
    </div>
  );
}
