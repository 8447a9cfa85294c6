/**
 * Indicators, facility history and consumption series on a small handmade network whose every figure is
 * worked out by hand below (2 regions, 3 districts, 10 facilities, 3 products, a few ledger lines, reports and
 * orders), as each role sees it; areas outside the scope answer 404; bad input is refused with its field.
 *
 * Network (supply lines for every programme):  ppm ← reg-nord ← dep-a ← cs-a1, cs-a2, cs-a3
 *                                                           ← dep-b ← cs-b1
 *                                              ppm ← reg-sud  ← dep-c ← cs-c1
 * Products (tracer basket set to ACT and AMOX): ACT 100 FCFA/unit (malaria), AMOX 10 (cost recovery), GANT 50.
 * "Now" is 2026-11-15: AMC months Aug–Oct 2026, reporting period 2026-10, expiry horizon 2027-05-15.
 */
import pino from "pino";
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { openDb, type OpenDb } from "../../db/client";
import { FUNDING_SOURCES, PROGRAMMES } from "../../db/seed/reference";
import { createApp } from "../../server/app";
import { hashPassword } from "../../server/auth/password";
import {
  ConsumptionSeriesSchema,
  FacilityHistorySchema,
  IndicatorsSchema,
  type Indicators,
} from "../../shared/contracts/indicators";
import { signIn, TEST_NOW } from "../helpers/app";

const PASSWORD = "fixture-password-1";
let open: OpenDb;
let app: ReturnType<typeof createApp>;
const agents: Record<string, TestAgent> = {};
const product: Record<"ACT" | "AMOX" | "GANT", number> = { ACT: 0, AMOX: 0, GANT: 0 };
const lot: Record<string, number> = {};

/** Geography, products, lots and users of the fixture. */
function buildReference(db: OpenDb["sqlite"]) {
  const ins = (sql: string, ...rows: unknown[][]) => {
    const st = db.prepare(sql);
    for (const r of rows) st.run(...r);
  };
  ins(
    "insert into programmes (code, name_fr, name_en, kind) values (?, ?, ?, ?)",
    ...PROGRAMMES.map((p) => [p.code, p.nameFr, p.nameEn, p.kind]),
  );
  ins(
    "insert into funding_sources (code, name_fr, name_en, programme_code) values (?, ?, ?, ?)",
    ...FUNDING_SOURCES.map((f) => [f.code, f.nameFr, f.nameEn, f.programmeCode]),
  );
  ins(
    "insert into regions (id, name, capital, capital_lat, capital_lon, source) values (?, ?, ?, 12, -8, 'test')",
    ["r-nord", "Nord", "N"],
    ["r-sud", "Sud", "S"],
  );
  ins(
    "insert into districts (id, name, region_id, source) values (?, ?, ?, 'test')",
    ["d-a", "A", "r-nord"],
    ["d-b", "B", "r-nord"],
    ["d-c", "C", "r-sud"],
  );
  const facilities: [string, string, string, string | null, string | null][] = [
    ["ppm", "central", "r-nord", null, null],
    ["reg-nord", "regional", "r-nord", null, "ppm"],
    ["reg-sud", "regional", "r-sud", null, "ppm"],
    ["dep-a", "district", "r-nord", "d-a", "reg-nord"],
    ["dep-b", "district", "r-nord", "d-b", "reg-nord"],
    ["dep-c", "district", "r-sud", "d-c", "reg-sud"],
    ["cs-a1", "cscom", "r-nord", "d-a", "dep-a"],
    ["cs-a2", "cscom", "r-nord", "d-a", "dep-a"],
    ["cs-a3", "cscom", "r-nord", "d-a", "dep-a"],
    ["cs-b1", "cscom", "r-nord", "d-b", "dep-b"],
    ["cs-c1", "cscom", "r-sud", "d-c", "dep-c"],
  ];
  ins(
    "insert into facilities (id, name, level, region_id, district_id, lat, lon, source) values (?, ?, ?, ?, ?, 12, -8, 'test')",
    ...facilities.map(([id, level, r, d]) => [id, `F ${id}`, level, r, d]),
  );
  ins(
    "insert into supply_lines (facility_id, programme_code, supplier_id) values (?, ?, ?)",
    ...facilities.filter((f) => f[4]).flatMap((f) => PROGRAMMES.map((p) => [f[0], p.code, f[4]])),
  );
  const addProduct = (code: string, programme: string, packSize: number, price: number) =>
    Number(
      db
        .prepare(
          `insert into products (code, generic_name, form, strength, base_unit, pack_size, pack_rounding_threshold, round_to_zero, ven, programme_code, category, cold_chain, price_per_pack_xof, pack_weight_g, pack_volume_cm3)
                  values (?, ?, 'comprimé', '1', 'unité', ?, 0, 0, 'V', ?, 'test', 0, ?, 10, 10) returning id`,
        )
        .pluck()
        .get(code, `Produit ${code}`, packSize, programme, price),
    );
  product.ACT = addProduct("TR-ACT", "malaria", 30, 3000);
  product.AMOX = addProduct("TR-AMOX", "cost_recovery", 100, 1000);
  product.GANT = addProduct("NT-GANT", "cost_recovery", 10, 500);
  db.prepare("insert into settings (key, value) values ('indicators.tracer_products', ?)").run(
    JSON.stringify(["TR-ACT", "TR-AMOX"]),
  );
  const addLot = (name: string, p: number, expiry: string) =>
    (lot[name] = Number(
      db
        .prepare("insert into lots (product_id, lot_code, expiry) values (?, ?, ?) returning id")
        .pluck()
        .get(p, name, expiry),
    ));
  addLot("ACT-OLD", product.ACT, "2026-10-31");
  addLot("ACT", product.ACT, "2027-02-28");
  addLot("ACT-LONG", product.ACT, "2028-06-30");
  addLot("AMOX", product.AMOX, "2028-01-31");
  addLot("GANT", product.GANT, "2027-01-31");
  const hash = hashPassword(PASSWORD);
  ins(
    "insert into users (username, display_name, password_hash, role, scope_region_id, scope_district_id, created_at) values (?, ?, ?, ?, ?, ?, '2026-01-01')",
    ["officer", "Officer", hash, "procurement_officer", null, null],
    ["nord", "Nord", hash, "regional_manager", "r-nord", null],
    ["pharma-a", "Pharma A", hash, "district_pharmacist", "r-nord", "d-a"],
    ["driver", "Driver", hash, "driver", "r-nord", "d-a"],
  );
}

/** Ledger lines with their balances (per facility × lot), written as the ledger would. */
function buildLedger(db: OpenDb["sqlite"]) {
  const balances = new Map<
    string,
    { qty: number; last: number; facility: string; lotId: number; productId: number; fund: string }
  >();
  const fundOf = (p: number) => (p === product.ACT ? "malaria" : "cost_recovery");
  const move = (
    facility: string,
    p: number,
    lotName: string,
    type: string,
    delta: number,
    at: string,
    counterparty: string | null = null,
    reason: string | null = null,
  ) => {
    const key = `${facility}|${lot[lotName]}`;
    const b = balances.get(key) ?? { qty: 0, last: 0, facility, lotId: lot[lotName]!, productId: p, fund: fundOf(p) };
    b.qty += delta;
    b.last = Number(
      db
        .prepare(
          `insert into stock_movements (facility_id, product_id, lot_id, funding_source, type, reason, qty_delta, balance_after, occurred_at, recorded_at, counterparty_id, batch_id)
                  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
        )
        .pluck()
        .get(
          facility,
          p,
          lot[lotName],
          b.fund,
          type,
          reason,
          delta,
          b.qty,
          `${at}T08:00:00.000Z`,
          `${at}T08:00:00.000Z`,
          counterparty,
          `b${balances.size}-${at}-${facility}`,
        ),
    );
    balances.set(key, b);
  };
  const { ACT, AMOX, GANT } = product;
  // CSComs: deliveries recorded as receipts from their depot, monthly issues.
  move("cs-a1", ACT, "ACT", "receipt", 120, "2026-07-01", "dep-a");
  for (const d of ["2026-08-31", "2026-09-30", "2026-10-31"]) move("cs-a1", ACT, "ACT", "issue", -30, d);
  move("cs-a1", AMOX, "AMOX", "receipt", 200, "2026-08-05", "dep-a");
  for (const d of ["2026-08-31", "2026-09-30", "2026-10-31"]) move("cs-a1", AMOX, "AMOX", "issue", -50, d);
  move("cs-a2", ACT, "ACT-OLD", "receipt", 20, "2026-06-01", "dep-a");
  move("cs-a2", ACT, "ACT-OLD", "issue", -12, "2026-08-31");
  move("cs-b1", ACT, "ACT", "receipt", 60, "2026-09-01", "dep-b");
  move("cs-b1", ACT, "ACT", "issue", -60, "2026-10-31");
  move("cs-b1", GANT, "GANT", "receipt", 10, "2026-09-10", "dep-b");
  move("cs-c1", ACT, "ACT-LONG", "receipt", 40, "2026-08-10", "dep-c");
  move("cs-c1", ACT, "ACT-LONG", "issue", -10, "2026-09-30");
  // Depots and warehouses: opening stock; reg-sud handed all its ACT to dep-c before the AMC months.
  move("dep-a", ACT, "ACT", "receipt", 200, "2026-07-01");
  move("dep-a", ACT, "ACT-LONG", "receipt", 100, "2026-07-01");
  move("dep-a", AMOX, "AMOX", "receipt", 400, "2026-07-01");
  move("dep-b", ACT, "ACT-LONG", "receipt", 100, "2026-07-01");
  move("dep-b", GANT, "GANT", "receipt", 50, "2026-07-01");
  move("dep-c", ACT, "ACT", "receipt", 30, "2026-07-01");
  move("reg-sud", ACT, "ACT", "receipt", 50, "2026-07-01");
  move("reg-sud", ACT, "ACT", "transfer_out", -50, "2026-07-15", "dep-c");
  move("dep-c", ACT, "ACT", "transfer_in", 50, "2026-07-15", "reg-sud");
  move("reg-nord", ACT, "ACT-LONG", "receipt", 600, "2026-07-01");
  move("ppm", ACT, "ACT-LONG", "receipt", 2000, "2026-07-01");
  const bal = db.prepare(
    "insert into stock_balances (facility_id, lot_id, funding_source, product_id, qty_on_hand, last_movement_id) values (?, ?, ?, ?, ?, ?)",
  );
  for (const b of balances.values()) bal.run(b.facility, b.lotId, b.fund, b.productId, b.qty, b.last);
}

/** Reports of 2026-10 (and one of 2026-09) and orders of the last months. */
function buildReportsAndOrders(db: OpenDb["sqlite"]) {
  const report = (facility: string, period: string, status: string, onTime: number | null) =>
    Number(
      db
        .prepare(
          "insert into stock_reports (facility_id, period, status, source, due_date, submitted_at, on_time, created_at) values (?, ?, ?, 'ledger', ?, ?, ?, '2026-11-01') returning id",
        )
        .pluck()
        .get(facility, period, status, `${period}-28`, status === "submitted" ? "2026-11-05" : null, onTime),
    );
  const line = (reportId: number, p: number, amc: number | null) =>
    db
      .prepare(
        "insert into stock_report_lines (report_id, product_id, funding_source, days, opening, received, consumed, adjustments, closing, stockout_days, mismatch, amc) values (?, ?, 'malaria', 31, 0, 0, 0, 0, 0, 0, 0, ?)",
      )
      .run(reportId, p, amc);
  line(report("cs-a1", "2026-09", "submitted", 1), product.ACT, 99); // older: the latest report wins
  line(report("cs-a1", "2026-10", "submitted", 1), product.ACT, 33);
  report("cs-a2", "2026-10", "submitted", 0);
  report("cs-b1", "2026-10", "draft", null);
  line(report("cs-c1", "2026-10", "submitted", 1), product.ACT, 5);
  const order = (
    facility: string,
    supplier: string,
    period: string,
    kind: string,
    status: string,
    lines: [number, number, number][],
  ) => {
    const id = Number(
      db
        .prepare(
          "insert into orders (facility_id, supplier_id, period, flow, kind, status, created_at, updated_at) values (?, ?, ?, 'cost_recovery', ?, ?, '2026-11-01', '2026-11-01') returning id",
        )
        .pluck()
        .get(facility, supplier, period, kind, status),
    );
    for (const [p, approved, shipped] of lines) {
      db.prepare(
        "insert into order_lines (order_id, product_id, funding_source, amc, stock_on_hand, in_transit, emergency, suggested_qty, explanation, requested_qty, approved_qty, shipped_qty) values (?, ?, 'cost_recovery', 0, 0, 0, 0, ?, '[]', ?, ?, ?)",
      ).run(id, p, approved, approved, approved, shipped);
    }
  };
  order("cs-a1", "dep-a", "2026-10", "regular", "received", [
    [product.ACT, 100, 80],
    [product.AMOX, 50, 50],
  ]);
  order("cs-b1", "dep-b", "2026-09", "regular", "shipped", [[product.ACT, 40, 40]]);
  order("cs-a1", "dep-a", "2026-10", "backorder", "shipped", [[product.ACT, 20, 20]]); // continues the first: not counted again
  order("cs-a2", "dep-a", "2026-10", "regular", "approved", [[product.ACT, 30, 0]]); // not shipped yet
  order("cs-c1", "dep-c", "2026-07", "regular", "received", [[product.ACT, 10, 5]]); // before the window
}

beforeAll(async () => {
  open = openDb(":memory:");
  buildReference(open.sqlite);
  buildLedger(open.sqlite);
  buildReportsAndOrders(open.sqlite);
  app = createApp({ db: open.db, clock: () => TEST_NOW, log: pino({ level: "silent" }), loginRateLimitPerMinute: 0 });
  for (const u of ["officer", "nord", "pharma-a", "driver"]) {
    agents[u] = request.agent(app);
    await signIn(agents[u], u, PASSWORD);
  }
});

const get = async (user: string, url: string) => agents[user]!.get(`/api/v1${url}`);
const indicators = async (user: string, query = ""): Promise<Indicators> => {
  const res = await get(user, `/indicators${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return IndicatorsSchema.parse(res.body);
};
const fig = (numerator: number, denominator: number, value: number | null) => ({ numerator, denominator, value });

describe("GET /indicators", () => {
  it("gives the procurement officer the national figures, each with its numerator and denominator", async () => {
    const i = await indicators("officer");
    expect({ asOf: i.asOf, period: i.period, area: i.area }).toEqual({
      asOf: "2026-11-15",
      period: "2026-10",
      area: { regionId: null, districtId: null },
    });
    expect(i.tracerProducts.map((p) => p.code).sort()).toEqual(["TR-ACT", "TR-AMOX"]);
    // CSCom × tracer pairs: cs-a1 ACT, cs-a1 AMOX, cs-c1 ACT have usable stock; cs-a2 holds only an expired lot, cs-b1 nothing.
    expect(i.availability).toEqual(fig(3, 5, 0.6));
    // Pairs without usable stock: cs-a2 ACT, cs-b1 ACT, reg-sud ACT — out of 14 pairs held.
    expect(i.stockouts).toMatchObject(fig(3, 14, 0.2143));
    expect(i.stockouts.byLevel).toEqual([
      { level: "central", ...fig(0, 1, 0) },
      { level: "regional", ...fig(1, 2, 0.5) },
      { level: "district", ...fig(0, 5, 0) },
      { level: "cscom", ...fig(2, 6, 0.3333) },
    ]);
    // AMCs: cs-a1 ACT 33 (report), AMOX 50; cs-a2 4; cs-b1 20; cs-c1 5 (report); dep-a ACT 33 + 4 = 37 rolled up, AMOX ⌈200/3⌉ = 67;
    // dep-b ACT 20 (deliveries); dep-c ⌈40/3⌉ = 14; reg-nord 37 + 20 = 57; reg-sud 14; ppm 57 + 14 = 71.
    expect(i.monthsOfStock).toEqual([
      {
        level: "central",
        median: 28.17,
        pairs: 1,
        unmeasured: 0,
        stockValueXof: 200_000,
        consumptionValueXof: 7100,
        aggregate: 28.17,
      },
      {
        level: "regional",
        median: 5.26,
        pairs: 2,
        unmeasured: 0,
        stockValueXof: 60_000,
        consumptionValueXof: 7100,
        aggregate: 8.45,
      },
      {
        level: "district",
        median: 5.84,
        pairs: 4,
        unmeasured: 0,
        stockValueXof: 52_000,
        consumptionValueXof: 7770,
        aggregate: 6.69,
      },
      {
        level: "cscom",
        median: 1,
        pairs: 5,
        unmeasured: 0,
        stockValueXof: 7300,
        consumptionValueXof: 6700,
        aggregate: 1.09,
      },
    ]);
    // At risk: cs-a2's 8 expired (800), cs-b1's 10 GANT unused (500), dep-a 72 of 200 ACT (7200), dep-b 40 of 50 GANT (2000),
    // dep-c 32 of 80 ACT (3200) = 13 700 FCFA of 322 300 FCFA on hand; 34 800 FCFA in lots expiring by 2027-05-15.
    expect(i.expiryRisk).toEqual({ ...fig(13_700, 322_300, 0.0425), months: 6, expiringValueXof: 34_800 });
    // 2026-10: cs-a1, cs-a2, cs-b1, cs-c1 expected (cs-a3 keeps no stock in Fura); cs-a1 and cs-c1 on time, cs-a2 late, cs-b1 still a draft.
    expect(i.reporting).toEqual({ completeness: fig(3, 4, 0.75), timeliness: fig(2, 4, 0.5) });
    // Shipped orders of 2026-08…10 (back-orders left out): 80 + 50 + 40 shipped of 100 + 50 + 40 approved.
    expect(i.fillRate).toEqual({
      ...fig(170, 190, 0.8947),
      fromPeriod: "2026-08",
      toPeriod: "2026-10",
      lines: fig(2, 3, 0.6667),
    });
  });

  it("narrows to the district pharmacist's district, and honours period, horizon and fill-rate window", async () => {
    const i = await indicators("pharma-a");
    expect(i.availability).toEqual(fig(2, 3, 0.6667));
    expect(i.stockouts).toMatchObject(fig(1, 5, 0.2));
    expect(i.monthsOfStock.find((l) => l.level === "district")).toMatchObject({
      median: 7.04,
      pairs: 2,
      stockValueXof: 34_000,
      consumptionValueXof: 4370,
    });
    expect(i.reporting).toEqual({ completeness: fig(2, 2, 1), timeliness: fig(1, 2, 0.5) });
    expect(i.fillRate).toMatchObject(fig(130, 150, 0.8667));
    const september = await indicators("officer", "?period=2026-09&fillRateMonths=1&expiryMonths=3");
    // Only cs-a1 reported for 2026-09; expected CSComs are the same four.
    expect(september.reporting).toEqual({ completeness: fig(1, 4, 0.25), timeliness: fig(1, 4, 0.25) });
    expect(september.fillRate).toMatchObject({ ...fig(40, 40, 1), fromPeriod: "2026-09", toPeriod: "2026-09" });
    // Horizon 2026-11-15 + 3 months: only the expired ACT lot and the GANT lots (January 2027) count.
    expect(september.expiryRisk).toMatchObject({
      numerator: 800 + 500 + 2000,
      months: 3,
      expiringValueXof: 800 + 500 + 2500,
    });
  });

  it("gives the regional manager the region and a drill-down to a district, but 404 for what lies outside", async () => {
    const nord = await indicators("nord");
    expect(nord.stockouts.byLevel.find((l) => l.level === "regional")).toEqual({ level: "regional", ...fig(0, 1, 0) });
    expect(nord.availability).toEqual(fig(2, 4, 0.5));
    const b = await indicators("nord", "?districtId=d-b");
    expect(b.area).toEqual({ regionId: null, districtId: "d-b" });
    expect(b.availability).toEqual(fig(0, 1, 0));
    for (const [user, query] of [
      ["nord", "?regionId=r-sud"],
      ["nord", "?districtId=d-c"],
      ["pharma-a", "?districtId=d-b"],
      ["officer", "?regionId=nowhere"],
      ["officer", "?districtId=nowhere"],
    ] as const) {
      const res = await get(user, `/indicators${query}`);
      expect(res.status, `${user} ${query}`).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect((await get("driver", "/indicators")).status).toBe(403);
  });

  it("refuses malformed input with the field's path", async () => {
    const cases: [string, string][] = [
      ["?period=2026-13", "period"],
      ["?period=2026-11", "period"],
      ["?period=oct", "period"],
      ["?expiryMonths=0", "expiryMonths"],
      ["?fillRateMonths=abc", "fillRateMonths"],
      ["?regionId=r-nord&districtId=d-c", "districtId"],
    ];
    for (const [query, path] of cases) {
      const res = await get("officer", `/indicators${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(
        res.body.error.details.issues.map((x: { path: string }) => x.path),
        query,
      ).toContain(path);
    }
    expect((await get("officer", "/indicators?bogus=1")).status).toBe(400);
  });
});

describe("GET /facilities/:id/history", () => {
  it("rebuilds 24 months of a CSCom's product from its ledger, with the days that ended out of stock", async () => {
    const res = await get("officer", `/facilities/cs-b1/history?productId=${product.ACT}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const h = FacilityHistorySchema.parse(res.body);
    expect(h.consumptionBasis).toBe("issues");
    expect(h.points).toHaveLength(24);
    expect(h.points[0]!.period).toBe("2024-11");
    expect(h.points.slice(-2)).toEqual([
      {
        period: "2026-09",
        days: 30,
        opening: 0,
        receipts: 60,
        consumption: 0,
        losses: 0,
        adjustments: 0,
        closing: 60,
        stockoutDays: 0,
      },
      {
        period: "2026-10",
        days: 31,
        opening: 60,
        receipts: 0,
        consumption: 60,
        losses: 0,
        adjustments: 0,
        closing: 0,
        stockoutDays: 1,
      },
    ]);
    expect(h.points.slice(0, -2).every((p) => p.closing === 0 && p.stockoutDays === 0)).toBe(true);
  });

  it("counts a depot's deliveries recorded at its CSComs as its consumption", async () => {
    const h = FacilityHistorySchema.parse(
      (await get("pharma-a", `/facilities/dep-a/history?productId=${product.ACT}`)).body,
    );
    expect(h.consumptionBasis).toBe("deliveries");
    expect(h.points.find((p) => p.period === "2026-06")).toMatchObject({
      consumption: 20,
      closing: 0,
      stockoutDays: 0,
    });
    expect(h.points.find((p) => p.period === "2026-07")).toMatchObject({
      receipts: 300,
      consumption: 120,
      closing: 300,
    });
  });

  it("answers 404 outside the scope and refuses a missing or unknown product", async () => {
    expect((await get("pharma-a", `/facilities/cs-b1/history?productId=${product.ACT}`)).status).toBe(404);
    expect((await get("nord", `/facilities/cs-c1/history?productId=${product.ACT}`)).status).toBe(404);
    for (const q of ["", "?productId=x", "?productId=999999"]) {
      const res = await get("officer", `/facilities/cs-a1/history${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.details.issues.map((x: { path: string }) => x.path)).toContain("productId");
    }
  });
});

describe("GET /indicators/consumption", () => {
  it("sums issues and closing stock of the area month by month, with the seasonality of the year", async () => {
    const res = await get("officer", `/indicators/consumption?productId=${product.ACT}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const c = ConsumptionSeriesSchema.parse(res.body);
    expect(c.facilities).toBe(10);
    expect(c.points).toHaveLength(24);
    // Today's ACT: 3 148 units; back from October: Oct issues 90; Sep +60 −40; Aug +40 −42.
    expect(c.points.slice(-4)).toEqual([
      { period: "2026-07", consumption: 0, closing: 3220 },
      { period: "2026-08", consumption: 42, closing: 3218 },
      { period: "2026-09", consumption: 40, closing: 3238 },
      { period: "2026-10", consumption: 90, closing: 3148 },
    ]);
    expect(c.seasonality.years).toBe(1);
    expect(c.seasonality.months[9]).toEqual({ month: 10, share: 0.5233, index: 6.28 });
    expect(c.seasonality.months[0]).toEqual({ month: 1, share: 0, index: 0 });
  });

  it("narrows to the area and answers 404 outside the scope", async () => {
    const a = ConsumptionSeriesSchema.parse(
      (await get("pharma-a", `/indicators/consumption?productId=${product.ACT}`)).body,
    );
    expect(a.area).toEqual({ regionId: null, districtId: null });
    expect(a.points.slice(-3).map((p) => p.consumption)).toEqual([42, 30, 30]);
    expect(a.facilities).toBe(3);
    expect((await get("pharma-a", `/indicators/consumption?productId=${product.ACT}&regionId=r-sud`)).status).toBe(404);
    expect((await get("officer", "/indicators/consumption")).status).toBe(400);
  });
});

describe("recent answers", () => {
  it("answers a repeated request from memory, and recomputes as soon as the data change", async () => {
    const before = await indicators("officer");
    expect(await indicators("officer")).toEqual(before);
    // A report dated after today ("now" is 2026-11-15) has not come in yet: the indicators do not count it.
    open.sqlite
      .prepare(
        "update stock_reports set status = 'submitted', on_time = 0, submitted_at = '2026-11-20T09:00:00.000Z' where facility_id = 'cs-b1' and period = '2026-10'",
      )
      .run();
    expect((await indicators("officer")).reporting).toEqual(before.reporting);
    // cs-b1 submits its October report on time (written straight to the table: any write counts).
    open.sqlite
      .prepare(
        "update stock_reports set status = 'submitted', on_time = 1, submitted_at = '2026-11-06' where facility_id = 'cs-b1' and period = '2026-10'",
      )
      .run();
    const after = await indicators("officer");
    expect(after.reporting).toEqual({ completeness: fig(4, 4, 1), timeliness: fig(3, 4, 0.75) });
  });
});
