/** The editable list of vehicles of a plan: one fieldset per vehicle (name, capacities, cold box, shift, cost per km), add and remove. */
import { useTranslation } from "react-i18next";
import { useFieldArray, useFormContext } from "react-hook-form";
import { FieldMessage, QuantityField, TextField } from "../../lib/forms/fields";
import { blankVehicle, type PlanValues } from "./planForm";

/** Props: the depot's hours (placeholder of an empty shift) and whether the form is busy. */
export interface VehicleEditorProps {
  depotHours: { opensAt: string; closesAt: string } | null;
  disabled: boolean;
}

/** One vehicle's fields. */
function VehicleRow({
  index,
  id,
  depotHours,
  disabled,
  onRemove,
}: VehicleEditorProps & { index: number; id: string; onRemove: (() => void) | null }) {
  const { t } = useTranslation();
  const { register, watch } = useFormContext<PlanValues>();
  const name = (field: string) => `vehicles.${index}.${field}`;
  const idOf = (field: string) => `vehicle-${id}-${field}`;
  const legend = t("routes.vehicle.legend", { n: index + 1 });
  return (
    <fieldset className="vehicle-row" data-vehicle-index={index} disabled={disabled}>
      <legend>{legend}</legend>
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
export function VehicleEditor({ depotHours, disabled }: VehicleEditorProps) {
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
