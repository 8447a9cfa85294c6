/**
 * The DHIS2 routes end to end on the checked month of tests/fixtures/dhis2 (October 2026, district d-1): the
 * export equals the fixture in each format, is scoped like every read, and a push to the local fake DHIS2 sends
 * exactly that payload, shows DHIS2's import summary, is audited and never sent twice for one Idempotency-Key.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { FIXTURE_KNOWN } from "../helpers/interopFixture";
import { interopApp } from "../helpers/interopApp";
import { startFakeDhis2, type FakeDhis2 } from "../helpers/fakeDhis2";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/dhis2/${name}`, import.meta.url), "utf8");
const EXPORT = "/api/v1/interop/dhis2/dataValueSets";

let fake: FakeDhis2 | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function withFake() {
  fake = await startFakeDhis2({ users: [{ username: "fura", password: "district" }], known: FIXTURE_KNOWN });
  return { fake, ...(await interopApp(fake.url)) };
}

const count = (t: Awaited<ReturnType<typeof interopApp>>, sql: string) =>
  t.open.sqlite.prepare(sql).pluck().get() as number;

describe("GET /interop/dhis2/dataValueSets", () => {
  it("answers the checked fixture for district d-1, October 2026, as the report, the JSON payload and ADX", async () => {
    const t = await interopApp();
    const expected = JSON.parse(fixture("export-d-1-2026-10.json"));

    const report = await t.admin.get(EXPORT).query({ period: "2026-10", districtId: "d-1", format: "report" });
    expect(report.status, report.text).toBe(200);
    const { payloadHash, ...rest } = report.body;
    expect(rest).toEqual(expected);

    const json = await t.admin.get(EXPORT).query({ period: "2026-10", districtId: "d-1" });
    expect(json.status).toBe(200);
    expect(json.headers["content-type"]).toMatch(/^application\/json/);
    // Exactly DHIS2's payload: a partner's script posts it as it is.
    expect(json.body).toEqual(expected.dataValueSet);
    expect(json.headers).toMatchObject({
      "x-fura-data-values": "17",
      "x-fura-unmapped-facilities": "1",
      "x-fura-unmapped-products": "3",
      "x-fura-missing-values": "1",
      "x-fura-payload-hash": payloadHash,
    });

    const adx = await t.admin.get(EXPORT).query({ period: "2026-10", districtId: "d-1", format: "adx" }).buffer(true);
    expect(adx.status).toBe(200);
    expect(adx.headers["content-type"]).toMatch(/^application\/adx\+xml/);
    expect(adx.text).toBe(fixture("export-d-1-2026-10.adx.xml"));
  });

  it("narrows the export to the user's scope and hides a district outside it, and refuses roles without the action", async () => {
    const t = await interopApp();
    const pharmacist = await t.agentOf("pharma.d2");
    const own = await pharmacist.get(EXPORT).query({ period: "2026-10", format: "report" });
    expect(own.status).toBe(200);
    expect(own.body.counts).toEqual({ reports: 1, facilitiesSent: 1, dataValues: 8 });
    expect(new Set(own.body.dataValueSet.dataValues.map((v: { orgUnit: string }) => v.orgUnit))).toEqual(
      new Set(["OuCsComC001"]),
    );
    const other = await pharmacist.get(EXPORT).query({ period: "2026-10", districtId: "d-1" });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("not_found");
    const cscom = await t.agentOf("cscom.a");
    expect((await cscom.get(EXPORT).query({ period: "2026-10" })).status).toBe(403);
  });

  it("refuses a malformed period or format naming the field", async () => {
    const t = await interopApp();
    for (const query of [{ period: "2026-13" }, { period: "2026-10", format: "xml" }, {}]) {
      const res = await t.admin.get(EXPORT).query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
  });
});

describe("POST /interop/dhis2/pushes (against the local fake DHIS2)", () => {
  it("dry-runs, then pushes the fixture's payload, shows DHIS2's import summary and audits both", async () => {
    const t = await withFake();
    const body = { period: "2026-10", districtId: "d-1" };

    const dry = await t.admin
      .post("/api/v1/interop/dhis2/pushes")
      .set("Idempotency-Key", "push-dry-run-1")
      .send({ ...body, dryRun: true });
    expect(dry.status, dry.text).toBe(201);
    expect(dry.body).toMatchObject({ dryRun: true, state: "done", summary: { status: "SUCCESS", imported: 17 } });
    expect(t.fake.values.size).toBe(0);

    const real = await t.admin.post("/api/v1/interop/dhis2/pushes").set("Idempotency-Key", "push-real-1").send(body);
    expect(real.status, real.text).toBe(201);
    expect(t.fake.rejections).toEqual([]);
    const sent = JSON.parse(t.fake.requests.at(-1)!.body);
    const exported = await t.admin.get(EXPORT).query(body);
    expect(sent).toEqual(exported.body);
    expect(t.fake.values.size).toBe(17);
    expect(real.body).toMatchObject({
      dryRun: false,
      state: "done",
      dataValues: 17,
      districtId: "d-1",
      username: "admin",
      summary: { status: "SUCCESS", imported: 17, updated: 0, ignored: 0, conflicts: [] },
    });

    const list = await t.admin.get("/api/v1/interop/dhis2/pushes");
    expect(list.body.total).toBe(2);
    expect(list.body.items[0]).toEqual(real.body);
    expect((await t.admin.get(`/api/v1/interop/dhis2/pushes/${real.body.id}`)).body).toEqual(real.body);
    const actions = t.open.sqlite
      .prepare("select action from audit_log where object_type = 'dhis2_push' order by id")
      .pluck()
      .all();
    expect(actions).toEqual(["dhis2.push.dryRun", "dhis2.push.result", "dhis2.push", "dhis2.push.result"]);
  });

  it("answers a retry with the same Idempotency-Key from the record, without sending again", async () => {
    const t = await withFake();
    const send = () =>
      t.admin.post("/api/v1/interop/dhis2/pushes").set("Idempotency-Key", "push-once").send({ period: "2026-10" });
    const first = await send();
    expect(first.status).toBe(201);
    const requests = t.fake.requests.length;
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(t.fake.requests.length).toBe(requests);
    expect(count(t, "select count(*) from dhis2_pushes")).toBe(1);
    // A new push of the same data (another key) is safe: DHIS2 updates, the log marks the repeat.
    const repeat = await t.admin
      .post("/api/v1/interop/dhis2/pushes")
      .set("Idempotency-Key", "push-twice")
      .send({ period: "2026-10" });
    expect(repeat.body).toMatchObject({ repeatOfPushId: first.body.id, summary: { imported: 0, updated: 25 } });
    expect(t.fake.values.size).toBe(25);
  });

  it("gives one answer to two concurrent requests with one key, and sends once", async () => {
    const t = await withFake();
    t.fake.delay(150);
    const send = () =>
      t.admin.post("/api/v1/interop/dhis2/pushes").set("Idempotency-Key", "push-race").send({ period: "2026-10" });
    const [a, b] = await Promise.all([send(), send()]);
    const statuses = [a.status, b.status].sort((x, y) => x - y);
    // The second sees the first's claim: the push under way (202), or its outcome if it ended first.
    expect(statuses[0]).toBe(201);
    expect([201, 202]).toContain(statuses[1]);
    expect(t.fake.requests.length).toBe(1);
    expect(count(t, "select count(*) from dhis2_pushes")).toBe(1);
  });

  it("records a push DHIS2 did not answer as failed with the reason, and a later push goes through", async () => {
    const t = await withFake();
    t.fake.failNext(3, 503);
    const failed = await t.admin
      .post("/api/v1/interop/dhis2/pushes")
      .set("Idempotency-Key", "push-down")
      .send({ period: "2026-10" });
    expect(failed.status).toBe(201);
    expect(failed.body).toMatchObject({
      state: "failed",
      errorCode: "dhis2.httpError",
      httpStatus: 503,
      summary: null,
    });
    const retry = await t.admin
      .post("/api/v1/interop/dhis2/pushes")
      .set("Idempotency-Key", "push-down-2")
      .send({ period: "2026-10" });
    expect(retry.body).toMatchObject({ state: "done", summary: { status: "SUCCESS", imported: 25 } });
  });

  it("refuses a month with nothing to send and an unconfigured DHIS2, recording nothing", async () => {
    const t = await withFake();
    const nothing = await t.admin
      .post("/api/v1/interop/dhis2/pushes")
      .set("Idempotency-Key", "push-empty")
      .send({ period: "2026-08" });
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.details.reason).toBe("dhis2.nothingToSend");
    t.open.sqlite.prepare("delete from dhis2_settings").run();
    const unconfigured = await t.admin
      .post("/api/v1/interop/dhis2/pushes")
      .set("Idempotency-Key", "push-unconfigured")
      .send({ period: "2026-10" });
    expect(unconfigured.status).toBe(409);
    expect(unconfigured.body.error.details.reason).toBe("dhis2.notConfigured");
    expect(count(t, "select count(*) from dhis2_pushes")).toBe(0);
    expect(count(t, "select count(*) from idempotency_keys")).toBe(0);
    expect(t.fake.requests).toEqual([]);
  });

  it("is refused to roles without the push action", async () => {
    const t = await interopApp();
    const pharmacist = await t.agentOf("pharma.d2");
    const res = await pharmacist
      .post("/api/v1/interop/dhis2/pushes")
      .set("Idempotency-Key", "push-pharma")
      .send({ period: "2026-10" });
    expect(res.status).toBe(403);
  });
});

describe("DHIS2 settings", () => {
  it("never shows the secret back, keeps it sealed, and asks for it again when the server changes", async () => {
    const t = await withFake();
    const put = (key: string, body: object) =>
      t.admin.put("/api/v1/interop/dhis2/settings").set("Idempotency-Key", key).send(body);
    const settings = {
      baseUrl: t.fake.url,
      authKind: "basic",
      username: "fura",
      dataSetUid: "dsLmisMali1",
      timeoutS: 5,
    };
    const saved = await put("settings-1", { ...settings, secret: "Tr3s-Secret!" });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ configured: true, hasSecret: true, username: "fura" });
    const read = await t.admin.get("/api/v1/interop/dhis2/settings");
    for (const text of [saved.text, read.text]) expect(text).not.toContain("Tr3s-Secret!");
    const stored = t.open.sqlite.prepare("select secret_sealed from dhis2_settings").pluck().get() as string;
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain("Tr3s");
    const audit = t.open.sqlite
      .prepare("select after_json from audit_log where action = 'dhis2.settings.update'")
      .pluck()
      .all();
    expect(audit.join()).not.toContain("Tr3s-Secret!");

    const moved = await put("settings-2", { ...settings, baseUrl: "https://dhis2.example.org" });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details.issues).toEqual([
      { path: "secret", message: "required when the server or the account changes" },
    ]);
    expect((await t.admin.get("/api/v1/interop/dhis2/settings")).body.baseUrl).toBe(t.fake.url);
  });

  it("tests the stored connection and settings before saving: a dry-run import of nothing", async () => {
    const t = await withFake();
    const test = (body: object) => t.admin.post("/api/v1/interop/dhis2/settings/test").send(body);
    const stored = await test({});
    expect(stored.status, stored.text).toBe(200);
    expect(stored.body).toEqual({ ok: true, baseUrl: t.fake.url, errorCode: null, httpStatus: 200, status: "SUCCESS" });
    const wrong = await test({
      settings: { baseUrl: t.fake.url, authKind: "basic", username: "fura", secret: "wrong", timeoutS: 5 },
    });
    expect(wrong.body).toMatchObject({ ok: false, errorCode: "dhis2.unauthorized", httpStatus: 401 });
    const elsewhere = await test({ settings: { baseUrl: "http://127.0.0.1:9", authKind: "basic", username: "fura" } });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details.issues[0].path).toBe("settings.secret");
    expect(t.fake.values.size).toBe(0);
    expect(t.fake.requests.every((r) => r.query.dryRun === "true")).toBe(true);
  });
});
