import { z } from "zod";
import { describe, expect, it } from "vitest";
import {
  contractFields,
  CounterpartyRef,
  FacilityRef,
  findRefs,
  OrderRef,
  RegionRef,
  RequesterOrderParams,
} from "./refs";

const Contract = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("a"), facilityId: FacilityRef, note: z.string().optional() }),
  z.strictObject({ type: z.literal("b"), facilityId: FacilityRef, toFacilityId: CounterpartyRef.describe("receiver") }),
]);

describe("finding the references of a request", () => {
  it("finds references through unions, optionals, arrays, records and clones, with their paths", () => {
    const Body = z.object({
      move: Contract,
      regions: z.array(RegionRef).optional(),
      byFacility: z.record(FacilityRef, z.number()).optional(),
      nested: z.object({ orders: z.array(OrderRef.supplier) }).refine(() => true),
    });
    const value = Body.parse({
      move: { type: "b", facilityId: "f1", toFacilityId: "f2" },
      regions: ["r1", "r2"],
      byFacility: { f3: 1 },
      nested: { orders: [7] },
    });
    expect(findRefs(Body, value).map((r) => [r.meta.scope, r.path.join("."), r.value])).toEqual([
      ["facility", "move.facilityId", "f1"],
      ["counterparty", "move.toFacilityId", "f2"],
      ["region", "regions.0", "r1"],
      ["region", "regions.1", "r2"],
      ["facility", "byFacility.f3", "f3"],
      ["order", "nested.orders.0", 7],
    ]);
  });

  it("reads a numeric path parameter through its preprocess and keeps the order's side", () => {
    const params = RequesterOrderParams.parse({ id: "12" });
    expect(findRefs(RequesterOrderParams, params)).toEqual([
      { meta: { scope: "order", side: "requester" }, value: 12, path: ["id"] },
    ]);
  });

  it("lists every field of a contract with its reference kind, across the options of a union", () => {
    const fields = contractFields(Contract).map((f) => `${f.path.join(".")}:${f.meta?.scope ?? "-"}`);
    expect(fields).toEqual([
      "type:-",
      "facilityId:facility",
      "note:-",
      "type:-",
      "facilityId:facility",
      "toFacilityId:counterparty",
    ]);
  });

  it("marks a reference hidden under a transform", () => {
    const Hidden = z.object({ f: FacilityRef }).transform((v) => v.f);
    expect(contractFields(Hidden).find((f) => f.meta)?.underTransform).toBe(true);
  });
});
