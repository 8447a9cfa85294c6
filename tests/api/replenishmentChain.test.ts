/** Up the chain (a depot's own order from its CSComs' demand), emergency orders, and free-care allocation with rationing. */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { runOrderCycle } from "../../server/commands/orderCycle";
import { computeOrderQuantity, decodeInputs, readCalculation, REPORT_PERIODS } from "../../shared/domain/replenishment";
import { DEMO_PASSWORD, makeTestApp, signIn, TEST_NOW, type TestContext } from "../helpers/app";

let t: TestContext;
let pharmacist: TestAgent;
let cscom: TestAgent;
let depotId: string;
let cscomId: string;
let key = 0;
const k = () => `chain-test-${++key}`;
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 8, months: 6, reportMonths: 6 });
  depotId = one("select scope_facility_id from users where username = 'magasin.kati'");
  cscomId = one("select scope_facility_id from users where username = 'cscom.kati'");
  pharmacist = request.agent(t.app);
  await signIn(pharmacist, "pharmacien.kati", DEMO_PASSWORD);
  cscom = request.agent(t.app);
  await signIn(cscom, "cscom.kati", DEMO_PASSWORD);
  // The Kati CSCom sends its October report if the seed left it missing, then the month's cycle runs.
  if (!one("select id from stock_reports where facility_id = ? and period = '2026-10'", cscomId)) {
    const report = await cscom
      .post("/api/v1/reports")
      .set("Idempotency-Key", k())
      .send({ facilityId: cscomId, period: "2026-10" });
    await cscom.post(`/api/v1/reports/${report.body.id}/submit`).set("Idempotency-Key", k());
  }
  t.open.sqlite.transaction(() =>
    runOrderCycle(t.open.sqlite, { period: "2026-10", status: "submitted", userId: null, now: TEST_NOW }),
  )();
});

describe("the month's order cycle", () => {
  it("stores inputs from which every suggestion recomputes to the same numbers", () => {
    const lines = t.open.sqlite
      .prepare(
        `select l.amc, l.suggested_qty suggested, l.explanation, rl.amc_basis basis, p.pack_size packSize, p.pack_rounding_threshold packRoundingThreshold, p.round_to_zero roundToZero
         from order_lines l join orders o on o.id = l.order_id join products p on p.id = l.product_id
         join stock_report_lines rl on rl.report_id = o.report_id and rl.product_id = l.product_id and rl.funding_source = l.funding_source`,
      )
      .all() as {
      amc: number;
      suggested: number;
      explanation: string;
      basis: string | null;
      packSize: number;
      packRoundingThreshold: number;
      roundToZero: number;
    }[];
    expect(lines.length).toBeGreaterThan(100);
    // The periods are not copied onto the line: the inputs refer to the report line's.
    expect(lines.every((l) => readCalculation(l.explanation).inputs.endsWith(`|${REPORT_PERIODS}`))).toBe(true);
    for (const l of lines) {
      const inputs = decodeInputs(
        readCalculation(l.explanation).inputs,
        { packSize: l.packSize, packRoundingThreshold: l.packRoundingThreshold, roundToZero: l.roundToZero === 1 },
        l.basis,
      );
      const again = computeOrderQuantity(inputs);
      expect(again.amc).toBe(l.amc);
      expect(again.packs * l.packSize).toBe(l.suggested);
    }
  });
});

describe("a district depot's own order to its region", () => {
  it("is computed from the depot's stock, its policy and the AMCs of the CSComs it supplies", async () => {
    const res = await pharmacist
      .post("/api/v1/orders/depot")
      .set("Idempotency-Key", k())
      .send({ facilityId: depotId, period: "2026-10" });
    expect(res.status).toBe(201);
    const costRecovery = res.body.orders.find((o: { flow: string }) => o.flow === "cost_recovery");
    expect(costRecovery).toMatchObject({
      facilityId: depotId,
      supplierId: "ppm-koulikoro",
      status: "draft",
      kind: "regular",
    });
    const line = costRecovery.lines.find((l: { amc: number }) => l.amc > 0);
    const demand = one<number>(
      "select sum(l.amc) from order_lines l join orders o on o.id = l.order_id where o.supplier_id = ? and o.period = '2026-10' and o.kind = 'regular' and l.product_id = ? and l.funding_source = 'cost_recovery'",
      depotId,
      line.productId,
    );
    expect(line.amc).toBe(demand);
    expect(line.stockOnHand).toBe(
      one(
        "select coalesce(sum(qty_on_hand), 0) from stock_balances where facility_id = ? and product_id = ? and funding_source = 'cost_recovery'",
        depotId,
        line.productId,
      ),
    );
    expect(line.explanation.map((e: { key: string }) => e.key)).toContain("amc_demand");
    // District policy: standard ordering up to 4 months.
    expect(line.explanation.find((e: { key: string }) => e.key === "max").values.maxMonths).toBe(4);
  });

  it("updates the month's draft instead of creating another one", async () => {
    const count = () => one<number>("select count(*) from orders where facility_id = ? and kind = 'regular'", depotId);
    const before = count();
    const again = await pharmacist
      .post("/api/v1/orders/depot")
      .set("Idempotency-Key", k())
      .send({ facilityId: depotId, period: "2026-10" });
    expect(again.status).toBe(201);
    expect(count()).toBe(before);
  });

  it("refuses a CSCom, which orders from its monthly report", async () => {
    const res = await pharmacist
      .post("/api/v1/orders/depot")
      .set("Idempotency-Key", k())
      .send({ facilityId: cscomId, period: "2026-10" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("facilityId");
  });
});

describe("emergency orders", () => {
  it("orders outside the calendar only the lines at or below the emergency order point", async () => {
    const line = t.open.sqlite
      .prepare(
        "select l.product_id productId, l.funding_source fundingSource from order_lines l join orders o on o.id = l.order_id where o.facility_id = ? and l.amc > 0 order by l.amc desc limit 1",
      )
      .get(cscomId) as { productId: number; fundingSource: string };
    const lots = t.open.sqlite
      .prepare("select lot_id lotId from stock_balances where facility_id = ? and product_id = ? and qty_on_hand > 0")
      .all(cscomId, line.productId) as { lotId: number }[];
    if (lots.length > 0) {
      const counted = await cscom
        .post("/api/v1/stock/counts")
        .set("Idempotency-Key", k())
        .send({ facilityId: cscomId, lines: lots.map((l) => ({ lotId: l.lotId, countedQty: 0 })) });
      expect(counted.status).toBe(201);
    }
    const res = await cscom.post("/api/v1/orders/emergency").set("Idempotency-Key", k()).send({ facilityId: cscomId });
    expect(res.status).toBe(201);
    const lines = res.body.orders.flatMap(
      (o: { kind: string; lines: { productId: number; emergency: boolean; requestedQty: number }[] }) => {
        expect(o.kind).toBe("emergency");
        return o.lines;
      },
    );
    expect(lines.every((l: { emergency: boolean }) => l.emergency)).toBe(true);
    expect(lines.find((l: { productId: number }) => l.productId === line.productId).requestedQty).toBeGreaterThan(0);
  });
});

describe("explanations stored by older versions", () => {
  it("reads a note stored with its French and English sentences as a key and values, without the sentences", async () => {
    const line = t.open.sqlite
      .prepare(
        "select l.id, l.order_id orderId, l.explanation from order_lines l join orders o on o.id = l.order_id where l.explanation not like '{%' limit 1",
      )
      .get() as { id: number; orderId: number; explanation: string };
    const old = JSON.stringify({
      inputs: line.explanation,
      notes: [
        { key: "shortfall", values: { qty: 40 }, fr: "Reliquat de la commande #7.", en: "Back-order from order #7." },
      ],
    });
    t.open.sqlite.prepare("update order_lines set explanation = ? where id = ?").run(old, line.id);
    const order = (await t.agent.get(`/api/v1/orders/${line.orderId}`)).body;
    const read = order.lines.find((l: { id: number }) => l.id === line.id);
    expect(read.explanation.at(-1)).toEqual({ key: "shortfall", values: { qty: 40 } });
    expect(JSON.stringify(order)).not.toMatch(/"fr":|"en":/);
  });
});

describe("free-care allocation", () => {
  let productId: number;
  beforeAll(() => {
    productId = one(
      "select id from products where programme_code = 'malaria' and generic_name like '%luméfantrine%' order by id limit 1",
    );
  });
  const plan = (over: object = {}) => ({
    productId,
    sourceFacilityId: depotId,
    districtId: "kati",
    monthsOfCover: 3,
    ...over,
  });

  it("shares the depot's stock in whole packs, less than a pack above a facility's need, every need met when stock covers it", async () => {
    const res = await pharmacist.post("/api/v1/allocations/preview").send(plan());
    expect(res.status).toBe(200);
    const packSize = one<number>("select pack_size from products where id = ?", productId);
    expect(res.body.allocated).toBeLessThanOrEqual(res.body.available);
    for (const s of res.body.shares) {
      expect(s.quantity % packSize).toBe(0);
      expect(s.quantity).toBeLessThan(s.need + packSize);
      if (!res.body.rationed) expect(s.quantity).toBeGreaterThanOrEqual(s.need);
      // The Kati depot supplies its CSComs itself: nothing goes through another depot.
      expect(s.via).toEqual([]);
    }
  });

  it("routes a regional allocation through the district depot: one relay order to the depot, one order per CSCom from it", async () => {
    const officer = request.agent(t.app);
    await signIn(officer, "ppm.achats", DEMO_PASSWORD);
    const region = one<string>(
      "select supplier_id from supply_lines where facility_id = ? and programme_code = 'malaria'",
      depotId,
    );
    // The regional warehouse receives stock to push (whatever the seed left there).
    const packSize = one<number>("select pack_size from products where id = ?", productId);
    const receipt = await t.agent
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", k())
      .send({
        type: "receipt",
        facilityId: region,
        productId,
        lotCode: "REG-ALLOC",
        expiry: "2028-06-30",
        quantity: packSize * 40,
      });
    expect(receipt.status).toBe(201);
    const regional = plan({
      sourceFacilityId: region,
      basis: "population",
      population: { unitsPerPersonPerMonth: 1, facilities: [{ facilityId: cscomId, targetPopulation: 3000 }] },
    });
    const preview = await officer.post("/api/v1/allocations/preview").send(regional);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const mine = preview.body.shares.find((s: { facilityId: string }) => s.facilityId === cscomId);
    expect(mine).toMatchObject({ via: [depotId], viaFacilityId: depotId });
    expect(mine.quantity).toBeGreaterThan(0);
    const res = await officer.post("/api/v1/allocations").set("Idempotency-Key", k()).send(regional);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.relayOrderIds).toHaveLength(1);
    const relay = (await officer.get(`/api/v1/orders/${res.body.relayOrderIds[0]}`)).body;
    expect(relay).toMatchObject({ facilityId: depotId, supplierId: region, kind: "allocation", status: "approved" });
    const cscomOrderIds = res.body.orderIds.filter((id: number) => id !== relay.id);
    const total = relay.lines[0].approvedQty;
    let sum = 0;
    for (const id of cscomOrderIds) {
      const o = (await officer.get(`/api/v1/orders/${id}`)).body;
      expect(o).toMatchObject({ supplierId: depotId, parentOrderId: relay.id, kind: "allocation", status: "approved" });
      sum += o.lines[0].approvedQty;
    }
    expect(total).toBe(sum);
    expect(relay.lines[0].explanation.at(-1)).toMatchObject({ key: "relay", values: { quantity: total } });
  });

  it("refuses a source that does not supply the area, with the field and its key, writing nothing", async () => {
    const mopti = one<string>("select id from facilities where level = 'district' and district_id = 'mopti'");
    const officer = request.agent(t.app);
    await signIn(officer, "ppm.achats", DEMO_PASSWORD);
    const orders = one<number>("select count(*) from orders");
    const res = await officer
      .post("/api/v1/allocations")
      .set("Idempotency-Key", k())
      .send(plan({ sourceFacilityId: mopti }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0]).toMatchObject({ path: "sourceFacilityId", key: "source_not_upstream" });
    expect(one<number>("select count(*) from orders")).toBe(orders);
  });

  it("rations when the depot holds less than the need, lowest months of stock first, and sends approved orders", async () => {
    const lots = t.open.sqlite
      .prepare("select lot_id lotId from stock_balances where facility_id = ? and product_id = ? and qty_on_hand > 0")
      .all(depotId, productId) as { lotId: number }[];
    for (const l of lots)
      await pharmacist
        .post("/api/v1/stock/counts")
        .set("Idempotency-Key", k())
        .send({ facilityId: depotId, lines: [{ lotId: l.lotId, countedQty: 0 }] });
    const packSize = one<number>("select pack_size from products where id = ?", productId);
    await t.agent
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", k())
      .send({
        type: "receipt",
        facilityId: depotId,
        productId,
        lotCode: "ALLOC-1",
        expiry: "2028-06-30",
        quantity: packSize * 3,
      });
    const katiCscoms = t.open.sqlite
      .prepare("select id from facilities where level = 'cscom' and district_id = 'kati'")
      .pluck()
      .all() as string[];
    const byPopulation = plan({
      basis: "population",
      population: {
        unitsPerPersonPerMonth: 0.05,
        facilities: katiCscoms.map((facilityId, i) => ({ facilityId, targetPopulation: 10000 + 1000 * i })),
      },
    });
    const preview = await pharmacist.post("/api/v1/allocations/preview").send(byPopulation);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ available: packSize * 3, rationed: true, allocated: packSize * 3 });
    const given = preview.body.shares.filter((s: { packs: number }) => s.packs > 0);
    // Three packs for many facilities: they go to the facilities with the largest proportional claims, whole packs only.
    expect(given.reduce((n: number, s: { packs: number }) => n + s.packs, 0)).toBe(3);
    const res = await pharmacist.post("/api/v1/allocations").set("Idempotency-Key", k()).send(byPopulation);
    expect(res.status).toBe(201);
    expect(res.body.orderIds).toHaveLength(given.length);
    for (const id of res.body.orderIds) {
      const o = (await pharmacist.get(`/api/v1/orders/${id}`)).body;
      expect(o).toMatchObject({ kind: "allocation", status: "approved", flow: "free_care", supplierId: depotId });
      expect(o.lines[0].explanation.map((e: { key: string }) => e.key)).toContain("allocation");
    }
  });

  it("refuses a cost-recovery product and an ambiguous area with the field", async () => {
    const cr = one<number>("select id from products where programme_code = 'cost_recovery' limit 1");
    const a = await pharmacist.post("/api/v1/allocations/preview").send(plan({ productId: cr }));
    expect(a.body.error.details.issues[0].path).toBe("productId");
    const b = await pharmacist.post("/api/v1/allocations/preview").send(plan({ regionId: "koulikoro" }));
    expect(b.body.error.details.issues[0].path).toBe("districtId");
    const c = await pharmacist.post("/api/v1/allocations/preview").send(plan({ basis: "population" }));
    expect(c.body.error.details.issues[0].path).toBe("population");
  });
});
