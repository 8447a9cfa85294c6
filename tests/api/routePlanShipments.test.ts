/**
 * Route plans from shipments: orders of the Kati CSCom approved, picked and shipped through the API
 * become one stop at the CSCom with the load of their lines (packs × pack weight and volume), the
 * cold-chain flag and a manifest per order; foreign or unready orders are refused with their path.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { runOrderCycle } from "../../server/commands/orderCycle";
import type { RoutePlan } from "../../shared/contracts/routePlans";
import { DEMO_PASSWORD, TEST_NOW, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let pharmacist: TestAgent;
let storekeeper: TestAgent;
let depotId = "";
let cscomId = "";
let shipped = 0;
let picking = 0;
/** Both orders, by id (the order of a stop's orderIds and manifests) */
let both: number[] = [];
let keys = 0;

const k = () => ({ "Idempotency-Key": `shipments-test-${++keys}` });
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const DATE = "2026-11-20";
const vehicles = [{ name: "Camion frigorifique", capacityKg: 20_000, capacityL: 100_000, coldBox: true }];
const plan = (body: object) =>
  pharmacist
    .post("/api/v1/route-plans")
    .set(k())
    .send({ depotId, date: DATE, vehicles, solver: { maxIterations: 100, seed: 1 }, ...body });

/** Expected load of orders from the products table: the quantity travelling per lot ÷ pack size × pack weight / volume. */
function expectedLoad(orderIds: number[]) {
  const rows = t.open.sqlite
    .prepare(
      `select case o.status when 'picking' then ll.picked_qty else ll.shipped_qty end qty, p.pack_size packSize, p.pack_weight_g g, p.pack_volume_cm3 cm3, p.cold_chain cold
       from order_line_lots ll join order_lines l on l.id = ll.order_line_id join orders o on o.id = l.order_id join products p on p.id = l.product_id
       where o.id in (${orderIds.map(() => "?").join(",")})`,
    )
    .all(...orderIds) as { qty: number; packSize: number; g: number; cm3: number; cold: number }[];
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + (r.qty / r.packSize) * f(r), 0);
  return {
    loadKg: Math.round(sum((r) => r.g)) / 1000,
    loadL: Math.round(sum((r) => r.cm3)) / 1000,
    coldChain: rows.some((r) => r.qty > 0 && r.cold === 1),
    units: rows.reduce((s, r) => s + r.qty, 0),
  };
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 6, reportMonths: 6 });
  depotId = one("select scope_facility_id from users where username = 'magasin.kati'");
  cscomId = one("select scope_facility_id from users where username = 'cscom.kati'");
  pharmacist = request.agent(t.app);
  await signIn(pharmacist, "pharmacien.kati", DEMO_PASSWORD);
  storekeeper = request.agent(t.app);
  await signIn(storekeeper, "magasin.kati", DEMO_PASSWORD);
  if (!one("select id from stock_reports where facility_id = ? and period = '2026-10'", cscomId)) {
    const cscom = request.agent(t.app);
    await signIn(cscom, "cscom.kati", DEMO_PASSWORD);
    const report = await cscom.post("/api/v1/reports").set(k()).send({ facilityId: cscomId, period: "2026-10" });
    await cscom.post(`/api/v1/reports/${report.body.id}/submit`).set(k());
  }
  t.open.sqlite.transaction(() =>
    runOrderCycle(t.open.sqlite, { period: "2026-10", status: "submitted", userId: null, now: TEST_NOW }),
  )();
  const ids = t.open.sqlite
    .prepare("select id from orders where facility_id = ? and supplier_id = ? and status = 'submitted' order by flow")
    .pluck()
    .all(cscomId, depotId) as number[];
  expect(ids).toHaveLength(2);
  [shipped, picking] = ids as [number, number];
  both = [shipped, picking].sort((a, b) => a - b);
  for (const id of ids) {
    expect((await pharmacist.post(`/api/v1/orders/${id}/approve`).set(k()).send({})).status).toBe(200);
    expect((await storekeeper.post(`/api/v1/orders/${id}/pick`).set(k())).status).toBe(200);
  }
  expect(
    (await storekeeper.post(`/api/v1/orders/${shipped}/ship`).set(k()).send({ shortfallAction: "backorder" })).status,
  ).toBe(200);
});

describe("POST /route-plans from shipments", () => {
  let created: RoutePlan;

  it("makes one stop at the CSCom for its shipped and picking orders, with the load of their lines and the cold-chain flag", async () => {
    const res = await plan({ fromShipments: true });
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(201);
    created = res.body;
    const stops = created.routes.flatMap((r) => r.stops);
    expect(stops).toHaveLength(1);
    const stop = stops[0]!;
    const want = expectedLoad(both);
    expect(want.units).toBeGreaterThan(0);
    expect(stop).toMatchObject({
      facilityId: cscomId,
      orderIds: both,
      shipmentId: null,
      loadKg: want.loadKg,
      loadL: want.loadL,
      coldChain: want.coldChain,
      serviceS: 1200,
    });
    expect(JSON.parse(one<string>("select order_ids from route_stops where plan_id = ?", created.id))).toEqual(both);
  });

  it("shows each order's manifest: products, lots and quantities (shipped, or picked while picking)", () => {
    const stop = created.routes[0]!.stops[0]!;
    expect(stop.manifest.map((m) => [m.orderId, m.status])).toEqual(
      both.map((id) => [id, id === shipped ? "shipped" : "picking"]),
    );
    for (const m of stop.manifest) {
      expect(m.lines.length).toBeGreaterThan(0);
      for (const l of m.lines) {
        expect(l.qty).toBe(l.lots.reduce((s, x) => s + x.qty, 0));
        expect(l.packs).toBeCloseTo(l.qty / l.packSize, 2);
        const col = m.status === "picking" ? "picked_qty" : "shipped_qty";
        expect(l.qty).toBe(one(`select sum(${col}) from order_line_lots where order_line_id = ?`, l.lineId));
        expect(l.productCode).toBe(one("select code from products where id = ?", l.productId));
        for (const lot of l.lots) expect(lot.lotCode).toBe(one("select lot_code from lots where id = ?", lot.lotId));
      }
    }
    expect(stop.manifest.flatMap((m) => m.lines).some((l) => l.coldChain)).toBe(stop.coldChain);
  });

  it("plans only the orders named in orderIds, and audits them", async () => {
    const res = await plan({ orderIds: [shipped] });
    expect(res.status).toBe(201);
    const stop = (res.body as RoutePlan).routes[0]!.stops[0]!;
    const want = expectedLoad([shipped]);
    expect(stop).toMatchObject({
      facilityId: cscomId,
      orderIds: [shipped],
      loadKg: want.loadKg,
      loadL: want.loadL,
      coldChain: want.coldChain,
    });
    expect(stop.manifest.map((m) => m.orderId)).toEqual([shipped]);
    const after = JSON.parse(
      one<string>(
        "select after_json from audit_log where action = 'route_plan.create' and object_id = ?",
        String(res.body.id),
      ),
    );
    expect(after.orderIds).toEqual([shipped]);
  });

  it("merges an explicit stop at a facility that also receives orders into one visit carrying both loads", async () => {
    const res = await plan({
      orderIds: [shipped],
      stops: [{ facilityId: cscomId, shipmentId: "BL-2026-001", loadKg: 12.5, loadL: 40, serviceMin: 45 }],
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(201);
    const stops = [...(res.body as RoutePlan).routes.flatMap((r) => r.stops), ...(res.body as RoutePlan).unassigned];
    expect(stops).toHaveLength(1);
    const want = expectedLoad([shipped]);
    expect(stops[0]).toMatchObject({
      facilityId: cscomId,
      orderIds: [shipped],
      shipmentId: "BL-2026-001",
      serviceS: 45 * 60,
    });
    expect(stops[0]!.loadKg).toBeCloseTo(want.loadKg + 12.5, 3);
    expect(stops[0]!.loadL).toBeCloseTo(want.loadL + 40, 3);
    expect(one<number>("select count(*) from route_stops where plan_id = ?", res.body.id)).toBe(1);
  });

  it("refuses an order of another supplier, and one not picking or shipped, with the field path and writes nothing", async () => {
    const own = await pharmacist.post("/api/v1/orders/depot").set(k()).send({ facilityId: depotId, period: "2026-10" });
    expect(own.status).toBe(201);
    const foreign = own.body.orders[0].id as number;
    const before = one<number>("select count(*) from route_plans");
    const res = await plan({ orderIds: [shipped, foreign] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.issues).toEqual([
      // The depot's own order to the region: its supplier is outside the pharmacist's district, so the router hides it.
      { path: "orderIds.1", message: `unknown order ${foreign}` },
    ]);
    const unknown = await plan({ orderIds: [999_999] });
    expect(unknown.body.error.details.issues).toEqual([{ path: "orderIds.0", message: "unknown order 999999" }]);
    // The shipped order's shortfall was back-ordered: an approved order of the depot, not yet picked.
    const backorder = one<number>(
      "select id from orders where parent_order_id = ? and supplier_id = ? and status = 'approved'",
      shipped,
      depotId,
    );
    const early = await plan({ orderIds: [backorder] });
    expect(early.body.error.details.issues).toEqual([
      { path: "orderIds.0", message: `order ${backorder} is approved: only picking or shipped orders can be planned` },
    ]);
    const twice = await plan({ orderIds: [shipped, shipped] });
    expect(twice.body.error.details.issues[0].path).toBe("orderIds.1");
    expect(one<number>("select count(*) from route_plans")).toBe(before);
  });

  it("refuses a plan with no stops at all", async () => {
    const res = await plan({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("stops");
  });

  it("leaves out of fromShipments the facilities already on a published plan of that date", async () => {
    expect(
      (
        await pharmacist
          .patch(`/api/v1/route-plans/${created.id}`)
          .set(k())
          .send({ status: "published", confirm: true })
      ).status,
    ).toBe(200);
    const res = await plan({ fromShipments: true });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("fromShipments");
    const otherDay = await plan({ fromShipments: true, date: "2026-11-21" });
    expect(otherDay.status).toBe(201);
    expect((otherDay.body as RoutePlan).routes[0]!.stops[0]!.orderIds).toEqual(both);
  });
});
