/**
 * Two-step transfers through the API: the Kati depot sends stock to one of its CSComs (in transit on both sides,
 * nothing written at the receiver), the CSCom confirms receipt with a rejection (accepted stock enters its ledger,
 * rejected stock returns to the depot), exactly once under retries and concurrent receipts; destinations outside
 * the sender's supply lines, receipts by the wrong side and bad receipts change nothing.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { incomingAll } from "../../server/queries/inTransit";
import {
  balanceMismatches,
  DEMO_PASSWORD,
  ledgerSnapshot,
  makeTestApp,
  signIn,
  type TestContext,
} from "../helpers/app";

let t: TestContext;
let depotId: string;
let cscomId: string;
let siblingId: string;
let productId: number;
let storekeeper: TestAgent;
let cscom: TestAgent;
let key = 0;
const k = () => `transfer-test-${++key}`;

/** The ledger, the balances and every transfer row: what a refused request must leave as it was. */
function snapshot() {
  const q = (sql: string) => t.open.sqlite.prepare(sql).all();
  return {
    ...ledgerSnapshot(t.open),
    transfers: q("select id, status, received_at from stock_transfers order by id"),
    lots: q("select * from stock_transfer_lots order by id"),
  };
}

const position = async (agent: TestAgent, facilityId: string) => {
  const res = await agent.get(`/api/v1/facilities/${facilityId}/stock?includeEmpty=true`);
  expect(res.status).toBe(200);
  return res.body.items.find((i: { productId: number }) => i.productId === productId) as
    { stockOnHand: number; inTransitIn: number; inTransitOut: number } | undefined;
};

async function send(agent: TestAgent, quantity: number, to = cscomId) {
  return agent
    .post("/api/v1/stock/movements")
    .set("Idempotency-Key", k())
    .send({ type: "transfer", facilityId: depotId, toFacilityId: to, productId, quantity, reference: "BL-77" });
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 2, months: 2 });
  const one = (sql: string, ...args: unknown[]) =>
    t.open.sqlite
      .prepare(sql)
      .pluck()
      .get(...args);
  depotId = one("select scope_facility_id from users where username = 'magasin.kati'") as string;
  cscomId = one("select scope_facility_id from users where username = 'cscom.kati'") as string;
  siblingId = one(
    "select facility_id from supply_lines where supplier_id = ? and facility_id <> ? order by facility_id limit 1",
    depotId,
    cscomId,
  ) as string;
  productId = one(
    "select id from products where programme_code = 'cost_recovery' and id not in (select product_id from stock_balances where facility_id in (?, ?)) order by id limit 1",
    depotId,
    cscomId,
  ) as number;
  storekeeper = request.agent(t.app);
  await signIn(storekeeper, "magasin.kati", DEMO_PASSWORD);
  cscom = request.agent(t.app);
  await signIn(cscom, "cscom.kati", DEMO_PASSWORD);
  for (const [lotCode, expiry, quantity] of [
    ["TR-EARLY", "2027-09-30", 60],
    ["TR-LATE", "2028-09-30", 400],
  ] as const) {
    const res = await storekeeper
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", k())
      .send({ type: "receipt", facilityId: depotId, productId, lotCode, expiry, quantity });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});

describe("sending a transfer", () => {
  let transferId = 0;

  it("books transfer_out FEFO at the sender only, and shows the stock in transit on both sides", async () => {
    const receiverBefore = t.open.sqlite
      .prepare("select count(*) from stock_movements where facility_id = ?")
      .pluck()
      .get(cscomId);
    const res = await send(storekeeper, 100);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    transferId = res.body.transferId;
    expect(
      res.body.movements.map((m: { lotCode: string; qtyDelta: number; type: string }) => [
        m.type,
        m.lotCode,
        m.qtyDelta,
      ]),
    ).toEqual([
      ["transfer_out", "TR-EARLY", -60],
      ["transfer_out", "TR-LATE", -40],
    ]);
    expect(
      t.open.sqlite.prepare("select count(*) from stock_movements where facility_id = ?").pluck().get(cscomId),
    ).toBe(receiverBefore);
    expect(await position(storekeeper, depotId)).toMatchObject({ stockOnHand: 360, inTransitOut: 100, inTransitIn: 0 });
    expect(await position(cscom, cscomId)).toMatchObject({ stockOnHand: 0, inTransitIn: 100, inTransitOut: 0 });
    expect(incomingAll(t.open.sqlite).get(`${cscomId}|${productId}|cost_recovery`)).toBe(100);
  });

  it("lists the transfer out at the sender and in at the receiver, with its lots", async () => {
    const out = await storekeeper.get(`/api/v1/transfers?facilityId=${depotId}&direction=out&status=in_transit`);
    expect(out.status).toBe(200);
    expect(out.body.items.map((i: { id: number }) => i.id)).toContain(transferId);
    const inn = await cscom.get(`/api/v1/transfers?facilityId=${cscomId}&direction=in`);
    const item = inn.body.items.find((i: { id: number }) => i.id === transferId);
    expect(item).toMatchObject({
      status: "in_transit",
      fromFacilityId: depotId,
      toFacilityId: cscomId,
      quantity: 100,
      reference: "BL-77",
      lots: [
        { lotCode: "TR-EARLY", qty: 60, acceptedQty: null },
        { lotCode: "TR-LATE", qty: 40, acceptedQty: null },
      ],
    });
    // The receiver's list of transfers out of it does not show it.
    const none = await cscom.get(`/api/v1/transfers?facilityId=${cscomId}&direction=out`);
    expect(none.body.items.map((i: { id: number }) => i.id)).not.toContain(transferId);
  });

  it("offers as destinations only the facilities on the sender's supply lines", async () => {
    const res = await storekeeper.get(`/api/v1/facilities/${depotId}/transfer-destinations?programme=cost_recovery`);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(cscomId);
    expect(ids).not.toContain(depotId);
    const upstream = await cscom.get(`/api/v1/facilities/${cscomId}/transfer-destinations`);
    expect(upstream.body.items).toEqual([expect.objectContaining({ id: depotId, direction: "upstream" })]);
  });

  it("refuses a destination that is not on a supply line of the sender, and writes nothing", async () => {
    const before = snapshot();
    // The admin sees every facility: the router lets the sibling CSCom through, the command checks the supply line.
    const res = await t.agent
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", k())
      .send({ type: "transfer", facilityId: cscomId, toFacilityId: siblingId, productId, quantity: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.issues[0].path).toBe("toFacilityId");
    expect(snapshot()).toEqual(before);
  });

  it("lets no one but the receiver's side confirm receipt: the sender's storekeeper gets 404", async () => {
    const before = snapshot();
    const res = await storekeeper
      .post(`/api/v1/transfers/${transferId}/receive`)
      .set("Idempotency-Key", k())
      .send({ lots: lotIds().map((l) => ({ lotId: l.lot_id, acceptedQty: l.qty, rejectedQty: 0 })) });
    expect(res.status).toBe(404);
    expect(snapshot()).toEqual(before);
  });

  const lotIds = () =>
    t.open.sqlite
      .prepare("select lot_id, qty from stock_transfer_lots where transfer_id = ? order by lot_id")
      .all(transferId) as { lot_id: number; qty: number }[];

  it.each([
    [
      "a rejection without a reason",
      (l: { lot_id: number; qty: number }[]) => [
        { lotId: l[0]!.lot_id, acceptedQty: l[0]!.qty - 5, rejectedQty: 5 },
        { lotId: l[1]!.lot_id, acceptedQty: l[1]!.qty, rejectedQty: 0 },
      ],
      "lots.0.reason",
    ],
    [
      "accepted + rejected that do not add up to what was sent",
      (l: { lot_id: number; qty: number }[]) => [
        { lotId: l[0]!.lot_id, acceptedQty: l[0]!.qty - 1, rejectedQty: 0 },
        { lotId: l[1]!.lot_id, acceptedQty: l[1]!.qty, rejectedQty: 0 },
      ],
      "lots.0.acceptedQty",
    ],
    [
      "a lot left out",
      (l: { lot_id: number; qty: number }[]) => [{ lotId: l[0]!.lot_id, acceptedQty: l[0]!.qty, rejectedQty: 0 }],
      "lots",
    ],
    [
      "a lot that was not sent",
      (l: { lot_id: number; qty: number }[]) => [
        { lotId: l[0]!.lot_id, acceptedQty: l[0]!.qty, rejectedQty: 0 },
        { lotId: l[1]!.lot_id, acceptedQty: l[1]!.qty, rejectedQty: 0 },
        { lotId: 1, acceptedQty: 1, rejectedQty: 0 },
      ],
      "lots.2.lotId",
    ],
  ])("refuses a receipt with %s, naming the field, and writes nothing", async (_name, lots, path) => {
    const before = snapshot();
    const res = await cscom
      .post(`/api/v1/transfers/${transferId}/receive`)
      .set("Idempotency-Key", k())
      .send({ lots: lots(lotIds()) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(snapshot()).toEqual(before);
  });

  it("refuses a receipt dated in the future or before the transfer was sent, and writes nothing", async () => {
    const before = snapshot();
    const lots = lotIds().map((l) => ({ lotId: l.lot_id, acceptedQty: l.qty, rejectedQty: 0 }));
    for (const receivedAt of ["2026-11-15T10:00:00Z", "2026-11-01T10:00:00Z"]) {
      const res = await cscom
        .post(`/api/v1/transfers/${transferId}/receive`)
        .set("Idempotency-Key", k())
        .send({ lots, receivedAt });
      expect(res.status, receivedAt).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe("receivedAt");
    }
    expect(snapshot()).toEqual(before);
  });

  let receipt: { status: number; body: unknown };
  const receiveKey = "transfer-receive-once";

  it("receives with a rejection: accepted stock enters the receiver, rejected stock returns to the sender", async () => {
    const [early, late] = lotIds();
    const depotBefore = (await position(storekeeper, depotId))!.stockOnHand;
    const res = await cscom
      .post(`/api/v1/transfers/${transferId}/receive`)
      .set("Idempotency-Key", receiveKey)
      .send({
        lots: [
          { lotId: early!.lot_id, acceptedQty: 60, rejectedQty: 0 },
          { lotId: late!.lot_id, acceptedQty: 30, rejectedQty: 10, reason: "Cartons mouillés" },
        ],
      });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    receipt = { status: res.status, body: res.body };
    expect(res.body.transfer).toMatchObject({ status: "received", receivedAt: "2026-11-15T09:00:00.000Z" });
    expect(
      res.body.movements.map((m: { facilityId: string; type: string; qtyDelta: number; counterpartyId: string }) => [
        m.facilityId,
        m.type,
        m.qtyDelta,
        m.counterpartyId,
      ]),
    ).toEqual([
      [cscomId, "transfer_in", 60, depotId],
      [cscomId, "transfer_in", 30, depotId],
      [depotId, "transfer_in", 10, cscomId],
    ]);
    expect(res.body.movements[2].note).toContain("Cartons mouillés");
    expect(await position(cscom, cscomId)).toMatchObject({ stockOnHand: 90, inTransitIn: 0 });
    expect(await position(storekeeper, depotId)).toMatchObject({ stockOnHand: depotBefore + 10, inTransitOut: 0 });
    const audit = t.open.sqlite
      .prepare("select username, after_json from audit_log where action = 'transfer.receive' and object_id = ?")
      .get(String(transferId)) as { username: string; after_json: string };
    expect(audit.username).toBe("cscom.kati");
    expect(balanceMismatches(t.open)).toEqual([]);
  });

  it("answers a retried receipt with the first answer and writes nothing again", async () => {
    const before = snapshot();
    const [early, late] = lotIds();
    const res = await cscom
      .post(`/api/v1/transfers/${transferId}/receive`)
      .set("Idempotency-Key", receiveKey)
      .send({
        lots: [
          { lotId: early!.lot_id, acceptedQty: 60, rejectedQty: 0 },
          { lotId: late!.lot_id, acceptedQty: 30, rejectedQty: 10, reason: "Cartons mouillés" },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.headers["idempotent-replayed"]).toBe("true");
    expect(res.body).toEqual(receipt.body);
    expect(snapshot()).toEqual(before);
  });

  it("refuses to receive a transfer twice (another key), and writes nothing", async () => {
    const before = snapshot();
    const res = await cscom
      .post(`/api/v1/transfers/${transferId}/receive`)
      .set("Idempotency-Key", k())
      .send({ lots: lotIds().map((l) => ({ lotId: l.lot_id, acceptedQty: l.qty, rejectedQty: 0 })) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("invalid_transition");
    expect(snapshot()).toEqual(before);
  });
});

describe("concurrent receipts", () => {
  it("lets exactly one of several simultaneous receipts of one transfer through", async () => {
    const sent = await send(storekeeper, 25);
    expect(sent.status).toBe(201);
    const id = sent.body.transferId as number;
    const lots = (
      t.open.sqlite.prepare("select lot_id, qty from stock_transfer_lots where transfer_id = ?").all(id) as {
        lot_id: number;
        qty: number;
      }[]
    ).map((l) => ({ lotId: l.lot_id, acceptedQty: l.qty, rejectedQty: 0 }));
    const before = t.open.sqlite.prepare("select count(*) from stock_movements").pluck().get() as number;
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        cscom.post(`/api/v1/transfers/${id}/receive`).set("Idempotency-Key", `concurrent-${id}-${n}`).send({ lots }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    expect(t.open.sqlite.prepare("select count(*) from stock_movements").pluck().get()).toBe(before + lots.length);
    expect(
      t.open.sqlite
        .prepare("select coalesce(sum(qty_delta), 0) from stock_movements where reference = ? and type = 'transfer_in'")
        .pluck()
        .get(`Transfert #${id}`),
    ).toBe(25);
    expect(balanceMismatches(t.open)).toEqual([]);
  });
});

describe("the order cycle's stock in transit", () => {
  it("counts transfers on their way to the facility, as it counts orders shipped to it", async () => {
    const sent = await send(storekeeper, 35);
    expect(sent.status).toBe(201);
    // The product on the CSCom's October report: a receipt that month.
    const october = await cscom.post("/api/v1/stock/movements").set("Idempotency-Key", k()).send({
      type: "receipt",
      facilityId: cscomId,
      productId,
      lotCode: "TR-OCT",
      expiry: "2028-01-31",
      quantity: 12,
      occurredAt: "2026-10-10T08:00:00Z",
    });
    expect(october.status, JSON.stringify(october.body)).toBe(201);
    const report = await cscom
      .post("/api/v1/reports")
      .set("Idempotency-Key", k())
      .send({ facilityId: cscomId, period: "2026-10" });
    expect(report.status).toBe(201);
    expect((await cscom.post(`/api/v1/reports/${report.body.id}/submit`).set("Idempotency-Key", k())).status).toBe(200);
    const orders = await cscom
      .post("/api/v1/orders/from-report")
      .set("Idempotency-Key", k())
      .send({ reportId: report.body.id });
    expect(orders.status, JSON.stringify(orders.body)).toBe(201);
    const line = orders.body.orders
      .flatMap((o: { lines: { productId: number; inTransit: number }[] }) => o.lines)
      .find((l: { productId: number }) => l.productId === productId);
    expect(line.inTransit).toBe(35);
  });
});
