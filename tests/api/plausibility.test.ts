/**
 * Quantities within the contracts' bounds but implausible for the facility — far above its AMC or its maximum
 * stock — are refused with implausible_quantity and what they were compared with, unless the request confirms
 * them; then they are written as typed, the confirmation in the audit log. Stock movements, counts, report lines
 * and order line edits follow the same rule (shared/domain/stock/plausibility.ts).
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { products } from "../../db/schema";
import { encodeInputs } from "../../shared/domain/replenishment";
import { IMPLAUSIBLE_FACTOR } from "../../shared/domain/stock";
import { buildProduct } from "../helpers/factories";
import { DEMO_PASSWORD, ledgerSnapshot, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let cscomId: string;
let depotId: string;
let productId: number;
let cscom: TestAgent;
let key = 0;
const k = () => `plausibility-test-${++key}`;
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;

/** AMC 300 a month (issues of 300 in each of the last three complete months), a CSCom's max 3 months: 900. */
const AMC = 300;
const MAX_STOCK = 900;

const move = (body: object) => cscom.post("/api/v1/stock/movements").set("Idempotency-Key", k()).send(body);

function snapshot() {
  return {
    ...ledgerSnapshot(t.open),
    reportLines: t.open.sqlite.prepare("select * from stock_report_lines order by id").all(),
    orderLines: t.open.sqlite.prepare("select id, requested_qty, approved_qty from order_lines order by id").all(),
  };
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 2 });
  cscomId = one("select scope_facility_id from users where username = 'cscom.kati'");
  depotId = one("select scope_facility_id from users where username = 'magasin.kati'");
  productId = t.open.db
    .insert(products)
    .values(buildProduct({ code: "PLAUSIBLE-1", packSize: 10, packRoundingThreshold: 3 }))
    .returning({ id: products.id })
    .get().id;
  cscom = request.agent(t.app);
  await signIn(cscom, "cscom.kati", DEMO_PASSWORD);
  const first = await move({
    type: "receipt",
    facilityId: cscomId,
    productId,
    lotCode: "PL-1",
    expiry: "2028-12-31",
    quantity: 3000,
    occurredAt: "2026-08-01T08:00:00Z",
  });
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  for (const month of ["08", "09", "10"]) {
    const res = await move({
      type: "issue",
      facilityId: cscomId,
      productId,
      quantity: AMC,
      occurredAt: `2026-${month}-15T08:00:00Z`,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});

describe("stock movements", () => {
  it("refuses a receipt above 10× the maximum stock with what it was compared with, and writes nothing", async () => {
    const before = snapshot();
    const quantity = IMPLAUSIBLE_FACTOR * MAX_STOCK + 1;
    const res = await move({
      type: "receipt",
      facilityId: cscomId,
      productId,
      lotCode: "PL-2",
      expiry: "2028-12-31",
      quantity,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("implausible_quantity");
    expect(res.body.error.details.issues[0].path).toBe("quantity");
    expect(res.body.error.details.items).toEqual([
      expect.objectContaining({
        path: "quantity",
        field: "receipt",
        value: quantity,
        amc: AMC,
        maxStock: MAX_STOCK,
        basis: "maxStock",
        factor: IMPLAUSIBLE_FACTOR,
        limit: IMPLAUSIBLE_FACTOR * MAX_STOCK,
      }),
    ]);
    expect(snapshot()).toEqual(before);
  });

  it("writes the same receipt when the request confirms it, and the audit log keeps the confirmation", async () => {
    const quantity = IMPLAUSIBLE_FACTOR * MAX_STOCK + 1;
    const res = await move({
      type: "receipt",
      facilityId: cscomId,
      productId,
      lotCode: "PL-2",
      expiry: "2028-12-31",
      quantity,
      confirmImplausible: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.movements[0].qtyDelta).toBe(quantity);
    const audit = JSON.parse(
      one<string>("select after_json from audit_log where action = 'stock.movement.create' order by id desc limit 1"),
    );
    expect(audit.request).toMatchObject({ quantity, confirmImplausible: true });
  });

  it("compares an issue with the AMC, and accepts the limit itself", async () => {
    const before = snapshot();
    const refused = await move({
      type: "issue",
      facilityId: cscomId,
      productId,
      quantity: IMPLAUSIBLE_FACTOR * AMC + 1,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.items[0]).toMatchObject({ basis: "amc", amc: AMC });
    expect(snapshot()).toEqual(before);
    expect(
      (await move({ type: "issue", facilityId: cscomId, productId, quantity: IMPLAUSIBLE_FACTOR * AMC })).status,
    ).toBe(201);
  });

  it("refuses a count far above the maximum stock unless confirmed", async () => {
    const lotId = one<number>("select id from lots where lot_code = 'PL-2'");
    const before = snapshot();
    const body = { facilityId: cscomId, lines: [{ lotId, countedQty: IMPLAUSIBLE_FACTOR * MAX_STOCK + 5 }] };
    const res = await cscom.post("/api/v1/stock/counts").set("Idempotency-Key", k()).send(body);
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues[0].path).toBe("lines.0.countedQty");
    expect(snapshot()).toEqual(before);
    const confirmed = await cscom
      .post("/api/v1/stock/counts")
      .set("Idempotency-Key", k())
      .send({ ...body, confirmImplausible: true });
    expect(confirmed.status).toBe(201);
  });
});

describe("report lines and order lines", () => {
  it("refuses a report line's consumption far above the AMC unless confirmed", async () => {
    const report = await cscom
      .post("/api/v1/reports")
      .set("Idempotency-Key", k())
      .send({ facilityId: cscomId, period: "2026-10" });
    expect(report.status).toBe(201);
    const line = report.body.lines.find((l: { productId: number }) => l.productId === productId);
    const typed = {
      productId,
      opening: line.opening,
      received: line.received,
      consumed: IMPLAUSIBLE_FACTOR * AMC + 1,
      adjustments: 0,
      closing: line.closing,
      stockoutDays: 0,
    };
    const before = snapshot();
    const res = await cscom
      .put(`/api/v1/reports/${report.body.id}/lines`)
      .set("Idempotency-Key", k())
      .send({ lines: [typed] });
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(["lines.0.consumed"]);
    expect(snapshot()).toEqual(before);
    const confirmed = await cscom
      .put(`/api/v1/reports/${report.body.id}/lines`)
      .set("Idempotency-Key", k())
      .send({ lines: [typed], confirmImplausible: true });
    expect(confirmed.status).toBe(200);
  });

  it("refuses an order line edited far above the line's maximum stock unless confirmed", async () => {
    const orderId = one<number>(
      "insert into orders (facility_id, supplier_id, period, flow, kind, status, created_at, updated_at) values (?, ?, '2026-10', 'cost_recovery', 'regular', 'draft', '2026-11-15', '2026-11-15') returning id",
      cscomId,
      depotId,
    );
    const explanation = encodeInputs({
      product: { packSize: 10, packRoundingThreshold: 0, roundToZero: false },
      policy: { rule: "forced", maxMonths: 3, minMonths: 1, eopMonths: null },
      periods: [],
      demandAmc: 100,
      stockOnHand: 0,
      inTransit: 0,
    });
    const lineId = one<number>(
      "insert into order_lines (order_id, product_id, funding_source, amc, stock_on_hand, in_transit, emergency, suggested_qty, explanation, requested_qty) values (?, ?, 'cost_recovery', 100, 0, 0, 0, 300, ?, 300) returning id",
      orderId,
      productId,
      explanation,
    );
    const before = snapshot();
    // The line's own AMC (100) decides: its maximum stock is 300, the limit 3 000.
    const res = await cscom
      .patch(`/api/v1/orders/${orderId}/lines`)
      .set("Idempotency-Key", k())
      .send({ lines: [{ lineId, requestedQty: 3001 }] });
    expect(res.status).toBe(422);
    expect(res.body.error.details.items[0]).toMatchObject({ path: "lines.0.requestedQty", amc: 100, limit: 3000 });
    expect(snapshot()).toEqual(before);
    const ok = await cscom
      .patch(`/api/v1/orders/${orderId}/lines`)
      .set("Idempotency-Key", k())
      .send({ lines: [{ lineId, requestedQty: 3001 }], confirmImplausible: true });
    expect(ok.status).toBe(200);
    expect(ok.body.order.lines[0].requestedQty).toBe(3001);
  });
});
