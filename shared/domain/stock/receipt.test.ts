import { describe, expect, it } from "vitest";
import { receiptIssues } from "./receipt";

const sent = [
  { lotId: 1, qty: 50 },
  { lotId: 2, qty: 20 },
];

describe("receiptIssues", () => {
  it("accepts every lot answered once, accepted + rejected = sent, rejections with a reason", () => {
    expect(
      receiptIssues(sent, [
        { lotId: 1, acceptedQty: 50, rejectedQty: 0 },
        { lotId: 2, acceptedQty: 15, rejectedQty: 5, reason: "Cartons mouillés" },
      ]),
    ).toEqual([]);
  });
  it("names the field of each problem", () => {
    expect(
      receiptIssues(sent, [
        { lotId: 1, acceptedQty: 40, rejectedQty: 0 },
        { lotId: 1, acceptedQty: 50, rejectedQty: 0 },
        { lotId: 9, acceptedQty: 1, rejectedQty: 0 },
      ]).map((i) => i.path),
    ).toEqual(["lots.0.acceptedQty", "lots.1.lotId", "lots.2.lotId", "lots"]);
    expect(receiptIssues([{ lotId: 1, qty: 5 }], [{ lotId: 1, acceptedQty: 3, rejectedQty: 2, reason: " " }])).toEqual([
      { path: "lots.0.reason", message: "a rejection needs a reason" },
    ]);
  });
});
