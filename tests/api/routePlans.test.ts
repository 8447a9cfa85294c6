/**
 * Route plans over the real Mali seed: 15 CSComs of the Kati district from the Kati depot with two
 * vehicles (one with a cold box), solved in the worker pool, stored, edited and re-checked; season,
 * security, scope and the driver's view.
 */
import pino from "pino";
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { greatCircleM } from "../../server/routing/geo";
import { RoadNetworkModel, buildRoadGraph } from "../../server/routing/roadNetwork";
import { clockToS, type RoutePlan } from "../../shared/contracts/routePlans";
import { DEMO_PASSWORD, TEST_NOW, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let pharmacist: TestAgent;
let driver: TestAgent;
let katiDepot = "";
let moptiDepot = "";
let cscoms: string[] = [];
let driverId = 0;
let keys = 0;

const SOLVER = { maxIterations: 300, seed: 1, deadlineMs: 20_000 };
const key = () => ({ "Idempotency-Key": `route-plan-test-${++keys}` });
const q = <T>(sql: string, ...args: unknown[]) => t.open.sqlite.prepare(sql).all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;

/** 14 deliveries (the first one 400 kg, the second cold chain) and one of 1,500 kg that no vehicle can carry. */
function planBody(overrides: Record<string, unknown> = {}) {
  return {
    depotId: katiDepot,
    date: "2026-11-20",
    vehicles: [
      { name: "Camion 1", capacityKg: 1000, capacityL: 2000, driverUserId: driverId },
      { name: "Pick-up frigorifique", capacityKg: 300, capacityL: 600, coldBox: true },
    ],
    stops: cscoms.map((facilityId, i) => ({
      facilityId,
      shipmentId: `SHP-${i}`,
      loadKg: i === 0 ? 400 : i === 14 ? 1500 : 20 + i * 2.5,
      loadL: 30,
      coldChain: i === 1,
      serviceMin: 15,
    })),
    solver: SOLVER,
    ...overrides,
  };
}

const create = (agent: TestAgent, body: object) => agent.post("/api/v1/route-plans").set(key()).send(body);
const routeOf = (plan: RoutePlan, facilityId: string) =>
  plan.routes.find((r) => r.stops.some((s) => s.facilityId === facilityId))!;

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 1 });
  katiDepot = one("select id from facilities where level = 'district' and district_id = 'kati'");
  moptiDepot = one("select id from facilities where level = 'district' and district_id = 'mopti'");
  cscoms = q<{ id: string }>(
    "select id from facilities where level = 'cscom' and district_id = 'kati' and rainy_season_access = 'all_year' and not insecure order by id limit 15",
  ).map((r) => r.id);
  driverId = one("select id from users where username = 'chauffeur.kati'");
  pharmacist = request.agent(t.app);
  await signIn(pharmacist, "pharmacien.kati", DEMO_PASSWORD);
  driver = request.agent(t.app);
  await signIn(driver, "chauffeur.kati", DEMO_PASSWORD);
});

describe("POST /route-plans", () => {
  let plan: RoutePlan;

  it("plans 15 Kati CSComs from the Kati depot with two vehicles and stores ordered stops, ETAs, loads and distances", async () => {
    const res = await create(pharmacist, planBody());
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    plan = res.body;
    expect(plan).toMatchObject({
      depotId: katiDepot,
      date: "2026-11-20",
      rainySeason: false,
      status: "draft",
      roadModel: "great_circle",
    });
    expect(plan.routes.map((r) => r.name)).toEqual(["Camion 1", "Pick-up frigorifique"]);
    const served = plan.routes.flatMap((r) => r.stops.map((s) => s.facilityId));
    expect(served.sort()).toEqual(cscoms.slice(0, 14).sort());
    expect(plan.totals).toMatchObject({ stops: 14, unassigned: 1, violations: 0 });
    expect(plan.violations).toEqual([]);
    for (const route of plan.routes) {
      expect(route.stops.map((s) => s.position)).toEqual(route.stops.map((_, i) => i + 1));
      expect(route.loadKg).toBeLessThanOrEqual(route.capacityKg);
      expect(route.loadKg).toBeCloseTo(
        route.stops.reduce((s, x) => s + x.loadKg, 0),
        6,
      );
      expect(route.stops.at(-1)!.loadAfterKg).toBe(0);
      route.stops.forEach((s, i) => {
        expect(s.etaS).toBeGreaterThanOrEqual(clockToS(s.windowStart));
        expect(s.etaS).toBeLessThanOrEqual(clockToS(s.windowEnd));
        expect(s.eta.startsWith("2026-11-20T")).toBe(true);
        expect(s.distanceFromPrevM).toBeGreaterThan(0);
        if (i > 0) expect(s.etaS).toBeGreaterThan(route.stops[i - 1]!.etaS);
      });
      expect(route.distanceM).toBeGreaterThan(route.stops.reduce((s, x) => s + x.distanceFromPrevM, 0));
    }
    expect(routeOf(plan, cscoms[1]!).coldBox).toBe(true);
    expect(routeOf(plan, cscoms[0]!).name).toBe("Camion 1");
    expect(plan.routes.flatMap((r) => r.stops).find((s) => s.facilityId === cscoms[3])).toMatchObject({
      shipmentId: "SHP-3",
      loadKg: 27.5,
      loadL: 30,
      serviceS: 900,
      windowStart: "08:00",
      windowEnd: "15:45",
    });
  });

  it("returns the stop no vehicle can carry as unassigned with reason capacity", () => {
    expect(plan.unassigned).toEqual([
      expect.objectContaining({ facilityId: cscoms[14], shipmentId: "SHP-14", loadKg: 1500, reason: "capacity" }),
    ]);
  });

  it("has written the plan, its vehicles, stops, unassigned stop and an audit line", () => {
    expect(q("select depot_id, status, rainy_season, created_by from route_plans where id = ?", plan.id)).toEqual([
      {
        depot_id: katiDepot,
        status: "draft",
        rainy_season: 0,
        created_by: one("select id from users where username = 'pharmacien.kati'"),
      },
    ]);
    expect(
      q(
        "select name, cold_box, driver_user_id, capacity_kg from route_plan_vehicles where plan_id = ? order by id",
        plan.id,
      ),
    ).toEqual([
      { name: "Camion 1", cold_box: 0, driver_user_id: driverId, capacity_kg: 1000 },
      { name: "Pick-up frigorifique", cold_box: 1, driver_user_id: null, capacity_kg: 300 },
    ]);
    expect(one("select count(*) from route_stops where plan_id = ?", plan.id)).toBe(14);
    expect(one("select sum(load_g) from route_stops where plan_id = ?", plan.id)).toBe(
      Math.round(plan.routes.reduce((s, r) => s + r.loadKg * 1000, 0)),
    );
    expect(q("select facility_id, reason, load_g from route_unassigned where plan_id = ?", plan.id)).toEqual([
      { facility_id: cscoms[14], reason: "capacity", load_g: 1_500_000 },
    ]);
    const matrix = JSON.parse(one<string>("select matrix_json from route_plans where id = ?", plan.id));
    expect(matrix.facilityIds).toHaveLength(16);
    expect(matrix.facilityIds[0]).toBe(katiDepot);
    expect(
      one("select count(*) from audit_log where action = 'route_plan.create' and object_id = ?", String(plan.id)),
    ).toBe(1);
  });

  it("answers a retried request (same Idempotency-Key) with the stored plan, without solving or writing again", async () => {
    const body = planBody({ date: "2026-11-21" });
    const headers = key();
    const first = await pharmacist.post("/api/v1/route-plans").set(headers).send(body);
    const plans = one<number>("select count(*) from route_plans");
    const again = await pharmacist.post("/api/v1/route-plans").set(headers).send(body);
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    expect(one("select count(*) from route_plans")).toBe(plans);
    const other = await pharmacist
      .post("/api/v1/route-plans")
      .set(headers)
      .send({ ...body, date: "2026-11-22" });
    expect(other.status).toBe(409);
  });

  it("refuses unknown stops and drivers, a CSCom as depot and a missing key, naming the field and writing nothing", async () => {
    const before = one<number>("select count(*) from route_plans");
    const bad = await create(
      pharmacist,
      planBody({
        stops: [{ facilityId: "no-such-cscom", loadKg: 1 }],
        vehicles: [{ name: "V", capacityKg: 10, capacityL: 10, driverUserId: 4 }],
      }),
    );
    // The router refuses the unknown stop (a reference) before the command looks at the driver.
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toEqual([
      { path: "stops.0.facilityId", message: "unknown facility no-such-cscom" },
    ]);
    const badDriver = await create(
      pharmacist,
      planBody({ vehicles: [{ name: "V", capacityKg: 10, capacityL: 10, driverUserId: 4 }] }),
    );
    expect(badDriver.status).toBe(400);
    expect(badDriver.body.error.details.issues).toEqual([
      { path: "vehicles.0.driverUserId", message: "unknown driver 4" },
    ]);
    const cscomDepot = await create(
      pharmacist,
      planBody({ depotId: cscoms[0], stops: [{ facilityId: cscoms[1], loadKg: 1 }] }),
    );
    expect(cscomDepot.body.error.details.issues[0]).toMatchObject({
      path: "depotId",
      message: expect.stringMatching(/not a depot/),
    });
    const shift = await create(
      pharmacist,
      planBody({ vehicles: [{ name: "V", capacityKg: 10, capacityL: 10, shiftStart: "18:00" }] }),
    );
    expect(shift.body.error.details.issues[0]).toMatchObject({ path: "vehicles.0.shiftEnd" });
    const noKey = await pharmacist.post("/api/v1/route-plans").send(planBody());
    expect(noKey.body.error.code).toBe("idempotency_key_required");
    expect(one("select count(*) from route_plans")).toBe(before);
  });
});

describe("season and security", () => {
  const flags = (id: string, access: string, insecure: number) =>
    t.open.sqlite
      .prepare("update facilities set rainy_season_access = ?, insecure = ? where id = ?")
      .run(access, insecure, id);
  const small = (overrides: Record<string, unknown>) =>
    planBody({
      stops: cscoms.slice(2, 8).map((facilityId) => ({ facilityId, loadKg: 10 })),
      vehicles: [{ name: "V", capacityKg: 500, capacityL: 500 }],
      ...overrides,
    });

  it("closes 'closed' facilities in the rainy season (July–October or flagged), slows 'slow' ones, and leaves insecure ones out unless it is a convoy day", async () => {
    flags(cscoms[2]!, "closed", 0);
    flags(cscoms[3]!, "slow", 0);
    flags(cscoms[4]!, "all_year", 1);
    // A depot is never closed to its own trucks: its "closed" flag only slows it.
    const depotAccess = one<string>("select rainy_season_access from facilities where id = ?", katiDepot);
    flags(katiDepot, "closed", 0);
    try {
      const dry = (await create(pharmacist, small({ date: "2026-12-01" }))).body as RoutePlan;
      expect(dry.rainySeason).toBe(false);
      expect(dry.unassigned).toEqual([]);
      expect(dry.routes[0]!.stops.find((s) => s.facilityId === cscoms[4])!.insecure).toBe(true);

      const rainy = (await create(pharmacist, small({ date: "2026-08-12", excludeInsecure: true }))).body as RoutePlan;
      expect(rainy.rainySeason).toBe(true);
      expect(rainy.unassigned.map((u) => [u.facilityId, u.reason])).toEqual([
        [cscoms[2], "season_closed"],
        [cscoms[4], "insecure"],
      ]);
      const legTo = (p: RoutePlan, f: string) => p.routes[0]!.stops.find((s) => s.facilityId === f)!;
      expect(legTo(rainy, cscoms[3]!).drivingFromPrevS / legTo(rainy, cscoms[3]!).distanceFromPrevM).toBeGreaterThan(
        legTo(dry, cscoms[3]!).drivingFromPrevS / legTo(dry, cscoms[3]!).distanceFromPrevM,
      );

      const convoy = (
        await create(pharmacist, small({ date: "2026-12-01", rainySeason: true, excludeInsecure: true, convoy: true }))
      ).body as RoutePlan;
      expect(convoy.rainySeason).toBe(true);
      expect(convoy.unassigned.map((u) => u.reason)).toEqual(["season_closed"]);
      expect(convoy.routes[0]!.stops.find((s) => s.facilityId === cscoms[4])).toMatchObject({ insecure: true });
    } finally {
      flags(cscoms[2]!, "all_year", 0);
      flags(cscoms[3]!, "all_year", 0);
      flags(cscoms[4]!, "all_year", 0);
      flags(katiDepot, depotAccess, 0);
    }
  });
});

describe("PATCH /route-plans/:id", () => {
  let plan: RoutePlan;
  const patch = (body: object, id = plan.id, agent = pharmacist) =>
    agent.patch(`/api/v1/route-plans/${id}`).set(key()).send(body);

  beforeAll(async () => {
    plan = (await create(pharmacist, planBody({ date: "2026-11-24" }))).body;
  });

  it("moves the 400 kg stop onto the 300 kg vehicle, re-times the route and reports the capacity violation, keeping the move", async () => {
    const big = plan.routes.flatMap((r) => r.stops).find((s) => s.facilityId === cscoms[0])!;
    const pickup = plan.routes.find((r) => r.coldBox)!;
    const res = await patch({ move: { stopId: big.id, vehicleId: pickup.vehicleId, position: 1 } });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const after = res.body as RoutePlan;
    const newPickup = after.routes.find((r) => r.vehicleId === pickup.vehicleId)!;
    expect(newPickup.stops.map((s) => s.id)).toEqual([big.id, ...pickup.stops.map((s) => s.id)]);
    expect(newPickup.loadKg).toBeCloseTo(pickup.loadKg + 400, 6);
    expect(after.violations).toContainEqual({
      type: "capacity",
      vehicleId: pickup.vehicleId,
      stopId: null,
      dimension: "kg",
      excess: expect.closeTo(pickup.loadKg + 400 - 300, 6),
    });
    expect(after.totals.violations).toBe(after.violations.length);
    // The stops that were already on the pick-up are now served later.
    for (const s of pickup.stops)
      expect(newPickup.stops.find((x) => x.id === s.id)!.etaS).toBeGreaterThanOrEqual(s.etaS);
    expect(q("select vehicle_id, position from route_stops where id = ?", big.id)).toEqual([
      { vehicle_id: pickup.vehicleId, position: 1 },
    ]);
    expect(one("select load_g from route_plan_vehicles where id = ?", pickup.vehicleId)).toBe(
      Math.round(newPickup.loadKg * 1000),
    );
    expect(JSON.parse(one<string>("select violations_json from route_plans where id = ?", plan.id))).toEqual(
      after.violations,
    );
    expect(
      one("select count(*) from audit_log where action = 'route_plan.move' and object_id = ?", String(plan.id)),
    ).toBe(1);
    plan = after;
  });

  it("reports a cold-chain stop moved to a vehicle without a cold box as a skills violation", async () => {
    const cold = plan.routes.flatMap((r) => r.stops).find((s) => s.coldChain)!;
    const truck = plan.routes.find((r) => !r.coldBox)!;
    const res = await patch({
      move: { stopId: cold.id, vehicleId: truck.vehicleId, position: truck.stops.length + 1 },
    });
    expect(res.status).toBe(200);
    expect(res.body.violations).toContainEqual({
      type: "skills",
      vehicleId: truck.vehicleId,
      stopId: cold.id,
      dimension: null,
      excess: null,
    });
    plan = res.body;
  });

  it("refuses a position past the end of the route and a stop of another plan, changing nothing", async () => {
    const snapshot = () => q("select id, vehicle_id, position, eta_s from route_stops order by id");
    const before = snapshot();
    const route = plan.routes[0]!;
    const far = await patch({
      move: {
        stopId: route.stops[0]!.id,
        vehicleId: plan.routes[1]!.vehicleId,
        position: plan.routes[1]!.stops.length + 2,
      },
    });
    expect(far.status).toBe(400);
    expect(far.body.error.details.issues[0]).toMatchObject({ path: "move.position" });
    const foreign = one<number>("select id from route_stops where plan_id <> ? limit 1", plan.id);
    const other = await patch({ move: { stopId: foreign, vehicleId: route.vehicleId, position: 1 } });
    expect(other.body.error.details.issues[0]).toMatchObject({ path: "move.stopId" });
    expect(snapshot()).toEqual(before);
  });

  it("publishes the plan; the driver then sees only the route assigned to them", async () => {
    expect((await driver.get(`/api/v1/route-plans/${plan.id}`)).status).toBe(404);
    // The cold pick-up has no driver, and the moves above broke constraints: publishing asks first, saying why.
    const asked = await patch({ status: "published" });
    expect(asked.status).toBe(409);
    expect(asked.body.error.code).toBe("publish_needs_confirmation");
    const camion2 = (await t.agent.get(`/api/v1/route-plans/${plan.id}`)).body.routes.find(
      (r: { name: string }) => r.name === "Pick-up frigorifique",
    );
    expect(asked.body.error.details.withoutDriver).toEqual(camion2.stops.length > 0 ? [camion2.vehicleId] : []);
    expect(asked.body.error.details.violations.length).toBeGreaterThan(0);
    expect(one<string>("select status from route_plans where id = ?", plan.id)).toBe("draft");
    const res = await patch({ status: "published", confirm: true });
    expect(res.body.status).toBe("published");
    const mine = await driver.get(`/api/v1/route-plans/${plan.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.routes.map((r: { name: string; driverUserId: number }) => [r.name, r.driverUserId])).toEqual([
      ["Camion 1", driverId],
    ]);
    expect(mine.body.unassigned).toEqual([]);
    const list = await driver.get("/api/v1/route-plans");
    expect(list.body.items.map((p: { id: number }) => p.id)).toEqual([plan.id]);
  });

  it("hides from the driver a published plan without their route, and refuses them planning and editing", async () => {
    const body = planBody({
      date: "2026-11-25",
      vehicles: [{ name: "Autre", capacityKg: 2000, capacityL: 2000, coldBox: true }],
    });
    const other = (await create(t.agent, body)).body as RoutePlan;
    await patch({ status: "published", confirm: true }, other.id, t.agent);
    expect((await driver.get(`/api/v1/route-plans/${other.id}`)).status).toBe(404);
    expect((await driver.get("/api/v1/route-plans")).body.items.map((p: { id: number }) => p.id)).not.toContain(
      other.id,
    );
    expect((await driver.get(`/api/v1/route-plans?depotId=${katiDepot}`)).status).toBe(404);
    expect((await driver.post("/api/v1/route-plans").set(key()).send(body)).status).toBe(403);
    expect((await driver.patch(`/api/v1/route-plans/${other.id}`).set(key()).send({ status: "draft" })).status).toBe(
      403,
    );
  });
});

describe("scope", () => {
  it("lets the Kati pharmacist plan from the Kati depot but not from the Mopti depot (same answer as an unknown facility)", async () => {
    const mopti = await create(pharmacist, planBody({ depotId: moptiDepot }));
    const unknown = await create(pharmacist, planBody({ depotId: "no-such-depot" }));
    expect(mopti.status).toBe(400);
    expect(mopti.body.error.details.issues).toEqual([{ path: "depotId", message: `unknown facility ${moptiDepot}` }]);
    expect(unknown.body.error.details.issues).toEqual([{ path: "depotId", message: "unknown facility no-such-depot" }]);
    expect(one("select count(*) from route_plans where depot_id = ?", moptiDepot)).toBe(0);
  });

  it("hides a Mopti plan from the Kati pharmacist: 404 on read and edit, absent from the list", async () => {
    const moptiCscom = one<string>(
      "select id from facilities where level = 'cscom' and region_id = 'mopti' order by id limit 1",
    );
    const res = await create(
      t.agent,
      planBody({
        depotId: moptiDepot,
        date: "2026-12-02",
        stops: [{ facilityId: moptiCscom, loadKg: 10 }],
        vehicles: [{ name: "V", capacityKg: 100, capacityL: 100 }],
      }),
    );
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    const id = res.body.id as number;
    const read = await pharmacist.get(`/api/v1/route-plans/${id}`);
    expect(read.status).toBe(404);
    expect(read.body.error.message).toBe(`Unknown route plan ${id}`);
    expect((await pharmacist.get("/api/v1/route-plans/999999")).body.error.message).toBe("Unknown route plan 999999");
    expect(
      (await pharmacist.patch(`/api/v1/route-plans/${id}`).set(key()).send({ status: "published", confirm: true }))
        .status,
    ).toBe(404);
    expect(one("select status from route_plans where id = ?", id)).toBe("draft");
    const list = await pharmacist.get("/api/v1/route-plans?limit=100");
    expect(list.status).toBe(200);
    expect(list.body.items.every((p: { depotId: string }) => p.depotId === katiDepot)).toBe(true);
    expect((await pharmacist.get(`/api/v1/route-plans?depotId=${moptiDepot}`)).status).toBe(404);
    expect(
      (await t.agent.get(`/api/v1/route-plans?depotId=${moptiDepot}`)).body.items.map((p: { id: number }) => p.id),
    ).toEqual([id]);
  });

  it("lists plans by depot and date, paged", async () => {
    const res = await pharmacist.get(`/api/v1/route-plans?depotId=${katiDepot}&date=2026-11-20&limit=1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, limit: 1, offset: 0 });
    expect(res.body.items[0]).toMatchObject({
      depotId: katiDepot,
      date: "2026-11-20",
      vehicles: 2,
      totals: { stops: 14, unassigned: 1 },
    });
  });
});

describe("with a road network loaded", () => {
  it("routes along the roads: a stop on the road is as far as the road, and the plan says which model it used", async () => {
    const at = (id: string) => q<{ lat: number; lon: number }>("select lat, lon from facilities where id = ?", id)[0]!;
    const [depot, a, b] = [at(katiDepot), at(cscoms[5]!), at(cscoms[6]!)];
    // One paved road depot → a → b through the facilities themselves (vertices at their coordinates).
    const road = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { class: "paved" },
          geometry: { type: "LineString", coordinates: [depot, a, b].map((p) => [p.lon, p.lat]) },
        },
      ],
    };
    const app = createApp({
      db: t.open.db,
      clock: () => TEST_NOW,
      log: pino({ level: "silent" }),
      loginRateLimitPerMinute: 0,
      roadModel: new RoadNetworkModel(buildRoadGraph(road)),
    });
    const agent = request.agent(app);
    await signIn(agent, "pharmacien.kati", DEMO_PASSWORD);
    const res = await create(
      agent,
      planBody({
        date: "2026-12-03",
        stops: [
          { facilityId: cscoms[6], loadKg: 5 },
          { facilityId: cscoms[5], loadKg: 5 },
        ],
        vehicles: [{ name: "V", capacityKg: 100, capacityL: 100 }],
      }),
    );
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    const plan = res.body as RoutePlan;
    expect(plan.roadModel).toBe("road_network");
    const legs = Object.fromEntries(plan.routes[0]!.stops.map((s) => [s.facilityId, s]));
    const toA = greatCircleM(depot.lat, depot.lon, a.lat, a.lon);
    const aToB = greatCircleM(a.lat, a.lon, b.lat, b.lon);
    const first = plan.routes[0]!.stops[0]!;
    expect(first.facilityId).toBe(cscoms[5]);
    expect(first.distanceFromPrevM).toBe(Math.round(toA));
    expect(first.drivingFromPrevS).toBe(Math.round((toA / 1000 / 60) * 3600));
    expect(legs[cscoms[6]!]!.distanceFromPrevM).toBe(Math.round(aToB));
  });
});
