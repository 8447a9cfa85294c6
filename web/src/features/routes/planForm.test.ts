import { describe, expect, it } from "vitest";
import type { ResolverOptions } from "react-hook-form";
import { RoutePlanCreate } from "@shared/contracts/routePlans";
import { ApiError } from "../../api/client";
import { decodeMessage } from "../../lib/forms/messages";
import { contractResolver } from "../../lib/forms/useContractForm";
import { defaultVehicles, PLAN_MESSAGES, stopsRefusal, toRequest, type PlanDraft } from "./planForm";

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

/** The plan form's resolver over a draft: the request, or the message key of each field. */
async function check(d: PlanDraft) {
  const resolve = contractResolver<PlanDraft, unknown>({
    contract: RoutePlanCreate,
    toRequest: (v) => toRequest("depot-kati", v),
    customMessages: PLAN_MESSAGES,
  });
  const result = await resolve(d, undefined, { fields: {} } as ResolverOptions<PlanDraft>);
  const keys: Record<string, string> = {};
  const walk = (node: object, path: string) => {
    for (const [k, v] of Object.entries(node)) {
      const here = path ? `${path}.${k}` : k;
      if (v && typeof v === "object" && "type" in v && "message" in v) keys[here] = decodeMessage(v.message)!.key;
      else if (v && typeof v === "object") walk(v, here);
    }
  };
  walk(result.errors, "");
  return { values: result.values as Record<string, unknown>, keys };
}

describe("the route planning form", () => {
  it("builds the POST /route-plans body, leaving the season to the date and empty shifts to the depot", async () => {
    const { values, keys } = await check(draft());
    expect(keys).toEqual({});
    expect(values).toMatchObject({
      depotId: "depot-kati",
      date: "2026-11-20",
      orderIds: [4, 7],
      solver: { deadlineMs: 2000 },
    });
    expect(values).not.toHaveProperty("rainySeason");
    expect((values.vehicles as unknown[])[1]).toMatchObject({
      name: "Pick-up",
      capacityKg: 800,
      capacityL: 3000,
      coldBox: true,
      costPerKmXof: 200,
    });
    expect((await check(draft({ season: "rainy" }))).values).toMatchObject({ rainySeason: true });
  });

  it("reports each invalid vehicle field at its path, with the shared contract's rules and the form's words", async () => {
    const [a, b] = defaultVehicles({ truck: "A", pickup: "B" });
    const { keys } = await check(
      draft({
        vehicles: [
          { ...a!, name: " ", capacityKg: "12,5" },
          { ...b!, shiftStart: "10:00", shiftEnd: "09:00", capacityL: "x" },
        ],
      }),
    );
    expect(keys).toEqual({
      "vehicles.0.name": "forms.invalid.required",
      "vehicles.0.capacityKg": "forms.invalid.wholeNumber",
      "vehicles.1.capacityL": "forms.invalid.number",
    });
    const shift = await check(draft({ vehicles: [{ ...b!, shiftStart: "10:00", shiftEnd: "09:00" }] }));
    expect(shift.keys).toEqual({ "vehicles.0.shiftEnd": "routes.err.shift" });
  });

  it("asks for at least one shipment and one vehicle", async () => {
    expect((await check(draft({ orderIds: [] }))).keys).toEqual({ stops: "routes.err.noStops" });
    expect((await check(draft({ vehicles: [] }))).keys).toEqual({ vehicles: "routes.err.vehicles" });
  });
});

describe("stopsRefusal", () => {
  it("words the server's refusal of the planned stops", () => {
    const refused = (path: string) => new ApiError("validation_failed", 400, "x", { issues: [{ path, message: "…" }] });
    expect(stopsRefusal(refused("orderIds.1"))).toBe("orderNotReady");
    expect(stopsRefusal(refused("fromShipments"))).toBe("noShipments");
    expect(stopsRefusal(refused("vehicles.0.shiftEnd"))).toBeNull();
    expect(stopsRefusal(new ApiError("solver_timeout", 504, "x"))).toBeNull();
  });
});
