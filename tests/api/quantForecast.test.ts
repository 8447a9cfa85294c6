/**
 * Forecasts, supply plans, catalogue runs and their exports through the API, on a seeded network with 30 months
 * of history: the forecast reads reports, imported rows and the ledger with its corrections; the supply plan
 * starts from PPM central's lots and the pipeline; a catalogue run reports progress and draws on the budgets; the
 * exports are real workbooks (numbers as numbers, dates as dates).
 */
import ExcelJS from "exceljs";
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let officer: TestAgent;
let act = 0;
let cscom = "";
let n = 0;
const key = () => `forecast-${++n}`;
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const get = (path: string) => officer.get(`/api/v1/quantification${path}`);

/** Reads a binary answer (an .xlsx) into a buffer. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
};

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 4, months: 30, reportMonths: 6 });
  officer = request.agent(t.app);
  await signIn(officer, "ppm.achats", DEMO_PASSWORD);
  act = one("select id from products where code = 'MAL-AL-20120-24'");
  cscom = one("select scope_facility_id from users where username = 'cscom.kati'");
}, 120_000);

describe("GET /quantification/forecast", () => {
  it("forecasts an ACT nationally from the CSComs' months, with every method compared and auto's reason", async () => {
    const res = await get(`/forecast?productId=${act}&horizon=12`);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const f = res.body;
    expect(f.area.id).toBe("national");
    expect(f.history.periods).toHaveLength(36);
    expect(f.history.periods.at(-1)).toBe("2026-10");
    expect(f.forecast.periods[0]).toBe("2026-11");
    expect(f.forecast.values).toHaveLength(12);
    expect(f.sources.sites).toBe(4);
    expect(f.sources.reports).toBeGreaterThan(0);
    expect(f.sources.ledger).toBeGreaterThan(0);
    // The months before the seed's history are unknown, not zero (no site reported: nothing to correct).
    expect(f.history.reported[0]).toBe(0);
    expect(f.history.adjusted[0]).toBeNull();
    expect(f.history.reported.at(-1)).toBeGreaterThan(0);
    expect(f.methods.length).toBeGreaterThan(1);
    expect(f.methods.filter((m: { metrics: unknown }) => m.metrics !== null).length).toBeGreaterThan(1);
    expect(f.methods.every((m: { values: unknown[] | null }) => m.values === null || m.values.length === 12)).toBe(
      true,
    );
    expect(f.forecast.why.key).toMatch(/^auto_/);
    expect(f.forecast.lower).toHaveLength(12);
  });

  it("forecasts one CSCom and one district, which read only their own months", async () => {
    const facility = await get(`/forecast?productId=${act}&level=facility&facilityId=${cscom}&horizon=12`);
    expect(facility.status).toBe(200);
    expect(facility.body.sources.sites).toBe(1);
    const district = await get(`/forecast?productId=${act}&level=district&districtId=kati&horizon=12`);
    expect(district.status).toBe(200);
    expect(district.body.area).toMatchObject({ id: "kati" });
  });

  it("uses the method asked for, and refuses a bad request naming the field", async () => {
    const ma = await get(`/forecast?productId=${act}&method=ma&horizon=6`);
    expect(ma.body.forecast.method).toBe("ma");
    expect(ma.body.forecast.why.key).toBe("method_requested");
    for (const [query, path] of [
      ["level=district", "districtId"],
      ["productId=999999", "productId"],
      ["method=morbidity", "method"],
      ["horizon=40", "horizon"],
    ] as const) {
      const res = await get(`/forecast?${query.startsWith("productId") ? query : `productId=${act}&${query}`}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it("reads imported history, and a submitted report of the same month wins over it", async () => {
    const code = "MAL-AL-20120-24";
    const reported = one<string>(
      "select r.period from stock_reports r join stock_report_lines l on l.report_id = r.id where r.facility_id = ? and r.status = 'submitted' and l.product_id = ? order by r.period limit 1",
      cscom,
      act,
    );
    const csv = [
      "period,facility,product,opening,received,consumed,adjustments,closing,stockout_days",
      `2023-12,${cscom},${code},500,0,77777,77277,0,0`,
      `${reported},${cscom},${code},500,0,99999,99499,0,0`,
    ].join("\n");
    const file = { fileName: "old.csv", contentBase64: Buffer.from(csv).toString("base64") };
    const preview = await officer.post("/api/v1/quantification/history-imports/preview").send(file);
    expect(preview.body.issues).toEqual([]);
    const applied = await officer
      .post("/api/v1/quantification/history-imports")
      .set("Idempotency-Key", key())
      .send({ ...file, expectedHash: preview.body.contentHash });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const res = await get(`/forecast?productId=${act}&level=facility&facilityId=${cscom}&horizon=6`);
    const h = res.body.history;
    expect(h.reported[h.periods.indexOf("2023-12")]).toBe(77777);
    expect(h.reported[h.periods.indexOf(reported)]).not.toBe(99999);
    expect(res.body.sources.imported).toBe(1);
  });
});

describe("GET /quantification/supply-plan", () => {
  it("starts from PPM central's lots, brings pipeline arrivals in their month and dates each suggestion by the lead time", async () => {
    const central = one<string>("select id from facilities where level = 'central'");
    const stock = one<number>(
      "select coalesce(sum(qty_on_hand), 0) from stock_balances where facility_id = ? and product_id = ?",
      central,
      act,
    );
    const created = await officer.post("/api/v1/quantification/pipeline").set("Idempotency-Key", key()).send({
      facilityId: central,
      productId: act,
      supplier: "UNICEF",
      fundingSource: "malaria",
      qtyUnits: 12_000,
      expectedDate: "2027-02-10",
      status: "ordered",
    });
    expect(created.status).toBe(201);
    const res = await get(`/supply-plan?productId=${act}&horizon=24`);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const plan = res.body;
    expect(plan.facility.id).toBe(central);
    expect(plan.months).toHaveLength(24);
    expect(plan.months[0].opening).toBe(stock);
    const feb = plan.months.find((m: { period: string }) => m.period === "2027-02");
    expect(feb.arrivals).toBe(12_000);
    expect(feb.shipmentIds).toContain(String(created.body.id));
    expect(plan.policy).toMatchObject({ minMonths: 6, maxMonths: 12, leadTimeDays: 180 });
    for (const s of plan.suggestions) {
      const days = (Date.parse(s.arrivalDate) - Date.parse(s.orderDate)) / 86_400_000;
      expect(days).toBe(180);
      expect(s.emergency).toBe(s.orderDate < "2026-11-15");
      expect(s.qtyUnits % 30).toBe(0);
      expect(s.costXof).toBe(s.packs * 21000);
    }
    for (const m of plan.months)
      expect(m.closing).toBe(m.opening + m.arrivals + m.suggestedArrivals - m.expired - m.consumed);
  });

  it("exports a district's forecast as an .xlsx (history and forecast, methods) and as CSV, the numbers of the screen", async () => {
    const query = `productId=${act}&level=district&regionId=koulikoro&districtId=kati&horizon=12`;
    const res = await officer.get(`/api/v1/quantification/forecast/export?${query}`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/forecast-MAL-AL-20120-\d+-kati-\d{4}-\d{2}\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["forecast", "methods"]);
    const sheet = book.getWorksheet("forecast")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(["area", "product", "period"]);
    const json = (await get(`/forecast?${query}`)).body;
    const first = json.history.periods.length + 2;
    expect(sheet.getRow(first).getCell(1).value).toBe("kati");
    expect(sheet.getRow(first).getCell(3).value).toBeInstanceOf(Date);
    expect(sheet.getRow(first).getCell(header.indexOf("forecast_units") + 1).value).toBeCloseTo(
      json.forecast.values[0],
      2,
    );
    const csv = await get(`/forecast/export?${query}&format=csv&view=methods`);
    expect(csv.text.split("\r\n")[0]).toBe("\uFEFFmethod,chosen,mae,mase,mape,wape,bias,pairs");
    expect(csv.text).toContain(`${json.forecast.method},true`);
    const missing = await get(`/forecast/export?productId=${act}&level=district&format=csv`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues[0].path).toBe("districtId");
  });

  it("exports the plan as an .xlsx with one sheet per view, numbers as numbers and months as dates", async () => {
    const res = await officer
      .get(`/api/v1/quantification/supply-plan/export?productId=${act}&horizon=12`)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["forecast", "methods", "plan", "suggestions", "pipeline"]);
    const plan = book.getWorksheet("plan")!;
    expect(plan.getRow(1).getCell(1).value).toBe("period");
    expect(plan.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(typeof plan.getRow(2).getCell(2).value).toBe("number");
    const json = (await get(`/supply-plan?productId=${act}&horizon=12`)).body;
    expect(plan.getRow(2).getCell(2).value).toBe(json.months[0].opening);
    const csv = await get(`/supply-plan/export?productId=${act}&horizon=12&format=csv&view=suggestions`);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.text.split("\r\n")[0]).toBe(
      "\uFEFFproduct,order_date,arrival_date,earliest_arrival_date,qty_units,packs,cost_xof,funding_source,supplier,emergency",
    );
  });
});

describe("catalogue plan runs and scenarios", () => {
  /** Polls a run until it is finished. */
  async function finished(id: string) {
    for (let i = 0; i < 200; i++) {
      const res = await get(`/runs/${id}`);
      if (res.body.status !== "running") return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the run did not finish");
  }

  it("runs the products given as a job, reports progress, and draws the suggestions on the pro-rated budgets", async () => {
    const ids = t.open.sqlite
      .prepare("select id from products where programme_code = 'malaria' order by id limit 4")
      .pluck()
      .all() as number[];
    await officer
      .put("/api/v1/quantification/budgets")
      .set("Idempotency-Key", key())
      .send({ budgets: [{ fundingSource: "malaria", year: 2027, amountXof: 1_200_000 }] });
    const started = await officer
      .post("/api/v1/quantification/runs")
      .send({ productIds: ids, settings: { horizon: 14 } });
    expect(started.status).toBe(202);
    expect(started.body.status).toBe("running");
    const run = await finished(started.body.id);
    expect(run.status, JSON.stringify(run.error)).toBe("done");
    expect(run.done).toBe(ids.length);
    expect(run.total).toBe(ids.length);
    expect(run.result.products.map((p: { productId: number }) => p.productId).sort()).toEqual([...ids].sort());
    // 2026-11 … 2027-12: 12 of 2027's months → the whole 2027 budget.
    const malaria = run.result.funding.sources.find((s: { fundingSource: string }) => s.fundingSource === "malaria");
    expect(malaria.budgetXof).toBe(1_200_000);
    expect(malaria.coveredXof + malaria.uncoveredXof).toBe(malaria.suggestedXof);
    const xlsx = await officer.get(`/api/v1/quantification/runs/${started.body.id}/export`).buffer(true).parse(binary);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["products", "suggestions", "funding", "uncovered"]);
    expect((await get(`/runs/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it("applies a saved scenario's method and forecast factor to a product", async () => {
    const saved = await officer
      .post("/api/v1/quantification/scenarios")
      .set("Idempotency-Key", key())
      .send({
        name: "Campagne",
        settings: {
          horizon: 12,
          methods: { "MAL-AL-20120-24": "ma" },
          overrides: { "MAL-AL-20120-24": { forecastFactor: 2 } },
        },
      });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const base = (await get(`/supply-plan?productId=${act}&method=ma&horizon=12`)).body;
    const scenario = (await get(`/supply-plan?productId=${act}&scenarioId=${saved.body.id}`)).body;
    expect(scenario.scenario).toEqual({ id: saved.body.id, name: "Campagne" });
    expect(scenario.forecast.method).toBe("ma");
    expect(scenario.months).toHaveLength(12);
    scenario.forecast.values.forEach((v: number, i: number) =>
      expect(Math.abs(v - 2 * base.forecast.values[i])).toBeLessThanOrEqual(1),
    );
  });

  it("refuses a scenario naming an unknown product or a taken name, and budgets of an unknown funding source, writing nothing", async () => {
    const scenarios = one<number>("select count(*) from quantification_scenarios");
    const audited = one<number>("select count(*) from audit_log");
    const unknown = await officer
      .post("/api/v1/quantification/scenarios")
      .set("Idempotency-Key", key())
      .send({ name: "X", settings: { methods: { "NO-SUCH": "ma" } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].path).toBe("settings.methods.NO-SUCH");
    const taken = await officer
      .post("/api/v1/quantification/scenarios")
      .set("Idempotency-Key", key())
      .send({ name: "Campagne", settings: {} });
    expect(taken.status).toBe(400);
    expect(taken.body.error.details.issues[0].path).toBe("name");
    const morbidity = await officer
      .post("/api/v1/quantification/scenarios")
      .set("Idempotency-Key", key())
      .send({ name: "Y", settings: { methods: { "MAL-AL-20120-24": "morbidity" } } });
    expect(morbidity.status).toBe(400);
    expect(morbidity.body.error.details.issues[0].path).toBe("settings.methods.MAL-AL-20120-24");
    const budgets = await officer
      .put("/api/v1/quantification/budgets")
      .set("Idempotency-Key", key())
      .send({ budgets: [{ fundingSource: "nowhere", year: 2027, amountXof: 5 }] });
    expect(budgets.status).toBe(400);
    expect(budgets.body.error.details.issues[0].path).toBe("budgets.0.fundingSource");
    expect(one<number>("select count(*) from quantification_scenarios")).toBe(scenarios);
    expect(one<number>("select count(*) from audit_log")).toBe(audited);
  });
});
