import { describe, expect, it } from "vitest";
import type { ResolverOptions } from "react-hook-form";
import { FleetVehicleInput } from "@shared/contracts/fleet";
import { decodeMessage } from "../../lib/forms/messages";
import { contractResolver } from "../../lib/forms/useContractForm";
import { EMPTY_VEHICLE, VEHICLE_MESSAGES, vehicleRequest, vehicleValues, type VehicleValues } from "./vehicleForm";

const typed = (changes: Partial<VehicleValues> = {}): VehicleValues => ({
  ...EMPTY_VEHICLE,
  name: "Camion Kati",
  plate: "am-1234 mD",
  capacityKg: "3 000",
  capacityL: "12000",
  ...changes,
});

/** The vehicle form's resolver over typed values: the request, or the message key of each field. */
async function check(v: VehicleValues) {
  const resolve = contractResolver<VehicleValues, unknown>({
    contract: FleetVehicleInput,
    toRequest: vehicleRequest,
    customMessages: VEHICLE_MESSAGES,
  });
  const result = await resolve(v, undefined, { fields: {} } as ResolverOptions<VehicleValues>);
  const keys: Record<string, string> = {};
  for (const [field, error] of Object.entries(result.errors))
    keys[field] = decodeMessage((error as { message: string }).message)!.key;
  return { values: result.values as Record<string, unknown>, keys };
}

describe("the fleet's vehicle form", () => {
  it("builds the vehicle the server stores: numbers parsed, plate in capitals, empty shift = the depot's hours", async () => {
    const { values, keys } = await check(typed());
    expect(keys).toEqual({});
    expect(values).toEqual({
      name: "Camion Kati",
      plate: "AM-1234 MD",
      capacityKg: 3000,
      capacityL: 12000,
      coldBox: false,
      costPerKmXof: 250,
      shiftStart: null,
      shiftEnd: null,
      active: true,
    });
  });

  it("reports each invalid field with the shared contract's rules and the form's words for the shift", async () => {
    const { keys } = await check(typed({ name: " ", capacityKg: "12,5", capacityL: "x" }));
    expect(keys).toEqual({
      name: "forms.invalid.required",
      capacityKg: "forms.invalid.wholeNumber",
      capacityL: "forms.invalid.number",
    });
    const oneEnd = await check(typed({ shiftStart: "08:00" }));
    expect(oneEnd.keys).toEqual({ shiftEnd: "fleet.err.shiftBoth" });
    const order = await check(typed({ shiftStart: "10:00", shiftEnd: "09:00" }));
    expect(order.keys).toEqual({ shiftEnd: "fleet.err.shiftOrder" });
  });

  it("fills the form from a recorded vehicle and back to the same request", async () => {
    const recorded = {
      id: 3,
      depotId: "depot-kati",
      name: "Pick-up",
      plate: "AB-1",
      capacityKg: 800,
      capacityL: 3000,
      coldBox: true,
      costPerKmXof: 200,
      shiftStart: "07:00",
      shiftEnd: "15:00",
      active: false,
    };
    const { values } = await check(vehicleValues(recorded));
    expect(values).toMatchObject({
      capacityKg: 800,
      coldBox: true,
      shiftStart: "07:00",
      shiftEnd: "15:00",
      active: false,
    });
  });
});
