/**
 * Route planning /tournees: choose the depot, the day and the vehicles; the shipments ready to go
 * appear as stops on the map and in a list; "Calculer" solves (with a progress bar driven by the
 * solver's deadline) and opens the plan. The depot's existing plans are listed below.
 * URL: ?depot=&date=
 */
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useBoundaries, useConfig } from "../../api/reference";
import { useCreateRoutePlan, useRouteCandidates } from "../../api/routePlans";
import { ActionError } from "../../components/ActionError";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { MapView } from "../../map/MapView";
import { mapAttributionHtml } from "../../map/attributions";
import { useDepotChoice } from "../../lib/depot/useDepotChoice";
import { DepotPageHead } from "../../lib/depot/DepotPageHead";
import { CandidatesTable } from "./CandidatesTable";
import { planPath } from "./paths";
import { PlanList } from "./PlanList";
import {
  buildRequest,
  DEADLINES_MS,
  defaultVehicles,
  serverErrors,
  type FormErrors,
  type PlanDraft,
  type VehicleDraft,
} from "./planForm";
import { candidatePoints } from "../../lib/routePlan/routeView";
import { SolveProgress } from "./SolveProgress";
import { VehicleEditor } from "./VehicleEditor";
import "../../lib/routePlan/routePlan.css";

/** Today in Mali (UTC, no daylight saving), "YYYY-MM-DD". */
const today = () => new Date().toISOString().slice(0, 10);

/** The planning page. */
export default function RoutesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const config = useConfig();
  const boundaries = useBoundaries();
  const [params, update] = useSearchState();
  const { facilities, districts, choices, depotId, depot } = useDepotChoice(params);
  const date = params.get("date") ?? today();

  const [vehicles, setVehicles] = useState<VehicleDraft[]>(() =>
    defaultVehicles({ truck: t("routes.vehicle.truck"), pickup: t("routes.vehicle.pickup") }),
  );
  const [options, setOptions] = useState<Pick<PlanDraft, "season" | "excludeInsecure" | "convoy" | "deadlineMs">>({
    season: "auto",
    excludeInsecure: false,
    convoy: false,
    deadlineMs: 5000,
  });
  // Facilities left out of the plan (by default every ready shipment is planned).
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<FormErrors>({});
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const candidates = useRouteCandidates(depot ? depot.id : null, date);
  const create = useCreateRoutePlan();

  const stops = candidates.data?.stops ?? [];
  const selected = useMemo(
    () => new Set(stops.map((s) => s.facilityId).filter((id) => !excluded.has(id))),
    [stops, excluded],
  );
  const points = useMemo(
    () => (candidates.data ? candidatePoints(candidates.data, selected, t) : []),
    [candidates.data, selected, t, i18n.language],
  );
  const attribution = useMemo(() => mapAttributionHtml(t("map.sources")), [t, i18n.language]);
  const solving = create.isPending;
  const server = serverErrors(create.error);
  const shown = { ...errors, ...(server ?? {}) };

  const solve = () => {
    if (!depot) return;
    const orderIds = stops.filter((s) => selected.has(s.facilityId)).flatMap((s) => s.orders.map((o) => o.orderId));
    const built = buildRequest(depot.id, { date, vehicles, orderIds, ...options });
    setErrors(built.errors ?? {});
    if (!built.body) return;
    create.reset();
    setStartedAt(performance.now());
    create.mutate(built.body, { onSuccess: (plan) => void navigate(planPath(plan.id)) });
  };

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
        select={{ id: "route-depot", label: t("routes.depot"), disabled: solving }}
      />
      {!depot ? (
        <EmptyState>{t("routes.noDepot")}</EmptyState>
      ) : (
        <div className="routes-layout">
          <div className="routes-main">
            <form
              className="allocation-form"
              aria-labelledby="plan-form-title"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                solve();
              }}
            >
              <h2 id="plan-form-title">{t("routes.form.title")}</h2>
              <div className="form-grid">
                <div className="field">
                  <label htmlFor="route-date">{t("routes.form.date")}</label>
                  <input
                    id="route-date"
                    type="date"
                    value={date}
                    disabled={solving}
                    aria-invalid={shown.date ? true : undefined}
                    onChange={(e) => update({ date: e.target.value })}
                  />
                  {shown.date && <span className="field-error">{t(`routes.err.${shown.date}`)}</span>}
                </div>
                <div className="field">
                  <label htmlFor="route-season">{t("routes.form.season")}</label>
                  <select
                    id="route-season"
                    value={options.season}
                    disabled={solving}
                    onChange={(e) => setOptions({ ...options, season: e.target.value as PlanDraft["season"] })}
                  >
                    {(["auto", "rainy", "dry"] as const).map((s) => (
                      <option key={s} value={s}>
                        {t(`routes.form.season_${s}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <fieldset className="inline-choices">
                  <legend>{t("routes.form.security")}</legend>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={options.excludeInsecure}
                      disabled={solving}
                      onChange={(e) => setOptions({ ...options, excludeInsecure: e.target.checked })}
                    />
                    {t("routes.form.excludeInsecure")}
                  </label>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={options.convoy}
                      disabled={solving}
                      onChange={(e) => setOptions({ ...options, convoy: e.target.checked })}
                    />
                    {t("routes.form.convoy")}
                  </label>
                </fieldset>
              </div>
              <h3 className="form-section">{t("routes.form.vehicles")}</h3>
              <VehicleEditor
                vehicles={vehicles}
                errors={shown}
                depotHours={candidates.data ? candidates.data.depot : null}
                onChange={setVehicles}
                disabled={solving}
              />
              <h3 className="form-section">{t("routes.candidates.title")}</h3>
              {candidates.isPending ? (
                <Loading />
              ) : candidates.isError ? (
                <ErrorState error={candidates.error} onRetry={() => void candidates.refetch()} />
              ) : stops.length === 0 ? (
                <EmptyState>{t("routes.candidates.empty")}</EmptyState>
              ) : (
                <div className={candidates.isPlaceholderData ? "is-stale" : undefined}>
                  <CandidatesTable
                    candidates={candidates.data}
                    selected={selected}
                    onSelect={(next) =>
                      setExcluded(new Set(stops.map((s) => s.facilityId).filter((id) => !next.has(id))))
                    }
                    disabled={solving}
                  />
                </div>
              )}
              {(shown.stops || shown.orders || shown.depotId) && (
                <p className="form-error" role="alert">
                  {t(`routes.err.${shown.orders ?? shown.stops ?? shown.depotId}`)}
                </p>
              )}
              <div className="actions-row actions-row-start">
                <div className="field">
                  <label htmlFor="route-deadline">{t("routes.form.deadline")}</label>
                  <select
                    id="route-deadline"
                    value={options.deadlineMs}
                    disabled={solving}
                    onChange={(e) => setOptions({ ...options, deadlineMs: Number(e.target.value) })}
                  >
                    {DEADLINES_MS.map((ms) => (
                      <option key={ms} value={ms}>
                        {t("routes.form.seconds", { count: ms / 1000 })}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" className="button button-primary" disabled={solving || stops.length === 0}>
                  {t("routes.solve.button")}
                </button>
                {solving && startedAt !== null && (
                  <SolveProgress startedAt={startedAt} deadlineMs={options.deadlineMs} />
                )}
              </div>
              {create.isError && !server && <ActionError error={create.error} />}
            </form>
            <section className="routes-existing" aria-labelledby="plans-title">
              <h2 id="plans-title">{t("routes.list.title")}</h2>
              <PlanList depotId={depot.id} />
            </section>
          </div>
          <div className="routes-map">
            <MapView
              boundaries={boundaries.data ?? null}
              points={points}
              tileUrl={config.data?.tileUrl ?? null}
              attributionHtml={attribution}
              ariaLabel={t("routes.map.candidatesLabel")}
              fitKey={candidates.data && !candidates.isPlaceholderData ? `${depot.id}:${date}:${points.length}` : null}
            />
          </div>
        </div>
      )}
    </div>
  );
}
