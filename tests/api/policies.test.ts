/**
 * Stock policies and settings (administration): rows per level or facility × programme or product, the effective
 * policy of a facility × product with where it comes from, and the settings (order calendar, shelf-life threshold);
 * bad input refused with the field named and nothing written; every change audited with before/after.
 */
import { beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { makeTestApp, type TestContext } from "../helpers/app";

let t: TestContext;
let n = 0;
const key = () => ({ "Idempotency-Key": `policies-test-${++n}` });
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const issuesOf = (res: request.Response) =>
  (res.body.error?.details?.issues ?? []) as { path: string; message: string; key?: string }[];
const counts = () => ({
  rows: one<number>("select count(*) from stock_policies"),
  audit: one<number>("select count(*) from audit_log where object_type in ('stock_policy', 'settings')"),
});

let cscom: string;
let otherCscom: string;
let productId: number;
const VALUES = { rule: "forced", maxMonths: 2, minMonths: 1, eopMonths: 0.5, reviewPeriodMonths: 1, leadTimeDays: 10 };

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 2, months: 2 });
  cscom = one("select scope_facility_id from users where username = 'cscom.kati'");
  otherCscom = one("select id from facilities where level = 'cscom' and id <> ? order by id limit 1", cscom);
  productId = one("select id from products where programme_code = 'cost_recovery' order by id limit 1");
});

const effective = (facilityId: string) => t.agent.get("/api/v1/policies/effective").query({ facilityId, productId });

describe("the effective policy", () => {
  it("comes from the level's row, then from a facility × product row once one is added", async () => {
    const before = await effective(cscom);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body.source.scope).toBe("level");
    expect(before.body.policy).toMatchObject({ maxMonths: 3, minMonths: 1 });

    const res = await t.agent
      .post("/api/v1/policies")
      .set(key())
      .send({ facilityId: cscom, productId, ...VALUES });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ level: "cscom", scope: "facility_product", facilityId: cscom });
    const after = await effective(cscom);
    expect(after.body.source).toEqual({ scope: "facility_product", rowId: res.body.id });
    expect(after.body.policy.maxMonths).toBe(2);
    expect(after.body.candidates.map((c: { id: number }) => c.id)[0]).toBe(res.body.id);
    // Another CSCom keeps the level's policy.
    expect((await effective(otherCscom)).body.source.scope).toBe("level");
    const line = one<string>("select after_json from audit_log where action = 'policy.create'");
    expect(JSON.parse(line)).toMatchObject({ facilityId: cscom, maxMonths: 2 });
  });

  it("falls back to the level's built-in default when no stored row applies", async () => {
    t.open.sqlite.prepare("delete from stock_policies where level = 'regional'").run();
    const store = one<string>("select id from facilities where level = 'regional' limit 1");
    const res = await effective(store);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.source).toEqual({ scope: "default", rowId: null });
    expect(res.body.policy).toMatchObject({ maxMonths: 6, minMonths: 3, leadTimeDays: 45 });
  });
});

describe("policy rows", () => {
  it("refuse bad input with the field named and write nothing", async () => {
    const before = counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ level: "district", ...VALUES, minMonths: 5, maxMonths: 2 }, "minMonths"],
      [{ level: "district", ...VALUES, eopMonths: 1.5 }, "eopMonths"],
      [{ level: "district", programmeCode: "malaria", productId, ...VALUES }, "productId"],
      [{ level: "district", programmeCode: "nope", ...VALUES }, "programmeCode"],
      [{ facilityId: cscom, productId, ...VALUES }, "level"],
      [{ level: "district", ...VALUES, maxMonths: 99 }, "maxMonths"],
      [{ ...VALUES }, "level"],
      [{ level: "district", facilityId: cscom, ...VALUES }, "level"],
    ];
    for (const [body, field] of cases) {
      const res = await t.agent.post("/api/v1/policies").set(key()).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        issuesOf(res).map((i) => i.path),
        JSON.stringify(res.body),
      ).toContain(field);
    }
    expect(counts()).toEqual(before);
  });

  it("change and disappear with before/after in the audit log", async () => {
    const id = one<number>("select id from stock_policies where facility_id = ?", cscom);
    const bad = await t.agent.patch(`/api/v1/policies/${id}`).set(key()).send({ minMonths: 3 });
    expect(bad.status).toBe(400);
    expect(issuesOf(bad).map((i) => i.path)).toContain("minMonths");
    const res = await t.agent.patch(`/api/v1/policies/${id}`).set(key()).send({ maxMonths: 5, leadTimeDays: 21 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(one("select max_months from stock_policies where id = ?", id)).toBe(5);
    const line = t.open.sqlite
      .prepare("select before_json, after_json from audit_log where action = 'policy.update'")
      .get() as { before_json: string; after_json: string };
    expect(JSON.parse(line.before_json).maxMonths).toBe(2);
    expect(JSON.parse(line.after_json).maxMonths).toBe(5);
    const gone = await t.agent.delete(`/api/v1/policies/${id}`).set(key());
    expect(gone.status).toBe(200);
    expect(one("select count(*) from stock_policies where id = ?", id)).toBe(0);
    expect((await effective(cscom)).body.source.scope).toBe("level");
  });
});

describe("settings", () => {
  it("change the order calendar, which new reports follow; out of bounds is refused", async () => {
    const read = await t.agent.get("/api/v1/settings");
    expect(read.body).toEqual({ reportDueDays: 15, minShelfLifeDays: 30 });
    const bad = await t.agent.patch("/api/v1/settings").set(key()).send({ reportDueDays: 61 });
    expect(bad.status).toBe(400);
    expect(issuesOf(bad).map((i) => i.path)).toContain("reportDueDays");
    expect(one("select value from settings where key = 'report.dueDays'")).toBe("15");
    const res = await t.agent.patch("/api/v1/settings").set(key()).send({ reportDueDays: 10 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.reportDueDays).toBe(10);
    const line = t.open.sqlite
      .prepare("select before_json, after_json from audit_log where action = 'settings.update'")
      .get() as { before_json: string; after_json: string };
    expect(JSON.parse(line.before_json).reportDueDays).toBe(15);
    expect(JSON.parse(line.after_json).reportDueDays).toBe(10);
    const report = await t.agent.post("/api/v1/reports").set(key()).send({ facilityId: cscom, period: "2026-10" });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    expect(one("select due_date from stock_reports where id = ?", report.body.id)).toBe("2026-11-11");
  });
});
