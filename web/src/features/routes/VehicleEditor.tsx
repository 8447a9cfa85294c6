/** The editable list of vehicles of a plan: one fieldset per vehicle (name, capacities, cold box, shift, cost per km), add and remove. */
import { useTranslation } from "react-i18next";
import { blankVehicle, type FormErrors, type VehicleDraft } from "./planForm";

/** Props: the rows, their errors by path ("vehicles.0.name"), the depot's hours (placeholder of an empty shift) and how to change them. */
export interface VehicleEditorProps {
  vehicles: VehicleDraft[];
  errors: FormErrors;
  depotHours: { opensAt: string; closesAt: string } | null;
  onChange: (vehicles: VehicleDraft[]) => void;
  disabled: boolean;
}

type Field = "name" | "capacityKg" | "capacityL" | "shiftStart" | "shiftEnd" | "costPerKmXof";

/** The vehicles of the plan. */
export function VehicleEditor({ vehicles, errors, depotHours, onChange, disabled }: VehicleEditorProps) {
  const { t } = useTranslation();
  const set = (i: number, changes: Partial<VehicleDraft>) =>
    onChange(vehicles.map((v, j) => (j === i ? { ...v, ...changes } : v)));

  const input = (
    v: VehicleDraft,
    i: number,
    field: Field,
    props: { type?: string; inputMode?: "numeric" | "decimal"; placeholder?: string } = {},
  ) => {
    const id = `vehicle-${v.key}-${field}`;
    const error = errors[`vehicles.${i}.${field}`];
    return (
      <div className="field">
        <label htmlFor={id}>{t(`routes.vehicle.${field}`)}</label>
        <input
          id={id}
          type={props.type ?? "text"}
          inputMode={props.inputMode}
          placeholder={props.placeholder}
          value={v[field]}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => set(i, { [field]: e.target.value })}
        />
        {error && (
          <span id={`${id}-error`} className="field-error">
            {t(`routes.err.${error}`)}
          </span>
        )}
      </div>
    );
  };

  return (
    <div className="vehicle-editor" data-testid="vehicles">
      {vehicles.map((v, i) => (
        <fieldset key={v.key} className="vehicle-row" data-vehicle-index={i}>
          <legend>{t("routes.vehicle.legend", { n: i + 1 })}</legend>
          <div className="vehicle-grid">
            {input(v, i, "name")}
            {input(v, i, "capacityKg", { inputMode: "numeric" })}
            {input(v, i, "capacityL", { inputMode: "numeric" })}
            {input(v, i, "shiftStart", { type: "time", placeholder: depotHours?.opensAt })}
            {input(v, i, "shiftEnd", { type: "time", placeholder: depotHours?.closesAt })}
            {input(v, i, "costPerKmXof", { inputMode: "numeric" })}
            <label className="check">
              <input
                type="checkbox"
                checked={v.coldBox}
                disabled={disabled}
                onChange={(e) => set(i, { coldBox: e.target.checked })}
              />
              {t("routes.vehicle.coldBox")}
            </label>
            <button
              type="button"
              className="button button-small"
              disabled={disabled || vehicles.length === 1}
              onClick={() => onChange(vehicles.filter((_, j) => j !== i))}
              aria-label={t("routes.vehicle.removeNamed", { name: v.name || t("routes.vehicle.legend", { n: i + 1 }) })}
            >
              {t("routes.vehicle.remove")}
            </button>
          </div>
        </fieldset>
      ))}
      {depotHours && <p className="muted small">{t("routes.vehicle.shiftHint", depotHours)}</p>}
      {errors.vehicles && <p className="field-error">{t(`routes.err.${errors.vehicles}`)}</p>}
      <button
        type="button"
        className="button"
        disabled={disabled || vehicles.length >= 50}
        onClick={() =>
          onChange([...vehicles, blankVehicle(t("routes.vehicle.defaultName", { n: vehicles.length + 1 }))])
        }
      >
        + {t("routes.vehicle.add")}
      </button>
    </div>
  );
}
