/**
 * What a driver reads of route plans (their tablet screen): only published plans with a route assigned
 * to them, only those routes, and a plan's counts and totals computed over those routes alone — in the
 * list as in the detail — while the dispatcher still sees the whole plan.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import type { RoutePlan, RoutePlanPage } from "../../shared/contracts/routePlans";
import { DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let pharmacist: TestAgent;
let driver: TestAgent;
let driverId = 0;
let plan: RoutePlan;
let keys = 0;

const key = () => ({ "Idempotency-Key": `driver-view-test-${++keys}` });
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const sum = (routes: RoutePlan["routes"], f: (r: RoutePlan["routes"][number]) => number) =>
  routes.reduce((n, r) => n + f(r), 0);

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 1 });
  const depot = one<string>("select id from facilities where level = 'district' and district_id = 'kati'");
  const cscoms = t.open.sqlite
    .prepare(
      "select id from facilities where level = 'cscom' and district_id = 'kati' and rainy_season_access = 'all_year' and not insecure order by id limit 8",
    )
    .pluck()
    .all() as string[];
  driverId = one<number>("select id from users where username = 'chauffeur.kati'");
  pharmacist = request.agent(t.app);
  await signIn(pharmacist, "pharmacien.kati", DEMO_PASSWORD);
  driver = request.agent(t.app);
  await signIn(driver, "chauffeur.kati", DEMO_PASSWORD);
  // 7 × 60 kg for 300 + 130 kg: both vehicles are needed (5 and 2 stops); the 900 kg stop fits no vehicle.
  const body = {
    depotId: depot,
    date: "2026-11-20",
    vehicles: [
      { name: "Camion du chauffeur", capacityKg: 300, capacityL: 2000, driverUserId: driverId },
      { name: "Camion d'un autre", capacityKg: 130, capacityL: 2000 },
    ],
    stops: cscoms.map((facilityId, i) => ({ facilityId, loadKg: i === 7 ? 900 : 60, loadL: 10 })),
    solver: { maxIterations: 200, seed: 3, deadlineMs: 20_000 },
  };
  const created = await pharmacist.post("/api/v1/route-plans").set(key()).send(body);
  expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
  plan = created.body;
  expect(plan.routes.every((r) => r.stops.length > 0)).toBe(true);
  expect(plan.unassigned.length).toBe(1);
});

describe("a driver's view of route plans", () => {
  it("sees nothing of a draft plan, even with a route assigned to them", async () => {
    expect((await driver.get(`/api/v1/route-plans/${plan.id}`)).status).toBe(404);
    expect((await driver.get("/api/v1/route-plans")).body.items).toEqual([]);
  });

  it("once published, reads only their route, with the plan's counts and totals over that route alone", async () => {
    const published = await pharmacist
      .patch(`/api/v1/route-plans/${plan.id}`)
      .set(key())
      .send({ status: "published", confirm: true });
    expect(published.status).toBe(200);
    const whole = published.body as RoutePlan;
    const mine = whole.routes.filter((r) => r.driverUserId === driverId);
    expect(mine.map((r) => r.name)).toEqual(["Camion du chauffeur"]);

    const detail = (await driver.get(`/api/v1/route-plans/${plan.id}`)).body as RoutePlan;
    expect(detail.routes).toEqual(mine);
    expect(detail.unassigned).toEqual([]);
    const own = {
      distanceM: sum(mine, (r) => r.distanceM),
      durationS: sum(mine, (r) => r.durationS),
      costXof: sum(mine, (r) => r.costXof),
      stops: sum(mine, (r) => r.stops.length),
      unassigned: 0,
      violations: 0,
    };
    expect(detail.totals).toEqual(own);
    expect(detail.totals.distanceM).toBeLessThan(whole.totals.distanceM);

    const list = (await driver.get("/api/v1/route-plans?status=published")).body as RoutePlanPage;
    expect(list.items.map((p) => p.id)).toEqual([plan.id]);
    expect(list.items[0]).toMatchObject({ vehicles: 1, totals: own, status: "published", date: "2026-11-20" });
  });

  it("leaves the dispatcher's list and detail whole", async () => {
    const list = (await pharmacist.get("/api/v1/route-plans")).body as RoutePlanPage;
    const item = list.items.find((p) => p.id === plan.id)!;
    const detail = (await pharmacist.get(`/api/v1/route-plans/${plan.id}`)).body as RoutePlan;
    expect(item.vehicles).toBe(2);
    expect(item.totals).toEqual(detail.totals);
    expect(detail.totals).toMatchObject({
      stops: sum(detail.routes, (r) => r.stops.length),
      unassigned: 1,
      distanceM: sum(detail.routes, (r) => r.distanceM),
    });
  });

  it("counts in their summary the violations of their own route only", async () => {
    const theirs = plan.routes.find((r) => r.driverUserId !== driverId)!;
    const mine = plan.routes.find((r) => r.driverUserId === driverId)!;
    // Overload the other vehicle: the violation is on their route, not the driver's.
    const moved = await pharmacist
      .patch(`/api/v1/route-plans/${plan.id}`)
      .set(key())
      .send({ move: { stopId: mine.stops[0]!.id, vehicleId: theirs.vehicleId, position: 1 } });
    expect(moved.status).toBe(200);
    const after = moved.body as RoutePlan;
    expect(after.violations.some((v) => v.vehicleId === theirs.vehicleId)).toBe(true);
    const item = ((await driver.get("/api/v1/route-plans")).body as RoutePlanPage).items[0]!;
    const own = after.violations.filter((v) => v.vehicleId === mine.vehicleId).length;
    expect(item.totals.violations).toBe(own);
    expect(((await driver.get(`/api/v1/route-plans/${plan.id}`)).body as RoutePlan).totals.violations).toBe(own);
  });
});
