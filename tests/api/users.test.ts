/**
 * Accounts (GET/POST /users, PATCH /users/:id): an administrator creates an account with a temporary password
 * that must be changed before anything else; bad input is refused with the field named and nothing written;
 * deactivating or resetting ends the account's sessions at once; the last active administrator stays one; a
 * regional manager manages the district and facility accounts of their region only; every change is audited with
 * before/after and the scope's names.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let n = 0;
const key = () => ({ "Idempotency-Key": `users-test-${++n}` });
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const row = (sql: string, ...args: unknown[]) => t.open.sqlite.prepare(sql).get(...args) as Record<string, unknown>;
const userCount = () => one<number>("select count(*) from users");
const auditCount = () => one<number>("select count(*) from audit_log where object_type = 'user'");
const issuesOf = (res: request.Response) =>
  (res.body.error?.details?.issues ?? []) as { path: string; message: string; key?: string }[];

const TEMPORARY = "temporaire-2026";

async function createAccount(body: Record<string, unknown>, agent: TestAgent = t.agent) {
  return agent
    .post("/api/v1/users")
    .set(key())
    .send({ displayName: "Awa Traoré", password: TEMPORARY, ...body });
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 2, months: 2 });
});

describe("creating an account", () => {
  it("stores a district pharmacist of another district with a temporary password, and audits it with names", async () => {
    const res = await createAccount({
      username: "Pharmacien.Mopti2",
      role: "district_pharmacist",
      districtId: "mopti",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      username: "pharmacien.mopti2",
      role: "district_pharmacist",
      districtId: "mopti",
      regionId: "mopti",
      mustChangePassword: true,
      active: true,
    });
    expect(res.body.districtName).toBeTruthy();
    const stored = row("select * from users where username = 'pharmacien.mopti2'");
    expect(stored).toMatchObject({ scope_district_id: "mopti", scope_region_id: "mopti", must_change_password: 1 });
    expect(stored.password_hash).not.toContain(TEMPORARY);
    const line = row("select * from audit_log where action = 'user.create' and object_id = ?", String(res.body.id));
    const after = JSON.parse(String(line.after_json));
    expect(after).toMatchObject({ username: "pharmacien.mopti2", districtName: res.body.districtName });
    expect(JSON.stringify(after)).not.toContain(TEMPORARY);
    expect(line.user_id).toBe(one("select id from users where username = 'admin'"));
  });

  it("refuses bad input with the field named and writes nothing", async () => {
    const users = userCount();
    const audits = auditCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ username: "a b", role: "district_pharmacist", districtId: "kati" }, "username"],
      [{ username: "ok.name", role: "district_pharmacist", districtId: "kati", password: "court" }, "password"],
      [{ username: "ok.name", role: "district_pharmacist" }, "districtId"],
      [{ username: "ok.name", role: "district_pharmacist", districtId: "kati", regionId: "kati" }, "regionId"],
      [
        {
          username: "ok.name",
          role: "storekeeper",
          facilityId: one("select scope_facility_id from users where username = 'cscom.kati'"),
        },
        "facilityId",
      ],
      [{ username: "ok.name", role: "chef", districtId: "kati" }, "role"],
      [{ username: "pharmacien.kati", role: "district_pharmacist", districtId: "kati" }, "username"],
      [{ username: "ok.name", role: "district_pharmacist", districtId: "nowhere" }, "districtId"],
    ];
    for (const [body, field] of cases) {
      const res = await createAccount(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        issuesOf(res).map((i) => i.path),
        JSON.stringify(res.body),
      ).toContain(field);
    }
    expect(userCount()).toBe(users);
    expect(auditCount()).toBe(audits);
  });
});

describe("the temporary password", () => {
  it("lets the new user do nothing but change it, then everything the role allows", async () => {
    const created = await createAccount({
      username: "pharmacien.temp",
      role: "district_pharmacist",
      districtId: "kati",
    });
    expect(created.status).toBe(201);
    const agent = request.agent(t.app);
    await signIn(agent, "pharmacien.temp", TEMPORARY);
    const me = await agent.get("/api/v1/auth/me");
    expect(me.body.user.mustChangePassword).toBe(true);
    const blocked = await agent.get("/api/v1/stock/status").query({ productId: 1 });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe("password_change_required");
    const same = await agent.post("/api/v1/auth/password").send({ currentPassword: TEMPORARY, newPassword: TEMPORARY });
    expect(same.status).toBe(400);
    expect(one("select must_change_password from users where username = 'pharmacien.temp'")).toBe(1);
    const changed = await agent
      .post("/api/v1/auth/password")
      .send({ currentPassword: TEMPORARY, newPassword: "mon-nouveau-mot-de-passe" });
    expect(changed.status).toBe(204);
    expect(one("select must_change_password from users where username = 'pharmacien.temp'")).toBe(0);
    const allowed = await agent.get("/api/v1/stock/status").query({ productId: 1 });
    expect(allowed.status).toBe(200);
  });
});

describe("changing an account", () => {
  it("ends the sessions of a deactivated user at once, and refuses their sign-in", async () => {
    const created = await createAccount({
      username: "cscom.gone",
      role: "cscom_manager",
      facilityId: one("select scope_facility_id from users where username = 'cscom.kati'"),
    });
    expect(created.status).toBe(201);
    const agent = request.agent(t.app);
    await signIn(agent, "cscom.gone", TEMPORARY);
    expect((await agent.get("/api/v1/auth/me")).status).toBe(200);
    const res = await t.agent.patch(`/api/v1/users/${created.body.id}`).set(key()).send({ active: false });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ active: false, sessions: 0 });
    expect(one("select count(*) from sessions where user_id = ?", created.body.id)).toBe(0);
    expect((await agent.get("/api/v1/auth/me")).status).toBe(401);
    const again = await request(t.app).post("/api/v1/auth/login").send({ username: "cscom.gone", password: TEMPORARY });
    expect(again.status).toBe(401);
    const line = row(
      "select * from audit_log where action = 'user.deactivate' and object_id = ?",
      String(created.body.id),
    );
    expect(JSON.parse(String(line.before_json)).active).toBe(true);
    expect(JSON.parse(String(line.after_json))).toMatchObject({ active: false, sessionsEnded: 1 });
  });

  it("resets a password to a temporary one: sessions ended, to be changed at the next sign-in", async () => {
    const id = one<number>("select id from users where username = 'magasin.kati'");
    const agent = request.agent(t.app);
    await signIn(agent, "magasin.kati", DEMO_PASSWORD);
    const res = await t.agent.patch(`/api/v1/users/${id}`).set(key()).send({ password: "reinitialise-2026" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.mustChangePassword).toBe(true);
    expect((await agent.get("/api/v1/auth/me")).status).toBe(401);
    const line = row("select * from audit_log where action = 'user.password.reset' and object_id = ?", String(id));
    expect(line.after_json).not.toContain("reinitialise-2026");
    await signIn(agent, "magasin.kati", "reinitialise-2026");
    expect((await agent.get("/api/v1/auth/me")).body.user.mustChangePassword).toBe(true);
  });

  it("changes role and scope together, refusing a scope the new role does not take", async () => {
    const created = await createAccount({
      username: "futur.regional",
      role: "district_pharmacist",
      districtId: "kati",
    });
    const path = `/api/v1/users/${created.body.id}`;
    const wrong = await t.agent.patch(path).set(key()).send({ role: "regional_manager" });
    expect(wrong.status).toBe(400);
    expect(issuesOf(wrong).map((i) => i.path)).toContain("regionId");
    expect(row("select role, scope_district_id from users where id = ?", created.body.id)).toEqual({
      role: "district_pharmacist",
      scope_district_id: "kati",
    });
    const res = await t.agent.patch(path).set(key()).send({ role: "regional_manager", regionId: "mopti" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(row("select role, scope_region_id, scope_district_id from users where id = ?", created.body.id)).toEqual({
      role: "regional_manager",
      scope_region_id: "mopti",
      scope_district_id: null,
    });
    const line = row("select * from audit_log where action = 'user.update' and object_id = ?", String(created.body.id));
    expect(JSON.parse(String(line.before_json)).role).toBe("district_pharmacist");
    expect(JSON.parse(String(line.after_json)).role).toBe("regional_manager");
  });
});

describe("the last active administrator", () => {
  it("can be neither deactivated nor demoted; once another one exists, can be", async () => {
    const adminId = one<number>("select id from users where username = 'admin'");
    const path = `/api/v1/users/${adminId}`;
    const before = row("select role, active from users where id = ?", adminId);
    const audits = auditCount();
    for (const body of [{ active: false }, { role: "procurement_officer" }]) {
      const res = await t.agent.patch(path).set(key()).send(body);
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(res.body.error.code).toBe("last_admin");
    }
    expect(row("select role, active from users where id = ?", adminId)).toEqual(before);
    expect(auditCount()).toBe(audits);
    const second = await createAccount({ username: "admin.deux", role: "admin" });
    expect(second.status).toBe(201);
    // A temporary password does not make an administrator: the last active one may still not go.
    const res = await t.agent.patch(`/api/v1/users/${second.body.id}`).set(key()).send({ active: false });
    expect(res.status).toBe(200);
    expect((await t.agent.patch(path).set(key()).send({ active: false })).status).toBe(409);
  });
});

describe("a regional manager", () => {
  let regional: TestAgent;
  beforeAll(async () => {
    regional = request.agent(t.app);
    await signIn(regional, "region.koulikoro", DEMO_PASSWORD);
  });

  it("lists only the district and facility accounts of their region", async () => {
    const res = await regional.get("/api/v1/users").query({ limit: 200 });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const u of res.body.items) {
      expect(u.regionId).toBe("koulikoro");
      expect(["district_pharmacist", "storekeeper", "cscom_manager", "driver"]).toContain(u.role);
    }
  });

  it("creates accounts of their region only, and never a national role", async () => {
    const users = userCount();
    const national = await createAccount({ username: "achats.deux", role: "procurement_officer" }, regional);
    expect(national.status).toBe(400);
    expect(issuesOf(national).map((i) => i.path)).toContain("role");
    const elsewhere = await createAccount(
      { username: "pharma.mopti3", role: "district_pharmacist", districtId: "mopti" },
      regional,
    );
    expect(elsewhere.status).toBe(400);
    expect(issuesOf(elsewhere)).toContainEqual(
      expect.objectContaining({ path: "districtId", message: "unknown district mopti" }),
    );
    expect(userCount()).toBe(users);
    const res = await createAccount(
      { username: "pharma.kati2", role: "district_pharmacist", districtId: "kati" },
      regional,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it("cannot see or change an account outside their region", async () => {
    const adminId = one<number>("select id from users where username = 'admin'");
    const moptiId = one<number>("select id from users where username = 'pharmacien.mopti2'");
    for (const id of [adminId, moptiId]) {
      expect((await regional.get(`/api/v1/users/${id}`)).status).toBe(404);
      const res = await regional.patch(`/api/v1/users/${id}`).set(key()).send({ displayName: "Pris" });
      expect(res.status).toBe(404);
    }
    expect(one("select display_name from users where id = ?", moptiId)).toBe("Awa Traoré");
  });
});

describe("listing accounts", () => {
  it("finds accounts by a fragment of the username or name, and by status", async () => {
    const res = await t.agent.get("/api/v1/users").query({ q: "traor", status: "active" });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const u of res.body.items) {
      expect(u.active).toBe(true);
      expect(`${u.username} ${u.displayName}`.toLowerCase()).toContain("traor");
    }
    const inactive = await t.agent.get("/api/v1/users").query({ status: "inactive" });
    expect(inactive.body.items.map((u: { username: string }) => u.username)).toContain("cscom.gone");
  });
});
