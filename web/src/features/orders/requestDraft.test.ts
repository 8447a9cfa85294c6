import { describe, expect, it } from "vitest";
import type { Order } from "@shared/contracts/replenishment";
import { requestChanges } from "./requestDraft";

const order = {
  lines: [
    { id: 1, requestedQty: 100 },
    { id: 2, requestedQty: 0 },
    { id: 3, requestedQty: 30 },
  ],
} as unknown as Pick<Order, "lines">;

describe("the requester's quantity changes", () => {
  it("keeps only the lines typed to another quantity, and lists the ones typed wrong", () => {
    expect(requestChanges(order, { 1: "100", 2: "40", 3: "x" })).toEqual({
      lines: [{ lineId: 2, requestedQty: 40 }],
      invalid: [3],
    });
  });
  it("has nothing to send without edits", () => {
    expect(requestChanges(order, {})).toEqual({ lines: [], invalid: [] });
  });
  it("refuses negative and fractional quantities", () => {
    expect(requestChanges(order, { 1: "-5", 3: "2.5" }).invalid).toEqual([1, 3]);
  });
});
