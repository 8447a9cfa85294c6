/**
 * The catalogue (POST /products, PATCH /products/:productId, its prices): create a product with its first price,
 * edit and withdraw it, add dated prices; bad input refused with the field named and nothing written; an approved
 * order keeps the price of the day it was approved; every change audited with before/after.
 */
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestContext } from "../helpers/app";

let t: TestContext;
let n = 0;
const key = () => ({ "Idempotency-Key": `catalogue-${++n}` });
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const row = (sql: string, ...args: unknown[]) => t.open.sqlite.prepare(sql).get(...args) as Record<string, unknown>;
const issuesOf = (res: request.Response) =>
  (res.body.error?.details?.issues ?? []) as { path: string; message: string; key?: string }[];
const counts = () => ({
  products: one<number>("select count(*) from products"),
  prices: one<number>("select count(*) from product_prices"),
  audit: one<number>("select count(*) from audit_log where object_type = 'product'"),
});

const NEW_PRODUCT = {
  code: "amox-250-disp",
  genericName: "Amoxicilline",
  form: "comprimé dispersible",
  strength: "250 mg",
  baseUnit: "comprimé",
  packSize: 100,
  packRoundingThreshold: 20,
  roundToZero: false,
  ven: "V",
  programmeCode: "cost_recovery",
  category: "Antibiotiques",
  coldChain: false,
  packWeightG: 120,
  packVolumeCm3: 300,
  pricePerPackXof: 2500,
};

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 2 });
});

describe("products", () => {
  it("creates a product with its first price from today, audited", async () => {
    const res = await t.agent.post("/api/v1/products").set(key()).send(NEW_PRODUCT);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ code: "AMOX-250-DISP", pricePerPackXof: 2500, active: true });
    expect(row("select price_per_pack_xof, valid_from from product_prices where product_id = ?", res.body.id)).toEqual({
      price_per_pack_xof: 2500,
      valid_from: "2026-11-15",
    });
    const line = row("select * from audit_log where action = 'product.create'");
    expect(JSON.parse(String(line.after_json)).genericName).toBe("Amoxicilline");
  });

  it("refuses bad input with the field named and writes nothing", async () => {
    const before = counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ code: "X-1", packRoundingThreshold: 100 }, "packRoundingThreshold"],
      [{ code: "X-2", programmeCode: "nope" }, "programmeCode"],
      [{ code: "Amox-250-DISP" }, "code"],
      [{ code: "X 3" }, "code"],
      [{ code: "X-4", pricePerPackXof: -5 }, "pricePerPackXof"],
      [{ code: "X-5", ven: "Z" }, "ven"],
      [{ code: "X-6", packSize: 0 }, "packSize"],
    ];
    for (const [body, field] of cases) {
      const res = await t.agent
        .post("/api/v1/products")
        .set(key())
        .send({ ...NEW_PRODUCT, ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        issuesOf(res).map((i) => i.path),
        JSON.stringify(res.body),
      ).toContain(field);
    }
    expect(counts()).toEqual(before);
  });

  it("edits and withdraws a product, audited with before and after", async () => {
    const id = one<number>("select id from products where code = 'AMOX-250-DISP'");
    const res = await t.agent.patch(`/api/v1/products/${id}`).set(key()).send({ packSize: 50, active: false });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(row("select pack_size, active from products where id = ?", id)).toEqual({ pack_size: 50, active: 0 });
    const line = row("select * from audit_log where action = 'product.deactivate'");
    expect(JSON.parse(String(line.before_json))).toMatchObject({ packSize: 100, active: true });
    expect(JSON.parse(String(line.after_json))).toMatchObject({ packSize: 50, active: false });
    const listed = await t.agent.get("/api/v1/products").query({ q: "Amoxicilline" });
    expect(listed.body.items.map((p: { id: number }) => p.id)).not.toContain(id);
    const all = await t.agent.get("/api/v1/products").query({ q: "Amoxicilline", status: "all" });
    expect(all.body.items.map((p: { id: number }) => p.id)).toContain(id);
  });
});

describe("prices", () => {
  it("keeps a dated history; a day after today is refused", async () => {
    const id = one<number>("select id from products where code = 'AMOX-250-DISP'");
    const future = await t.agent
      .post(`/api/v1/products/${id}/prices`)
      .set(key())
      .send({ pricePerPackXof: 9000, validFrom: "2026-12-01" });
    expect(future.status).toBe(400);
    expect(issuesOf(future).map((i) => i.path)).toContain("validFrom");
    const older = await t.agent
      .post(`/api/v1/products/${id}/prices`)
      .set(key())
      .send({ pricePerPackXof: 2000, validFrom: "2026-01-01" });
    expect(older.status, JSON.stringify(older.body)).toBe(201);
    // An older price joins the history; the current price stays that of the latest date.
    expect(one("select price_per_pack_xof from products where id = ?", id)).toBe(2500);
    const history = await t.agent.get(`/api/v1/products/${id}/prices`);
    expect(history.body.items.map((p: { validFrom: string; current: boolean }) => [p.validFrom, p.current])).toEqual([
      ["2026-11-15", true],
      ["2026-01-01", false],
    ]);
    expect(history.body.items[0].createdBy).toBe("Administrateur");
  });

  it("never changes the price an order was approved at", async () => {
    const cscom = one<string>("select scope_facility_id from users where username = 'cscom.kati'");
    const depot = one<string>("select scope_facility_id from users where username = 'magasin.kati'");
    const product = row(
      "select id, price_per_pack_xof price, pack_size packSize from products where programme_code = 'cost_recovery' limit 1",
    );
    const orderId = one<number>(
      "insert into orders (facility_id, supplier_id, period, flow, kind, status, created_at, updated_at) values (?, ?, '2026-10', 'cost_recovery', 'regular', 'submitted', '2026-11-15', '2026-11-15') returning id",
      cscom,
      depot,
    );
    t.open.sqlite
      .prepare(
        "insert into order_lines (order_id, product_id, funding_source, amc, stock_on_hand, in_transit, emergency, suggested_qty, explanation, requested_qty) values (?, ?, 'cost_recovery', 0, 0, 0, 0, ?, 'v1|forced|3|1|0.5|1|0|0|=10', ?)",
      )
      .run(orderId, product.id, product.packSize, product.packSize);
    const approved = await t.agent.post(`/api/v1/orders/${orderId}/approve`).set(key()).send({});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const raised = await t.agent
      .post(`/api/v1/products/${product.id}/prices`)
      .set(key())
      .send({ pricePerPackXof: Number(product.price) * 2, validFrom: "2026-11-15" });
    expect(raised.status).toBe(201);
    expect(one("select price_per_pack_xof from products where id = ?", product.id)).toBe(Number(product.price) * 2);
    const order = await t.agent.get(`/api/v1/orders/${orderId}`);
    expect(order.body.lines[0].pricePerPackXof).toBe(product.price);
    expect(one("select price_per_pack_xof from order_lines where order_id = ?", orderId)).toBe(product.price);
    const line = row("select * from audit_log where action = 'product.price.set' order by id desc limit 1");
    expect(JSON.parse(String(line.before_json)).currentPricePerPackXof).toBe(product.price);
  });
});
