import { beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { makeTestApp, type TestContext } from "../helpers/app";

let t: TestContext;
beforeAll(async () => {
  t = await makeTestApp({ cscoms: 2, months: 3 });
});

describe("public and protected routes", () => {
  it("answers GET /health without a session", async () => {
    const res = await request(t.app).get("/api/v1/health");
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("ok");
  });

  it("refuses the API without a session with 401 unauthenticated", async () => {
    const res = await request(t.app).get("/api/v1/facilities");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
  });

  it("refuses a wrong password with the same error as an unknown user", async () => {
    const wrong = await request(t.app).post("/api/v1/auth/login").send({ username: "admin", password: "nope-nope" });
    const unknown = await request(t.app).post("/api/v1/auth/login").send({ username: "ghost", password: "nope-nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it("signs a demo user in and out", async () => {
    const agent = request.agent(t.app);
    const login = await agent
      .post("/api/v1/auth/login")
      .send({ username: "pharmacien.kati", password: "fura-demo-2026" });
    expect(login.status).toBe(200);
    agent.set("X-CSRF-Token", login.body.csrfToken);
    expect(login.headers["set-cookie"]![0]).toMatch(/HttpOnly/);
    expect((await agent.get("/api/v1/auth/me")).body.user).toMatchObject({
      role: "district_pharmacist",
      scopeDistrictId: "kati",
    });
    expect((await agent.post("/api/v1/auth/logout")).status).toBe(204);
    expect((await agent.get("/api/v1/auth/me")).status).toBe(401);
  });

  it("answers unknown API routes with 404 in the error shape", async () => {
    const res = await t.agent.get("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});

describe("reference data", () => {
  it("lists the real OSM CSComs (≥ 400) with coordinates in Mali", async () => {
    const res = await t.agent.get("/api/v1/facilities?level=cscom");
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(400);
    expect(res.body.items.length).toBe(res.body.total);
    for (const f of res.body.items) {
      expect(f.level).toBe("cscom");
      expect(f.lat).toBeGreaterThan(10);
      expect(f.lat).toBeLessThan(25.5);
      expect(f.lon).toBeGreaterThan(-12.5);
      expect(f.lon).toBeLessThan(4.5);
      expect(f.districtId).toBeTruthy();
      expect(f.supplierId).toBeTruthy();
      expect(f.derivation).toMatchObject({ key: "nearest_depot", values: { demoFlags: true } });
      expect(f.derivation.values.km).toBeGreaterThanOrEqual(0);
    }
  });

  it("has PPM central, a regional warehouse per region outside Bamako and the district depots", async () => {
    const central = await t.agent.get("/api/v1/facilities?level=central");
    const regional = await t.agent.get("/api/v1/facilities?level=regional");
    const district = await t.agent.get("/api/v1/facilities?level=district");
    expect(central.body.total).toBe(1);
    expect(regional.body.total).toBe(10);
    expect(district.body.total).toBeGreaterThanOrEqual(55);
  });

  it("filters facilities by region, district and bounding box", async () => {
    const kati = await t.agent.get("/api/v1/facilities?districtId=kati");
    expect(kati.body.total).toBeGreaterThan(0);
    expect(kati.body.items.every((f: { districtId: string }) => f.districtId === "kati")).toBe(true);
    const bamako = await t.agent.get("/api/v1/facilities?regionId=bamako&level=cscom");
    expect(bamako.body.items.every((f: { regionId: string }) => f.regionId === "bamako")).toBe(true);
    const box = await t.agent.get("/api/v1/facilities?bbox=-8.1,12.5,-7.9,12.7");
    expect(box.body.total).toBeGreaterThan(0);
    for (const f of box.body.items) {
      expect(f.lon).toBeGreaterThanOrEqual(-8.1);
      expect(f.lat).toBeLessThanOrEqual(12.7);
    }
  });

  it("refuses a malformed bounding box and an unknown filter with the field", async () => {
    const bad = await t.agent.get("/api/v1/facilities?bbox=1,2,3");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe("bbox");
    const unknown = await t.agent.get("/api/v1/facilities?colour=red");
    expect(unknown.status).toBe(400);
    const level = await t.agent.get("/api/v1/facilities?level=hospital");
    expect(level.body.error.details.issues[0].path).toBe("level");
  });

  it("shows one facility with its supply lines", async () => {
    const cscom = (await t.agent.get("/api/v1/facilities?level=cscom&limit=1")).body.items[0];
    const res = await t.agent.get(`/api/v1/facilities/${cscom.id}`);
    expect(res.status).toBe(200);
    expect(res.body.supplyLines).toHaveLength(8);
    expect(res.body.supplyLines[0].supplierId).toBe(cscom.supplierId);
  });

  it("lists regions with boundaries, districts, programmes and the catalogue", async () => {
    const regions = (await t.agent.get("/api/v1/regions")).body.items;
    expect(regions).toHaveLength(11);
    const boundaries = (await t.agent.get("/api/v1/regions/boundaries")).body;
    expect(boundaries.features).toHaveLength(9);
    expect((await t.agent.get("/api/v1/districts?regionId=koulikoro")).body.items.length).toBeGreaterThan(5);
    const programmes = (await t.agent.get("/api/v1/programmes")).body.items;
    expect(programmes.map((p: { code: string }) => p.code).sort()).toEqual([
      "caesarean",
      "cost_recovery",
      "family_planning",
      "hiv",
      "malaria",
      "nutrition",
      "tb",
      "vaccines",
    ]);
    expect(programmes.every((p: { productCount: number }) => p.productCount > 0)).toBe(true);
    const products = (await t.agent.get("/api/v1/products")).body;
    expect(products.total).toBeGreaterThanOrEqual(120);
    const malaria = (await t.agent.get("/api/v1/products?programme=malaria")).body.items;
    expect(malaria.every((p: { programmeCode: string }) => p.programmeCode === "malaria")).toBe(true);
  });

  it("searches products and facilities whatever the case and accents, every word anywhere in the name", async () => {
    const names = async (q: string) =>
      ((await t.agent.get(`/api/v1/products?q=${encodeURIComponent(q)}`)).body.items as { genericName: string }[]).map(
        (p) => p.genericName,
      );
    const plain = await names("paracetamol");
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every((n) => /parac[ée]tamol/i.test(n))).toBe(true);
    expect(await names("PARACÉTAMOL")).toEqual(plain);
    // Words in any order, across name and strength.
    expect((await names("500 paracetamol")).length).toBeGreaterThan(0);
    const segou = (await t.agent.get("/api/v1/facilities?q=segou&limit=500")).body.items as { name: string }[];
    expect(segou.length).toBeGreaterThan(0);
    expect(segou.every((f) => /s[ée]gou/i.test(f.name))).toBe(true);
  });
});

describe("derivation notes stored by older seeds", () => {
  it("reads a sentence an older seed stored as its key and values", async () => {
    const { readDerivation } = await import("../../server/queries/reference");
    expect(
      readDerivation(
        "District derived: nearest district depot in the same (pre-2016) region, 29.0 km; not the official referral link. Rainy-season access and insecurity flags are demo values derived deterministically from the region, not an official assessment.",
      ),
    ).toEqual({ key: "nearest_depot", values: { km: 29, demoFlags: true } });
    expect(
      readDerivation("Approximate location in Bamako: the exact PPM central warehouse position is not in open data."),
    ).toEqual({ key: "central_approximate", values: { demoFlags: false } });
    expect(readDerivation(null)).toBeNull();
  });
});
