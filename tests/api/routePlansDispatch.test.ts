/**
 * What the dispatcher's screen needs beyond plan creation: the shipments ready to go from a depot
 * (GET /route-plans/candidates — the same stops and loads that planning computes, scoped, validated),
 * and moving an unassigned stop into a route (PATCH move.unassignedId — re-checked, stored, audited).
 * Shipments are made through the API: a free-care allocation to four Kati CSComs, picked at the depot.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import type { RouteCandidates, RoutePlan } from "../../shared/contracts/routePlans";
import { DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let pharmacist: TestAgent;
let storekeeper: TestAgent;
let depotId = "";
let moptiDepot = "";
let cscoms: string[] = [];
let orderIds: number[] = [];
let keys = 0;

const k = () => ({ "Idempotency-Key": `dispatch-test-${++keys}` });
const q = <T>(sql: string, ...args: unknown[]) => t.open.sqlite.prepare(sql).all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const DATE = "2026-11-20";
const SOLVER = { maxIterations: 100, seed: 1 };
const candidates = (agent: TestAgent, query: string) => agent.get(`/api/v1/route-plans/candidates?${query}`);
const plan = (body: object) =>
  pharmacist
    .post("/api/v1/route-plans")
    .set(k())
    .send({ depotId, date: DATE, solver: SOLVER, ...body });
const patch = (id: number, body: object) => pharmacist.patch(`/api/v1/route-plans/${id}`).set(k()).send(body);
const tables = () => ({
  stops: q("select * from route_stops order by id"),
  unassigned: q("select * from route_unassigned order by id"),
  plans: q("select id, violations_json, updated_at from route_plans order by id"),
});

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 1 });
  depotId = one("select scope_facility_id from users where username = 'magasin.kati'");
  moptiDepot = one("select id from facilities where level = 'district' and district_id = 'mopti'");
  cscoms = q<{ id: string }>(
    "select id from facilities where level = 'cscom' and district_id = 'kati' and rainy_season_access = 'all_year' and not insecure order by id limit 4",
  ).map((r) => r.id);
  pharmacist = request.agent(t.app);
  await signIn(pharmacist, "pharmacien.kati", DEMO_PASSWORD);
  storekeeper = request.agent(t.app);
  await signIn(storekeeper, "magasin.kati", DEMO_PASSWORD);
  // A free-care product the depot holds plenty of, pushed to four CSComs by target population.
  const productId = one<number>(
    `select b.product_id from stock_balances b join products p on p.id = b.product_id join programmes g on g.code = p.programme_code
     where b.facility_id = ? and g.kind = 'free_care' and b.funding_source = p.programme_code group by b.product_id order by sum(b.qty_on_hand) desc limit 1`,
    depotId,
  );
  const population = {
    unitsPerPersonPerMonth: 1,
    facilities: cscoms.map((facilityId, i) => ({ facilityId, targetPopulation: 2000 + i * 500 })),
  };
  const sent = await pharmacist.post("/api/v1/allocations").set(k()).send({
    productId,
    sourceFacilityId: depotId,
    districtId: "kati",
    basis: "population",
    monthsOfCover: 1,
    population,
  });
  expect(sent.status, JSON.stringify(sent.body).slice(0, 300)).toBe(201);
  orderIds = sent.body.orderIds as number[];
  expect(orderIds).toHaveLength(4);
  for (const id of orderIds) expect((await storekeeper.post(`/api/v1/orders/${id}/pick`).set(k())).status).toBe(200);
});

describe("GET /route-plans/candidates", () => {
  let listed: RouteCandidates;

  it("lists one stop per facility with its orders, place and flags; the loads are those plan creation computes", async () => {
    const res = await candidates(storekeeper, `depotId=${depotId}&date=${DATE}`);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    listed = res.body;
    expect(listed.depot.id).toBe(depotId);
    expect(listed.rainySeason).toBe(false);
    expect(listed.stops.map((s) => s.facilityId).sort()).toEqual([...cscoms].sort());
    expect(listed.totals).toMatchObject({ stops: 4, orders: 4 });
    for (const s of listed.stops) {
      const f = q<{ name: string; lat: number; lon: number; opens_at: string }>(
        "select name, lat, lon, opens_at from facilities where id = ?",
        s.facilityId,
      )[0]!;
      expect(s).toMatchObject({
        facilityName: f.name,
        lat: f.lat,
        lon: f.lon,
        opensAt: f.opens_at,
        insecure: false,
        closedThisSeason: false,
      });
      const [order] = s.orders;
      expect(order).toMatchObject({ status: "picking", flow: "free_care", lineCount: 1 });
      expect(order!.units).toBe(
        one(
          "select sum(ll.picked_qty) from order_line_lots ll join order_lines l on l.id = ll.order_line_id where l.order_id = ?",
          order!.orderId,
        ),
      );
    }
    expect(listed.totals.loadKg).toBeCloseTo(
      listed.stops.reduce((n, s) => n + s.loadKg, 0),
      6,
    );

    const created = await plan({
      vehicles: [{ name: "Camion", capacityKg: 5000, capacityL: 20000, coldBox: true }],
      fromShipments: true,
    });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    const stops = (created.body as RoutePlan).routes.flatMap((r) => r.stops);
    for (const s of listed.stops) {
      const planned = stops.find((x) => x.facilityId === s.facilityId)!;
      expect([planned.loadKg, planned.loadL, planned.coldChain, planned.orderIds]).toEqual([
        s.loadKg,
        s.loadL,
        s.coldChain,
        s.orders.map((o) => o.orderId),
      ]);
    }
    expect((await patch(created.body.id, { status: "published", confirm: true })).status).toBe(200);
  });

  it("leaves out the facilities on a published plan of that date, not of another date", async () => {
    const same = await candidates(pharmacist, `depotId=${depotId}&date=${DATE}`);
    expect(same.body.stops).toEqual([]);
    expect(same.body.totals).toEqual({ stops: 0, orders: 0, loadKg: 0, loadL: 0 });
    const next = await candidates(pharmacist, `depotId=${depotId}&date=2026-11-21`);
    expect(next.body.stops.map((s: { facilityId: string }) => s.facilityId).sort()).toEqual([...cscoms].sort());
  });

  it("flags a facility closed in the rainy season when the date falls in it", async () => {
    const closed = cscoms[0]!;
    t.open.sqlite.prepare("update facilities set rainy_season_access = 'closed' where id = ?").run(closed);
    try {
      const rainy = await candidates(pharmacist, `depotId=${depotId}&date=2026-08-10`);
      expect(rainy.body.rainySeason).toBe(true);
      expect(
        rainy.body.stops
          .filter((s: { closedThisSeason: boolean }) => s.closedThisSeason)
          .map((s: { facilityId: string }) => s.facilityId),
      ).toEqual([closed]);
      const dry = await candidates(pharmacist, `depotId=${depotId}&date=2026-12-10`);
      expect(dry.body.stops.some((s: { closedThisSeason: boolean }) => s.closedThisSeason)).toBe(false);
    } finally {
      t.open.sqlite.prepare("update facilities set rainy_season_access = 'all_year' where id = ?").run(closed);
    }
  });

  it("answers a depot out of scope exactly like an unknown one, and refuses roles that do not plan", async () => {
    const mopti = await candidates(pharmacist, `depotId=${moptiDepot}&date=${DATE}`);
    const unknown = await candidates(pharmacist, `depotId=no-such-depot&date=${DATE}`);
    expect([mopti.status, unknown.status]).toEqual([404, 404]);
    expect(mopti.body.error.message).toBe(`Unknown facility ${moptiDepot}`);
    for (const username of ["cscom.kati", "chauffeur.kati"]) {
      const agent = request.agent(t.app);
      await signIn(agent, username, DEMO_PASSWORD);
      const res = await candidates(agent, `depotId=${depotId}&date=${DATE}`);
      expect(res.status, username).toBe(403);
    }
  });

  it("refuses a missing or malformed date, an unknown parameter and a facility that is not a depot, with the field", async () => {
    const missing = await candidates(pharmacist, `depotId=${depotId}`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues[0].path).toBe("date");
    const bad = await candidates(pharmacist, `depotId=${depotId}&date=2026-13-40`);
    expect(bad.body.error.details.issues[0].path).toBe("date");
    const extra = await candidates(pharmacist, `depotId=${depotId}&date=${DATE}&foo=1`);
    expect(extra.status).toBe(400);
    const cscom = await candidates(pharmacist, `depotId=${cscoms[0]}&date=${DATE}`);
    expect(cscom.status).toBe(400);
    expect(cscom.body.error.details.issues).toEqual([
      { path: "depotId", message: `facility ${cscoms[0]} is a cscom, not a depot` },
    ]);
  });
});

describe("PATCH /route-plans/:id move.unassignedId", () => {
  let created: RoutePlan;

  beforeAll(async () => {
    // A van too small for any shipment: every stop comes back unassigned for capacity.
    const res = await plan({
      date: "2026-11-23",
      vehicles: [
        { name: "Moto", capacityKg: 0, capacityL: 0 },
        { name: "Camion", capacityKg: 0, capacityL: 0, coldBox: true },
      ],
      fromShipments: true,
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    created = res.body;
    expect(created.unassigned.map((u) => u.reason)).toEqual(["capacity", "capacity", "capacity", "capacity"]);
  });

  it("moves an unassigned stop into a route: re-timed, its orders kept, the capacity violation shown, stored and audited", async () => {
    const [first, second] = created.unassigned as [RoutePlan["unassigned"][number], RoutePlan["unassigned"][number]];
    const truck = created.routes[1]!;
    const res = await patch(created.id, { move: { unassignedId: first.id, vehicleId: truck.vehicleId, position: 1 } });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const after = res.body as RoutePlan;
    expect(after.unassigned.map((u) => u.id)).not.toContain(first.id);
    const stop = after.routes[1]!.stops[0]!;
    expect(stop).toMatchObject({
      position: 1,
      facilityId: first.facilityId,
      loadKg: first.loadKg,
      orderIds: first.orderIds,
      coldChain: first.coldChain,
    });
    expect(stop.manifest.map((m) => m.orderId)).toEqual(first.orderIds);
    expect(stop.etaS).toBeGreaterThan(0);
    expect(stop.distanceFromPrevM).toBeGreaterThan(0);
    expect(after.violations).toContainEqual({
      type: "capacity",
      vehicleId: truck.vehicleId,
      stopId: null,
      dimension: "kg",
      excess: expect.closeTo(first.loadKg, 6),
    });
    expect(after.totals).toMatchObject({ stops: 1, unassigned: 3, violations: after.violations.length });
    expect(q("select vehicle_id, position, order_ids from route_stops where id = ?", stop.id)).toEqual([
      { vehicle_id: truck.vehicleId, position: 1, order_ids: JSON.stringify(first.orderIds) },
    ]);
    expect(one("select count(*) from route_unassigned where id = ?", first.id)).toBe(0);
    const audit = q<{ before_json: string; after_json: string }>(
      "select before_json, after_json from audit_log where action = 'route_plan.move' and object_id = ?",
      String(created.id),
    );
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before_json).unassigned).toEqual({
      id: first.id,
      facilityId: first.facilityId,
      reason: "capacity",
    });
    expect(JSON.parse(audit[0]!.after_json).stop).toEqual({ id: stop.id, vehicleId: truck.vehicleId, position: 1 });

    // A second one goes in front of it: positions follow.
    const res2 = await patch(created.id, {
      move: { unassignedId: second.id, vehicleId: truck.vehicleId, position: 1 },
    });
    expect(res2.body.routes[1].stops.map((s: { facilityId: string }) => s.facilityId)).toEqual([
      second.facilityId,
      first.facilityId,
    ]);
    created = res2.body;
  });

  it("refuses an unknown stop, one of another plan, a position past the end, and both or neither id, changing nothing", async () => {
    const before = tables();
    const truck = created.routes[1]!;
    const u = created.unassigned[0]!;
    const foreign = (
      await plan({ date: "2026-11-24", vehicles: [{ name: "Moto", capacityKg: 0, capacityL: 0 }], fromShipments: true })
    ).body as RoutePlan;
    const snapshot = tables();
    const cases: [object, string][] = [
      [{ unassignedId: 999_999, vehicleId: truck.vehicleId, position: 1 }, "move.unassignedId"],
      [{ unassignedId: foreign.unassigned[0]!.id, vehicleId: truck.vehicleId, position: 1 }, "move.unassignedId"],
      [{ unassignedId: u.id, vehicleId: foreign.routes[0]!.vehicleId, position: 1 }, "move.vehicleId"],
      [{ unassignedId: u.id, vehicleId: truck.vehicleId, position: truck.stops.length + 2 }, "move.position"],
      [{ unassignedId: u.id, stopId: truck.stops[0]!.id, vehicleId: truck.vehicleId, position: 1 }, "move.stopId"],
      [{ vehicleId: truck.vehicleId, position: 1 }, "move.stopId"],
    ];
    for (const [move, path] of cases) {
      const res = await patch(created.id, { move });
      expect(res.status, JSON.stringify(move)).toBe(400);
      expect(res.body.error.details.issues[0].path, JSON.stringify(move)).toBe(path);
    }
    expect(tables()).toEqual(snapshot);
    expect(before.stops.length).toBe(snapshot.stops.length - foreign.routes.flatMap((r) => r.stops).length);
  });

  it("refuses a stop left out before solving (closed this season): it is not in the plan's matrices", async () => {
    const closed = cscoms[3]!;
    t.open.sqlite.prepare("update facilities set rainy_season_access = 'closed' where id = ?").run(closed);
    try {
      const rainy = (
        await plan({
          date: "2026-08-12",
          vehicles: [{ name: "Camion", capacityKg: 5000, capacityL: 20000, coldBox: true }],
          fromShipments: true,
        })
      ).body as RoutePlan;
      const left = rainy.unassigned.find((u) => u.facilityId === closed)!;
      expect(left.reason).toBe("season_closed");
      const snapshot = tables();
      const res = await patch(rainy.id, {
        move: { unassignedId: left.id, vehicleId: rainy.routes[0]!.vehicleId, position: 1 },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues).toEqual([
        {
          path: "move.unassignedId",
          message: `stop ${left.id} was left out before solving (season_closed): plan again to include it`,
        },
      ]);
      expect(tables()).toEqual(snapshot);
    } finally {
      t.open.sqlite.prepare("update facilities set rainy_season_access = 'all_year' where id = ?").run(closed);
    }
  });
});
