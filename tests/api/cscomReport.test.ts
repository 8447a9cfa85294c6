/**
 * What the CSCom manager's screens send: a pre-filled report sent back line by line (every reason of D
 * kept) is accepted unchanged; D's split by reason must add up to D and losses cannot add stock
 * (field errors, nothing written); a paper mismatch is stored with its difference; the draft order's
 * requested quantities are changed by the CSCom (history + audit), then frozen once submitted; the
 * district pharmacist reads the report; another district's report answers 404.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let cscom: TestAgent;
let cscomId: string;
let key = 0;
const k = () => `cscom-report-${++key}`;

type ReportLine = {
  id: number;
  productId: number;
  fundingSource: string;
  opening: number;
  received: number;
  consumed: number;
  adjustments: number;
  adjustmentsByReason: Record<string, number>;
  closing: number;
  stockoutDays: number;
  mismatch: number;
};
type Report = { id: number; status: string; source: string; mismatches: number; lines: ReportLine[] };
type OrderLine = { id: number; requestedQty: number; suggestedQty: number; packSize: number };
type Order = {
  id: number;
  status: string;
  flow: string;
  lines: OrderLine[];
  events: { fromStatus: string | null; toStatus: string; changes: unknown }[];
};

/** The line as PUT /reports/:id/lines takes it. */
const write = (l: ReportLine) => ({
  productId: l.productId,
  fundingSource: l.fundingSource,
  opening: l.opening,
  received: l.received,
  consumed: l.consumed,
  adjustments: l.adjustments,
  adjustmentsByReason: l.adjustmentsByReason,
  closing: l.closing,
  stockoutDays: l.stockoutDays,
});
const lineRow = (reportId: number, productId: number) =>
  t.open.sqlite
    .prepare(
      "select opening, closing, adjustments, adjustments_by_reason, mismatch from stock_report_lines where report_id = ? and product_id = ?",
    )
    .get(reportId, productId);

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
  cscom = await agent("cscom.kati");
});

describe("the CSCom manager's report and order", () => {
  let report: Report;
  let order: Order;

  it("accepts the pre-filled report sent back as it is, reasons of D included, and keeps every line balanced", async () => {
    const created = await cscom
      .post("/api/v1/reports")
      .set("Idempotency-Key", k())
      .send({ facilityId: cscomId, period: "2026-10" });
    expect(created.status).toBe(201);
    report = created.body;
    const withReasons = report.lines.filter((l) => Object.keys(l.adjustmentsByReason).length > 0);
    expect(withReasons.length).toBeGreaterThan(0);
    const res = await cscom
      .put(`/api/v1/reports/${report.id}/lines`)
      .set("Idempotency-Key", k())
      .send({ lines: report.lines.map(write) });
    expect(res.status).toBe(200);
    expect(res.body.mismatches).toBe(0);
    expect(res.body.lines.map(write)).toEqual(report.lines.map(write));
  });

  it("refuses a split of D that does not add up to D, or a loss that adds stock, with the field; nothing is written", async () => {
    const line = report.lines[0]!;
    const before = lineRow(report.id, line.productId);
    const keys = t.open.sqlite.prepare("select count(*) from idempotency_keys").pluck().get();
    // Each refusal names the field; the report checks (shared/domain) also give the key and values people read.
    const cases: [object, string, string | undefined][] = [
      [
        { ...write(line), adjustments: -5, adjustmentsByReason: { loss: -3 } },
        "lines.0.adjustmentsByReason",
        "report_reasons_sum",
      ],
      [
        { ...write(line), adjustments: 4, adjustmentsByReason: { loss: 4 } },
        "lines.0.adjustmentsByReason.loss",
        "report_outflow_positive",
      ],
      // Beyond any month: the contract refuses it (no month known yet); a 30-day month is the next test's.
      [{ ...write(line), stockoutDays: 32 }, "lines.0.stockoutDays", undefined],
      [{ ...write(line), closing: -1 }, "lines.0.closing", undefined],
      [{ ...write(line), adjustmentsByReason: { spoilt: 0 } }, "lines.0.adjustmentsByReason.spoilt", undefined],
    ];
    for (const [body, path, key] of cases) {
      const res = await cscom
        .put(`/api/v1/reports/${report.id}/lines`)
        .set("Idempotency-Key", k())
        .send({ lines: [body] });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(res.body.error.details.issues[0].path).toBe(path);
      expect(res.body.error.details.issues[0].key).toBe(key);
    }
    expect(lineRow(report.id, line.productId)).toEqual(before);
    expect(t.open.sqlite.prepare("select count(*) from idempotency_keys").pluck().get()).toBe(keys);
  });

  it("refuses more stock-out days than the report's month has (31 in a September of 30) with the key people read; nothing is written", async () => {
    const created = await cscom
      .post("/api/v1/reports")
      .set("Idempotency-Key", k())
      .send({ facilityId: cscomId, period: "2026-09" });
    expect(created.status).toBe(201);
    const september: Report = created.body;
    const line = september.lines[0]!;
    const before = lineRow(september.id, line.productId);
    const res = await cscom
      .put(`/api/v1/reports/${september.id}/lines`)
      .set("Idempotency-Key", k())
      .send({ lines: [{ ...write(line), stockoutDays: 31 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0]).toMatchObject({
      path: "lines.0.stockoutDays",
      key: "report_max_days",
      values: { stockoutDays: 31, days: 30 },
    });
    expect(lineRow(september.id, line.productId)).toEqual(before);
  });

  it("stores a paper mismatch with its difference (never corrected) and submits the report", async () => {
    const line = report.lines.find((l) => l.closing > 0)!;
    const res = await cscom
      .put(`/api/v1/reports/${report.id}/lines`)
      .set("Idempotency-Key", k())
      .send({
        lines: [
          {
            ...write(line),
            adjustments: line.adjustments - 2,
            adjustmentsByReason: { ...line.adjustmentsByReason, damage: (line.adjustmentsByReason.damage ?? 0) - 2 },
            closing: line.closing + 5,
          },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: "paper", mismatches: 1 });
    expect(lineRow(report.id, line.productId)).toMatchObject({
      closing: line.closing + 5,
      adjustments: line.adjustments - 2,
      mismatch: 7,
    });
    const submitted = await cscom.post(`/api/v1/reports/${report.id}/submit`).set("Idempotency-Key", k());
    expect(submitted.body).toMatchObject({ status: "submitted", onTime: true, mismatches: 1 });
  });

  it("lets the CSCom change a requested quantity of its draft order: recorded in the history and the audit log", async () => {
    const res = await cscom
      .post("/api/v1/orders/from-report")
      .set("Idempotency-Key", k())
      .send({ reportId: report.id });
    expect(res.status).toBe(201);
    order = res.body.orders.find((o: Order) => o.flow === "cost_recovery");
    const line = order.lines.find((l) => l.suggestedQty > 0)!;
    const qty = line.requestedQty + line.packSize;
    const bad = await cscom
      .patch(`/api/v1/orders/${order.id}/lines`)
      .set("Idempotency-Key", k())
      .send({ lines: [{ lineId: line.id, requestedQty: -1 }] });
    expect(bad.body.error.details.issues[0].path).toBe("lines.0.requestedQty");
    const edit = await cscom
      .patch(`/api/v1/orders/${order.id}/lines`)
      .set("Idempotency-Key", k())
      .send({ lines: [{ lineId: line.id, requestedQty: qty }] });
    expect(edit.status).toBe(200);
    expect(edit.body.order.lines.find((l: OrderLine) => l.id === line.id)).toMatchObject({
      requestedQty: qty,
      suggestedQty: line.suggestedQty,
    });
    expect(t.open.sqlite.prepare("select requested_qty from order_lines where id = ?").pluck().get(line.id)).toBe(qty);
    expect(edit.body.order.events.at(-1)).toMatchObject({
      fromStatus: "draft",
      toStatus: "draft",
      changes: { edited: [{ lineId: line.id, requestedQty: qty }] },
      // Who changed it, by name (the history never shows a bare user number).
      userName: t.open.sqlite.prepare("select display_name from users where username = 'cscom.kati'").pluck().get(),
    });
    const audit = t.open.sqlite
      .prepare("select action, object_id objectId from audit_log where action = 'order.edit' order by id desc limit 1")
      .get();
    expect(audit).toEqual({ action: "order.edit", objectId: String(order.id) });

    expect((await cscom.post(`/api/v1/orders/${order.id}/submit`).set("Idempotency-Key", k())).body.order.status).toBe(
      "submitted",
    );
    const late = await cscom
      .patch(`/api/v1/orders/${order.id}/lines`)
      .set("Idempotency-Key", k())
      .send({ lines: [{ lineId: line.id, requestedQty: 1 }] });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("invalid_transition");
    expect(t.open.sqlite.prepare("select requested_qty from order_lines where id = ?").pluck().get(line.id)).toBe(qty);
  });

  it("lets the district pharmacist read the CSCom's report; the CSCom gets 404 on another district's report", async () => {
    const pharmacist = await agent("pharmacien.kati");
    const read = await pharmacist.get(`/api/v1/reports/${report.id}`);
    expect(read.status).toBe(200);
    expect(read.body.mismatches).toBe(1);
    const outside = t.open.sqlite
      .prepare("select id from facilities where level = 'cscom' and district_id <> 'kati' limit 1")
      .pluck()
      .get() as string;
    // Its history in Fura starts with an opening stock: a report of a month before that is refused.
    const productId = t.open.sqlite.prepare("select id from products order by id limit 1").pluck().get() as number;
    const opening = await t.agent.post("/api/v1/stock/movements").set("Idempotency-Key", k()).send({
      type: "receipt",
      facilityId: outside,
      productId,
      lotCode: "OUVERTURE-1",
      expiry: "2028-06-30",
      quantity: 40,
      occurredAt: "2026-10-01T08:00:00Z",
    });
    expect(opening.status, JSON.stringify(opening.body)).toBe(201);
    const elsewhere = await t.agent
      .post("/api/v1/reports")
      .set("Idempotency-Key", k())
      .send({ facilityId: outside, period: "2026-10" });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(201);
    for (const who of [cscom, pharmacist])
      expect((await who.get(`/api/v1/reports/${elsewhere.body.id}`)).status).toBe(404);
  });
});
