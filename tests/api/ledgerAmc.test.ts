/**
 * The AMC from the ledger is one rule (shared/domain/replenishment/consumption + server/queries/ledgerAmc): stock
 * positions, the national stock picture and free-care allocations must read the same window (the three complete
 * months before today, never the current one) and count the same movements (issues and transfers out). The
 * allocation copy once averaged the current month and issues only; these tests would have caught it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, TEST_NOW, type TestContext } from "../helpers/app";

let t: TestContext;
let cscomId: string;
let productId: number;
let key = 0;
const k = () => `ledger-amc-${++key}`;
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;

/** The product's AMC at the CSCom as each reader computes it. */
async function amcs(): Promise<{ position: number; picture: number; allocation: number }> {
  const stock = await t.agent.get(`/api/v1/facilities/${cscomId}/stock`);
  const position = stock.body.items.find((i: { productId: number }) => i.productId === productId)?.amc ?? 0;
  const status = await t.agent.get(`/api/v1/stock/status?productId=${productId}&districtId=kati`);
  const picture = status.body.items.find((i: { facilityId: string }) => i.facilityId === cscomId)?.amc ?? 0;
  const preview = await t.agent.post("/api/v1/allocations/preview").send({
    productId,
    sourceFacilityId: one<string>("select scope_facility_id from users where username = 'magasin.kati'"),
    districtId: "kati",
  });
  expect(preview.status).toBe(200);
  const allocation = preview.body.shares.find((s: { facilityId: string }) => s.facilityId === cscomId).amc;
  return { position, picture, allocation };
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 4, months: 6 });
  cscomId = one("select scope_facility_id from users where username = 'cscom.kati'");
  // A free-care product the CSCom holds (allocations push free-care products only).
  productId = one(
    `select b.product_id from stock_balances b join products p on p.id = b.product_id join programmes g on g.code = p.programme_code
     where b.facility_id = ? and g.kind = 'free_care' and b.qty_on_hand >= 40 group by b.product_id order by b.product_id limit 1`,
    cscomId,
  );
});

describe("the ledger AMC", () => {
  it("is the same for stock positions, the stock picture and allocations", async () => {
    const seen = await amcs();
    expect(seen.position).toBeGreaterThan(0);
    expect(seen).toEqual({ position: seen.position, picture: seen.position, allocation: seen.position });
  });

  it("leaves out this month's issues and counts a transfer out of a complete month, everywhere", async () => {
    const before = await amcs();
    const issue = await t.agent
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", k())
      .send({ type: "issue", facilityId: cscomId, productId, quantity: 30 });
    expect(issue.status).toBe(201);
    const sameMonth = await amcs();
    expect(sameMonth).toEqual(before);

    const lastMonth = new Date(Date.UTC(TEST_NOW.getUTCFullYear(), TEST_NOW.getUTCMonth() - 1, 20, 10)).toISOString();
    const transfer = await t.agent
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", k())
      .send({
        type: "transfer",
        facilityId: cscomId,
        // Back to its own depot: a transfer goes along a supply line of the product's programme.
        toFacilityId: one(
          `select s.supplier_id from supply_lines s join products p on p.programme_code = s.programme_code
          where s.facility_id = ? and p.id = ?`,
          cscomId,
          productId,
        ),
        productId,
        quantity: 9,
        occurredAt: lastMonth,
      });
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(201);
    const after = await amcs();
    expect(after.position).toBeGreaterThanOrEqual(before.position + 2);
    expect(after).toEqual({ position: after.position, picture: after.position, allocation: after.position });
  });
});
