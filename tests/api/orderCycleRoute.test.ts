/**
 * POST /orders/cycle: the month's order cycle over an area. The Kati pharmacist orders for Kati's CSComs
 * only; a second run finds nothing left to order; a retry with the same key answers the same; an area
 * out of scope answers 404 and writes nothing; the procurement officer's run covers the country.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let pharmacist: TestAgent;
let officer: TestAgent;
const PERIOD = "2026-10";
const count = (sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as number;
/** Submitted reports of the period without orders, per district. */
const awaiting = (district: string, period = PERIOD) =>
  count(
    `select count(*) from stock_reports r join facilities f on f.id = r.facility_id
     where r.period = ? and r.status = 'submitted' and f.district_id = ? and not exists (select 1 from orders o where o.report_id = r.id)`,
    period,
    district,
  );

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 12, months: 4, reportMonths: 2 });
  pharmacist = request.agent(t.app);
  await signIn(pharmacist, "pharmacien.kati", DEMO_PASSWORD);
  officer = request.agent(t.app);
  await signIn(officer, "ppm.achats", DEMO_PASSWORD);
  // The demo CSCom of Kati reports the month (the seed leaves one report in four missing).
  const cscomId = t.open.sqlite
    .prepare("select scope_facility_id from users where username = 'cscom.kati'")
    .pluck()
    .get() as string;
  if (count("select count(*) from stock_reports where facility_id = ? and period = ?", cscomId, PERIOD) === 0) {
    const cscom = request.agent(t.app);
    await signIn(cscom, "cscom.kati", DEMO_PASSWORD);
    const report = await cscom
      .post("/api/v1/reports")
      .set("Idempotency-Key", "cycle-report")
      .send({ facilityId: cscomId, period: PERIOD });
    expect(
      (await cscom.post(`/api/v1/reports/${report.body.id}/submit`).set("Idempotency-Key", "cycle-submit")).status,
    ).toBe(200);
  }
});

describe("POST /orders/cycle", () => {
  it("orders for every report of the pharmacist's district submitted without orders, and for no other", async () => {
    const kati = awaiting("kati");
    const elsewhere = count(
      "select count(*) from stock_reports r join facilities f on f.id = r.facility_id where r.period = ? and r.status = 'submitted' and f.district_id <> 'kati'",
      PERIOD,
    );
    expect(kati).toBeGreaterThan(0);
    expect(elsewhere).toBeGreaterThan(0);
    const ledger = count("select count(*) from stock_movements");
    const res = await pharmacist
      .post("/api/v1/orders/cycle")
      .set("Idempotency-Key", "cycle-kati-1")
      .send({ period: PERIOD });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ period: PERIOD, reports: kati });
    expect(res.body.orders).toBe(res.body.orderIds.length);
    expect(awaiting("kati")).toBe(0);
    // Every order created is a submitted order of a Kati CSCom's report, with its lines.
    const made = t.open.sqlite
      .prepare(
        `select o.status, f.district_id district, o.report_id reportId, (select count(*) from order_lines l where l.order_id = o.id) lines from orders o join facilities f on f.id = o.facility_id where o.id in (${res.body.orderIds.join(",")})`,
      )
      .all() as { status: string; district: string; reportId: number | null; lines: number }[];
    expect(made.every((o) => o.status === "submitted" && o.district === "kati" && o.reportId !== null)).toBe(true);
    expect(made.reduce((s, o) => s + o.lines, 0)).toBe(res.body.lines);
    expect(
      count("select count(*) from orders o join facilities f on f.id = o.facility_id where f.district_id <> 'kati'"),
    ).toBe(0);
    expect(count("select count(*) from stock_movements")).toBe(ledger);
    const audit = JSON.parse(
      t.open.sqlite
        .prepare("select after_json from audit_log where action = 'order.cycle' order by id desc limit 1")
        .pluck()
        .get() as string,
    );
    expect(audit).toMatchObject({
      period: PERIOD,
      reports: kati,
      orders: res.body.orders,
      lines: res.body.lines,
      districtId: null,
    });
  });

  it("answers a retry with the same key as before, and a new run with nothing left to order", async () => {
    const orders = count("select count(*) from orders");
    const replay = await pharmacist
      .post("/api/v1/orders/cycle")
      .set("Idempotency-Key", "cycle-kati-1")
      .send({ period: PERIOD });
    expect(replay.status).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    const again = await pharmacist
      .post("/api/v1/orders/cycle")
      .set("Idempotency-Key", "cycle-kati-2")
      .send({ period: PERIOD });
    expect(again.body).toMatchObject({ reports: 0, orders: 0, lines: 0, orderIds: [] });
    expect(count("select count(*) from orders")).toBe(orders);
  });

  it("asks for a confirmation before ordering a past month for CSComs that already have orders for a later month", async () => {
    const september = "2026-09";
    const waiting = awaiting("kati", september);
    expect(waiting).toBeGreaterThan(0);
    const orders = count("select count(*) from orders");
    const keys = count("select count(*) from idempotency_keys");
    const refused = await pharmacist
      .post("/api/v1/orders/cycle")
      .set("Idempotency-Key", "cycle-kati-sep")
      .send({ period: september });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("confirmation_required");
    expect(refused.body.error.details).toMatchObject({
      laterPeriod: PERIOD,
      explain: { key: "later_orders", values: { period: september, laterPeriod: PERIOD } },
    });
    expect(refused.body.error.details.facilities).toBeGreaterThan(0);
    expect(count("select count(*) from orders")).toBe(orders);
    expect(count("select count(*) from idempotency_keys")).toBe(keys);

    const confirmed = await pharmacist
      .post("/api/v1/orders/cycle")
      .set("Idempotency-Key", "cycle-kati-sep-confirmed")
      .send({ period: september, confirmLaterOrders: true });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect(confirmed.body.reports).toBe(waiting);
    expect(awaiting("kati", september)).toBe(0);
  });

  it("refuses an area outside the scope like an unknown one and a malformed period, with the field, writing nothing", async () => {
    const orders = count("select count(*) from orders");
    const outside = await pharmacist
      .post("/api/v1/orders/cycle")
      .set("Idempotency-Key", "cycle-out")
      .send({ period: PERIOD, districtId: "mopti" });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.issues).toEqual([{ path: "districtId", message: "unknown district mopti" }]);
    const bad = await pharmacist
      .post("/api/v1/orders/cycle")
      .set("Idempotency-Key", "cycle-bad")
      .send({ period: "2026-13" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe("period");
    expect(count("select count(*) from orders")).toBe(orders);
  });

  it("runs over the whole country for the procurement officer", async () => {
    const left = count(
      "select count(*) from stock_reports r where r.period = ? and r.status = 'submitted' and not exists (select 1 from orders o where o.report_id = r.id)",
      PERIOD,
    );
    expect(left).toBeGreaterThan(0);
    const res = await officer
      .post("/api/v1/orders/cycle")
      .set("Idempotency-Key", "cycle-national")
      .send({ period: PERIOD });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.reports).toBe(left);
    expect(
      count(
        "select count(*) from stock_reports r where r.period = ? and r.status = 'submitted' and not exists (select 1 from orders o where o.report_id = r.id)",
        PERIOD,
      ),
    ).toBe(0);
  });
});
