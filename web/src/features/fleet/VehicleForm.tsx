/** Adding or changing a vehicle of the depot's fleet: the shared contract checks the values as typed. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FleetVehicleInput, type FleetVehicle } from "@shared/contracts/fleet";
import { useSaveVehicle } from "../../api/fleet";
import { ActionError } from "../../components/ActionError";

type Draft = {
  name: string;
  plate: string;
  capacityKg: string;
  capacityL: string;
  coldBox: boolean;
  costPerKmXof: string;
  shiftStart: string;
  shiftEnd: string;
  active: boolean;
};

const EMPTY: Draft = {
  name: "",
  plate: "",
  capacityKg: "",
  capacityL: "",
  coldBox: false,
  costPerKmXof: "250",
  shiftStart: "",
  shiftEnd: "",
  active: true,
};

function draftOf(v: FleetVehicle | null): Draft {
  if (!v) return EMPTY;
  return {
    name: v.name,
    plate: v.plate,
    capacityKg: String(v.capacityKg),
    capacityL: String(v.capacityL),
    coldBox: v.coldBox,
    costPerKmXof: String(v.costPerKmXof),
    shiftStart: v.shiftStart ?? "",
    shiftEnd: v.shiftEnd ?? "",
    active: v.active,
  };
}

const num = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

/** The form (new when `vehicle` is null). */
export function VehicleForm({
  depotId,
  vehicle,
  onDone,
}: {
  depotId: string;
  vehicle: FleetVehicle | null;
  onDone: (saved: FleetVehicle) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(vehicle));
  const [tried, setTried] = useState(false);
  const save = useSaveVehicle(depotId);
  const body = {
    name: draft.name,
    plate: draft.plate,
    capacityKg: num(draft.capacityKg),
    capacityL: num(draft.capacityL),
    coldBox: draft.coldBox,
    costPerKmXof: num(draft.costPerKmXof),
    shiftStart: draft.shiftStart || null,
    shiftEnd: draft.shiftEnd || null,
    active: draft.active,
  };
  const parsed = FleetVehicleInput.safeParse(body);
  const issueAt = (field: string) =>
    tried && !parsed.success ? parsed.error.issues.find((i) => i.path[0] === field)?.message : undefined;
  const id = vehicle ? `vehicle-${vehicle.id}` : "vehicle-new";
  const field = (name: keyof Draft, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        value={String(draft[name])}
        aria-invalid={issueAt(name) ? true : undefined}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        {...props}
      />
      {issueAt(name) && <span className="field-error">{issueAt(name)}</span>}
    </div>
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!parsed.success) return;
    save.mutate(
      { id: vehicle?.id ?? null, body },
      {
        onSuccess: (saved) => {
          if (!vehicle) setDraft(EMPTY);
          setTried(false);
          onDone(saved);
        },
      },
    );
  };
  return (
    <form
      className="fleet-form"
      onSubmit={submit}
      noValidate
      aria-label={vehicle ? t("fleet.editTitle", { name: vehicle.name }) : t("fleet.newTitle")}
    >
      <h3>{vehicle ? t("fleet.editTitle", { name: vehicle.name }) : t("fleet.newTitle")}</h3>
      <div className="fleet-form-grid">
        {field("name", t("fleet.col.name"))}
        {field("plate", t("fleet.col.plate"))}
        {field("capacityKg", t("fleet.col.capacityKg"), { inputMode: "numeric" })}
        {field("capacityL", t("fleet.col.capacityL"), { inputMode: "numeric" })}
        {field("costPerKmXof", t("fleet.col.costPerKm"), { inputMode: "numeric" })}
        {field("shiftStart", t("fleet.shiftStart"), { type: "time" })}
        {field("shiftEnd", t("fleet.shiftEnd"), { type: "time" })}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.coldBox}
            onChange={(e) => setDraft({ ...draft, coldBox: e.target.checked })}
          />
          {t("fleet.col.coldBox")}
        </label>
        {vehicle && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.active}
              onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
            />
            {t("fleet.col.active")}
          </label>
        )}
      </div>
      <ActionError error={save.error} />
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {vehicle ? t("fleet.save") : t("fleet.add")}
      </button>
    </form>
  );
}
