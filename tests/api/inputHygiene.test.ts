/**
 * Hostile input in well-formed JSON: lot codes typed differently land on one lot (a recall finds every
 * unit), invisible characters are refused naming the field, `__proto__`-like keys are refused wherever
 * they hide, periods stay within 2000–2099 and after the facility's first ledger line, and a quantity
 * of two billion is refused on every kind of line. Each refusal is a 400 with the field path, and the
 * database does not change.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestContext } from "../helpers/app";

let t: TestContext;
let depotId: string;
let cscomId: string;
let productId: number;
let draftReportId: number;
let draftOrder: { id: number; lineId: number };
let key = 0;
const k = () => `hygiene-${++key}`;
const TWO_BILLION = 2_000_000_000;

const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
/** Everything these requests could touch. */
const snapshot = () =>
  t.open.sqlite
    .prepare(
      `select (select count(*) from stock_movements) movements, (select coalesce(sum(qty_on_hand), 0) from stock_balances) stock,
              (select count(*) from lots) lots, (select count(*) from idempotency_keys) idempotencyKeys, (select count(*) from audit_log) audit,
              (select count(*) from stock_reports) reports, (select group_concat(consumed) from stock_report_lines) consumed,
              (select count(*) from orders) orders, (select group_concat(requested_qty || ':' || coalesce(approved_qty, '')) from order_lines) lines,
              (select count(*) from route_plans) plans`,
    )
    .get();

const post = (path: string, body: object) => t.agent.post(`/api/v1${path}`).set("Idempotency-Key", k()).send(body);
const raw = (method: "post" | "put" | "patch", path: string, json: string) =>
  t.agent[method](`/api/v1${path}`).set("Idempotency-Key", k()).set("Content-Type", "application/json").send(json);
const paths = (res: { body: { error?: { details?: { issues?: { path: string }[] } } } }) =>
  res.body.error?.details?.issues?.map((i) => i.path) ?? [];

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 6 });
  depotId = one("select id from facilities where level = 'district' and district_id = 'kati'");
  cscomId = one("select scope_facility_id from users where username = 'cscom.kati'");
  productId = one("select id from products where programme_code = 'cost_recovery' order by id limit 1");
  // A draft report of the CSCom, and a draft order from an earlier month's submitted report.
  const earlier = await post("/reports", { facilityId: cscomId, period: "2026-09" });
  expect(earlier.status, JSON.stringify(earlier.body)).toBe(201);
  expect((await post(`/reports/${earlier.body.id}/submit`, {})).status).toBe(200);
  const orders = await post("/orders/from-report", { reportId: earlier.body.id });
  expect(orders.status, JSON.stringify(orders.body)).toBe(201);
  const order = orders.body.orders[0];
  draftOrder = { id: order.id, lineId: order.lines[0].id };
  const draft = await post("/reports", { facilityId: cscomId, period: "2026-10" });
  expect(draft.status).toBe(201);
  draftReportId = draft.body.id;
});

describe("lot codes and other identifiers", () => {
  it("books 'ab-12 ', 'AB‑12' (non-breaking hyphen) and full-width 'ＡＢ－12' on one lot, so a recall finds every unit", async () => {
    const receipt = (lotCode: string) =>
      post("/stock/movements", {
        type: "receipt",
        facilityId: depotId,
        productId,
        lotCode,
        expiry: "2028-03-31",
        quantity: 10,
        reference: "  BL\u00A02026/114 ",
      });
    const answers = [];
    for (const code of ["ab-12 ", "AB\u201112", "\uFF21\uFF22\uFF0D12"]) answers.push(await receipt(code));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const lotIds = new Set(answers.map((a) => a.body.movements[0].lotId));
    expect(lotIds.size).toBe(1);
    const [lotId] = [...lotIds];
    expect(one("select lot_code from lots where id = ?", lotId)).toBe("AB-12");
    expect(one("select count(*) from lots where product_id = ? and upper(lot_code) like 'AB%12'", productId)).toBe(1);
    expect(one("select qty_on_hand from stock_balances where lot_id = ? and facility_id = ?", lotId, depotId)).toBe(30);
    // A reference keeps its case; its spaces are folded like any identifier's.
    expect(answers[0]!.body.movements[0].reference).toBe("BL 2026/114");
  });

  it.each([
    ["lotCode", { lotCode: "AB\u200B12" }, "U+200B"],
    ["lotCode", { lotCode: "AB\u202E21" }, "U+202E"],
    ["lotCode", { lotCode: "AB\u000012" }, "U+0000"],
    ["reference", { reference: "BL\u2066114" }, "U+2066"],
    ["fundingSource", { fundingSource: "cost\u200Drecovery" }, "U+200D"],
    ["note", { note: "Livré \u202Eetrop" }, "U+202E"],
  ])(
    "refuses an invisible or control character in %s with 400 naming the field, writing nothing",
    async (field, extra, code) => {
      const before = snapshot();
      const res = await post("/stock/movements", {
        type: "receipt",
        facilityId: depotId,
        productId,
        lotCode: "AB-13",
        expiry: "2028-03-31",
        quantity: 1,
        ...extra,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues).toEqual([{ path: field, message: expect.stringContaining(code) }]);
      expect(snapshot()).toEqual(before);
    },
  );
});

describe("reserved keys", () => {
  it.each([
    [
      "a report line's reasons (a record, where zod would drop __proto__ silently)",
      "put",
      (): string => `/reports/${draftReportId}/lines`,
      `{"lines":[{"productId":${1},"opening":0,"received":0,"consumed":0,"adjustments":0,"closing":0,"stockoutDays":0,"adjustmentsByReason":{"__proto__":-5}}]}`,
      "lines.0.adjustmentsByReason.__proto__",
    ],
    [
      "a report line's reasons (constructor, which zod would keep in a record)",
      "put",
      (): string => `/reports/${draftReportId}/lines`,
      `{"lines":[{"productId":${1},"opening":0,"received":0,"consumed":0,"adjustments":-5,"closing":0,"stockoutDays":0,"adjustmentsByReason":{"constructor":-5}}]}`,
      "lines.0.adjustmentsByReason.constructor",
    ],
    [
      "the top of a movement",
      "post",
      (): string => "/stock/movements",
      `{"type":"issue","facilityId":"x","productId":1,"quantity":1,"__proto__":{"admin":true}}`,
      "__proto__",
    ],
    [
      "a route plan's vehicle",
      "post",
      (): string => "/route-plans",
      `{"depotId":"x","date":"2026-11-16","vehicles":[{"name":"V1","capacityKg":10,"capacityL":10,"prototype":{}}],"fromShipments":true}`,
      "vehicles.0.prototype",
    ],
    [
      "a VROOM job (a loose object, where zod strips unknown keys)",
      "post",
      (): string => "/vrp/solve",
      `{"jobs":[{"id":1,"location_index":1,"__proto__":{"x":1}}],"vehicles":[{"id":1,"start_index":0}],"matrices":{"car":{"durations":[[0,1],[1,0]]}}}`,
      "jobs.0.__proto__",
    ],
  ] as const)(
    "refuses __proto__-like keys in %s with 400 naming the path",
    async (_where, method, path, json, field) => {
      const before = snapshot();
      const res = await raw(method, path(), json);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(paths(res)).toEqual([field]);
      expect(snapshot()).toEqual(before);
    },
  );
});

describe("periods", () => {
  it.each(["0000-01", "9999-12", "1999-12", "2100-01"])(
    "refuses the period %s on every route that takes one, writing nothing",
    async (period) => {
      const before = snapshot();
      const refused = [
        await post("/reports", { facilityId: cscomId, period }),
        await post("/orders/cycle", { period }),
        await post("/orders/depot", { facilityId: depotId, period }),
        await t.agent.get(`/api/v1/orders?period=${period}`),
        await t.agent.get(`/api/v1/reports?period=${period}`),
        await t.agent.get(`/api/v1/indicators?period=${period}`),
      ];
      for (const res of refused) {
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(paths(res)).toEqual(["period"]);
      }
      expect(snapshot()).toEqual(before);
    },
  );

  it("refuses a report for a month before the facility's first ledger line, explaining the rule", async () => {
    const first = one<string>(
      "select substr(min(occurred_at), 1, 7) from stock_movements where facility_id = ?",
      cscomId,
    );
    const before = snapshot();
    const res = await post("/reports", { facilityId: cscomId, period: "2001-01" });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({
      issues: [{ path: "period", message: `the facility's history starts in ${first}: choose ${first} or later` }],
      firstPeriod: first,
      rule: expect.stringContaining("first ledger line"),
    });
    expect(snapshot()).toEqual(before);
  });
});

describe("quantity upper bounds", () => {
  it("refuses two billion units on a report line, an order line, a movement, a count, a delivery, an allocation and as a budget, with the field path", async () => {
    const before = snapshot();
    const reportLine = {
      productId,
      opening: 0,
      received: 0,
      consumed: TWO_BILLION,
      adjustments: 0,
      closing: 0,
      stockoutDays: 0,
    };
    const cases: [
      Promise<{ status: number; body: { error?: { details?: { issues?: { path: string }[] } } } }>,
      string,
    ][] = [
      [
        t.agent
          .put(`/api/v1/reports/${draftReportId}/lines`)
          .set("Idempotency-Key", k())
          .send({ lines: [reportLine] }),
        "lines.0.consumed",
      ],
      [
        t.agent
          .patch(`/api/v1/orders/${draftOrder.id}/lines`)
          .set("Idempotency-Key", k())
          .send({ lines: [{ lineId: draftOrder.lineId, requestedQty: TWO_BILLION }] }),
        "lines.0.requestedQty",
      ],
      [
        post(`/orders/${draftOrder.id}/approve`, {
          lines: [{ lineId: draftOrder.lineId, approvedQty: TWO_BILLION, reason: "Correction" }],
        }),
        "lines.0.approvedQty",
      ],
      [post("/stock/movements", { type: "issue", facilityId: depotId, productId, quantity: TWO_BILLION }), "quantity"],
      [
        post("/stock/movements", {
          type: "adjustment",
          facilityId: depotId,
          lotId: 1,
          reason: "loss",
          quantity: -TWO_BILLION,
        }),
        "quantity",
      ],
      [
        post("/stock/counts", { facilityId: depotId, lines: [{ lotId: 1, countedQty: TWO_BILLION }] }),
        "lines.0.countedQty",
      ],
      [
        post(`/orders/${draftOrder.id}/deliver`, {
          lines: [{ lineId: draftOrder.lineId, lots: [{ lotId: 1, acceptedQty: TWO_BILLION, rejectedQty: 0 }] }],
        }),
        "lines.0.lots.0.acceptedQty",
      ],
      [
        post("/allocations", {
          productId,
          sourceFacilityId: depotId,
          districtId: "kati",
          basis: "population",
          population: {
            unitsPerPersonPerMonth: 1,
            facilities: [{ facilityId: cscomId, targetPopulation: TWO_BILLION }],
          },
        }),
        "population.facilities.0.targetPopulation",
      ],
      [post("/orders/from-report", { reportId: draftReportId, budgetXof: TWO_BILLION }), "budgetXof"],
    ];
    for (const [sent, field] of cases) {
      const res = await sent;
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(paths(res)).toContain(field);
    }
    expect(snapshot()).toEqual(before);
  });
});
