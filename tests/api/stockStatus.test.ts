/**
 * The national stock picture (GET /stock/status): each facility's status is checked against its stock and AMC
 * recomputed here straight from the tables, the list is narrowed to the user's scope, and bad input is refused.
 */
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { StockStatusSchema, type FacilityStockStatus } from "../../shared/contracts/stock";
import { DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let productId = 0;

/** min / max months of stock per level, as written in PRODUCT.md §3 (the seeded defaults). */
const BANDS: Record<string, { min: number; max: number }> = {
  cscom: { min: 1, max: 3 },
  district: { min: 2, max: 4 },
  regional: { min: 3, max: 6 },
  central: { min: 6, max: 12 },
};

/** Stock, AMC and status of one facility recomputed with plain SQL, one facility at a time. */
function expected(
  facilityId: string,
  level: string,
): { stockOnHand: number; amc: number; status: string; amcSource: string } {
  const db = t.open.sqlite;
  const soh = Number(
    db
      .prepare("select coalesce(sum(qty_on_hand), 0) from stock_balances where facility_id = ? and product_id = ?")
      .pluck()
      .get(facilityId, productId),
  );
  const reported = db
    .prepare(
      `select sum(l.amc) from stock_report_lines l join stock_reports r on r.id = l.report_id
       where r.facility_id = ? and l.product_id = ? and r.status = 'submitted' and l.amc is not null
       group by r.period order by r.period desc limit 1`,
    )
    .pluck()
    .get(facilityId, productId) as number | undefined;
  // TEST_NOW is 2026-11-15: the three complete months are August, September and October 2026.
  const out =
    Number(
      db
        .prepare(
          "select coalesce(-sum(qty_delta), 0) from stock_movements where facility_id = ? and product_id = ? and type in ('issue', 'transfer_out') and occurred_at >= '2026-08-01' and occurred_at < '2026-11-01'",
        )
        .pluck()
        .get(facilityId, productId),
    ) +
    // A depot's deliveries recorded before go-live as receipts at the facilities it supplies.
    Number(
      db
        .prepare(
          "select coalesce(sum(qty_delta), 0) from stock_movements where counterparty_id = ? and product_id = ? and type = 'receipt' and occurred_at >= '2026-08-01' and occurred_at < '2026-11-01'",
        )
        .pluck()
        .get(facilityId, productId),
    );
  const own = reported ?? Math.ceil(out / 3);
  // A depot with no AMC of its own: the sum of the AMCs of the facilities it supplies for the product's programme.
  const below: number =
    own === 0 && level !== "cscom" ? suppliedBy(facilityId).reduce((s, c) => s + expected(c.id, c.level).amc, 0) : 0;
  const amc = below > 0 ? below : own;
  const band = BANDS[level]!;
  const mos = amc > 0 ? soh / amc : null;
  const status =
    soh === 0 ? "stockout" : mos === null ? "unknown" : mos < band.min ? "under" : mos > band.max ? "over" : "adequate";
  return {
    stockOnHand: soh,
    amc,
    status,
    amcSource: below > 0 ? "downstream" : reported === undefined ? "ledger" : "report",
  };
}

/** The facilities a facility supplies with the product's programme. */
function suppliedBy(facilityId: string): { id: string; level: string }[] {
  return t.open.sqlite
    .prepare(
      "select f.id, f.level from supply_lines s join facilities f on f.id = s.facility_id join products p on p.programme_code = s.programme_code where s.supplier_id = ? and p.id = ?",
    )
    .all(facilityId, productId) as { id: string; level: string }[];
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 6, months: 6, reportMonths: 2 });
  productId = Number(t.open.sqlite.prepare("select id from products where code = 'MAL-AL-20120-6'").pluck().get());
});

describe("GET /stock/status", () => {
  it("gives every facility the status of its own stock and AMC, with indicators that add up", async () => {
    const started = performance.now();
    const res = await t.agent.get(`/api/v1/stock/status?productId=${productId}`);
    const ms = performance.now() - started;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = StockStatusSchema.parse(res.body);
    expect(ms).toBeLessThan(2000);
    expect(body.items.length).toBeGreaterThan(10);
    const levels = new Set(body.items.map((i) => i.level));
    expect([...levels]).toEqual(expect.arrayContaining(["cscom", "district", "regional"]));
    // Every source of the AMC occurs: CSComs with submitted reports, district depots from their ledger, the warehouses above from the districts they supply.
    expect(new Set(body.items.map((i) => i.amcSource))).toEqual(new Set(["report", "ledger", "downstream"]));
    expect(body.items.filter((i) => i.level === "regional" && i.amc > 0).length).toBeGreaterThan(0);
    for (const item of body.items) {
      const e = expected(item.facilityId, item.level);
      expect(
        { stockOnHand: item.stockOnHand, amc: item.amc, status: item.status, amcSource: item.amcSource },
        item.facilityId,
      ).toEqual(e);
      expect(item.monthsOfStock).toBe(e.amc > 0 ? Math.round((e.stockOnHand / e.amc) * 100) / 100 : null);
    }
    const count = (pred: (i: FacilityStockStatus) => boolean) => body.items.filter(pred).length;
    expect(body.indicators.facilities).toBe(body.items.length);
    for (const s of ["stockout", "under", "adequate", "over", "unknown"] as const) {
      expect(body.indicators.byStatus[s]).toBe(count((i) => i.status === s));
      expect(body.indicators.byLevel.cscom[s]).toBe(count((i) => i.status === s && i.level === "cscom"));
    }
    const cscoms = count((i) => i.level === "cscom");
    expect(body.indicators.cscomStockoutShare).toBeCloseTo(
      count((i) => i.level === "cscom" && i.status === "stockout") / cscoms,
      3,
    );
  });

  it("counts a stock-out as soon as a facility's stock of the product reaches zero", async () => {
    const row = t.open.sqlite
      .prepare(
        "select facility_id from stock_balances b join facilities f on f.id = b.facility_id where f.level = 'cscom' and b.product_id = ? and b.qty_on_hand > 0 limit 1",
      )
      .get(productId) as { facility_id: string };
    t.open.sqlite
      .prepare("update stock_balances set qty_on_hand = 0 where facility_id = ? and product_id = ?")
      .run(row.facility_id, productId);
    const res = await t.agent.get(`/api/v1/stock/status?productId=${productId}`);
    const item = (res.body.items as FacilityStockStatus[]).find((i) => i.facilityId === row.facility_id)!;
    expect(item.stockOnHand).toBe(0);
    expect(item.status).toBe("stockout");
  });

  it("shows a district pharmacist only the facilities of the district, and narrows by region and district", async () => {
    const agent = request.agent(t.app);
    await signIn(agent, "pharmacien.kati", DEMO_PASSWORD);
    const kati = StockStatusSchema.parse((await agent.get(`/api/v1/stock/status?productId=${productId}`)).body);
    expect(kati.items.length).toBeGreaterThan(0);
    expect(kati.items.every((i) => i.districtId === "kati")).toBe(true);
    const katiAll = t.open.sqlite
      .prepare(
        "select count(*) from facilities f where district_id = 'kati' and level in ('district', 'cscom') and exists (select 1 from stock_balances b where b.facility_id = f.id and b.product_id = ?)",
      )
      .pluck()
      .get(productId);
    expect(kati.items.length).toBe(katiAll);
    // Asking for another region does not widen the scope: it answers like an unknown region.
    const mopti = await agent.get(`/api/v1/stock/status?productId=${productId}&regionId=mopti`);
    expect(mopti.status).toBe(404);
    expect(mopti.body.error.code).toBe("not_found");

    const national = StockStatusSchema.parse(
      (await t.agent.get(`/api/v1/stock/status?productId=${productId}&regionId=koulikoro`)).body,
    );
    expect(national.items.length).toBeGreaterThan(kati.items.length);
    expect(national.items.every((i) => i.regionId === "koulikoro")).toBe(true);
    const district = StockStatusSchema.parse(
      (await t.agent.get(`/api/v1/stock/status?productId=${productId}&districtId=kati`)).body,
    );
    expect(district.items.map((i) => i.facilityId)).toEqual(kati.items.map((i) => i.facilityId));
  });

  it("refuses a missing, malformed or unknown product with the field's path", async () => {
    for (const query of ["", "productId=abc", "productId=-1", "productId=999999"]) {
      const res = await t.agent.get(`/api/v1/stock/status?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(
        res.body.error.details.issues.map((i: { path: string }) => i.path),
        query,
      ).toContain("productId");
    }
    const extra = await t.agent.get(`/api/v1/stock/status?productId=${productId}&bogus=1`);
    expect(extra.status).toBe(400);
  });
});
