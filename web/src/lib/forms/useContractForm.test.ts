import { describe, expect, it } from "vitest";
import type { ResolverOptions } from "react-hook-form";
import { AdjustmentCreate, PhysicalCountCreate } from "@shared/contracts/stock";
import { decodeMessage } from "./messages";
import { numberOrNaN } from "./parse";
import { contractResolver } from "./useContractForm";

const OPTIONS = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<never>;

describe("a form validated by a shared contract", () => {
  const adjustment = contractResolver<{ quantity: string; reason: string }, unknown>({
    contract: AdjustmentCreate,
    toRequest: (v) => ({
      type: "adjustment",
      facilityId: "f",
      lotId: 1,
      reason: v.reason,
      quantity: numberOrNaN(v.quantity),
    }),
    customMessages: { quantity: (v) => (v.quantity === "0" ? "x.nonZero" : "x.negative") },
  });

  it("hands the parsed request to the submit handler when the contract accepts it", async () => {
    const result = await adjustment({ quantity: "-4", reason: "damage" }, undefined, OPTIONS as never);
    expect(result.errors).toEqual({});
    expect(result.values).toEqual({ type: "adjustment", facilityId: "f", lotId: 1, reason: "damage", quantity: -4 });
  });

  it("gives the contract's refinements the form's own keys", async () => {
    const positive = await adjustment({ quantity: "4", reason: "loss" }, undefined, OPTIONS as never);
    expect(decodeMessage(positive.errors.quantity?.message)).toMatchObject({ key: "x.negative" });
    const zero = await adjustment({ quantity: "0", reason: "correction" }, undefined, OPTIONS as never);
    expect(decodeMessage(zero.errors.quantity?.message)).toMatchObject({ key: "x.nonZero" });
  });

  it("puts an issue of a request line on the form field it came from", async () => {
    const lots = ["a", "b", "c"];
    const count = contractResolver<{ counted: Record<string, string> }, unknown>({
      contract: PhysicalCountCreate,
      toRequest: (v) => ({
        facilityId: "f",
        lines: lots
          .filter((k) => v.counted[k])
          .map((k, i) => ({ lotId: i + 1, countedQty: numberOrNaN(v.counted[k]!) })),
      }),
      fieldOf: (path, v) => {
        const m = /^lines\.(\d+)/.exec(path);
        return m ? `counted.${lots.filter((k) => v.counted[k])[Number(m[1])]}` : path;
      },
    });
    const result = await count({ counted: { a: "3", c: "-1" } }, undefined, OPTIONS as never);
    expect(Object.keys(result.errors)).toEqual(["counted"]);
    const counted = result.errors.counted as unknown as Record<string, { message: string }>;
    expect(Object.keys(counted)).toEqual(["c"]);
    expect(decodeMessage(counted.c!.message)).toMatchObject({ key: "forms.invalid.notNegative" });
  });
});
