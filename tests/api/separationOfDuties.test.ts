/**
 * Separation of duties that fits the month (README, "District pharmacist"): the CSComs submit their
 * reports, the district pharmacist runs the month's order cycle, then reviews and approves those
 * orders. The orders are submitted by whoever submitted each report — never by the one who ran the
 * cycle — so the pharmacist may approve them, and the submitter of a report may not approve its order.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let pharmacist: TestAgent;
let cscom: TestAgent;
let cscomId: string;
let paperCscomId: string;
const PERIOD = "2026-10";
let key = 0;
const k = () => `separation-${++key}`;
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const userId = (username: string) => one<number>("select id from users where username = ?", username);
const orderRow = (id: number) =>
  t.open.sqlite
    .prepare(
      "select status, submitted_by submittedBy, approved_by approvedBy, created_by createdBy from orders where id = ?",
    )
    .get(id) as { status: string; submittedBy: number | null; approvedBy: number | null; createdBy: number | null };

async function agentFor(username: string): Promise<TestAgent> {
  const agent = request.agent(t.app);
  await signIn(agent, username, DEMO_PASSWORD);
  return agent;
}

/** Creates and submits a facility's report of PERIOD as `who`; returns its id. */
async function submitReport(who: TestAgent, facilityId: string): Promise<number> {
  const created = await who.post("/api/v1/reports").set("Idempotency-Key", k()).send({ facilityId, period: PERIOD });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await who.post(`/api/v1/reports/${created.body.id}/submit`).set("Idempotency-Key", k());
  expect(submitted.status).toBe(200);
  return created.body.id;
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 4 });
  pharmacist = await agentFor("pharmacien.kati");
  cscom = await agentFor("cscom.kati");
  cscomId = one("select scope_facility_id from users where username = 'cscom.kati'");
  // Another CSCom of Kati, which starts in Fura with an opening stock and whose paper report the
  // pharmacist types in and submits.
  paperCscomId = one(
    "select id from facilities where level = 'cscom' and district_id = 'kati' and id <> ? order by id limit 1",
    cscomId,
  );
  const productId = one<number>("select id from products where programme_code = 'cost_recovery' order by id limit 1");
  const opening = await t.agent.post("/api/v1/stock/movements").set("Idempotency-Key", k()).send({
    type: "receipt",
    facilityId: paperCscomId,
    productId,
    lotCode: "OUVERTURE-2",
    expiry: "2028-06-30",
    quantity: 200,
    occurredAt: "2026-09-01T08:00:00Z",
  });
  expect(opening.status, JSON.stringify(opening.body)).toBe(201);
  expect(paperCscomId).toBeTruthy();
});

describe("the district pharmacist's month", () => {
  let cycleOrders: number[] = [];
  let ownReport = 0;
  let paperReport = 0;

  it("runs the cycle over the reports submitted by the CSComs; their orders are submitted by the reports' submitters", async () => {
    ownReport = await submitReport(cscom, cscomId);
    paperReport = await submitReport(pharmacist, paperCscomId);
    const res = await pharmacist.post("/api/v1/orders/cycle").set("Idempotency-Key", k()).send({ period: PERIOD });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    cycleOrders = res.body.orderIds;
    const byReport = (reportId: number) =>
      t.open.sqlite.prepare("select id from orders where report_id = ?").pluck().all(reportId) as number[];
    expect(byReport(ownReport).length).toBeGreaterThan(0);
    expect(byReport(paperReport).length).toBeGreaterThan(0);
    for (const id of byReport(ownReport))
      expect(orderRow(id)).toMatchObject({
        status: "submitted",
        submittedBy: userId("cscom.kati"),
        createdBy: userId("pharmacien.kati"),
      });
    for (const id of byReport(paperReport))
      expect(orderRow(id)).toMatchObject({ status: "submitted", submittedBy: userId("pharmacien.kati") });
    // The order says where its submission comes from.
    const order = await pharmacist.get(`/api/v1/orders/${byReport(ownReport)[0]}`);
    expect(order.body.events[0]).toMatchObject({
      toStatus: "submitted",
      changes: { fromReport: ownReport, submittedBy: userId("cscom.kati") },
    });
    expect(cycleOrders).toEqual(expect.arrayContaining([...byReport(ownReport), ...byReport(paperReport)]));
  });

  it("lets the pharmacist who ran the cycle approve a CSCom's order, changing a quantity with a reason", async () => {
    const id = one<number>("select id from orders where report_id = ? order by id limit 1", ownReport);
    const order = (await pharmacist.get(`/api/v1/orders/${id}`)).body;
    const line = order.lines[0];
    const res = await pharmacist
      .post(`/api/v1/orders/${id}/approve`)
      .set("Idempotency-Key", k())
      .send({
        lines: [{ lineId: line.id, approvedQty: line.requestedQty + line.packSize, reason: "Saison des pluies" }],
      });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.order.status).toBe("approved");
    expect(orderRow(id)).toMatchObject({ status: "approved", approvedBy: userId("pharmacien.kati") });
  });

  it("refuses the approval to whoever submitted the report, and to a CSCom manager, changing nothing", async () => {
    const id = one<number>("select id from orders where report_id = ? order by id limit 1", paperReport);
    const before = orderRow(id);
    const own = await pharmacist.post(`/api/v1/orders/${id}/approve`).set("Idempotency-Key", k()).send({});
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("separation_of_duties");
    const reject = await pharmacist
      .post(`/api/v1/orders/${id}/reject`)
      .set("Idempotency-Key", k())
      .send({ reason: "Quantités à revoir" });
    expect(reject.body.error.code).toBe("separation_of_duties");
    const cscomOrder = one<number>("select id from orders where report_id = ? order by id limit 1", ownReport);
    const byCscom = await cscom.post(`/api/v1/orders/${cscomOrder}/approve`).set("Idempotency-Key", k()).send({});
    expect(byCscom.status).toBe(403);
    expect(orderRow(id)).toEqual(before);
    // Someone else with the right may approve it: the procurement officer.
    const officer = await agentFor("ppm.achats");
    expect((await officer.post(`/api/v1/orders/${id}/approve`).set("Idempotency-Key", k()).send({})).status).toBe(200);
  });

  it("keeps the same rule on an emergency order: the CSCom submits it, the pharmacist approves it", async () => {
    // A product the CSCom consumes runs out (every lot lost): it is now at its emergency order point.
    const productId = one<number>(
      `select l.product_id from order_lines l join orders o on o.id = l.order_id
        where o.report_id = ? and l.amc > 0 and l.funding_source = 'cost_recovery' order by l.product_id limit 1`,
      ownReport,
    );
    const lots = t.open.sqlite
      .prepare(
        "select lot_id lotId, qty_on_hand qty from stock_balances where facility_id = ? and product_id = ? and qty_on_hand > 0",
      )
      .all(cscomId, productId) as { lotId: number; qty: number }[];
    for (const lot of lots) {
      const lost = await t.agent
        .post("/api/v1/stock/movements")
        .set("Idempotency-Key", k())
        .send({ type: "adjustment", facilityId: cscomId, lotId: lot.lotId, reason: "loss", quantity: -lot.qty });
      expect(lost.status, JSON.stringify(lost.body)).toBe(201);
    }
    const created = await cscom
      .post("/api/v1/orders/emergency")
      .set("Idempotency-Key", k())
      .send({ facilityId: cscomId });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.orders[0].id as number;
    expect(orderRow(id).submittedBy).toBeNull();
    expect((await cscom.post(`/api/v1/orders/${id}/submit`).set("Idempotency-Key", k())).status).toBe(200);
    expect(orderRow(id).submittedBy).toBe(userId("cscom.kati"));
    const res = await pharmacist.post(`/api/v1/orders/${id}/approve`).set("Idempotency-Key", k()).send({});
    expect(res.status).toBe(200);
  });
});
