/**
 * The planning form of a depot and day: season and security options, the vehicles, the ready shipments
 * to include, the search time, "Calculer" with its progress bar. Validated by the shared RoutePlanCreate
 * contract (lib/forms); on success the new plan opens.
 */
import { useEffect, useState } from "react";
import { useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { Fleet } from "@shared/contracts/fleet";
import { RoutePlanCreate, type RouteCandidates } from "@shared/contracts/routePlans";
import { useFleet } from "../../api/fleet";
import { useCreateRoutePlan } from "../../api/routePlans";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { FieldMessage, FormFrame, FormServerError, SelectField } from "../../lib/forms/fields";
import { useContractForm, type ContractForm } from "../../lib/forms/useContractForm";
import { CandidatesTable } from "./CandidatesTable";
import { planPath } from "./paths";
import {
  DEADLINES_MS,
  defaultVehicles,
  fleetVehicleDraft,
  PLAN_MESSAGES,
  stopsRefusal,
  toRequest,
  type PlanValues,
} from "./planForm";
import { SolveProgress } from "./SolveProgress";
import { VehicleEditor } from "./VehicleEditor";

/** Props: the depot, the day (from the page's URL), the ready shipments and which of them are left out. */
export interface PlanFormProps {
  depotId: string;
  date: string;
  onDate: (date: string) => void;
  candidates: {
    data: RouteCandidates | undefined;
    isPending: boolean;
    isPlaceholderData: boolean;
    error: unknown;
    refetch: () => void;
  };
  selected: ReadonlySet<string>;
  onSelect: (selected: Set<string>) => void;
}

/** Season, insecure zones, convoy day. */
function PlanOptions({ date, onDate, solving }: { date: string; onDate: (date: string) => void; solving: boolean }) {
  const { t } = useTranslation();
  const { register } = useFormContext<PlanValues>();
  return (
    <div className="form-grid">
      <div className="field">
        <label htmlFor="route-date">{t("routes.form.date")}</label>
        <input id="route-date" type="date" value={date} disabled={solving} onChange={(e) => onDate(e.target.value)} />
        <FieldMessage id="route-date-msg" name="date" />
      </div>
      <SelectField
        name="season"
        id="route-season"
        label={t("routes.form.season")}
        disabled={solving}
        options={(["auto", "rainy", "dry"] as const).map((s) => ({ value: s, label: t(`routes.form.season_${s}`) }))}
      />
      <fieldset className="inline-choices" disabled={solving}>
        <legend>{t("routes.form.security")}</legend>
        <label className="check">
          <input type="checkbox" {...register("excludeInsecure")} />
          {t("routes.form.excludeInsecure")}
        </label>
        <label className="check">
          <input type="checkbox" {...register("convoy")} />
          {t("routes.form.convoy")}
        </label>
      </fieldset>
    </div>
  );
}

/** The ready shipments, once loaded. */
function Candidates({
  candidates,
  selected,
  onSelect,
  solving,
}: Pick<PlanFormProps, "candidates" | "selected" | "onSelect"> & { solving: boolean }) {
  const { t } = useTranslation();
  if (candidates.isPending) return <Loading />;
  if (!candidates.data) return <ErrorState error={candidates.error} onRetry={candidates.refetch} />;
  if (candidates.data.stops.length === 0) return <EmptyState>{t("routes.candidates.empty")}</EmptyState>;
  return (
    <div className={candidates.isPlaceholderData ? "is-stale" : undefined}>
      <CandidatesTable candidates={candidates.data} selected={selected} onSelect={onSelect} disabled={solving} />
    </div>
  );
}

/** The depot's vehicles in service replace the two default rows once, when the fleet is known. */
function useFleetVehicles(form: ContractForm<PlanValues, unknown>, fleet: Fleet | undefined) {
  const [filledFor, setFilledFor] = useState<string | null>(null);
  useEffect(() => {
    if (!fleet || filledFor === fleet.depotId) return;
    setFilledFor(fleet.depotId);
    const active = fleet.vehicles.filter((v) => v.active);
    if (active.length > 0)
      form.setValue(
        "vehicles",
        active.map((v) => fleetVehicleDraft(v)),
      );
  }, [form, fleet, filledFor]);
}

/** The form. */
export function PlanForm({ depotId, date, onDate, candidates, selected, onSelect }: PlanFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateRoutePlan();
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const stops = candidates.data?.stops ?? [];
  const orderIds = stops.filter((s) => selected.has(s.facilityId)).flatMap((s) => s.orders.map((o) => o.orderId));
  const plan = (v: PlanValues) => toRequest(depotId, { ...v, date, orderIds, deadlineMs: Number(v.deadlineMs) });
  const form = useContractForm({
    contract: RoutePlanCreate,
    toRequest: plan,
    customMessages: PLAN_MESSAGES,
    defaultValues: {
      season: "auto",
      excludeInsecure: false,
      convoy: false,
      deadlineMs: "5000",
      vehicles: defaultVehicles({ truck: t("routes.vehicle.truck"), pickup: t("routes.vehicle.pickup") }),
    },
  });
  const fleet = useFleet(depotId);
  useFleetVehicles(form, fleet.data);
  const solving = create.isPending;
  const refusal = stopsRefusal(create.error);
  return (
    <FormFrame
      form={form}
      serverError={refusal ? null : create.error}
      onValid={(body) => {
        create.reset();
        setStartedAt(performance.now());
        create.mutate(body, { onSuccess: (created) => void navigate(planPath(created.id)) });
      }}
      className="allocation-form"
      aria-labelledby="plan-form-title"
    >
      <h2 id="plan-form-title">{t("routes.form.title")}</h2>
      <PlanOptions date={date} onDate={onDate} solving={solving} />
      <h3 className="form-section">{t("routes.form.vehicles")}</h3>
      <VehicleEditor
        depotHours={candidates.data ? candidates.data.depot : null}
        disabled={solving}
        fleet={fleet.data}
      />
      <h3 className="form-section">{t("routes.candidates.title")}</h3>
      <Candidates candidates={candidates} selected={selected} onSelect={onSelect} solving={solving} />
      <FieldMessage id="route-stops-msg" name="stops" />
      {refusal && (
        <p className="form-error" role="alert">
          {t(`routes.err.${refusal}`)}
        </p>
      )}
      <SolveActions
        solving={solving}
        startedAt={startedAt}
        deadlineMs={Number(form.watch("deadlineMs"))}
        canSolve={stops.length > 0}
      />
    </FormFrame>
  );
}

/** Search time, "Calculer", the progress bar, and a refusal that names no field. */
function SolveActions({
  solving,
  startedAt,
  deadlineMs,
  canSolve,
}: {
  solving: boolean;
  startedAt: number | null;
  deadlineMs: number;
  canSolve: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="actions-row actions-row-start">
      <SelectField
        name="deadlineMs"
        id="route-deadline"
        label={t("routes.form.deadline")}
        disabled={solving}
        options={DEADLINES_MS.map((ms) => ({
          value: String(ms),
          label: t("routes.form.seconds", { count: ms / 1000 }),
        }))}
      />
      <button type="submit" className="button button-primary" disabled={solving || !canSolve}>
        {t("routes.solve.button")}
      </button>
      {solving && startedAt !== null && <SolveProgress startedAt={startedAt} deadlineMs={deadlineMs} />}
      <FormServerError />
    </div>
  );
}
