/**
 * The ledger's time axis through the API: no line in the future (beyond the clock skew), none before the open
 * window — a CSCom's month closes with its submitted report, a depot's by an explicit close that cannot be
 * reopened, a product's past by its physical count — corrections dated now that say what they correct, and
 * backdated removals refused when any later running balance would go negative. Every refusal changes nothing.
 */
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_CLOCK_SKEW_MS } from "../../shared/domain/stock";
import { products } from "../../db/schema";
import { buildProduct } from "../helpers/factories";
import {
  demoAgent,
  facilityOf,
  idempotencyKeys,
  ledgerSnapshot,
  makeTestApp,
  scalar,
  TEST_NOW,
  type TestContext,
} from "../helpers/app";

let t: TestContext;
let depotId: string;
let cscomId: string;
let storekeeper: TestAgent;
let cscom: TestAgent;
const k = idempotencyKeys("time-axis");
const one = <T>(sql: string, ...args: unknown[]) => scalar<T>(t.open, sql, ...args);

/** The ledger, the balances, the closes and the counts. */
function snapshot() {
  return {
    ...ledgerSnapshot(t.open),
    closes: t.open.sqlite.prepare("select * from period_closes order by id").all(),
    counts: t.open.sqlite.prepare("select * from stock_counts order by id").all(),
  };
}

/** A new product of the catalogue, which no facility has ever held: each test controls its shelf. */
let fresh = 0;
function freshProduct(): number {
  const product = buildProduct({ code: `AXIS-P${++fresh}`, genericName: `Produit axe ${fresh}` });
  return t.open.db.insert(products).values(product).returning({ id: products.id }).get().id;
}

const move = (agent: TestAgent, body: object) =>
  agent.post("/api/v1/stock/movements").set("Idempotency-Key", k()).send(body);

/** Sends a movement that must be accepted (the answer in the message when it is not). */
async function created(agent: TestAgent, body: object) {
  const res = await move(agent, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res;
}

function receipt(facilityId: string, productId: number, occurredAt: string, quantity = 100, lotCode = "AXIS-1") {
  return { type: "receipt", facilityId, productId, lotCode, expiry: "2028-12-31", quantity, occurredAt };
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 2, months: 3 });
  depotId = facilityOf(t, "magasin.kati");
  cscomId = facilityOf(t, "cscom.kati");
  storekeeper = await demoAgent(t, "magasin.kati");
  cscom = await demoAgent(t, "cscom.kati");
});

describe("no line in the future", () => {
  it("accepts a line within the clock skew and refuses one beyond it, naming the field", async () => {
    const productId = freshProduct();
    const within = new Date(TEST_NOW.getTime() + MAX_CLOCK_SKEW_MS - 60_000).toISOString();
    await created(storekeeper, receipt(depotId, productId, within));
    const before = snapshot();
    const beyond = new Date(TEST_NOW.getTime() + MAX_CLOCK_SKEW_MS + 60_000).toISOString();
    const res = await move(storekeeper, receipt(depotId, productId, beyond));
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("occurredAt");
    expect(snapshot()).toEqual(before);
  });
});

describe("a CSCom's month closes when its report is submitted", () => {
  let productId: number;
  let octoberLine: number;

  beforeAll(async () => {
    productId = freshProduct();
    // An October line of the product at the CSCom, then the month's report, submitted.
    const res = await move(cscom, receipt(cscomId, productId, "2026-10-20T08:00:00Z", 50, "AXIS-OCT"));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    octoberLine = res.body.movements[0].id;
    const report = await cscom
      .post("/api/v1/reports")
      .set("Idempotency-Key", k())
      .send({ facilityId: cscomId, period: "2026-10" });
    expect(report.status).toBe(201);
    expect((await cscom.post(`/api/v1/reports/${report.body.id}/submit`).set("Idempotency-Key", k())).status).toBe(200);
  });

  it("answers the facility's window", async () => {
    const res = await cscom.get(`/api/v1/facilities/${cscomId}/ledger-window`);
    expect(res.body).toEqual({
      facilityId: cscomId,
      closedPeriod: "2026-10",
      closedBy: "report",
      openFrom: "2026-11-01",
    });
  });

  it("refuses every write dated in the closed month with period_closed and changes nothing", async () => {
    const lotId = one<number>("select id from lots where lot_code = 'AXIS-OCT'");
    const before = snapshot();
    for (const body of [
      receipt(cscomId, productId, "2026-10-31T23:00:00Z"),
      { type: "issue", facilityId: cscomId, productId, quantity: 1, occurredAt: "2026-10-25T08:00:00Z" },
      {
        type: "adjustment",
        facilityId: cscomId,
        lotId,
        reason: "loss",
        quantity: -1,
        occurredAt: "2026-09-25T08:00:00Z",
      },
    ]) {
      const res = await move(cscom, body);
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.error.code).toBe("period_closed");
      expect(res.body.error.details).toMatchObject({
        openFrom: "2026-11-01",
        closedBy: "report",
        closedPeriod: "2026-10",
      });
      expect(res.body.error.details.issues[0].path).toBe("occurredAt");
    }
    const count = await cscom
      .post("/api/v1/stock/counts")
      .set("Idempotency-Key", k())
      .send({ facilityId: cscomId, occurredAt: "2026-10-30T08:00:00Z", lines: [{ lotId, countedQty: 50 }] });
    expect(count.status).toBe(409);
    expect(count.body.error.code).toBe("period_closed");
    expect(snapshot()).toEqual(before);
  });

  it("accepts a correction dated now that says which closed line or report line it corrects", async () => {
    const lotId = one<number>("select id from lots where lot_code = 'AXIS-OCT'");
    const res = await move(cscom, {
      type: "adjustment",
      facilityId: cscomId,
      lotId,
      reason: "correction",
      quantity: -5,
      note: "5 comptés en trop sur la réception d'octobre",
      corrects: { movementId: octoberLine },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.movements[0]).toMatchObject({
      occurredAt: TEST_NOW.toISOString(),
      correctsMovementId: octoberLine,
      correctsReportLineId: null,
    });
    const reportLine = one<number>(
      "select l.id from stock_report_lines l join stock_reports r on r.id = l.report_id where r.facility_id = ? and r.period = '2026-10' and l.product_id = ?",
      cscomId,
      productId,
    );
    const byLine = await move(cscom, {
      type: "adjustment",
      facilityId: cscomId,
      lotId,
      reason: "correction",
      quantity: 2,
      corrects: { reportLineId: reportLine },
    });
    expect(byLine.status).toBe(201);
    expect(byLine.body.movements[0].correctsReportLineId).toBe(reportLine);
  });

  it("refuses a correction that points at another facility's or product's line, and writes nothing", async () => {
    const lotId = one<number>("select id from lots where lot_code = 'AXIS-OCT'");
    const elsewhere = one<number>("select id from stock_movements where facility_id = ? limit 1", depotId);
    const before = snapshot();
    for (const [corrects, path] of [
      [{ movementId: elsewhere }, "corrects.movementId"],
      [{ reportLineId: 99_999_999 }, "corrects.reportLineId"],
    ] as const) {
      const res = await move(cscom, {
        type: "adjustment",
        facilityId: cscomId,
        lotId,
        reason: "correction",
        quantity: 1,
        corrects,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe(path);
    }
    expect(snapshot()).toEqual(before);
  });
});

describe("a depot's month closes by an explicit close, never reopened", () => {
  it("closes a finished month, audited; lines dated in it are then refused", async () => {
    const productId = freshProduct();
    await created(storekeeper, receipt(depotId, productId, "2026-10-10T08:00:00Z", 40, "AXIS-DEP"));
    const res = await storekeeper
      .post(`/api/v1/facilities/${depotId}/periods/2026-10/close`)
      .set("Idempotency-Key", k());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ closedPeriod: "2026-10", closedBy: "close", openFrom: "2026-11-01" });
    expect(one<number>("select count(*) from audit_log where action = 'period.close' and object_id = ?", depotId)).toBe(
      1,
    );
    const before = snapshot();
    const lotId = one<number>("select id from lots where lot_code = 'AXIS-DEP'");
    const refused = await move(storekeeper, {
      type: "adjustment",
      facilityId: depotId,
      lotId,
      reason: "damage",
      quantity: -3,
      occurredAt: "2026-10-28T08:00:00Z",
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ closedBy: "close", closedPeriod: "2026-10" });
    expect(snapshot()).toEqual(before);
  });

  it("refuses to close a month already closed, a month not over, or a CSCom's month, and changes nothing", async () => {
    const before = snapshot();
    const again = await storekeeper
      .post(`/api/v1/facilities/${depotId}/periods/2026-09/close`)
      .set("Idempotency-Key", k());
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
    const early = await storekeeper
      .post(`/api/v1/facilities/${depotId}/periods/2026-11/close`)
      .set("Idempotency-Key", k());
    expect(early.status).toBe(400);
    expect(early.body.error.details.issues[0].path).toBe("period");
    const csc = await t.agent.post(`/api/v1/facilities/${cscomId}/periods/2026-09/close`).set("Idempotency-Key", k());
    expect(csc.status).toBe(409);
    const forbidden = await cscom
      .post(`/api/v1/facilities/${cscomId}/periods/2026-09/close`)
      .set("Idempotency-Key", k());
    expect(forbidden.status).toBe(403);
    expect(snapshot()).toEqual(before);
  });

  it("cannot be reopened, not even by the database's own hand", () => {
    expect(() => t.open.sqlite.prepare("delete from period_closes").run()).toThrow(/append-only/);
    expect(() => t.open.sqlite.prepare("update period_closes set period = '2026-01'").run()).toThrow(/append-only/);
  });
});

describe("a physical count closes the product's past", () => {
  it("refuses lines of the counted product dated before the count, not those of other products", async () => {
    const counted = freshProduct();
    await created(storekeeper, receipt(depotId, counted, "2026-11-03T08:00:00Z", 30, "AXIS-CNT"));
    const lotId = one<number>("select id from lots where lot_code = 'AXIS-CNT'");
    // A count that found nothing to correct still closes the past.
    const count = await storekeeper
      .post("/api/v1/stock/counts")
      .set("Idempotency-Key", k())
      .send({ facilityId: depotId, occurredAt: "2026-11-10T08:00:00Z", lines: [{ lotId, countedQty: 30 }] });
    expect(count.status).toBe(201);
    expect(count.body.movements).toEqual([]);
    expect(() => t.open.sqlite.prepare("delete from stock_counts").run()).toThrow(/append-only/);
    const before = snapshot();
    const refused = await move(storekeeper, receipt(depotId, counted, "2026-11-05T08:00:00Z", 10, "AXIS-CNT"));
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ closedBy: "count", openFrom: "2026-11-10T08:00:00.000Z" });
    expect(snapshot()).toEqual(before);
    const other = freshProduct();
    await created(storekeeper, receipt(depotId, other, "2026-11-05T08:00:00Z", 10, "AXIS-OTHER"));
  });

  it("counts against the book quantity at the count's date, not today's", async () => {
    const productId = freshProduct();
    await created(storekeeper, receipt(depotId, productId, "2026-11-02T08:00:00Z", 100, "AXIS-BOOK"));
    const lotId = one<number>("select id from lots where lot_code = 'AXIS-BOOK'");
    // Today: 100 + 50 received on the 12th. A count on the 8th finds 96: four missing then.
    await created(storekeeper, { ...receipt(depotId, productId, "2026-11-12T08:00:00Z", 50, "AXIS-BOOK") });
    const res = await storekeeper
      .post("/api/v1/stock/counts")
      .set("Idempotency-Key", k())
      .send({ facilityId: depotId, occurredAt: "2026-11-08T08:00:00Z", lines: [{ lotId, countedQty: 96 }] });
    expect(res.status).toBe(201);
    expect(res.body.movements).toEqual([expect.objectContaining({ reason: "count", qtyDelta: -4, balanceAfter: 146 })]);
  });
});

describe("a backdated removal may not make any later balance negative", () => {
  let productId: number;
  let lotId: number;
  beforeAll(async () => {
    productId = freshProduct();
    // 100 on the 3rd, −80 on the 8th, +200 on the 12th: 20 is all that can leave on the 5th.
    await created(storekeeper, receipt(depotId, productId, "2026-11-03T08:00:00Z", 100, "AXIS-BACK"));
    lotId = one<number>("select id from lots where lot_code = 'AXIS-BACK'");
    await created(storekeeper, {
      type: "issue",
      facilityId: depotId,
      productId,
      quantity: 80,
      occurredAt: "2026-11-08T08:00:00Z",
    });
    await created(storekeeper, receipt(depotId, productId, "2026-11-12T08:00:00Z", 200, "AXIS-BACK"));
  });

  it("refuses a removal on the 5th that today's balance (220) would allow but the 8th's would not", async () => {
    const before = snapshot();
    for (const body of [
      { type: "issue", facilityId: depotId, productId, lotId, quantity: 30, occurredAt: "2026-11-05T08:00:00Z" },
      { type: "issue", facilityId: depotId, productId, quantity: 30, occurredAt: "2026-11-05T08:00:00Z" },
      {
        type: "adjustment",
        facilityId: depotId,
        lotId,
        reason: "theft",
        quantity: -30,
        occurredAt: "2026-11-05T08:00:00Z",
      },
    ]) {
      const res = await move(storekeeper, body);
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.error.code).toBe("insufficient_stock");
      expect(res.body.error.details.issues[0].path).toBe("quantity");
    }
    expect(snapshot()).toEqual(before);
  });

  it("accepts what every later balance allows, and the stock card's balances follow the dates, never negative", async () => {
    const res = await move(storekeeper, {
      type: "issue",
      facilityId: depotId,
      productId,
      quantity: 20,
      occurredAt: "2026-11-05T08:00:00Z",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const card = await storekeeper.get(`/api/v1/facilities/${depotId}/stock/${productId}/card`);
    expect(
      card.body.items.map((l: { qtyDelta: number; balanceAfter: number }) => [l.qtyDelta, l.balanceAfter]),
    ).toEqual([
      [100, 100],
      [-20, 80],
      [-80, 0],
      [200, 200],
    ]);
    expect(card.body.items.at(-1).productBalanceAfter).toBe(card.body.stockOnHand);
  });

  it("refuses a backdated count whose difference would make a later balance negative", async () => {
    // On the 6th the book says 80; a count of 50 there (−30) would leave the 8th at −30.
    const before = snapshot();
    const res = await storekeeper
      .post("/api/v1/stock/counts")
      .set("Idempotency-Key", k())
      .send({ facilityId: depotId, occurredAt: "2026-11-06T08:00:00Z", lines: [{ lotId, countedQty: 50 }] });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "insufficient_stock", details: { availableAt: 0, shortfall: 30 } });
    expect(snapshot()).toEqual(before);
  });
});
