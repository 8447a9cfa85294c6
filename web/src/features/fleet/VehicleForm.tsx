/** Adding or changing a vehicle of the depot's fleet, on react-hook-form with the shared FleetVehicleInput as its resolver. */
import { useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { FleetVehicleInput, type FleetVehicle } from "@shared/contracts/fleet";
import { useSaveVehicle } from "../../api/fleet";
import { FormActions, FormFrame, QuantityField, TextField } from "../../lib/forms/fields";
import { useContractForm } from "../../lib/forms/useContractForm";
import { EMPTY_VEHICLE, VEHICLE_MESSAGES, vehicleRequest, vehicleValues, type VehicleValues } from "./vehicleForm";

/** Name, plate, capacities, cost, shift, cold box (and "in service" for a vehicle already recorded). */
function VehicleFields({ id, existing }: { id: string; existing: boolean }) {
  const { t } = useTranslation();
  const { register } = useFormContext<VehicleValues>();
  return (
    <div className="fleet-form-grid">
      <TextField name="name" id={`${id}-name`} label={t("fleet.col.name")} autoComplete="off" />
      <TextField name="plate" id={`${id}-plate`} label={t("fleet.col.plate")} autoComplete="off" />
      <QuantityField name="capacityKg" id={`${id}-capacityKg`} label={t("fleet.col.capacityKg")} />
      <QuantityField name="capacityL" id={`${id}-capacityL`} label={t("fleet.col.capacityL")} />
      <QuantityField name="costPerKmXof" id={`${id}-costPerKmXof`} label={t("fleet.col.costPerKm")} />
      <TextField name="shiftStart" id={`${id}-shiftStart`} type="time" label={t("fleet.shiftStart")} />
      <TextField name="shiftEnd" id={`${id}-shiftEnd`} type="time" label={t("fleet.shiftEnd")} />
      <label className="checkbox">
        <input type="checkbox" {...register("coldBox")} />
        {t("fleet.col.coldBox")}
      </label>
      {existing && (
        <label className="checkbox">
          <input type="checkbox" {...register("active")} />
          {t("fleet.col.active")}
        </label>
      )}
    </div>
  );
}

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
  const save = useSaveVehicle(depotId);
  const form = useContractForm({
    contract: FleetVehicleInput,
    toRequest: vehicleRequest,
    customMessages: VEHICLE_MESSAGES,
    defaultValues: vehicleValues(vehicle),
  });
  const title = vehicle ? t("fleet.editTitle", { name: vehicle.name }) : t("fleet.newTitle");
  return (
    <FormFrame
      form={form}
      serverError={save.error}
      onValid={(body) =>
        save.mutate(
          { id: vehicle?.id ?? null, body },
          {
            onSuccess: (saved) => {
              if (!vehicle) form.reset(EMPTY_VEHICLE);
              onDone(saved);
            },
          },
        )
      }
      className="fleet-form"
      aria-label={title}
    >
      <h3>{title}</h3>
      <VehicleFields id={vehicle ? `vehicle-${vehicle.id}` : "vehicle-new"} existing={vehicle !== null} />
      <FormActions submitLabel={vehicle ? t("fleet.save") : t("fleet.add")} pending={save.isPending} />
    </FormFrame>
  );
}
