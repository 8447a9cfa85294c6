import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { buildRequest, defaultVehicles, serverErrors, type PlanDraft } from "./planForm";

const draft = (changes: Partial<PlanDraft> = {}): PlanDraft => ({
  date: "2026-11-20",
  vehicles: defaultVehicles({ truck: "Camion", pickup: "Pick-up" }),
  orderIds: [4, 7],
  season: "auto",
  excludeInsecure: false,
  convoy: false,
  deadlineMs: 2000,
  ...changes,
});

describe("buildRequest", () => {
  it("builds the POST /route-plans body from the form, leaving the season to the date and empty shifts to the depot", () => {
    const { body, errors } = buildRequest("depot-kati", draft());
    expect(errors).toBeNull();
    expect(body).toMatchObject({
      depotId: "depot-kati",
      date: "2026-11-20",
      orderIds: [4, 7],
      solver: { deadlineMs: 2000 },
    });
    expect(body).not.toHaveProperty("rainySeason");
    expect(body!.vehicles[1]).toEqual({
      name: "Pick-up",
      capacityKg: 800,
      capacityL: 3000,
      coldBox: true,
      costPerKmXof: 200,
    });
    expect(buildRequest("d", draft({ season: "rainy" })).body).toMatchObject({ rainySeason: true });
  });

  it("reports each invalid vehicle field at its path, with the shared contract's rules", () => {
    const [a, b] = defaultVehicles({ truck: "A", pickup: "B" });
    const { body, errors } = buildRequest(
      "d",
      draft({
        vehicles: [
          { ...a!, name: " ", capacityKg: "12,5" },
          { ...b!, shiftStart: "10:00", shiftEnd: "09:00", costPerKmXof: "" },
        ],
      }),
    );
    expect(body).toBeNull();
    expect(errors).toEqual({
      "vehicles.0.name": "name",
      "vehicles.0.capacityKg": "capacity",
      "vehicles.1.shiftEnd": "shift",
      "vehicles.1.costPerKmXof": "cost",
    });
  });

  it("asks for at least one shipment and one vehicle", () => {
    expect(buildRequest("d", draft({ orderIds: [] })).errors).toEqual({ stops: "noStops" });
    expect(buildRequest("d", draft({ vehicles: [] })).errors).toEqual({ vehicles: "vehicles" });
  });
});

describe("serverErrors", () => {
  it("turns the server's field errors into the form's messages", () => {
    const refused = new ApiError("validation_failed", 400, "x", {
      issues: [
        { path: "orderIds.1", message: "order 9 is shipped" },
        { path: "vehicles.0.shiftEnd", message: "…" },
      ],
    });
    expect(serverErrors(refused)).toEqual({ orders: "orderNotReady", "vehicles.0.shiftEnd": "shift" });
    expect(
      serverErrors(
        new ApiError("validation_failed", 400, "x", { issues: [{ path: "fromShipments", message: "none" }] }),
      ),
    ).toEqual({ orders: "noShipments" });
    expect(serverErrors(new ApiError("solver_timeout", 504, "x"))).toBeNull();
  });
});
