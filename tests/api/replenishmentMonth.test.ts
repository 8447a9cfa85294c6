/**
 * One CSCom through a whole month: reports → suggestion → submit → approve with one changed
 * quantity → pick (FEFO, one lot blocked as short-dated) → ship (a shortfall escalated) → proof of
 * delivery with one rejected line → receipt; then every ledger line and balance at both ends.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  ledgerSnapshot,
  makeTestApp,
  signIn,
  balanceMismatches,
  type TestContext,
} from "../helpers/app";

let t: TestContext;
let cscom: TestAgent;
let pharmacist: TestAgent;
let storekeeper: TestAgent;
let cscomId: string;
let depotId: string;
let key = 0;
const k = () => `month-walk-${++key}`;

type Line = {
  id: number;
  productId: number;
  fundingSource: string;
  suggestedQty: number;
  requestedQty: number;
  approvedQty: number | null;
  packSize: number;
  explanation: { key: string; values: Record<string, unknown> }[];
  lots: { lotId: number; lotCode: string; shippedQty: number }[];
  shippedQty: number;
  shortfallQty: number;
};
type Order = {
  id: number;
  status: string;
  flow: string;
  supplierId: string;
  lines: Line[];
  events: { toStatus: string; changes: unknown }[];
};

const balance = (facilityId: string, productId: number) =>
  t.open.sqlite
    .prepare("select coalesce(sum(qty_on_hand), 0) from stock_balances where facility_id = ? and product_id = ?")
    .pluck()
    .get(facilityId, productId) as number;

async function agent(username: string) {
  const a = request.agent(t.app);
  await signIn(a, username, DEMO_PASSWORD);
  return a;
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 6 });
  cscomId = t.open.sqlite
    .prepare("select scope_facility_id from users where username = 'cscom.kati'")
    .pluck()
    .get() as string;
  depotId = t.open.sqlite
    .prepare("select scope_facility_id from users where username = 'magasin.kati'")
    .pluck()
    .get() as string;
  cscom = await agent("cscom.kati");
  pharmacist = await agent("pharmacien.kati");
  storekeeper = await agent("magasin.kati");
});

describe("a CSCom's month, from report to receipt", () => {
  let reportId = 0;
  let order: Order;
  let changed: Line;
  let shortLine: Line;

  it("pre-fills three monthly reports from the ledger, flags a paper mismatch and records timeliness", async () => {
    for (const period of ["2026-08", "2026-09", "2026-10"]) {
      const res = await cscom.post("/api/v1/reports").set("Idempotency-Key", k()).send({ facilityId: cscomId, period });
      expect(res.status).toBe(201);
      expect(res.body.lines.length).toBeGreaterThan(20);
      // From the ledger, every line balances: E = A + B − C + D.
      for (const l of res.body.lines) expect(l.closing).toBe(l.opening + l.received - l.consumed + l.adjustments);
      reportId = res.body.id;
      if (period === "2026-09") {
        const line = res.body.lines[0];
        const edit = await cscom
          .put(`/api/v1/reports/${reportId}/lines`)
          .set("Idempotency-Key", k())
          .send({
            lines: [
              {
                productId: line.productId,
                opening: line.opening,
                received: line.received,
                consumed: line.consumed,
                adjustments: line.adjustments,
                closing: line.closing + 5,
                stockoutDays: 0,
              },
            ],
          });
        expect(edit.status).toBe(200);
        expect(edit.body).toMatchObject({ source: "paper", mismatches: 1 });
        expect(edit.body.lines.find((l: { productId: number }) => l.productId === line.productId).mismatch).toBe(5);
      }
      const submitted = await cscom.post(`/api/v1/reports/${reportId}/submit`).set("Idempotency-Key", k());
      expect(submitted.status).toBe(200);
      // Due fifteen days after the month; sent on 15 November: only October is on time.
      expect(submitted.body.onTime).toBe(period === "2026-10");
    }
  });

  it("refuses bad report input with the field and writes nothing", async () => {
    const before = ledgerSnapshot(t.open);
    const reports = () => t.open.sqlite.prepare("select count(*) from stock_reports").pluck().get();
    const count = reports();
    const cases: [object, string][] = [
      [{ facilityId: cscomId, period: "2026-13" }, "period"],
      [{ facilityId: cscomId, period: "2026-11" }, "period"],
      [
        {
          facilityId: t.open.sqlite
            .prepare("select id from facilities where district_id = 'mopti' limit 1")
            .pluck()
            .get() as string,
          period: "2026-10",
        },
        "facilityId",
      ],
    ];
    for (const [body, path] of cases) {
      const res = await cscom.post("/api/v1/reports").set("Idempotency-Key", k()).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe(path);
    }
    const draft = await cscom
      .post("/api/v1/reports")
      .set("Idempotency-Key", k())
      .send({ facilityId: cscomId, period: "2026-07" });
    const line = {
      productId: draft.body.lines[0].productId,
      opening: 1,
      received: 0,
      consumed: 0,
      adjustments: 0,
      closing: 1,
    };
    const neg = await cscom
      .put(`/api/v1/reports/${draft.body.id}/lines`)
      .set("Idempotency-Key", k())
      .send({ lines: [{ ...line, consumed: -3, stockoutDays: 0 }] });
    expect(neg.body.error.details.issues[0].path).toBe("lines.0.consumed");
    const days = await cscom
      .put(`/api/v1/reports/${draft.body.id}/lines`)
      .set("Idempotency-Key", k())
      .send({ lines: [{ ...line, stockoutDays: 32 }] });
    expect(days.status).toBe(400);
    expect(days.body.error.details.issues[0].path).toBe("lines.0.stockoutDays");
    expect(reports()).toBe(Number(count) + 1);
    expect(ledgerSnapshot(t.open).movements).toEqual(before.movements);
  });

  it("suggests an order per flow, every line explained", async () => {
    const res = await cscom.post("/api/v1/orders/from-report").set("Idempotency-Key", k()).send({ reportId });
    expect(res.status).toBe(201);
    const flows = res.body.orders.map((o: Order) => o.flow).sort();
    expect(flows).toEqual(["cost_recovery", "free_care"]);
    order = res.body.orders.find((o: Order) => o.flow === "cost_recovery");
    expect(order.status).toBe("draft");
    expect(order.supplierId).toBe(depotId);
    for (const l of order.lines) {
      expect(l.fundingSource).toBe("cost_recovery");
      expect(l.explanation.map((e) => e.key)).toContain("amc");
      expect(l.requestedQty % l.packSize).toBe(0);
    }
    expect(order.lines.filter((l) => l.suggestedQty > 0).length).toBeGreaterThan(2);
    const again = await cscom.post("/api/v1/orders/from-report").set("Idempotency-Key", k()).send({ reportId });
    expect(again.status).toBe(409);
  });

  it("submits; the CSCom cannot approve; the pharmacist approves with one changed quantity and a reason", async () => {
    expect((await cscom.post(`/api/v1/orders/${order.id}/submit`).set("Idempotency-Key", k())).body.order.status).toBe(
      "submitted",
    );
    expect((await cscom.post(`/api/v1/orders/${order.id}/approve`).set("Idempotency-Key", k()).send({})).status).toBe(
      403,
    );
    // Shipping an unapproved order is refused.
    const early = await storekeeper.post(`/api/v1/orders/${order.id}/ship`).set("Idempotency-Key", k()).send({});
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("invalid_transition");
    const ordered = order.lines.filter((l) => l.requestedQty > 0);
    changed = ordered[0]!;
    const noReason = await pharmacist
      .post(`/api/v1/orders/${order.id}/approve`)
      .set("Idempotency-Key", k())
      .send({ lines: [{ lineId: changed.id, approvedQty: changed.packSize }] });
    expect(noReason.body.error.details.issues[0].path).toBe("lines.0.reason");
    const res = await pharmacist
      .post(`/api/v1/orders/${order.id}/approve`)
      .set("Idempotency-Key", k())
      .send({ lines: [{ lineId: changed.id, approvedQty: changed.packSize, reason: "Stock de district limité" }] });
    expect(res.status).toBe(200);
    order = res.body.order;
    expect(order.status).toBe("approved");
    const approved = order.lines.find((l) => l.id === changed.id)!;
    expect(approved).toMatchObject({ approvedQty: changed.packSize, approvalReason: "Stock de district limité" });
    for (const l of order.lines.filter((x) => x.id !== changed.id)) expect(l.approvedQty).toBe(l.requestedQty);
    const twice = await pharmacist.post(`/api/v1/orders/${order.id}/approve`).set("Idempotency-Key", k()).send({});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("invalid_transition");
  });

  it("enforces separation of duties: whoever submits an order cannot approve it", async () => {
    const free = t.open.sqlite
      .prepare("select id from orders where report_id = ? and flow = 'free_care'")
      .pluck()
      .get(reportId) as number;
    expect((await pharmacist.post(`/api/v1/orders/${free}/submit`).set("Idempotency-Key", k())).status).toBe(200);
    const res = await pharmacist.post(`/api/v1/orders/${free}/approve`).set("Idempotency-Key", k()).send({});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("separation_of_duties");
    expect(t.open.sqlite.prepare("select status from orders where id = ?").pluck().get(free)).toBe("submitted");
  });

  it("picks FEFO at the depot, never from a short-dated lot, and reports what it could not pick", async () => {
    const admin = t.agent;
    // The changed line's product: a short-dated lot expiring before the good ones.
    await admin
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", k())
      .send({
        type: "receipt",
        facilityId: depotId,
        productId: changed.productId,
        lotCode: "SHORT-1",
        expiry: "2026-11-25",
        quantity: changed.packSize * 5,
        occurredAt: "2026-10-01T08:00:00Z",
      });
    // Another line: leave the depot short of it.
    shortLine = order.lines.find((l) => l.id !== changed.id && (l.approvedQty ?? 0) > l.packSize)!;
    const lots = t.open.sqlite
      .prepare(
        "select lot_id, qty_on_hand from stock_balances where facility_id = ? and product_id = ? and qty_on_hand > 0",
      )
      .all(depotId, shortLine.productId) as { lot_id: number; qty_on_hand: number }[];
    for (const l of lots)
      await admin
        .post("/api/v1/stock/movements")
        .set("Idempotency-Key", k())
        .send({ type: "adjustment", facilityId: depotId, lotId: l.lot_id, reason: "damage", quantity: -l.qty_on_hand });
    await admin.post("/api/v1/stock/movements").set("Idempotency-Key", k()).send({
      type: "receipt",
      facilityId: depotId,
      productId: shortLine.productId,
      lotCode: "LAST-FEW",
      expiry: "2028-03-31",
      quantity: shortLine.packSize,
      occurredAt: "2026-11-01T08:00:00Z",
    });

    const res = await storekeeper.post(`/api/v1/orders/${order.id}/pick`).set("Idempotency-Key", k());
    expect(res.status).toBe(200);
    order = res.body.order;
    expect(order.status).toBe("picking");
    const pickChanged = res.body.picks.find((p: { lineId: number }) => p.lineId === changed.id);
    expect(pickChanged.blocked.map((b: { lotCode: string; reason: string }) => [b.lotCode, b.reason])).toContainEqual([
      "SHORT-1",
      "short_dated",
    ]);
    expect(order.lines.find((l) => l.id === changed.id)!.lots.map((l) => l.lotCode)).not.toContain("SHORT-1");
    const pickShort = res.body.picks.find((p: { lineId: number }) => p.lineId === shortLine.id);
    expect(pickShort).toMatchObject({
      pickedQty: shortLine.packSize,
      shortfall: (shortLine.approvedQty ?? 0) - shortLine.packSize,
    });
  });

  let before: Map<string, number>;
  it("ships: stock leaves the depot once, the shortfall is escalated to the depot's own order", async () => {
    before = new Map(
      order.lines.flatMap((l) => [
        [`d${l.productId}`, balance(depotId, l.productId)],
        [`c${l.productId}`, balance(cscomId, l.productId)],
      ]),
    );
    const res = await storekeeper
      .post(`/api/v1/orders/${order.id}/ship`)
      .set("Idempotency-Key", k())
      .send({ shortfallAction: "escalate" });
    expect(res.status).toBe(200);
    order = res.body.order;
    expect(order.status).toBe("shipped");
    for (const l of order.lines) {
      expect(balance(depotId, l.productId)).toBe(before.get(`d${l.productId}`)! - l.shippedQty);
      expect(balance(cscomId, l.productId)).toBe(before.get(`c${l.productId}`)!);
    }
    const escalation = await t.agent.get(`/api/v1/orders/${res.body.followUpOrderId}`);
    expect(escalation.body).toMatchObject({ facilityId: depotId, kind: "escalation", status: "draft" });
    const escalated: Line = escalation.body.lines.find((l: Line) => l.productId === shortLine.productId);
    expect(escalated.requestedQty).toBe((shortLine.approvedQty ?? 0) - shortLine.packSize);
    // The note says what happened as a key and its numbers; the web writes the sentence.
    expect(escalated.explanation.at(-1)).toEqual({
      key: "escalation",
      values: { qty: escalated.requestedQty, orderId: order.id },
    });
  });

  it("refuses a proof of delivery that does not add up or rejects without a reason", async () => {
    const l = order.lines.find((x) => x.shippedQty > 0)!;
    const lot = l.lots[0]!;
    const bad = await cscom
      .post(`/api/v1/orders/${order.id}/deliver`)
      .set("Idempotency-Key", k())
      .send({ lines: [{ lineId: l.id, lots: [{ lotId: lot.lotId, acceptedQty: 1, rejectedQty: 1 }] }] });
    expect(bad.body.error.details.issues[0].path).toBe("lines.0.lots.0.reason");
    const sum = await cscom
      .post(`/api/v1/orders/${order.id}/deliver`)
      .set("Idempotency-Key", k())
      .send({
        lines: [{ lineId: l.id, lots: [{ lotId: lot.lotId, acceptedQty: lot.shippedQty + 1, rejectedQty: 0 }] }],
      });
    expect(sum.status).toBe(400);
    expect(sum.body.error.details.issues[0].path).toBe("lines.0.lots.0.acceptedQty");
    expect(t.open.sqlite.prepare("select status from orders where id = ?").pluck().get(order.id)).toBe("shipped");
  });

  it("records the proof of delivery with one rejected line: stock enters the CSCom, the rejection returns to the depot", async () => {
    const rejected = order.lines.find((l) => l.id === changed.id)!;
    const pod = order.lines
      .filter((l) => l.shippedQty > 0)
      .map((l) => ({
        lineId: l.id,
        lots: l.lots
          .filter((x) => x.shippedQty > 0)
          .map((x) =>
            l.id === rejected.id
              ? { lotId: x.lotId, acceptedQty: 0, rejectedQty: x.shippedQty, reason: "Cartons mouillés" }
              : { lotId: x.lotId, acceptedQty: x.shippedQty, rejectedQty: 0 },
          ),
      }));
    const res = await cscom.post(`/api/v1/orders/${order.id}/deliver`).set("Idempotency-Key", k()).send({ lines: pod });
    expect(res.status).toBe(200);
    order = res.body.order;
    expect(order.status).toBe("delivered");
    for (const l of order.lines) {
      const accepted = l.id === rejected.id ? 0 : l.shippedQty;
      expect(balance(cscomId, l.productId), `cscom ${l.productId}`).toBe(before.get(`c${l.productId}`)! + accepted);
      expect(balance(depotId, l.productId), `depot ${l.productId}`).toBe(before.get(`d${l.productId}`)! - accepted);
    }
    const received = await cscom.post(`/api/v1/orders/${order.id}/receive`).set("Idempotency-Key", k());
    expect(received.body.order.status).toBe("received");
    expect(received.body.order.events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      "draft",
      "submitted",
      "approved",
      "picking",
      "shipped",
      "delivered",
      "received",
    ]);
  });

  it("leaves a ledger where every shipped lot moved exactly once at each end", () => {
    const rows = t.open.sqlite
      .prepare("select facility_id, type, lot_id, qty_delta, note from stock_movements where reference = ? order by id")
      .all(`Commande #${order.id}`) as {
      facility_id: string;
      type: string;
      lot_id: number;
      qty_delta: number;
      note: string | null;
    }[];
    for (const l of order.lines) {
      for (const lot of l.lots.filter((x) => x.shippedQty > 0)) {
        const mine = rows.filter((r) => r.lot_id === lot.lotId);
        expect(mine.filter((r) => r.type === "transfer_out").map((r) => [r.facility_id, r.qty_delta])).toEqual([
          [depotId, -lot.shippedQty],
        ]);
        const ins = mine.filter((r) => r.type === "transfer_in").map((r) => [r.facility_id, r.qty_delta]);
        expect(ins).toEqual(l.id === changed.id ? [[depotId, lot.shippedQty]] : [[cscomId, lot.shippedQty]]);
      }
    }
    expect(rows.filter((r) => r.note?.includes("Cartons mouillés")).length).toBeGreaterThan(0);
    expect(balanceMismatches(t.open)).toEqual([]);
  });

  it("keeps out-of-scope users away from the order", async () => {
    const mopti = request.agent(t.app);
    await signIn(mopti, "region.koulikoro", DEMO_PASSWORD);
    expect((await mopti.get(`/api/v1/orders/${order.id}`)).status).toBe(200);
    const other = await agent("chauffeur.kati");
    expect((await other.get(`/api/v1/orders/${order.id}`)).status).toBe(403);
    const list = await pharmacist.get("/api/v1/orders?status=received");
    const item = list.body.items.find((o: { id: number }) => o.id === order.id);
    const full = (await pharmacist.get(`/api/v1/orders/${order.id}`)).body;
    expect(item).toMatchObject({
      costXof: full.costXof,
      budgetExceeded: full.budgetExceeded,
      lineCount: full.lines.length,
      emergencyLines: full.emergencyLines,
    });
  });
});
