import { describe, expect, it } from "vitest";
import { deliveryLineIssues, recordedStopState } from "./deliveries";

const shipped = [
  { lineId: 1, lotId: 10, shippedQty: 100 },
  { lineId: 1, lotId: 11, shippedQty: 50 },
  { lineId: 2, lotId: 20, shippedQty: 30 },
];
const all = () => shipped.map((s) => ({ lineId: s.lineId, lotId: s.lotId, acceptedQty: s.shippedQty, rejectedQty: 0 }));

describe("deliveryLineIssues", () => {
  it("accepts every shipped lot accounted for once, accepted + rejected = shipped", () => {
    const lines = all();
    lines[0] = { ...lines[0]!, acceptedQty: 90, rejectedQty: 10, reason: "damaged" } as (typeof lines)[number];
    expect(deliveryLineIssues(shipped, lines)).toEqual([]);
  });

  it("names the field of a quantity over what was shipped, and of one under it", () => {
    const lines = all();
    lines[1] = { ...lines[1]!, acceptedQty: 60 };
    lines[2] = { ...lines[2]!, acceptedQty: 20 };
    expect(deliveryLineIssues(shipped, lines).map((i) => i.path)).toEqual([
      "lines.1.acceptedQty",
      "lines.2.acceptedQty",
    ]);
    expect(deliveryLineIssues(shipped, lines)[0]!.message).toMatch(
      /^more than shipped: 60 accepted and rejected, 50 shipped/,
    );
  });

  it("refuses an unknown lot or line, a lot twice, a lot left out and a rejection without a reason", () => {
    const lines = [
      { lineId: 1, lotId: 99, acceptedQty: 1, rejectedQty: 0 },
      { lineId: 7, lotId: 10, acceptedQty: 1, rejectedQty: 0 },
      { lineId: 1, lotId: 10, acceptedQty: 95, rejectedQty: 5 },
      { lineId: 1, lotId: 10, acceptedQty: 100, rejectedQty: 0 },
    ];
    expect(deliveryLineIssues(shipped, lines).map((i) => i.path)).toEqual([
      "lines.0.lotId",
      "lines.1.lineId",
      "lines.2.reason",
      "lines.3.lotId",
      "lines",
    ]);
  });
});

describe("recordedStopState", () => {
  it("is skipped, partly delivered when anything was refused, else delivered", () => {
    expect(recordedStopState({ status: "skipped", rejectedUnits: 0 })).toBe("skipped");
    expect(recordedStopState({ status: "delivered", rejectedUnits: 3 })).toBe("partial");
    expect(recordedStopState({ status: "delivered", rejectedUnits: 0 })).toBe("delivered");
  });
});
