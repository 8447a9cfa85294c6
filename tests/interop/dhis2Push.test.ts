import { inspect } from "node:util";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, dhis2Pushes, dhis2Settings } from "../../db/schema";
import { buildDhis2Export } from "../../server/interop/dhis2Export";
import { pushToDhis2, listDhis2Pushes, type PushDeps } from "../../server/interop/dhis2Push";
import {
  connectionFrom,
  getDhis2Settings,
  openDhis2Connection,
  saveDhis2Settings,
} from "../../server/interop/dhis2Settings";
import { createSecretBox } from "../../server/interop/secretBox";
import { resolveArea } from "../../server/queries/area";
import { ADMIN_ORIGIN, FIXTURE_KNOWN, FIXTURE_NOW, interopFixtureDb, TEST_BOX } from "../helpers/interopFixture";
import { startFakeDhis2, type FakeDhis2, type FakeDhis2Options } from "../helpers/fakeDhis2";

let fake: FakeDhis2 | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(options: FakeDhis2Options = {}, client: PushDeps["client"] = {}) {
  fake = await startFakeDhis2({ users: [{ username: "fura", password: "district" }], ...options });
  const open = interopFixtureDb(fake.url);
  const deps: PushDeps = {
    db: open.db,
    box: TEST_BOX,
    clock: () => FIXTURE_NOW,
    client: { retryDelayMs: 1, sleep: async () => {}, ...client },
  };
  const area = resolveArea(open.db, { all: true }, { districtId: "d-1" });
  const push = (
    over: Partial<{ dryRun: boolean; importStrategy: "CREATE_AND_UPDATE" | "DELETE"; period: string }> = {},
  ) =>
    pushToDhis2(
      deps,
      { period: "2026-10", area, dryRun: false, importStrategy: "CREATE_AND_UPDATE", ...over },
      ADMIN_ORIGIN,
    );
  return { open, deps, area, push, fake: fake! };
}

const pushRows = (open: ReturnType<typeof interopFixtureDb>) => open.db.select().from(dhis2Pushes).all();

describe("push to DHIS2 (against the fake DHIS2)", () => {
  it("sends the month's payload with basic auth and records DHIS2's import summary", async () => {
    const { open, push, fake, area } = await setup();
    const result = await push();
    expect(fake.rejections).toEqual([]);
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req.authorization).toBe(`Basic ${Buffer.from("fura:district").toString("base64")}`);
    expect(req.query).toMatchObject({ dryRun: "false", importStrategy: "CREATE_AND_UPDATE", async: "false" });
    expect(JSON.parse(req.body)).toEqual(buildDhis2Export(open.db, "2026-10", area).dataValueSet);
    expect(fake.values.size).toBe(17);
    expect(fake.values.get("deMos000001|202610|OuCsComA001|cocParacet1")).toBe("1.35");
    expect(result).toMatchObject({
      state: "done",
      dryRun: false,
      dataValues: 17,
      httpStatus: 200,
      errorCode: null,
      repeatOfPushId: null,
      districtId: "d-1",
      summary: {
        status: "SUCCESS",
        imported: 17,
        updated: 0,
        ignored: 0,
        deleted: 0,
        conflicts: [],
        shape: "webMessage",
      },
    });
    expect(listDhis2Pushes(open.db, { limit: 10, offset: 0 })).toEqual({ items: [result], total: 1 });
    const actions = open.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.objectType, "dhis2_push"))
      .all()
      .map((a) => a.action);
    expect(actions).toEqual(["dhis2.push", "dhis2.push.result"]);
  });

  it("pushing the same payload again doubles nothing: DHIS2 counts the values as updated, and the push is marked as a repeat", async () => {
    const { push, fake } = await setup();
    const first = await push();
    const again = await push();
    expect(fake.values.size).toBe(17);
    expect(again.summary).toMatchObject({ imported: 0, updated: 17 });
    expect(again.payloadHash).toBe(first.payloadHash);
    expect(again.repeatOfPushId).toBe(first.id);
  });

  it("a dry run sends the payload with dryRun=true, DHIS2 stores nothing, and a later real push is not a repeat of it", async () => {
    const { push, fake } = await setup();
    const dry = await push({ dryRun: true });
    expect(fake.requests[0]!.query.dryRun).toBe("true");
    expect(fake.values.size).toBe(0);
    expect(dry).toMatchObject({ dryRun: true, state: "done", summary: { imported: 17 } });
    const real = await push();
    expect(real.repeatOfPushId).toBeNull();
    expect(fake.values.size).toBe(17);
  });

  it("authenticates with a personal access token (Authorization: ApiToken …)", async () => {
    const { open, push, fake } = await setup({ users: [], tokens: ["d2pat_abc123"] });
    open.db.transaction((tx) =>
      saveDhis2Settings(
        tx,
        { baseUrl: fake.url, authKind: "token", username: null, secret: "d2pat_abc123", dataSetUid: null, timeoutS: 5 },
        { now: FIXTURE_NOW, origin: ADMIN_ORIGIN, box: TEST_BOX },
      ),
    );
    const result = await push();
    expect(fake.requests[0]!.authorization).toBe("ApiToken d2pat_abc123");
    expect(result.state).toBe("done");
    expect(fake.values.size).toBe(17);
  });

  it("records refused credentials as dhis2.unauthorized without retrying", async () => {
    const { push, fake } = await setup({ users: [{ username: "fura", password: "other" }] });
    const result = await push();
    expect(result).toMatchObject({ state: "failed", errorCode: "dhis2.unauthorized", httpStatus: 401, summary: null });
    expect(fake.requests).toHaveLength(1);
  });

  it("retries after 503 answers and stores the values once", async () => {
    const { push, fake } = await setup();
    fake.failNext(2, 503);
    const result = await push();
    expect(fake.requests).toHaveLength(3);
    expect(result).toMatchObject({ state: "done", summary: { imported: 17 } });
    expect(fake.values.size).toBe(17);
  });

  it("gives up after its retries and records the push as failed (dhis2.httpError)", async () => {
    const { open, push, fake } = await setup();
    fake.failNext(10, 503);
    const result = await push();
    expect(fake.requests).toHaveLength(3);
    expect(result).toMatchObject({ state: "failed", errorCode: "dhis2.httpError", httpStatus: 503 });
    expect(pushRows(open)).toHaveLength(1);
  });

  it("records a DHIS2 that does not answer in time as dhis2.timeout", async () => {
    const { open, push, fake } = await setup({}, { retries: 0 });
    open.sqlite.prepare("update dhis2_settings set timeout_s = 1").run();
    fake.delay(1500);
    const result = await push();
    expect(result).toMatchObject({ state: "failed", errorCode: "dhis2.timeout", httpStatus: null });
  });

  it("records an unreachable DHIS2 as dhis2.unreachable", async () => {
    const { open, push } = await setup({}, { retries: 1 });
    const closed = fake!;
    await closed.close();
    fake = null;
    const result = await push();
    expect(result).toMatchObject({ state: "failed", errorCode: "dhis2.unreachable" });
    expect(pushRows(open)[0]!.state).toBe("failed");
  });

  it("writes the push as 'sending' before the request leaves, so a push cut short stays visible", async () => {
    const { open, push, fake } = await setup();
    fake.delay(300);
    const pending = push();
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(pushRows(open).map((r) => r.state)).toEqual(["sending"]);
    expect((await pending).state).toBe("done");
  });

  it("reads the bare import summary of DHIS2 before 2.36", async () => {
    const { push } = await setup({ shape: "importSummary" });
    const result = await push();
    expect(result.summary).toMatchObject({ status: "SUCCESS", imported: 17, shape: "importSummary" });
  });

  it("shows the values DHIS2 refused as conflicts (HTTP 409, WARNING) and keeps the others", async () => {
    const known = { ...FIXTURE_KNOWN, dataElements: FIXTURE_KNOWN.dataElements.filter((d) => d !== "deZincRupt1") };
    const { push, fake } = await setup({ known });
    const result = await push();
    expect(result).toMatchObject({ state: "done", httpStatus: 409 });
    expect(result.summary).toMatchObject({ status: "WARNING", imported: 16, ignored: 1 });
    expect(result.summary!.conflicts).toEqual([
      { object: "deZincRupt1", value: "Data element not found or not accessible", errorCode: "E7610", indexes: [16] },
    ]);
    expect(fake.values.size).toBe(16);
  });

  it("splits a large payload into several requests and adds their summaries up", async () => {
    const { push, fake } = await setup({}, { maxValuesPerRequest: 5 });
    const result = await push();
    expect(fake.requests).toHaveLength(4);
    expect(result).toMatchObject({ requests: 4, summary: { imported: 17 } });
    expect(fake.values.size).toBe(17);
  });

  it("refuses a month with nothing to send, and an unconfigured DHIS2, recording no push", async () => {
    const { open, push, fake } = await setup();
    await expect(push({ period: "2026-08" })).rejects.toMatchObject({
      code: "validation_failed",
      details: { reason: "dhis2.nothingToSend" },
    });
    open.db.delete(dhis2Settings).run();
    await expect(push()).rejects.toMatchObject({ code: "conflict", details: { reason: "dhis2.notConfigured" } });
    expect(pushRows(open)).toEqual([]);
    expect(fake.requests).toEqual([]);
  });
});

describe("DHIS2 settings keep the secret out of sight", () => {
  it("shows only whether a secret is stored, stores it sealed, and never writes it to the audit log", () => {
    const open = interopFixtureDb();
    expect(getDhis2Settings(open.db)).toMatchObject({ configured: true, hasSecret: true, username: "fura" });
    expect(JSON.stringify(getDhis2Settings(open.db))).not.toContain('district"');
    const stored = open.db.select().from(dhis2Settings).get()!;
    expect(stored.secretSealed).toMatch(/^v1\./);
    expect(stored.secretSealed).not.toContain("district");
    const audits = open.sqlite.prepare("select before_json, after_json from audit_log").all();
    expect(JSON.stringify(audits)).not.toMatch(/"secret"|district"/);
  });

  it("keeps the stored secret when the same server's settings are saved without one, and removes it with null", () => {
    const open = interopFixtureDb();
    const save = (secret: string | null | undefined, baseUrl = "http://127.0.0.1:9") =>
      open.db.transaction((tx) =>
        saveDhis2Settings(
          tx,
          {
            baseUrl,
            authKind: "basic",
            username: "fura",
            secret,
            dataSetUid: null,
            timeoutS: 30,
          },
          { now: FIXTURE_NOW, origin: ADMIN_ORIGIN, box: TEST_BOX },
        ),
      );
    save(undefined);
    expect(openDhis2Connection(open.db, TEST_BOX).authorization()).toBe(
      `Basic ${Buffer.from("fura:district").toString("base64")}`,
    );
    // Another server without the secret typed again: refused (it would carry the stored password elsewhere).
    expect(() => save(undefined, "https://dhis2.example.org")).toThrow(/type the password or token again/);
    expect(getDhis2Settings(open.db).baseUrl).toBe("http://127.0.0.1:9");
    save(null);
    expect(getDhis2Settings(open.db).hasSecret).toBe(false);
    expect(() => openDhis2Connection(open.db, TEST_BOX)).toThrow(/No DHIS2 password/);
  });

  it("cannot open the secret with another server's key", () => {
    const open = interopFixtureDb();
    expect(() => openDhis2Connection(open.db, createSecretBox(Buffer.alloc(32, 9)))).toThrow(/cannot be read/);
  });

  it("redacts the authorization header when a connection is serialised or inspected", () => {
    const conn = connectionFrom({
      baseUrl: "https://dhis2.example.org/",
      authKind: "token",
      username: null,
      secret: "d2pat_secret",
      timeoutS: 30,
      dataSetUid: null,
    });
    expect(conn.baseUrl).toBe("https://dhis2.example.org");
    expect(JSON.stringify(conn)).not.toContain("d2pat_secret");
    expect(inspect(conn)).not.toContain("d2pat_secret");
    expect(conn.authorization()).toBe("ApiToken d2pat_secret");
  });
});
