/**
 * Stock reserved by a picked order stays for that order: manual issues (FEFO or a named lot), transfers and
 * losses cannot take it — refused with stock_reserved naming the orders, or FEFO going past it — and the
 * shipment still finds it. A pick can be cancelled (reservations released, order approved again, audited), so no
 * order stays in picking.
 */
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { products } from "../../db/schema";
import { encodeInputs } from "../../shared/domain/replenishment";
import { buildProduct } from "../helpers/factories";
import {
  balanceMismatches,
  demoAgent,
  facilityOf,
  idempotencyKeys,
  ledgerSnapshot,
  makeTestApp,
  scalar,
  type TestContext,
} from "../helpers/app";

let t: TestContext;
let depotId: string;
let cscomId: string;
let productId: number;
let storekeeper: TestAgent;
const k = idempotencyKeys("reservation-test");
const one = <T>(sql: string, ...args: unknown[]) => scalar<T>(t.open, sql, ...args);

function snapshot() {
  return {
    ...ledgerSnapshot(t.open),
    picks: t.open.sqlite.prepare("select * from order_line_lots order by id").all(),
    orders: t.open.sqlite.prepare("select id, status from orders order by id").all(),
  };
}

/** The stored inputs of a line computed from an AMC (as an allocation stores them). */
const EXPLANATION = encodeInputs({
  product: { packSize: 1, packRoundingThreshold: 0, roundToZero: false },
  policy: { rule: "forced", maxMonths: 3, minMonths: 1, eopMonths: null },
  periods: [],
  demandAmc: 0,
  stockOnHand: 0,
  inTransit: 0,
});

/** An approved order of the CSCom to the depot for `qty` of the product (direct insert: the test is about picking). */
function approvedOrder(qty: number): number {
  const orderId = one<number>(
    "insert into orders (facility_id, supplier_id, period, flow, kind, status, created_at, updated_at) values (?, ?, '2026-10', 'cost_recovery', 'regular', 'approved', '2026-11-15', '2026-11-15') returning id",
    cscomId,
    depotId,
  );
  t.open.sqlite
    .prepare(
      "insert into order_lines (order_id, product_id, funding_source, amc, stock_on_hand, in_transit, emergency, suggested_qty, explanation, requested_qty, approved_qty) values (?, ?, 'cost_recovery', 0, 0, 0, 0, ?, ?, ?, ?)",
    )
    .run(orderId, productId, qty, EXPLANATION, qty, qty);
  return orderId;
}

const move = (body: object) => storekeeper.post("/api/v1/stock/movements").set("Idempotency-Key", k()).send(body);
const lotOf = (code: string) => one<number>("select id from lots where lot_code = ?", code);

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 2 });
  depotId = facilityOf(t, "magasin.kati");
  cscomId = facilityOf(t, "cscom.kati");
  productId = t.open.db
    .insert(products)
    .values(buildProduct({ code: "RESERVE-1" }))
    .returning({ id: products.id })
    .get().id;
  storekeeper = await demoAgent(t, "magasin.kati");
  for (const [lotCode, expiry, quantity] of [
    ["RES-A", "2027-06-30", 50],
    ["RES-B", "2028-06-30", 100],
  ] as const) {
    const res = await move({ type: "receipt", facilityId: depotId, productId, lotCode, expiry, quantity });
    expect(res.status).toBe(201);
  }
});

describe("a picked order's reservations", () => {
  let orderId: number;

  beforeAll(async () => {
    orderId = approvedOrder(60);
    const res = await storekeeper.post(`/api/v1/orders/${orderId}/pick`).set("Idempotency-Key", k());
    expect(res.status).toBe(200);
    // FEFO: all of lot A (50), 10 of lot B.
    expect(
      res.body.order.lines[0].lots.map((l: { lotCode: string; pickedQty: number }) => [l.lotCode, l.pickedQty]),
    ).toEqual([
      ["RES-A", 50],
      ["RES-B", 10],
    ]);
  });

  it("are skipped by a FEFO issue, which takes the free stock of later lots", async () => {
    const res = await move({ type: "issue", facilityId: depotId, productId, quantity: 80 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.movements.map((m: { lotCode: string; qtyDelta: number }) => [m.lotCode, m.qtyDelta])).toEqual([
      ["RES-B", -80],
    ]);
  });

  it("refuse a named lot's reserved part with stock_reserved naming the order, and write nothing", async () => {
    const before = snapshot();
    const res = await move({ type: "issue", facilityId: depotId, productId, lotId: lotOf("RES-A"), quantity: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("stock_reserved");
    expect(res.body.error.details).toMatchObject({
      lotId: lotOf("RES-A"),
      onHand: 50,
      reserved: 50,
      available: 0,
      orderIds: [orderId],
    });
    expect(res.body.error.details.issues[0].path).toBe("quantity");
    expect(snapshot()).toEqual(before);
  });

  it("refuse a loss of reserved stock and a transfer beyond the free stock, and write nothing", async () => {
    const before = snapshot();
    // Lot B: 20 on hand, 10 reserved.
    const loss = await move({
      type: "adjustment",
      facilityId: depotId,
      lotId: lotOf("RES-B"),
      reason: "damage",
      quantity: -15,
    });
    expect(loss.status).toBe(409);
    expect(loss.body.error.code).toBe("stock_reserved");
    expect(loss.body.error.details).toMatchObject({ onHand: 20, reserved: 10, available: 10 });
    const transfer = await move({
      type: "transfer",
      facilityId: depotId,
      toFacilityId: cscomId,
      productId,
      quantity: 20,
    });
    expect(transfer.status).toBe(409);
    expect(transfer.body.error.code).toBe("insufficient_stock");
    expect(transfer.body.error.details).toMatchObject({ usableOnHand: 10, shortfall: 10 });
    expect(transfer.body.error.details.reserved).toBeGreaterThan(0);
    expect(snapshot()).toEqual(before);
  });

  it("let the free part go, and the shipment still finds every reserved unit", async () => {
    expect(
      (await move({ type: "adjustment", facilityId: depotId, lotId: lotOf("RES-B"), reason: "damage", quantity: -10 }))
        .status,
    ).toBe(201);
    const shipped = await storekeeper
      .post(`/api/v1/orders/${orderId}/ship`)
      .set("Idempotency-Key", k())
      .send({ shortfallAction: "backorder" });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body.order.lines[0]).toMatchObject({ shippedQty: 60, shortfallQty: 0 });
    expect(
      one<number>(
        "select coalesce(sum(qty_on_hand), 0) from stock_balances where facility_id = ? and product_id = ?",
        depotId,
        productId,
      ),
    ).toBe(0);
    expect(balanceMismatches(t.open)).toEqual([]);
  });

  it("refuses a proof of delivery dated before the order was shipped, and writes nothing", async () => {
    const order = (await storekeeper.get(`/api/v1/orders/${orderId}`)).body;
    const lines = order.lines.map((l: { id: number; lots: { lotId: number; shippedQty: number }[] }) => ({
      lineId: l.id,
      lots: l.lots.map((lot) => ({ lotId: lot.lotId, acceptedQty: lot.shippedQty, rejectedQty: 0 })),
    }));
    const before = snapshot();
    const res = await storekeeper
      .post(`/api/v1/orders/${orderId}/deliver`)
      .set("Idempotency-Key", k())
      .send({ lines, deliveredAt: "2026-11-14T10:00:00Z" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("deliveredAt");
    expect(snapshot()).toEqual(before);
  });
});

describe("cancelling a pick", () => {
  it("releases the reservations and puts the order back to approved, audited", async () => {
    expect(
      (
        await move({
          type: "receipt",
          facilityId: depotId,
          productId,
          lotCode: "RES-C",
          expiry: "2028-12-31",
          quantity: 40,
        })
      ).status,
    ).toBe(201);
    const orderId = approvedOrder(30);
    expect((await storekeeper.post(`/api/v1/orders/${orderId}/pick`).set("Idempotency-Key", k())).status).toBe(200);
    const held = await move({ type: "issue", facilityId: depotId, productId, lotId: lotOf("RES-C"), quantity: 20 });
    expect(held.body.error.code).toBe("stock_reserved");

    const res = await storekeeper.post(`/api/v1/orders/${orderId}/unpick`).set("Idempotency-Key", k());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.order.status).toBe("approved");
    expect(res.body.released).toBe(30);
    expect(res.body.order.lines[0].lots).toEqual([]);
    expect(res.body.order.events.at(-1)).toMatchObject({
      fromStatus: "picking",
      toStatus: "approved",
      changes: { released: [expect.objectContaining({ lotId: lotOf("RES-C"), qty: 30 })] },
    });
    expect(
      one<number>("select count(*) from audit_log where action = 'order.unpick' and object_id = ?", String(orderId)),
    ).toBe(1);
    expect(
      (await move({ type: "issue", facilityId: depotId, productId, lotId: lotOf("RES-C"), quantity: 20 })).status,
    ).toBe(201);
  });

  it("is refused for an order that is not being picked, and changes nothing", async () => {
    const orderId = approvedOrder(5);
    const before = snapshot();
    const res = await storekeeper.post(`/api/v1/orders/${orderId}/unpick`).set("Idempotency-Key", k());
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("invalid_transition");
    expect(snapshot()).toEqual(before);
  });

  it("is refused to the ordering CSCom (the supplier's side picks and unpicks)", async () => {
    const orderId = approvedOrder(5);
    expect((await storekeeper.post(`/api/v1/orders/${orderId}/pick`).set("Idempotency-Key", k())).status).toBe(200);
    const cscom = await demoAgent(t, "cscom.kati");
    const before = snapshot();
    const res = await cscom.post(`/api/v1/orders/${orderId}/unpick`).set("Idempotency-Key", k());
    expect(res.status).toBe(403);
    expect(snapshot()).toEqual(before);
  });
});
