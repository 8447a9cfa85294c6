import { describe, expect, it } from "vitest";
import type { Order } from "@shared/contracts/replenishment";
import { changedLines, draftProblems, parseQty } from "./approvalDraft";

const order = {
  lines: [
    { id: 1, requestedQty: 100 },
    { id: 2, requestedQty: 30 },
  ],
} as unknown as Pick<Order, "lines">;

describe("approval draft", () => {
  it("parses whole quantities only", () => {
    expect(parseQty(" 120 ")).toBe(120);
    expect(parseQty("1.5")).toBeNull();
    expect(parseQty("-3")).toBeNull();
    expect(parseQty("")).toBeNull();
  });

  it("sends only the lines whose quantity changed, with their reason", () => {
    const draft = { 1: { qty: "100", reason: "" }, 2: { qty: "20", reason: " stock suffisant " } };
    expect(changedLines(order, draft)).toEqual([{ lineId: 2, approvedQty: 20, reason: "stock suffisant" }]);
    expect(draftProblems(order, draft).size).toBe(0);
  });

  it("asks for a reason of 3 characters and a whole quantity on each changed line", () => {
    const problems = draftProblems(order, {
      1: { qty: "80", reason: "ok" },
      2: { qty: "abc", reason: "erreur de saisie" },
    });
    expect(problems.get(1)).toEqual({ reason: "order.errors.reason" });
    expect(problems.get(2)).toEqual({ qty: "order.errors.qty" });
  });
});
