/**
 * The last mile through the API: free-care orders of three Kati CSComs pushed from the Kati depot, picked and
 * shipped, planned on chauffeur.kati's route (another route for a second driver) and published. The driver
 * records each stop once — delivered with a rejected line, or skipped — however often the tablet posts it;
 * stock moves exactly once at both ends (accepted into the facility; rejected and undelivered goods back into
 * the depot only when it confirms their return); bad input and deliveries that can no longer apply are
 * refused with their reason, and nothing is half-applied.
 */
import { randomUUID } from "node:crypto";
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import type { RoutePlan } from "../../shared/contracts/routePlans";
import {
  DEMO_PASSWORD,
  balanceMismatches,
  ledgerSnapshot,
  makeTestApp,
  signIn,
  type TestContext,
} from "../helpers/app";

let t: TestContext;
let pharmacist: TestAgent;
let storekeeper: TestAgent;
let driver: TestAgent;
let depotId = "";
let driverId = 0;
let otherDriverId = 0;
let plan: RoutePlan;
let keys = 0;
const k = () => ({ "Idempotency-Key": `deliveries-test-${++keys}` });
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
type Stop = RoutePlan["routes"][number]["stops"][number];

/** Balance of a facility's lot (all funding sources). */
const balance = (facilityId: string, lotId: number) =>
  one<number>(
    "select coalesce(sum(qty_on_hand), 0) from stock_balances where facility_id = ? and lot_id = ?",
    facilityId,
    lotId,
  );
/** What the whole database holds that a delivery may change. */
const state = () => ({
  // Idempotency keys aside: each post stores its key, even one that answers a decision already taken.
  ledger: { ...ledgerSnapshot(t.open), keys: null },
  deliveries: one<number>("select count(*) from deliveries"),
  returns: one<number>("select count(*) from delivery_returns"),
  orders: t.open.sqlite.prepare("select id, status from orders order by id").all(),
  lots: t.open.sqlite.prepare("select * from order_line_lots order by id").all(),
});

/** Every shipped lot of a stop accepted in full. */
const acceptAll = (stop: Stop) =>
  stop.manifest.flatMap((o) =>
    o.lines.flatMap((l) =>
      l.lots.map((lot) => ({ lineId: l.lineId, lotId: lot.lotId, acceptedQty: lot.qty, rejectedQty: 0 })),
    ),
  );

const post = (agent: TestAgent, body: object, key = k()) => agent.post("/api/v1/deliveries").set(key).send(body);
const delivered = (stop: Stop, extra: object = {}) => ({
  deliveryId: randomUUID(),
  routePlanId: plan.id,
  stopId: stop.id,
  status: "delivered",
  recipient: "Mariam Koné",
  signature: "data:image/png;base64,iVBORw0KGgo=",
  arrivedAt: "2026-11-15T08:30:00Z",
  departedAt: "2026-11-15T08:50:00Z",
  position: { lat: 12.74, lon: -8.07, accuracyM: 12 },
  lines: acceptAll(stop),
  ...extra,
});

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 3, months: 2 });
  depotId = one("select scope_facility_id from users where username = 'magasin.kati'");
  driverId = one("select id from users where username = 'chauffeur.kati'");
  otherDriverId = Number(
    one(
      "insert into users (username, display_name, password_hash, role, scope_facility_id, created_at) values ('chauffeur.kati2', 'Seydou Diallo', 'x', 'driver', ?, '2026-11-01') returning id",
      depotId,
    ),
  );
  pharmacist = request.agent(t.app);
  await signIn(pharmacist, "pharmacien.kati", DEMO_PASSWORD);
  storekeeper = request.agent(t.app);
  await signIn(storekeeper, "magasin.kati", DEMO_PASSWORD);
  driver = request.agent(t.app);
  await signIn(driver, "chauffeur.kati", DEMO_PASSWORD);
  const productId = one<number>(
    "select b.product_id from stock_balances b join products p on p.id = b.product_id join programmes g on g.code = p.programme_code where b.facility_id = ? and g.kind = 'free_care' group by b.product_id order by sum(b.qty_on_hand) desc limit 1",
    depotId,
  );
  // CSComs that hold none of the product: the allocation gives each of them its whole need.
  const cscoms = t.open.sqlite
    .prepare(
      "select id from facilities f where level = 'cscom' and district_id = 'kati' and rainy_season_access = 'all_year' and not insecure and not exists (select 1 from stock_balances b where b.facility_id = f.id and b.product_id = ? and b.qty_on_hand > 0) order by id limit 4",
    )
    .pluck()
    .all(productId) as string[];
  const sent = await pharmacist
    .post("/api/v1/allocations")
    .set(k())
    .send({
      productId,
      sourceFacilityId: depotId,
      districtId: "kati",
      basis: "population",
      monthsOfCover: 1,
      population: {
        unitsPerPersonPerMonth: 1,
        facilities: cscoms.map((facilityId) => ({ facilityId, targetPopulation: 2000 })),
      },
    });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  const orderIds = sent.body.orderIds as number[];
  expect(orderIds).toHaveLength(4);
  for (const id of orderIds) {
    expect((await storekeeper.post(`/api/v1/orders/${id}/pick`).set(k())).status).toBe(200);
    const shipped = await storekeeper.post(`/api/v1/orders/${id}/ship`).set(k()).send({ shortfallAction: "backorder" });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
  }
  const created = await pharmacist
    .post("/api/v1/route-plans")
    .set(k())
    .send({
      depotId,
      date: "2026-11-15",
      vehicles: [
        { name: "Camion de Bakary", capacityKg: 5000, capacityL: 20000, driverUserId: driverId },
        { name: "Moto", capacityKg: 5000, capacityL: 20000, driverUserId: otherDriverId, fixedCostXof: 10_000_000 },
      ],
      orderIds,
      solver: { maxIterations: 200, seed: 1 },
    });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  plan = created.body as RoutePlan;
  // Three stops on the driver's route, one on the other driver's (moved there by the dispatcher).
  const [mine, theirs] = plan.routes;
  const all = [...mine!.stops, ...theirs!.stops];
  expect(all).toHaveLength(4);
  const onTheirs = theirs!.stops.length;
  for (const s of all.slice(0, 3))
    if (s.id !== undefined && theirs!.stops.some((x) => x.id === s.id))
      await pharmacist
        .patch(`/api/v1/route-plans/${plan.id}`)
        .set(k())
        .send({ move: { stopId: s.id, vehicleId: mine!.vehicleId, position: 1 } });
  const last = all[3]!;
  if (onTheirs === 0 || !theirs!.stops.some((x) => x.id === last.id))
    await pharmacist
      .patch(`/api/v1/route-plans/${plan.id}`)
      .set(k())
      .send({ move: { stopId: last.id, vehicleId: theirs!.vehicleId, position: 1 } });
  const published = await pharmacist
    .patch(`/api/v1/route-plans/${plan.id}`)
    .set(k())
    .send({ status: "published", confirm: true });
  expect(published.status).toBe(200);
  plan = published.body as RoutePlan;
  expect(plan.routes.map((r) => r.stops.length)).toEqual([3, 1]);
  expect(plan.routes.map((r) => r.driverName)).toEqual(["Bakary Sangaré (chauffeur, DRC de Kati)", "Seydou Diallo"]);
});

const myStops = () => plan.routes[0]!.stops;

describe("POST /deliveries", () => {
  it("refuses bad input from the tablet naming the field, and writes nothing", async () => {
    const stop = myStops()[0]!;
    const lines = acceptAll(stop);
    const first = lines[0]!;
    const before = state();
    const cases: [object, string][] = [
      [{ lines: [{ ...first, acceptedQty: first.acceptedQty + 5 }, ...lines.slice(1)] }, "lines.0.acceptedQty"],
      [{ lines: [{ ...first, lotId: 99_999_999 }, ...lines.slice(1)] }, "lines.0.lotId"],
      [{ lines: lines.slice(1) }, "lines"],
      [{ lines: [{ ...first, acceptedQty: 0, rejectedQty: first.acceptedQty }, ...lines.slice(1)] }, "lines.0.reason"],
      [{ recipient: undefined }, "recipient"],
      [{ signature: "data:image/png;base64," + "A".repeat(210_000) }, "signature"],
    ];
    for (const [extra, path] of cases) {
      const res = await post(driver, delivered(stop, extra));
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(state()).toEqual(before);
  });

  it("applies a delivered stop once: proof of delivery on each order, accepted stock into the facility, the rejected quantity riding back", async () => {
    const stop = myStops()[0]!;
    const lines = acceptAll(stop);
    const first = lines[0]!;
    expect(first.acceptedQty).toBeGreaterThan(2);
    lines[0] = { ...first, acceptedQty: first.acceptedQty - 2, rejectedQty: 2, reason: "damaged" } as typeof first;
    const depotBefore = balance(depotId, first.lotId);
    const facilityBefore = balance(stop.facilityId, first.lotId);
    const body = delivered(stop, { lines });
    const res = await post(driver, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ outcome: "applied", state: "partial", rejectedUnits: 2, returningUnits: 2 });
    expect(balance(stop.facilityId, first.lotId)).toBe(facilityBefore + first.acceptedQty - 2);
    // The depot's stock left when the order shipped; the 2 rejected units are in transit, not back yet.
    expect(balance(depotId, first.lotId)).toBe(depotBefore);
    for (const orderId of stop.orderIds) {
      expect(one<string>("select status from orders where id = ?", orderId)).toBe("delivered");
      // The tablet says 08:50, before the order left the depot: the stock line is dated at the shipment instead.
      const shippedAt = one<string>(
        "select at from order_events where order_id = ? and to_status = 'shipped' order by at desc limit 1",
        orderId,
      );
      expect(shippedAt > body.departedAt).toBe(true);
      expect(
        one<string>(
          "select max(occurred_at) from stock_movements where facility_id = ? and reference = ?",
          stop.facilityId,
          `Commande #${orderId}`,
        ),
      ).toBe(shippedAt);
    }
    expect(
      one<number>("select count(*) from audit_log where action = 'delivery.record' and object_id = ?", body.deliveryId),
    ).toBe(1);

    // Posted again: same key, a new key, or by the depot's staff — the same answer, nothing written.
    const after = state();
    for (const [agent, key] of [
      [driver, k()],
      [storekeeper, k()],
    ] as const) {
      const again = await post(agent, body, key);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(res.body);
    }
    expect(state()).toEqual(after);

    const seen = (await pharmacist.get(`/api/v1/route-plans/${plan.id}`)).body as RoutePlan;
    const shown = seen.routes[0]!.stops.find((s) => s.id === stop.id)!.delivery;
    expect(shown).toMatchObject({
      state: "partial",
      deliveryId: body.deliveryId,
      recipient: "Mariam Koné",
      rejectedUnits: 2,
      departedAt: "2026-11-15T08:50:00Z",
    });
  });

  it("refuses a second delivery at a recorded stop with a reason both ends see, and the first stands", async () => {
    const stop = myStops()[0]!;
    const before = state();
    const res = await post(driver, delivered(stop));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "delivery_refused", details: { reason: "stop_already_recorded" } });
    const seen = (await storekeeper.get(`/api/v1/route-plans/${plan.id}`)).body as RoutePlan;
    const shown = seen.routes[0]!.stops.find((s) => s.id === stop.id)!.delivery;
    expect(shown.state).toBe("partial");
    expect(shown.refused.map((r) => r.code)).toEqual(["stop_already_recorded"]);
    expect({ ...state(), deliveries: before.deliveries }).toEqual(before);
  });

  it("hides a stop of a plan without the driver's route, and refuses (stored) a stop of another driver's route", async () => {
    const theirs = plan.routes[1]!.stops[0]!;
    const before = state();
    const res = await post(driver, delivered(theirs));
    expect(res.status).toBe(409);
    expect(res.body.error.details.reason).toBe("stop_not_on_your_route");
    expect(state().ledger).toEqual(before.ledger);
    expect(one<string>("select status from orders where id = ?", theirs.orderIds[0])).toBe("shipped");
    // A plan where they have no route: as if it did not exist.
    const foreign = one<number>(
      "insert into route_plans (depot_id, date, rainy_season, road_model, matrix_json, total_distance_m, total_duration_s, total_cost_xof, status, created_at, updated_at) values (?, '2026-11-16', 0, 'great_circle', '{}', 0, 0, 0, 'published', '2026-11-15', '2026-11-15') returning id",
      depotId,
    );
    const hidden = await post(driver, { ...delivered(theirs), routePlanId: foreign });
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.details.issues).toEqual([
      { path: "routePlanId", message: `unknown route stop ${foreign}` },
    ]);
  });

  it("refuses a stop of an unpublished plan with a stored reason, applying nothing", async () => {
    const stop = myStops()[1]!;
    await pharmacist.patch(`/api/v1/route-plans/${plan.id}`).set(k()).send({ status: "draft" });
    const before = state();
    const body = delivered(stop);
    const res = await post(driver, body);
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ reason: "plan_not_published", deliveryId: body.deliveryId });
    expect(state().ledger).toEqual(before.ledger);
    expect(
      one<number>(
        "select count(*) from audit_log where action = 'delivery.refused' and object_id = ?",
        body.deliveryId,
      ),
    ).toBe(1);
    await pharmacist.patch(`/api/v1/route-plans/${plan.id}`).set(k()).send({ status: "published", confirm: true });
    // The same delivery posted again stays refused: it was decided once.
    expect((await post(driver, body)).status).toBe(409);
    expect(state().ledger).toEqual(before.ledger);
  });

  it("skips a stop: nothing enters the facility, the goods ride back and the order stays shipped", async () => {
    const stop = myStops()[1]!;
    const lot = stop.manifest[0]!.lines[0]!.lots[0]!;
    const depotBefore = balance(depotId, lot.lotId);
    const facilityBefore = balance(stop.facilityId, lot.lotId);
    const res = await post(driver, {
      deliveryId: randomUUID(),
      routePlanId: plan.id,
      stopId: stop.id,
      status: "skipped",
      reason: "road_impassable",
      arrivedAt: "2026-11-15T10:00:00Z",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ state: "skipped", returningUnits: lot.qty });
    expect(balance(stop.facilityId, lot.lotId)).toBe(facilityBefore);
    expect(balance(depotId, lot.lotId)).toBe(depotBefore);
    expect(one<string>("select status from orders where id = ?", stop.orderIds[0])).toBe("shipped");
    // The paper path cannot deliver what is riding back.
    const paper = await storekeeper
      .post(`/api/v1/orders/${stop.orderIds[0]}/deliver`)
      .set(k())
      .send({
        lines: [
          {
            lineId: stop.manifest[0]!.lines[0]!.lineId,
            lots: [{ lotId: lot.lotId, acceptedQty: lot.qty, rejectedQty: 0 }],
          },
        ],
      });
    expect(paper.status).toBe(409);
  });

  it("keeps a delivered stop where it is when the dispatcher tries to move it", async () => {
    const stop = myStops()[0]!;
    const res = await pharmacist
      .patch(`/api/v1/route-plans/${plan.id}`)
      .set(k())
      .send({ move: { stopId: stop.id, vehicleId: plan.routes[1]!.vehicleId, position: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("move.stopId");
  });
});

describe("returns to the depot", () => {
  it("lists what rides back and puts it into the depot's stock once, when the depot confirms it; a skipped order goes back to picking", async () => {
    const listed = await storekeeper.get(`/api/v1/deliveries/returns?depotId=${depotId}`);
    expect(listed.status).toBe(200);
    const items = listed.body.items as { id: number; kind: string; qtyUnits: number; lotId: number; orderId: number }[];
    expect(items.map((i) => i.kind).sort()).toEqual(["rejected", "skipped"]);
    const skipped = items.find((i) => i.kind === "skipped")!;
    const rejected = items.find((i) => i.kind === "rejected")!;
    const before = { skipped: balance(depotId, skipped.lotId), rejected: balance(depotId, rejected.lotId) };
    const lost = 1;
    const res = await storekeeper
      .post("/api/v1/deliveries/returns")
      .set(k())
      .send({
        depotId,
        lines: [
          { returnId: rejected.id, receivedQty: rejected.qtyUnits - lost },
          { returnId: skipped.id, receivedQty: skipped.qtyUnits },
        ],
      });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      received: 2,
      receivedUnits: rejected.qtyUnits - lost + skipped.qtyUnits,
      lostUnits: lost,
      reopenedOrderIds: [skipped.orderId],
    });
    if (skipped.lotId === rejected.lotId)
      expect(balance(depotId, skipped.lotId)).toBe(before.skipped + skipped.qtyUnits + rejected.qtyUnits - lost);
    else {
      expect(balance(depotId, skipped.lotId)).toBe(before.skipped + skipped.qtyUnits);
      expect(balance(depotId, rejected.lotId)).toBe(before.rejected + rejected.qtyUnits - lost);
    }
    expect(one<string>("select status from orders where id = ?", skipped.orderId)).toBe("picking");
    const snapshot = state();
    const again = await storekeeper
      .post("/api/v1/deliveries/returns")
      .set(k())
      .send({ depotId, lines: [{ returnId: skipped.id, receivedQty: skipped.qtyUnits }] });
    expect(again.status).toBe(400);
    expect(again.body.error.details.issues[0].path).toBe("lines.0.returnId");
    expect(state()).toEqual(snapshot);
    expect((await storekeeper.get(`/api/v1/deliveries/returns?depotId=${depotId}`)).body.items).toEqual([]);
  });

  it("ships the returned order again without back-ordering its shortfall twice", async () => {
    const orderId = one<number>("select order_id from delivery_returns where kind = 'skipped' limit 1");
    const followUps = () => one<number>("select count(*) from orders where parent_order_id = ?", orderId);
    const before = followUps();
    const res = await storekeeper
      .post(`/api/v1/orders/${orderId}/ship`)
      .set(k())
      .send({ shortfallAction: "backorder" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(followUps()).toBe(before);
    expect(balanceMismatches(t.open)).toEqual([]);
  });
});

describe("drivers, fleet and publishing", () => {
  it("lists the depot's fleet and drivers, and refuses a plate twice", async () => {
    const created = await storekeeper.post(`/api/v1/depots/${depotId}/vehicles`).set(k()).send({
      name: "Toyota Dyna",
      plate: "ab-1234-md",
      capacityKg: 3500,
      capacityL: 12000,
      coldBox: true,
      shiftStart: "07:00",
      shiftEnd: "17:00",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ plate: "AB-1234-MD", shiftStart: "07:00", active: true });
    const twice = await storekeeper
      .post(`/api/v1/depots/${depotId}/vehicles`)
      .set(k())
      .send({ name: "Autre", plate: "AB-1234-MD", capacityKg: 1000, capacityL: 1000 });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details.issues[0].path).toBe("plate");
    const fleet = (await storekeeper.get(`/api/v1/depots/${depotId}/fleet`)).body;
    expect(fleet.vehicles.map((v: { plate: string }) => v.plate)).toEqual(["AB-1234-MD"]);
    expect(fleet.drivers.map((d: { id: number }) => d.id).sort()).toEqual([driverId, otherDriverId].sort());
  });

  it("assigns a route's driver among the depot's drivers only, and asks before publishing a route without one", async () => {
    const created = await pharmacist
      .post("/api/v1/route-plans")
      .set(k())
      .send({
        depotId,
        date: "2026-11-17",
        vehicles: [{ name: "Pick-up", capacityKg: 1000, capacityL: 2000 }],
        stops: [
          { facilityId: one<string>("select scope_facility_id from users where username = 'cscom.kati'"), loadKg: 10 },
        ],
        solver: { maxIterations: 20 },
      });
    const vehicleId = created.body.routes[0].vehicleId as number;
    const asked = await pharmacist
      .patch(`/api/v1/route-plans/${created.body.id}`)
      .set(k())
      .send({ status: "published" });
    expect(asked.status).toBe(409);
    expect(asked.body.error).toMatchObject({
      code: "publish_needs_confirmation",
      details: { withoutDriver: [vehicleId], violations: [] },
    });
    const admin = one<number>("select id from users where username = 'admin'");
    const wrong = await pharmacist
      .patch(`/api/v1/route-plans/${created.body.id}`)
      .set(k())
      .send({ driver: { vehicleId, driverUserId: admin } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.issues[0].path).toBe("driver.driverUserId");
    const set = await pharmacist
      .patch(`/api/v1/route-plans/${created.body.id}`)
      .set(k())
      .send({ driver: { vehicleId, driverUserId: driverId } });
    expect(set.status).toBe(200);
    expect(set.body.routes[0]).toMatchObject({
      driverUserId: driverId,
      driverName: "Bakary Sangaré (chauffeur, DRC de Kati)",
    });
    const published = await pharmacist
      .patch(`/api/v1/route-plans/${created.body.id}`)
      .set(k())
      .send({ status: "published" });
    expect(published.status).toBe(200);
    expect((await driver.get(`/api/v1/route-plans/${created.body.id}`)).status).toBe(200);
  });
});
