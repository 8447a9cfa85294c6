import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { createApp } from "../../server/app";
import { SESSION_IDLE_MS, SESSION_TTL_MS } from "../../server/auth/sessions";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  ledgerSnapshot,
  makeTestApp,
  signIn,
  TEST_NOW,
  type TestContext,
} from "../helpers/app";

let t: TestContext;
let depotId: string;
let productId: number;

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 2, months: 3 });
  depotId = t.open.sqlite
    .prepare("select id from facilities where level = 'district' and district_id = 'kati'")
    .pluck()
    .get() as string;
  productId = t.open.sqlite.prepare("select id from products order by id limit 1").pluck().get() as number;
});

const at = (ms: number) => new Date(TEST_NOW.getTime() + ms);
const auditCount = (action: string) =>
  t.open.sqlite.prepare("select count(*) from audit_log where action = ?").pluck().get(action) as number;

describe("rate limits", () => {
  it("slows down sign-in attempts from one client", async () => {
    const app = createApp({ db: t.open.db, loginRateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await request(app).post("/api/v1/auth/login").send({ username: "someone", password: "x" })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe("sessions", () => {
  it("ends a session after its idle time and after its absolute lifetime", async () => {
    const agent = request.agent(t.app);
    await signIn(agent, "pharmacien.kati", DEMO_PASSWORD);
    t.now.value = at(SESSION_IDLE_MS - 60_000);
    expect((await agent.get("/api/v1/auth/me")).status).toBe(200);
    t.now.value = at(2 * SESSION_IDLE_MS - 30_000);
    expect((await agent.get("/api/v1/auth/me")).status).toBe(401);

    const busy = request.agent(t.app);
    t.now.value = TEST_NOW;
    await signIn(busy, "pharmacien.kati", DEMO_PASSWORD);
    for (let h = 3; h < 12; h += 3) {
      t.now.value = at(h * 3600_000);
      expect((await busy.get("/api/v1/auth/me")).status).toBe(200);
    }
    t.now.value = at(SESSION_TTL_MS + 1000);
    expect((await busy.get("/api/v1/auth/me")).status).toBe(401);
    t.now.value = TEST_NOW;
  });

  it("changes a password, keeps the current session and ends the others", async () => {
    const a = request.agent(t.app);
    const b = request.agent(t.app);
    await signIn(a, "cscom.kati", DEMO_PASSWORD);
    await signIn(b, "cscom.kati", DEMO_PASSWORD);
    const wrong = await a
      .post("/api/v1/auth/password")
      .send({ currentPassword: "not-it", newPassword: "a-new-long-password" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.issues[0].path).toBe("currentPassword");
    const short = await a.post("/api/v1/auth/password").send({ currentPassword: DEMO_PASSWORD, newPassword: "short" });
    expect(short.body.error.details.issues[0].path).toBe("newPassword");
    expect(
      (
        await a
          .post("/api/v1/auth/password")
          .send({ currentPassword: DEMO_PASSWORD, newPassword: "a-new-long-password" })
      ).status,
    ).toBe(204);
    expect((await a.get("/api/v1/auth/me")).status).toBe(200);
    expect((await b.get("/api/v1/auth/me")).status).toBe(401);
    expect(
      (await request(t.app).post("/api/v1/auth/login").send({ username: "cscom.kati", password: DEMO_PASSWORD }))
        .status,
    ).toBe(401);
    expect(auditCount("auth.password.change")).toBe(1);
  });

  it("never stores a password in clear or logs it in the audit trail", () => {
    const hashes = t.open.sqlite.prepare("select password_hash from users").pluck().all() as string[];
    expect(hashes.every((h) => h.startsWith("scrypt$"))).toBe(true);
    const trail = JSON.stringify(t.open.sqlite.prepare("select * from audit_log").all());
    expect(trail).not.toContain(DEMO_PASSWORD);
    expect(trail).not.toContain(ADMIN_PASSWORD);
  });
});

describe("cross-site request forgery", () => {
  it("refuses a state-changing request without the session's X-CSRF-Token and writes nothing", async () => {
    const agent = request.agent(t.app);
    await agent.post("/api/v1/auth/login").send({ username: "admin", password: ADMIN_PASSWORD });
    const before = ledgerSnapshot(t.open);
    const body = {
      type: "receipt",
      facilityId: depotId,
      productId,
      lotCode: "CSRF-1",
      expiry: "2028-01-31",
      quantity: 5,
    };
    const none = await agent.post("/api/v1/stock/movements").set("Idempotency-Key", "csrf-test-1").send(body);
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe("csrf_failed");
    const wrong = await agent
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", "csrf-test-2")
      .set("X-CSRF-Token", "forged-token-value")
      .send(body);
    expect(wrong.body.error.code).toBe("csrf_failed");
    expect(ledgerSnapshot(t.open)).toEqual(before);
    // Reads need no token.
    expect((await agent.get("/api/v1/auth/me")).status).toBe(200);
  });
});

describe("hardening", () => {
  it("sends security headers and no CORS permission to other origins", async () => {
    const res = await t.agent.get("/api/v1/regions").set("Origin", "https://evil.example");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toBeTruthy();
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  it("refuses an oversized body with 413 and writes nothing", async () => {
    const before = ledgerSnapshot(t.open);
    const res = await t.agent
      .post("/api/v1/stock/counts")
      .set("Idempotency-Key", "too-large-1")
      .send({ facilityId: depotId, note: "x".repeat(2_000_000), lines: [] });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    expect(ledgerSnapshot(t.open)).toEqual(before);
  });

  it("caps page sizes", async () => {
    const res = await t.agent.get("/api/v1/audit?limit=100000");
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("limit");
  });

  it("answers an internal error as internal_error without its stack or SQL", async () => {
    const broken = openDb(":memory:");
    const app = createApp({ db: broken.db });
    broken.close();
    const res = await request(app).get("/api/v1/regions").set("Cookie", "fura_session=abc");
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: "internal_error", message: "Internal error" } });
  });
});

describe("audit trail", () => {
  it("records each stock write with who, what, before and after, and nobody can edit it", async () => {
    const agent = request.agent(t.app);
    await signIn(agent, "pharmacien.kati", DEMO_PASSWORD);
    const res = await agent
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", "audit-receipt-1")
      .set("User-Agent", "fura-test")
      .send({ type: "receipt", facilityId: depotId, productId, lotCode: "AUD-1", expiry: "2028-01-31", quantity: 12 });
    expect(res.status).toBe(201);
    const count = await agent
      .post("/api/v1/stock/counts")
      .set("Idempotency-Key", "audit-count-1")
      .send({ facilityId: depotId, lines: [{ lotId: res.body.movements[0].lotId, countedQty: 10 }] });
    expect(count.status).toBe(201);
    const list = await t.agent.get("/api/v1/audit?username=pharmacien.kati&objectType=stock_batch");
    expect(list.status).toBe(200);
    const [countEntry, receiptEntry] = list.body.items;
    expect(receiptEntry).toMatchObject({
      action: "stock.movement.create",
      objectId: res.body.batchId,
      userAgent: "fura-test",
      username: "pharmacien.kati",
    });
    expect(receiptEntry.before).toEqual([
      {
        facilityId: depotId,
        lotId: res.body.movements[0].lotId,
        fundingSource: res.body.movements[0].fundingSource,
        qtyOnHand: 0,
      },
    ]);
    expect(receiptEntry.after.balances[0].qtyOnHand).toBe(12);
    expect(countEntry).toMatchObject({ action: "stock.count.create", objectId: count.body.batchId });
    expect(countEntry.after.balances[0].qtyOnHand).toBe(10);
    // A replay is not a new change.
    await agent
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", "audit-receipt-1")
      .set("User-Agent", "fura-test")
      .send({ type: "receipt", facilityId: depotId, productId, lotCode: "AUD-1", expiry: "2028-01-31", quantity: 12 });
    expect((await t.agent.get("/api/v1/audit?username=pharmacien.kati&objectType=stock_batch")).body.total).toBe(2);
    expect(() => t.open.sqlite.prepare("update audit_log set action = 'x'").run()).toThrow(/append-only/);
    expect(() => t.open.sqlite.prepare("delete from audit_log").run()).toThrow(/append-only/);
  });

  it("lets only administrators read the audit log", async () => {
    const agent = request.agent(t.app);
    await signIn(agent, "ppm.achats", DEMO_PASSWORD);
    const res = await agent.get("/api/v1/audit");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });
});
