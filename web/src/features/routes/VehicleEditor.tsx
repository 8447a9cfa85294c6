/** The editable list of vehicles of a plan: one fieldset per vehicle (name, capacities, cold box, shift, cost per km), add and remove. */
import { useTranslation } from "react-i18next";
import { useFieldArray, useFormContext } from "react-hook-form";
import type { Fleet } from "@shared/contracts/fleet";
import { FieldMessage, QuantityField, SelectField, TextField } from "../../lib/forms/fields";
import { blankVehicle, fleetVehicleDraft, type PlanValues } from "./planForm";

/** Props: the depot's hours (placeholder of an empty shift), whether the form is busy, the depot's fleet. */
export interface VehicleEditorProps {
  depotHours: { opensAt: string; closesAt: string } | null;
  disabled: boolean;
  /** The depot's vehicles and drivers (a row may be picked from the fleet and given a driver) */
  fleet?: Fleet | undefined;
}

/** "Véhicule du parc" (fills the row from the fleet) and "Chauffeur" of one row. */
function FleetChoice({ index, id, fleet }: { index: number; id: string; fleet: Fleet }) {
  const { t } = useTranslation();
  const { getValues, setValue } = useFormContext<PlanValues>();
  const pick = (value: string) => {
    const picked = fleet.vehicles.find((f) => String(f.id) === value);
    if (!picked) return;
    const row = getValues(`vehicles.${index}`);
    const { key: _key, ...filled } = fleetVehicleDraft(picked, row.driverUserId ?? "", row.key);
    for (const [field, value] of Object.entries(filled))
      setValue(`vehicles.${index}.${field as keyof typeof filled}`, value, { shouldValidate: false });
  };
  return (
    <div className="vehicle-grid">
      <SelectField
        name={`vehicles.${index}.fleetVehicleId`}
        id={`vehicle-${id}-fleet`}
        label={t("plan.fromFleet")}
        placeholder={t("plan.fromFleetNone")}
        options={fleet.vehicles
          .filter((f) => f.active)
          .map((f) => ({ value: String(f.id), label: `${f.name} — ${f.plate}` }))}
        onValue={pick}
      />
      <SelectField
        name={`vehicles.${index}.driverUserId`}
        id={`vehicle-${id}-driver`}
        label={t("plan.driver")}
        placeholder={t("plan.driverNone")}
        options={fleet.drivers.map((d) => ({ value: String(d.id), label: d.displayName }))}
      />
    </div>
  );
}

/** One vehicle's fields. */
function VehicleRow({
  index,
  id,
  depotHours,
  disabled,
  onRemove,
  fleet,
}: VehicleEditorProps & { index: number; id: string; onRemove: (() => void) | null }) {
  const { t } = useTranslation();
  const { register, watch } = useFormContext<PlanValues>();
  const name = (field: string) => `vehicles.${index}.${field}`;
  const idOf = (field: string) => `vehicle-${id}-${field}`;
  const legend = t("routes.vehicle.legend", { n: index + 1 });
  return (
    <fieldset className="vehicle-row" data-vehicle-index={index} disabled={disabled}>
      <legend>{legend}</legend>
      {fleet && (fleet.vehicles.length > 0 || fleet.drivers.length > 0) && (
        <FleetChoice index={index} id={id} fleet={fleet} />
      )}
      <div className="vehicle-grid">
        <TextField name={name("name")} id={idOf("name")} label={t("routes.vehicle.name")} />
        <QuantityField name={name("capacityKg")} id={idOf("capacityKg")} label={t("routes.vehicle.capacityKg")} />
        <QuantityField name={name("capacityL")} id={idOf("capacityL")} label={t("routes.vehicle.capacityL")} />
        <TextField
          name={name("shiftStart")}
          id={idOf("shiftStart")}
          type="time"
          placeholder={depotHours?.opensAt}
          label={t("routes.vehicle.shiftStart")}
        />
        <TextField
          name={name("shiftEnd")}
          id={idOf("shiftEnd")}
          type="time"
          placeholder={depotHours?.closesAt}
          label={t("routes.vehicle.shiftEnd")}
        />
        <QuantityField name={name("costPerKmXof")} id={idOf("costPerKmXof")} label={t("routes.vehicle.costPerKmXof")} />
        <label className="check">
          <input type="checkbox" {...register(`vehicles.${index}.coldBox`)} />
          {t("routes.vehicle.coldBox")}
        </label>
        <button
          type="button"
          className="button button-small"
          disabled={onRemove === null}
          onClick={() => onRemove?.()}
          aria-label={t("routes.vehicle.removeNamed", { name: watch(`vehicles.${index}.name`) || legend })}
        >
          {t("routes.vehicle.remove")}
        </button>
      </div>
    </fieldset>
  );
}

/** The vehicles of the plan (the form field "vehicles"). */
export function VehicleEditor({ depotHours, disabled, fleet }: VehicleEditorProps) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray<PlanValues>({ name: "vehicles" });
  return (
    <div className="vehicle-editor" data-testid="vehicles">
      {fields.map((f, i) => (
        <VehicleRow
          key={f.id}
          index={i}
          id={f.id}
          depotHours={depotHours}
          disabled={disabled}
          fleet={fleet}
          onRemove={fields.length > 1 ? () => remove(i) : null}
        />
      ))}
      {depotHours && <p className="muted small">{t("routes.vehicle.shiftHint", depotHours)}</p>}
      <FieldMessage id="vehicles-msg" name="vehicles" />
      <button
        type="button"
        className="button"
        disabled={disabled || fields.length >= 50}
        onClick={() => append(blankVehicle(t("routes.vehicle.defaultName", { n: fields.length + 1 })))}
      >
        + {t("routes.vehicle.add")}
      </button>
    </div>
  );
}
