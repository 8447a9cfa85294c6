/**
 * The audit log's search: by a fragment of the user's name or username (not only the exact username), by object and
 * dates; every entry carries the name of the user who made the change.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestContext } from "../helpers/app";

let t: TestContext;
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 2 });
  const res = await t.agent.post("/api/v1/users").set("Idempotency-Key", "audit-search-1").send({
    username: "awa.kone",
    displayName: "Awa Koné",
    role: "district_pharmacist",
    districtId: "kati",
    password: "temporaire-2026",
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
});

describe("GET /audit", () => {
  it("finds the entries of a user by a fragment of their name or username, with their name", async () => {
    const adminName = one<string>("select display_name from users where username = 'admin'");
    const byName = await t.agent
      .get("/api/v1/audit")
      .query({ who: adminName.slice(2, 7).toLowerCase(), objectType: "user" });
    expect(byName.status, JSON.stringify(byName.body)).toBe(200);
    expect(byName.body.total).toBeGreaterThan(0);
    for (const e of byName.body.items) {
      expect(e.username).toBe("admin");
      expect(e.displayName).toBe(adminName);
    }
    const created = byName.body.items.find((e: { action: string }) => e.action === "user.create");
    expect(created.after).toMatchObject({ username: "awa.kone", districtName: expect.any(String) });
    const byUsername = await t.agent.get("/api/v1/audit").query({ who: "dmi", objectType: "user" });
    expect(byUsername.body.total).toBe(byName.body.total);
    const nobody = await t.agent.get("/api/v1/audit").query({ who: "personne%" });
    expect(nobody.body.total).toBe(0);
  });

  it("filters by object and dates, and refuses a bad date with the field named", async () => {
    const id = one<number>("select id from users where username = 'awa.kone'");
    const res = await t.agent
      .get("/api/v1/audit")
      .query({ objectType: "user", objectId: String(id), from: "2026-11-15", to: "2026-11-15" });
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(["user.create"]);
    const none = await t.agent
      .get("/api/v1/audit")
      .query({ objectType: "user", objectId: String(id), to: "2026-11-14" });
    expect(none.body.total).toBe(0);
    const bad = await t.agent.get("/api/v1/audit").query({ from: "15/11/2026" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe("from");
  });
});
