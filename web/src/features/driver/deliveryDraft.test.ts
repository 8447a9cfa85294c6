import { describe, expect, it } from "vitest";
import type { RoutePlan } from "@shared/contracts/routePlans";
import { deliveryBody, draftIssues, draftTotals, newDraft } from "./deliveryDraft";
import { geoUri, mayRecord, tabletStopState } from "./stopState";
import type { OutboxItem } from "../../offline/outbox";

type Stop = RoutePlan["routes"][number]["stops"][number];
const stop = {
  id: 7,
  facilityName: "CSCom de Kati",
  lat: 12.7441,
  lon: -8.0726,
  manifest: [
    {
      orderId: 3,
      status: "shipped",
      flow: "free_care",
      lines: [
        {
          lineId: 30,
          productId: 1,
          productCode: "P1",
          genericName: "ORS",
          fundingSource: "GOV",
          packSize: 100,
          qty: 250,
          packs: 2.5,
          coldChain: false,
          lots: [
            { lotId: 300, lotCode: "A1", expiry: "2028-01-01", qty: 200 },
            { lotId: 301, lotCode: "A2", expiry: "2028-06-01", qty: 50 },
          ],
        },
      ],
    },
  ],
  delivery: {
    state: "pending",
    deliveryId: null,
    recordedAt: null,
    arrivedAt: null,
    departedAt: null,
    skipReason: null,
    recipient: null,
    acceptedUnits: 0,
    rejectedUnits: 0,
    refused: [],
  },
} as unknown as Stop;
const ids = { deliveryId: "7f0e1c7e-8a0c-4a4e-9c53-3b3e7f6a2d10", routePlanId: 1, stopId: 7 };
const now = new Date("2026-12-03T10:30:00Z");

describe("the delivery draft", () => {
  it("starts with every lot accepted in full and needs the recipient and a signature", () => {
    const d = newDraft(stop, "09:40");
    expect(d.lots.map((l) => [l.lotId, l.shippedQty, l.rejected])).toEqual([
      [300, 200, "0"],
      [301, 50, "0"],
    ]);
    expect([...draftIssues(d).keys()]).toEqual(["recipient", "signature"]);
    expect(draftTotals(d)).toEqual({ accepted: 250, rejected: 0 });
  });

  it("asks a reason for a refused quantity and refuses more than shipped or a fraction", () => {
    const d = newDraft(stop, "09:40");
    d.lots[0]!.rejected = "5";
    d.lots[1]!.rejected = "51";
    expect(draftIssues({ ...d, recipient: "Awa", signature: "data:image/png;base64,AA==" })).toEqual(
      new Map([
        ["lot.0.reason", "reason"],
        ["lot.1", "tooMany"],
      ]),
    );
    d.lots[1]!.rejected = "1,5";
    expect(draftIssues(d).get("lot.1")).toBe("whole");
  });

  it("makes the POST /deliveries body: accepted = shipped − refused, reason on refused lots only, times and position", () => {
    const d = { ...newDraft(stop, "09:40"), recipient: " Awa ", signature: "data:image/png;base64,AA==" };
    d.lots[0]!.rejected = "5";
    d.lots[0]!.reason = "damaged";
    const body = deliveryBody(d, ids, now, { lat: 12.7, lon: -8.1, accuracyM: 9 });
    expect(body).toMatchObject({
      ...ids,
      status: "delivered",
      recipient: "Awa",
      departedAt: now.toISOString(),
      position: { lat: 12.7, lon: -8.1, accuracyM: 9 },
      lines: [
        { lineId: 30, lotId: 300, acceptedQty: 195, rejectedQty: 5, reason: "damaged" },
        { lineId: 30, lotId: 301, acceptedQty: 50, rejectedQty: 0 },
      ],
    });
    expect(body.lines![1]).not.toHaveProperty("reason");
  });

  it("makes a skipped stop's body with its reason and no lines", () => {
    const body = deliveryBody({ ...newDraft(stop, "09:40"), mode: "skipped", skipReason: "closed" }, ids, now, null);
    expect(body).toMatchObject({ status: "skipped", reason: "closed" });
    expect(body.lines).toBeUndefined();
    expect(body.position).toBeUndefined();
  });
});

describe("a stop on the tablet", () => {
  const item = (state: OutboxItem["state"], createdAt: string, rejectedQty = 0) =>
    ({
      id: createdAt,
      stopId: 7,
      state,
      createdAt,
      refusal:
        state === "refused"
          ? { code: "delivery_refused", message: "", reason: "plan_not_published", issues: [] }
          : null,
      body: {
        status: "delivered",
        departedAt: createdAt,
        lines: [{ lineId: 30, lotId: 300, acceptedQty: 1, rejectedQty }],
      },
    }) as unknown as OutboxItem;

  it("is pending, then queued, sent (delivered or partly) or refused after its latest outbox item", () => {
    expect(tabletStopState(stop, [])).toEqual({ kind: "pending" });
    expect(tabletStopState(stop, [item("pending", "2026-12-03T09:00:00Z")]).kind).toBe("queued");
    expect(tabletStopState(stop, [item("sent", "2026-12-03T09:00:00Z", 2)])).toMatchObject({
      kind: "recorded",
      state: "partial",
    });
    const refusedThenSent = [item("refused", "2026-12-03T09:00:00Z"), item("sent", "2026-12-03T09:05:00Z")];
    expect(tabletStopState(stop, refusedThenSent)).toMatchObject({ kind: "recorded", state: "delivered" });
    expect(mayRecord(tabletStopState(stop, [item("refused", "2026-12-03T09:00:00Z")]))).toBe(true);
    expect(mayRecord(tabletStopState(stop, [item("pending", "2026-12-03T09:00:00Z")]))).toBe(false);
  });

  it("follows the server once it knows the stop's delivery", () => {
    const known = {
      ...stop,
      delivery: { ...stop.delivery, state: "skipped", recordedAt: "2026-12-03T09:00:00Z" },
    } as Stop;
    expect(tabletStopState(known, [item("pending", "2026-12-03T09:00:00Z")])).toMatchObject({
      kind: "recorded",
      state: "skipped",
    });
  });

  it("hands the stop's coordinates to the maps app as a geo: URI", () => {
    expect(geoUri(stop)).toBe("geo:12.744100,-8.072600?q=12.744100,-8.072600(CSCom%20de%20Kati)");
  });
});
