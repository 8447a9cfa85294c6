/**
 * Sign-in: an address that keeps failing for a username waits longer and longer (429), while the same
 * username still signs in from anywhere else; a username attacked from many addresses is answered
 * more slowly, never refused; every denied sign-in is in the audit log with the username tried and
 * the client's address, never the password; sessions are stored as the SHA-256 of their cookie.
 */
import { createHash } from "node:crypto";
import pino from "pino";
import request from "supertest";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import {
  PAIR_BASE_DELAY_MS,
  PAIR_FREE_FAILURES,
  USERNAME_FREE_FAILURES,
  USERNAME_STEP_MS,
  pairDelayMs,
} from "../../server/auth/throttle";
import { DEMO_PASSWORD, makeTestApp, TEST_NOW, type TestContext } from "../helpers/app";

let t: TestContext;
let app: ReturnType<typeof createApp>;
/** The waits the app asked for (the slow-down), instead of sleeping through them */
let waits: number[] = [];
const WRONG = "not-the-password";

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 2 });
  // Behind a trusted proxy, X-Forwarded-For is the client's address: one test plays many clients.
  app = createApp({
    db: t.open.db,
    clock: () => t.now.value,
    log: pino({ level: "silent" }),
    loginRateLimitPerMinute: 0,
    trustProxy: true,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
});

beforeEach(() => {
  t.now.value = TEST_NOW;
  waits = [];
});

const later = (ms: number) => {
  t.now.value = new Date(t.now.value.getTime() + ms);
};
const signIn = (from: string, username: string, password: string) =>
  request(app).post("/api/v1/auth/login").set("X-Forwarded-For", from).send({ username, password });
const failuresOf = (username: string) =>
  t.open.sqlite
    .prepare("select client_ip clientIp, failures from sign_in_failures where username = ? order by client_ip")
    .all(username);
const auditOf = (username: string) =>
  t.open.sqlite
    .prepare(
      "select action, user_id userId, username, client_ip clientIp, after_json afterJson from audit_log where username = ? order by id",
    )
    .all(username) as { action: string; userId: number | null; clientIp: string; afterJson: string | null }[];

describe("an address that keeps failing", () => {
  it("waits a growing delay for that username, while the user still signs in from another address", async () => {
    const username = "magasin.kati";
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      const res = await signIn("10.1.0.1", username, WRONG);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("invalid_credentials");
    }
    // Even the right password waits now, from this address: nothing is checked until the delay is over.
    const held = await signIn("10.1.0.1", username, DEMO_PASSWORD);
    expect(held.status).toBe(429);
    expect(held.body.error).toMatchObject({
      code: "too_many_attempts",
      details: { retryAfterSeconds: PAIR_BASE_DELAY_MS / 1000 },
    });
    // The real user, at the depot's own computer, is not locked out.
    expect((await signIn("10.1.0.2", username, DEMO_PASSWORD)).status).toBe(200);

    later(PAIR_BASE_DELAY_MS + 1000);
    expect((await signIn("10.1.0.1", username, WRONG)).status).toBe(401);
    const longer = await signIn("10.1.0.1", username, WRONG);
    expect(longer.status).toBe(429);
    expect(longer.body.error.details.retryAfterSeconds).toBe(pairDelayMs(PAIR_FREE_FAILURES + 1) / 1000);
    expect(pairDelayMs(PAIR_FREE_FAILURES + 1)).toBe(2 * PAIR_BASE_DELAY_MS);
    expect(failuresOf(username)).toEqual([{ clientIp: "10.1.0.1", failures: PAIR_FREE_FAILURES + 1 }]);

    later(2 * PAIR_BASE_DELAY_MS + 1000);
    expect((await signIn("10.1.0.1", username, DEMO_PASSWORD)).status).toBe(200);
    // A success clears its own address's count.
    expect(failuresOf(username)).toEqual([]);
  });

  it("counts unknown usernames exactly like real ones", async () => {
    for (const username of ["nobody.here", "pharmacien.kati"]) {
      const statuses: number[] = [];
      for (let i = 0; i <= PAIR_FREE_FAILURES; i++) statuses.push((await signIn("10.2.0.1", username, WRONG)).status);
      expect(statuses).toEqual([...Array(PAIR_FREE_FAILURES).fill(401), 429]);
    }
  });
});

describe("a username attacked from many addresses", () => {
  it("is answered more slowly, and the right password still signs in", async () => {
    const username = "cscom.kati";
    const attackers = USERNAME_FREE_FAILURES + 4;
    for (let i = 0; i < attackers; i++) expect((await signIn(`10.3.0.${i + 1}`, username, WRONG)).status).toBe(401);
    // The first USERNAME_FREE_FAILURES failures cost nothing extra; each one after them adds a step.
    expect(waits).toEqual([1, 2, 3].map((n) => n * USERNAME_STEP_MS));
    waits = [];
    const real = await signIn("10.3.1.1", username, DEMO_PASSWORD);
    expect(real.status).toBe(200);
    expect(waits).toEqual([4 * USERNAME_STEP_MS]);
    // Once the window has passed, the slow-down is gone.
    later(15 * 60_000 + 1000);
    waits = [];
    expect((await signIn("10.3.1.1", username, DEMO_PASSWORD)).status).toBe(200);
    expect(waits).toEqual([]);
  });
});

describe("the audit log of sign-ins", () => {
  it("records each denied sign-in with the username tried and the client's address, never the password", async () => {
    const username = "ppm.achats";
    const password = "a-guess-that-must-not-be-stored";
    for (let i = 0; i <= PAIR_FREE_FAILURES; i++) await signIn("10.4.0.1", username, password);
    const trail = auditOf(username);
    expect(trail.map((a) => a.action)).toEqual([
      ...Array(PAIR_FREE_FAILURES).fill("auth.login_failed"),
      "auth.login_throttled",
    ]);
    expect(trail.every((a) => a.clientIp === "10.4.0.1" && a.userId === null)).toBe(true);
    expect(JSON.parse(trail.at(-2)!.afterJson!)).toEqual({
      failures: PAIR_FREE_FAILURES,
      retryAfterSeconds: PAIR_BASE_DELAY_MS / 1000,
    });
    const everything = JSON.stringify(t.open.sqlite.prepare("select * from audit_log").all());
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(WRONG);
  });
});

describe("usernames", () => {
  it("signs in whatever the case and spacing of the username, and refuses invisible characters naming the field", async () => {
    expect((await signIn("10.5.0.1", "  Pharmacien.KATI ", DEMO_PASSWORD)).status).toBe(200);
    const before = t.open.sqlite.prepare("select count(*) from sessions").pluck().get();
    const hidden = await signIn("10.5.0.1", "pharmacien\u200b.kati", DEMO_PASSWORD);
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.details.issues[0]).toMatchObject({ path: "username" });
    expect(hidden.body.error.details.issues[0].message).toContain("U+200B");
    expect(t.open.sqlite.prepare("select count(*) from sessions").pluck().get()).toBe(before);
  });
});

describe("sessions at rest", () => {
  it("stores the SHA-256 of the cookie's token, never the token, and a stolen stored key is no cookie", async () => {
    const res = await signIn("10.6.0.1", "admin", "test-admin-password");
    expect(res.status).toBe(200);
    const token = /fura_session=([^;]+)/.exec(String(res.headers["set-cookie"]))![1]!;
    const stored = t.open.sqlite.prepare("select id from sessions").pluck().all() as string[];
    const key = createHash("sha256").update(token).digest("hex");
    expect(stored).toContain(key);
    expect(stored).not.toContain(token);
    expect((await request(app).get("/api/v1/auth/me").set("Cookie", `fura_session=${token}`)).status).toBe(200);
    expect((await request(app).get("/api/v1/auth/me").set("Cookie", `fura_session=${key}`)).status).toBe(401);
    // Signing out removes the stored key.
    const out = await request(app)
      .post("/api/v1/auth/logout")
      .set("Cookie", `fura_session=${token}`)
      .set("X-CSRF-Token", res.body.csrfToken);
    expect(out.status).toBe(204);
    expect(t.open.sqlite.prepare("select id from sessions").pluck().all()).not.toContain(key);
  });
});
