import { beforeAll, describe, expect, it } from "vitest";
import { balanceMismatches, ledgerSnapshot, makeTestApp, type TestContext } from "../helpers/app";

let t: TestContext;
let depotId: string;
let productId: number;
let key = 0;
const nextKey = () => `test-key-${++key}-${Date.now()}`;

/** Posts a movement with a fresh idempotency key (or the one given). */
function post(body: object, idempotencyKey = nextKey()) {
  return t.agent.post("/api/v1/stock/movements").set("Idempotency-Key", idempotencyKey).send(body);
}

function receipt(overrides: object = {}) {
  return {
    type: "receipt",
    facilityId: depotId,
    productId,
    lotCode: "T-GOOD-1",
    expiry: "2028-06-30",
    quantity: 500,
    ...overrides,
  };
}

beforeAll(async () => {
  t = await makeTestApp();
  depotId = t.open.sqlite
    .prepare("select id from facilities where level = 'district' and district_id = 'kati'")
    .pluck()
    .get() as string;
  // A product the depot has no stock of yet, so that each test controls the shelf.
  productId = t.open.sqlite
    .prepare(
      "select id from products where id not in (select product_id from stock_balances where facility_id = ?) order by id limit 1",
    )
    .pluck()
    .get(depotId) as number;
});

describe("POST /stock/movements — receipts and idempotency", () => {
  it("receives a new lot, creates it and updates the balance", async () => {
    const res = await post(receipt());
    expect(res.status).toBe(201);
    expect(res.body.movements).toHaveLength(1);
    expect(res.body.movements[0]).toMatchObject({
      type: "receipt",
      qtyDelta: 500,
      balanceAfter: 500,
      lotCode: "T-GOOD-1",
      expiry: "2028-06-30",
    });
    const bal = t.open.sqlite
      .prepare("select qty_on_hand from stock_balances where facility_id = ? and product_id = ?")
      .pluck()
      .all(depotId, productId);
    expect(bal).toEqual([500]);
  });

  it("replays a request with the same idempotency key without writing again", async () => {
    const k = nextKey();
    const first = await post(receipt({ lotCode: "T-IDEM", quantity: 40 }), k);
    const before = ledgerSnapshot(t.open);
    const again = await post(receipt({ lotCode: "T-IDEM", quantity: 40 }), k);
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(ledgerSnapshot(t.open)).toEqual(before);
  });

  it("refuses an idempotency key reused for a different request with 409 and writes nothing", async () => {
    const k = nextKey();
    await post(receipt({ lotCode: "T-IDEM2", quantity: 10 }), k);
    const before = ledgerSnapshot(t.open);
    const res = await post(receipt({ lotCode: "T-IDEM2", quantity: 11 }), k);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("idempotency_key_reused");
    expect(ledgerSnapshot(t.open)).toEqual(before);
  });

  it("requires an idempotency key on every write", async () => {
    const before = ledgerSnapshot(t.open);
    const res = await t.agent.post("/api/v1/stock/movements").send(receipt());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("idempotency_key_required");
    expect(ledgerSnapshot(t.open)).toEqual(before);
  });
});

describe("POST /stock/movements — bad input changes nothing", () => {
  const cases: [string, () => object, number, string, string][] = [
    [
      "a missing quantity",
      () => {
        const { quantity: _q, ...rest } = receipt();
        return rest;
      },
      400,
      "validation_failed",
      "quantity",
    ],
    ["a negative quantity", () => receipt({ quantity: -5 }), 400, "validation_failed", "quantity"],
    ["a fractional quantity", () => receipt({ quantity: 2.5 }), 400, "validation_failed", "quantity"],
    ["a quantity given as a string", () => receipt({ quantity: "10" }), 400, "validation_failed", "quantity"],
    ["an unknown field", () => receipt({ colour: "blue" }), 400, "validation_failed", "colour"],
    ["an unknown product", () => receipt({ productId: 999999 }), 400, "validation_failed", "productId"],
    ["an unknown facility", () => receipt({ facilityId: "nowhere" }), 400, "validation_failed", "facilityId"],
    ["an invalid expiry date", () => receipt({ expiry: "2027-02-30" }), 400, "validation_failed", "expiry"],
    [
      "an already expired lot",
      () => receipt({ lotCode: "OLD", expiry: "2020-01-01" }),
      400,
      "validation_failed",
      "expiry",
    ],
    [
      "a date in the future",
      () => receipt({ occurredAt: "2030-01-01T00:00:00Z" }),
      400,
      "validation_failed",
      "occurredAt",
    ],
    [
      "an unknown lot in an adjustment",
      () => ({ type: "adjustment", facilityId: depotId, lotId: 99999999, reason: "loss", quantity: -1 }),
      400,
      "validation_failed",
      "lotId",
    ],
    [
      "a positive loss",
      () => ({ type: "adjustment", facilityId: depotId, lotId: 1, reason: "loss", quantity: 3 }),
      400,
      "validation_failed",
      "quantity",
    ],
    [
      "an issue larger than the stock",
      () => ({ type: "issue", facilityId: depotId, productId, quantity: 10_000_000 }),
      409,
      "insufficient_stock",
      "quantity",
    ],
    ["an unknown movement type", () => ({ ...receipt(), type: "gift" }), 400, "validation_failed", "type"],
  ];
  it.each(cases)("refuses %s with the field and the reason", async (_name, body, status, code, path) => {
    const before = ledgerSnapshot(t.open);
    const res = await post(body());
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(res.body.error.details.issues[0].message).toMatch(/\w/);
    expect(ledgerSnapshot(t.open)).toEqual(before);
  });

  it("answers a malformed JSON body with 400 and writes nothing", async () => {
    const before = ledgerSnapshot(t.open);
    const res = await t.agent
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", nextKey())
      .set("Content-Type", "application/json")
      .send("{not json");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(ledgerSnapshot(t.open)).toEqual(before);
  });
});

describe("issues pick FEFO and block expired and short-dated lots", () => {
  let otherProduct: number;
  beforeAll(async () => {
    otherProduct = t.open.sqlite
      .prepare(
        "select id from products where id <> ? and id not in (select product_id from stock_balances where facility_id = ?) order by id limit 1",
      )
      .pluck()
      .get(productId, depotId) as number;
    // Received in the past, so that one lot is now short-dated and one expired since.
    const past = "2026-06-01T08:00:00Z";
    for (const [lotCode, expiry, quantity] of [
      ["LATE", "2028-12-31", 100],
      ["EARLY", "2027-08-31", 30],
      ["SHORT", "2026-11-30", 50],
      ["GONE", "2026-10-31", 20],
    ] as const) {
      expect(
        (
          await post({
            type: "receipt",
            facilityId: depotId,
            productId: otherProduct,
            lotCode,
            expiry,
            quantity,
            occurredAt: past,
          })
        ).status,
      ).toBe(201);
    }
  });

  it("takes the earliest usable expiry first and explains the blocked lots", async () => {
    const res = await post({ type: "issue", facilityId: depotId, productId: otherProduct, quantity: 50 });
    expect(res.status).toBe(201);
    expect(res.body.movements.map((m: { lotCode: string; qtyDelta: number }) => [m.lotCode, m.qtyDelta])).toEqual([
      ["EARLY", -30],
      ["LATE", -20],
    ]);
    expect(res.body.pick).toMatchObject({ requested: 50, allocated: 50, shortfall: 0 });
    expect(res.body.pick.blocked.map((b: { lotCode: string; reason: string }) => [b.lotCode, b.reason]).sort()).toEqual(
      [
        ["GONE", "expired"],
        ["SHORT", "short_dated"],
      ],
    );
  });

  it("refuses to issue a named short-dated lot with lot_blocked", async () => {
    const lotId = t.open.sqlite.prepare("select id from lots where lot_code = 'SHORT'").pluck().get();
    const before = ledgerSnapshot(t.open);
    const res = await post({ type: "issue", facilityId: depotId, productId: otherProduct, quantity: 1, lotId });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("lot_blocked");
    expect(res.body.error.details.reason).toBe("short_dated");
    expect(ledgerSnapshot(t.open)).toEqual(before);
  });

  it("does not count blocked stock as available and issues partially only when asked", async () => {
    const refused = await post({ type: "issue", facilityId: depotId, productId: otherProduct, quantity: 100 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ usableOnHand: 80, shortfall: 20 });
    const partial = await post({
      type: "issue",
      facilityId: depotId,
      productId: otherProduct,
      quantity: 100,
      allowPartial: true,
    });
    expect(partial.status).toBe(201);
    expect(partial.body.pick).toMatchObject({ requested: 100, allocated: 80, shortfall: 20 });
    const usable = t.open.sqlite
      .prepare(
        "select coalesce(sum(b.qty_on_hand), 0) from stock_balances b join lots l on l.id = b.lot_id where b.facility_id = ? and b.product_id = ? and l.lot_code in ('EARLY', 'LATE')",
      )
      .pluck()
      .get(depotId, otherProduct);
    expect(usable).toBe(0);
  });
});

describe("transfers, adjustments and physical counts", () => {
  it("sends a transfer in transit: transfer_out at the sender, nothing written at the receiver", async () => {
    const cscomId = t.open.sqlite
      .prepare("select id from facilities where level = 'cscom' and district_id = 'kati' limit 1")
      .pluck()
      .get() as string;
    const receiverLines = () =>
      t.open.sqlite.prepare("select count(*) from stock_movements where facility_id = ?").pluck().get(cscomId);
    const before = receiverLines();
    const res = await post({ type: "transfer", facilityId: depotId, toFacilityId: cscomId, productId, quantity: 120 });
    expect(res.status).toBe(201);
    expect(res.body.movements).toEqual([
      expect.objectContaining({ facilityId: depotId, type: "transfer_out", qtyDelta: -120, counterpartyId: cscomId }),
    ]);
    expect(res.body.transferId).toEqual(expect.any(Number));
    expect(receiverLines()).toBe(before);
    const transfer = await t.agent.get(`/api/v1/transfers/${res.body.transferId}`);
    expect(transfer.body).toMatchObject({
      status: "in_transit",
      fromFacilityId: depotId,
      toFacilityId: cscomId,
      quantity: 120,
    });
  });

  it("turns a physical count into reason-coded count adjustments", async () => {
    const lotId = t.open.sqlite.prepare("select id from lots where lot_code = 'T-GOOD-1'").pluck().get() as number;
    const onHand = t.open.sqlite
      .prepare("select qty_on_hand from stock_balances where facility_id = ? and lot_id = ?")
      .pluck()
      .get(depotId, lotId) as number;
    const res = await t.agent
      .post("/api/v1/stock/counts")
      .set("Idempotency-Key", nextKey())
      .send({ facilityId: depotId, lines: [{ lotId, countedQty: onHand - 7 }] });
    expect(res.status).toBe(201);
    expect(res.body.movements).toEqual([
      expect.objectContaining({ type: "adjustment", reason: "count", qtyDelta: -7, balanceAfter: onHand - 7 }),
    ]);
  });

  it("refuses a count that names the same lot twice and writes nothing", async () => {
    const lotId = t.open.sqlite.prepare("select id from lots where lot_code = 'T-GOOD-1'").pluck().get() as number;
    const before = ledgerSnapshot(t.open);
    const res = await t.agent
      .post("/api/v1/stock/counts")
      .set("Idempotency-Key", nextKey())
      .send({
        facilityId: depotId,
        lines: [
          { lotId, countedQty: 1 },
          { lotId, countedQty: 2 },
        ],
      });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("lines.1.lotId");
    expect(ledgerSnapshot(t.open)).toEqual(before);
  });

  it("keeps the ledger append-only at the database level", () => {
    expect(() => t.open.sqlite.prepare("update stock_movements set qty_delta = 1 where id = 1").run()).toThrow(
      /append-only/,
    );
    expect(() => t.open.sqlite.prepare("delete from stock_movements where id = 1").run()).toThrow(/append-only/);
  });

  it("leaves every balance equal to the sum of its ledger lines", () => {
    expect(balanceMismatches(t.open)).toEqual([]);
  });
});

describe("stock positions and stock card", () => {
  it("lists the depot's positions with lots, months of stock and status", async () => {
    const res = await t.agent.get(`/api/v1/facilities/${depotId}/stock`);
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { productId: number }) => i.productId === productId);
    const soh = t.open.sqlite
      .prepare("select sum(qty_on_hand) from stock_balances where facility_id = ? and product_id = ?")
      .pluck()
      .get(depotId, productId);
    expect(item.stockOnHand).toBe(soh);
    expect(item.lots.length).toBeGreaterThan(0);
    expect(["stockout", "under", "adequate", "over", "unknown"]).toContain(item.status);
  });

  it("returns the stock card with a running product balance that ends at the stock on hand", async () => {
    const res = await t.agent.get(`/api/v1/facilities/${depotId}/stock/${productId}/card?limit=1000`);
    expect(res.status).toBe(200);
    const items = res.body.items as { productBalanceAfter: number; qtyDelta: number }[];
    expect(items.length).toBe(res.body.total);
    let running = 0;
    for (const line of items) {
      running += line.qtyDelta;
      expect(line.productBalanceAfter).toBe(running);
    }
    expect(running).toBe(res.body.stockOnHand);
  });

  it("answers 404 for an unknown facility", async () => {
    const res = await t.agent.get("/api/v1/facilities/nowhere/stock");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});
