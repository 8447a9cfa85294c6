/**
 * The procurement pipeline to PPM central through the API: creating, editing and cancelling shipments (bad input
 * named, nothing written on refusal, audit lines), and receiving one — the lots booked in the ledger at PPM
 * central through the stock command, the line closed, and the supply plan starting from the same stock.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import {
  balanceMismatches,
  DEMO_PASSWORD,
  ledgerSnapshot,
  makeTestApp,
  signIn,
  type TestContext,
} from "../helpers/app";

let t: TestContext;
let officer: TestAgent;
let central = "";
let depot = "";
let productId = 0;
let n = 0;
const key = () => `pipeline-${++n}`;
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const count = (table: string) => one<number>(`select count(*) from ${table}`);
const audits = (action: string) => one<number>("select count(*) from audit_log where action = ?", action);

const shipment = (overrides: object = {}) => ({
  facilityId: central,
  productId,
  supplier: "Fonds mondial (PPM)",
  fundingSource: "malaria",
  qtyUnits: 6000,
  expectedDate: "2027-03-15",
  ...overrides,
});
const create = (body: object, k = key()) =>
  officer.post("/api/v1/quantification/pipeline").set("Idempotency-Key", k).send(body);

/** The issue paths of a validation_failed answer. */
const paths = (res: request.Response) =>
  ((res.body.error?.details?.issues ?? []) as { path: string }[]).map((i) => i.path);

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 3, months: 6 });
  officer = request.agent(t.app);
  await signIn(officer, "ppm.achats", DEMO_PASSWORD);
  central = one("select id from facilities where level = 'central'");
  depot = one("select id from facilities where level = 'district' and district_id = 'kati'");
  productId = one("select id from products where code = 'MAL-AL-20120-24'");
});

describe("pipeline shipments", () => {
  it("creates a planned shipment to PPM central, answers it with its estimated cost and audits it", async () => {
    const before = audits("pipeline.create");
    const res = await create(shipment());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      facilityId: central,
      productCode: "MAL-AL-20120-24",
      status: "planned",
      qtyUnits: 6000,
      costXof: null,
      estimatedCostXof: (6000 / 30) * 21000,
    });
    expect(audits("pipeline.create")).toBe(before + 1);
    const listed = await officer.get(`/api/v1/quantification/pipeline?productId=${productId}&open=true`);
    expect(listed.body.items.map((s: { id: number }) => s.id)).toContain(res.body.id);
  });

  it.each([
    ["a facility that is not a central store", () => shipment({ facilityId: depot }), "facilityId"],
    ["an unknown funding source", () => shipment({ fundingSource: "nowhere" }), "fundingSource"],
    ["an unknown product", () => shipment({ productId: 999_999 }), "productId"],
    ["an expiry before the arrival", () => shipment({ expiry: "2027-01-01" }), "expiry"],
    ["a quantity of zero", () => shipment({ qtyUnits: 0 }), "qtyUnits"],
    ["a received status", () => shipment({ status: "received" }), "status"],
    ["an unknown field", () => shipment({ colour: "blue" }), "colour"],
  ])("refuses %s with 400 naming the field and writes nothing", async (_label, body, path) => {
    const rows = count("pipeline_shipments");
    const audited = count("audit_log");
    const res = await create(body());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(paths(res)).toContain(path);
    expect(count("pipeline_shipments")).toBe(rows);
    expect(count("audit_log")).toBe(audited);
  });

  it("edits an open shipment, auditing before and after, and refuses an empty edit", async () => {
    const created = (await create(shipment({ qtyUnits: 3000 }))).body;
    const path = `/api/v1/quantification/pipeline/${created.id}`;
    const res = await officer
      .patch(path)
      .set("Idempotency-Key", key())
      .send({ qtyUnits: 4500, status: "ordered", expectedDate: "2027-04-01" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ qtyUnits: 4500, status: "ordered", expectedDate: "2027-04-01" });
    const audit = t.open.sqlite
      .prepare(
        "select before_json, after_json from audit_log where action = 'pipeline.update' order by id desc limit 1",
      )
      .get() as { before_json: string; after_json: string };
    expect(JSON.parse(audit.before_json)).toMatchObject({ qtyUnits: 3000, status: "planned" });
    expect(JSON.parse(audit.after_json)).toMatchObject({ qtyUnits: 4500, status: "ordered" });
    const empty = await officer.patch(path).set("Idempotency-Key", key()).send({});
    expect(empty.status).toBe(400);
    expect(one("select qty_units from pipeline_shipments where id = ?", created.id)).toBe(4500);
  });

  it("answers an unknown shipment with 404 and a district pharmacist with 403", async () => {
    const missing = await officer.patch("/api/v1/quantification/pipeline/999999").set("Idempotency-Key", key()).send({
      qtyUnits: 1,
    });
    expect(missing.status).toBe(404);
    const pharmacist = request.agent(t.app);
    await signIn(pharmacist, "pharmacien.kati", DEMO_PASSWORD);
    expect((await pharmacist.get("/api/v1/quantification/pipeline")).status).toBe(403);
  });

  it("cancels an open shipment (audited with what it was)", async () => {
    const created = (await create(shipment({ qtyUnits: 30 }))).body;
    const res = await officer.delete(`/api/v1/quantification/pipeline/${created.id}`).set("Idempotency-Key", key());
    expect(res.status).toBe(200);
    expect(one("select count(*) from pipeline_shipments where id = ?", created.id)).toBe(0);
    const audit = one<string>(
      "select before_json from audit_log where action = 'pipeline.delete' and object_id = ?",
      String(created.id),
    );
    expect(JSON.parse(audit)).toMatchObject({ qtyUnits: 30 });
  });
});

describe("receiving a shipment at PPM central", () => {
  const stockAtCentral = () =>
    one<number>(
      "select coalesce(sum(qty_on_hand), 0) from stock_balances where facility_id = ? and product_id = ?",
      central,
      productId,
    );

  it("refuses an expired lot with 400 at lots.0.expiry and books nothing", async () => {
    const created = (await create(shipment({ qtyUnits: 600 }))).body;
    const before = ledgerSnapshot(t.open);
    const res = await officer
      .post(`/api/v1/quantification/pipeline/${created.id}/receive`)
      .set("Idempotency-Key", key())
      .send({ lots: [{ lotCode: "OLD-1", expiry: "2020-01-31", quantity: 600 }] });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(["lots.0.expiry"]);
    const after = ledgerSnapshot(t.open);
    expect({ ...after, keys: before.keys }).toEqual(before);
    expect(one("select status from pipeline_shipments where id = ?", created.id)).toBe("planned");
  });

  it("books each lot in the ledger with the shipment's funding source, closes the line, and the plan starts from that stock", async () => {
    const created = (await create(shipment({ qtyUnits: 9000, status: "shipped", expectedDate: "2026-11-20" }))).body;
    const stock = stockAtCentral();
    const k = key();
    const send = () =>
      officer
        .post(`/api/v1/quantification/pipeline/${created.id}/receive`)
        .set("Idempotency-Key", k)
        .send({
          lots: [
            { lotCode: "GF-2611-A", expiry: "2029-06-30", quantity: 6000 },
            { lotCode: "GF-2611-B", expiry: "2029-09-30", quantity: 2400 },
          ],
        });
    const res = await send();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.shipment).toMatchObject({ status: "received", receivedQty: 8400 });
    expect(res.body.shortfallUnits).toBe(600);
    expect(res.body.movements).toHaveLength(2);
    for (const m of res.body.movements)
      expect(m).toMatchObject({ facilityId: central, type: "receipt", fundingSource: "malaria" });
    expect(res.body.shipment.receiptBatchIds).toHaveLength(2);
    expect(stockAtCentral()).toBe(stock + 8400);
    expect(balanceMismatches(t.open)).toEqual([]);

    // A retry of the same request answers the same and books nothing twice.
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(stockAtCentral()).toBe(stock + 8400);

    // The stock screen and the supply plan read the same stock.
    const positions = await officer.get(`/api/v1/facilities/${central}/stock?includeEmpty=true`);
    const position = positions.body.items.find((i: { productId: number }) => i.productId === productId);
    expect(position.stockOnHand).toBe(stock + 8400);
    const plan = await officer.get(`/api/v1/quantification/supply-plan?productId=${productId}&horizon=12`);
    expect(plan.status, JSON.stringify(plan.body).slice(0, 300)).toBe(200);
    expect(plan.body.months[0].opening).toBe(stock + 8400);
    expect(plan.body.stock.map((l: { lotCode: string }) => l.lotCode)).toEqual(
      expect.arrayContaining(["GF-2611-A", "GF-2611-B"]),
    );
    expect(plan.body.pipeline.map((s: { id: number }) => s.id)).not.toContain(created.id);
  });

  it("receives a planned quantity however large against the store's usual stock, and asks to confirm a surplus that is not", async () => {
    const monthsAgo = (n: number) => {
      const day = new Date(t.now.value);
      day.setUTCDate(15);
      day.setUTCMonth(day.getUTCMonth() - n);
      return day.toISOString();
    };
    // A first national purchase: far above PPM central's AMC and maximum stock, but what was ordered.
    const big = (await create(shipment({ qtyUnits: 4_000_000 }))).body;
    const stock = stockAtCentral();
    const lots = (quantity: number) => [{ lotCode: `BIG-${quantity}`, expiry: "2029-12-31", quantity }];
    const planned = await officer
      .post(`/api/v1/quantification/pipeline/${big.id}/receive`)
      .set("Idempotency-Key", key())
      .send({ lots: lots(4_000_000), occurredAt: monthsAgo(4) });
    expect(planned.status, JSON.stringify(planned.body).slice(0, 300)).toBe(200);
    expect(stockAtCentral()).toBe(stock + 4_000_000);

    // PPM central then issues 20,000 a month for three months (its storekeeper's work, the administrator here): an AMC, so a maximum stock to compare with.
    for (const back of [3, 2, 1]) {
      const issue = await t.agent
        .post("/api/v1/stock/movements")
        .set("Idempotency-Key", key())
        .send({ type: "issue", facilityId: central, productId, quantity: 20_000, occurredAt: monthsAgo(back) });
      expect(issue.status, JSON.stringify(issue.body).slice(0, 300)).toBe(201);
    }

    // Now that PPM central has an AMC, a second purchase as large as ordered is still received without a question.
    const second = (await create(shipment({ qtyUnits: 5_000_000 }))).body;
    const planned2 = await officer
      .post(`/api/v1/quantification/pipeline/${second.id}/receive`)
      .set("Idempotency-Key", key())
      .send({ lots: lots(5_000_000) });
    expect(planned2.status, JSON.stringify(planned2.body).slice(0, 300)).toBe(200);

    // Ordered 600, 9 million arrive: implausible, refused with the values, nothing booked.
    const small = (await create(shipment({ qtyUnits: 600 }))).body;
    const before = ledgerSnapshot(t.open);
    const surplus = await officer
      .post(`/api/v1/quantification/pipeline/${small.id}/receive`)
      .set("Idempotency-Key", key())
      .send({ lots: lots(9_000_000) });
    expect(surplus.status).toBe(422);
    expect(surplus.body.error.code).toBe("implausible_quantity");
    expect({ ...ledgerSnapshot(t.open), keys: before.keys }).toEqual(before);
    expect(one("select status from pipeline_shipments where id = ?", small.id)).toBe("planned");

    // Confirmed by the officer, it is received.
    const confirmed = await officer
      .post(`/api/v1/quantification/pipeline/${small.id}/receive`)
      .set("Idempotency-Key", key())
      .send({ lots: lots(9_000_000), confirmImplausible: true });
    expect(confirmed.status, JSON.stringify(confirmed.body).slice(0, 300)).toBe(200);
    expect(stockAtCentral()).toBe(stock + 18_000_000 - 60_000);
    expect(balanceMismatches(t.open)).toEqual([]);
  });

  it("refuses to receive, edit or cancel a received shipment (409) and changes nothing", async () => {
    const created = (await create(shipment({ qtyUnits: 60 }))).body;
    const path = `/api/v1/quantification/pipeline/${created.id}`;
    const lots = [{ lotCode: "R-1", expiry: "2029-01-31", quantity: 60 }];
    expect((await officer.post(`${path}/receive`).set("Idempotency-Key", key()).send({ lots })).status).toBe(200);
    const before = ledgerSnapshot(t.open);
    const again = await officer.post(`${path}/receive`).set("Idempotency-Key", key()).send({ lots });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("invalid_transition");
    expect((await officer.patch(path).set("Idempotency-Key", key()).send({ qtyUnits: 1 })).status).toBe(409);
    expect((await officer.delete(path).set("Idempotency-Key", key())).status).toBe(409);
    const after = ledgerSnapshot(t.open);
    expect({ ...after, keys: before.keys }).toEqual(before);
  });
});
