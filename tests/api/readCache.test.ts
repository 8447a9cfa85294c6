/**
 * The per-facility answers kept until a write touches their facility (server/reads/cache.ts) and the
 * data-version triggers they rely on (db/dataVersions.ts): every table classified, the triggers installed
 * exactly as generated, a write raising the versions of the facilities it concerns and no other, and through
 * the API an answer served again until a write — by the API or by any other path — changes it.
 */
import pino from "pino";
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA_VERSION_RULES, dataVersionTriggers } from "../../db/dataVersions";
import { createApp } from "../../server/app";
import { CachedReader } from "../../server/reads/cache";
import { InlineReader } from "../../server/reads/registry";
import { makeTestApp, signIn, ADMIN_PASSWORD, DEMO_PASSWORD, type TestContext } from "../helpers/app";

let t: TestContext;
let reads: CachedReader;
let agent: TestAgent;
let app: ReturnType<typeof createApp>;
let cscom = "";
let other = "";
let depot = "";
let productId = 0;
const one = (sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args);
const version = (scope: string) => (one("select version from data_versions where scope = ?", scope) as number) ?? 0;

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 3, months: 3 });
  cscom = one("select scope_facility_id from users where username = 'cscom.kati'") as string;
  depot = one("select scope_facility_id from users where username = 'magasin.kati'") as string;
  other = one(
    "select facility_id from stock_balances where facility_id <> ? and qty_on_hand > 0 and facility_id in (select id from facilities where level = 'cscom') limit 1",
    cscom,
  ) as string;
  productId = one(
    "select product_id from stock_balances where facility_id = ? and qty_on_hand > 0 order by product_id limit 1",
    cscom,
  ) as number;
  reads = new CachedReader(new InlineReader(t.open.db), t.open.db);
  app = createApp({ db: t.open.db, clock: () => t.now.value, log: pino({ level: "silent" }), reads });
  agent = request.agent(app);
  await signIn(agent, "admin", ADMIN_PASSWORD);
}, 120_000);

afterAll(() => t.open.close());

let key = 0;
const receipt = (facilityId: string, quantity: number) =>
  agent
    .post("/api/v1/stock/movements")
    .set("Idempotency-Key", `read-cache-${++key}`)
    .send({ type: "receipt", facilityId, productId, lotCode: "CACHE-1", expiry: "2029-01-31", quantity });
const onHand = (body: { items: { productId: number; stockOnHand: number }[] }) =>
  body.items.find((i) => i.productId === productId)?.stockOnHand;

describe("data versions", () => {
  it("classify every table of the database, and only those", () => {
    const tables = t.open.sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    expect(Object.keys(DATA_VERSION_RULES).sort()).toEqual(tables);
  });

  it("are raised by exactly the triggers generated from the classification", () => {
    const installed = t.open.sqlite
      .prepare("select sql from sqlite_master where type = 'trigger' and name like 'data_version_%' order by name")
      .pluck()
      .all() as string[];
    const expected = Object.keys(DATA_VERSION_RULES).flatMap(dataVersionTriggers);
    const normalise = (s: string) => s.replace(/\s+/g, " ").replace(/;\s*$/, "").trim();
    expect(installed.map(normalise).sort()).toEqual(expected.map(normalise).sort());
  });

  it("rise for the facility a movement is written at, and for no other", async () => {
    const [mine, theirs, reference] = [version(cscom), version(other), version("*")];
    expect((await receipt(cscom, 3)).status).toBe(201);
    expect(version(cscom)).toBeGreaterThan(mine);
    expect(version(other)).toBe(theirs);
    expect(version("*")).toBe(reference);
  });

  it("rise for both ends of an order when one of its lines changes, and for everyone when a price changes", () => {
    const order = t.open.sqlite
      .prepare(
        "select o.id, o.facility_id f, o.supplier_id s from orders o join order_lines l on l.order_id = o.id limit 1",
      )
      .get() as { id: number; f: string; s: string } | undefined;
    if (order) {
      const [f, s] = [version(order.f), version(order.s)];
      t.open.sqlite.prepare("update order_lines set explanation = explanation where order_id = ?").run(order.id);
      expect(version(order.f)).toBeGreaterThan(f);
      expect(version(order.s)).toBeGreaterThan(s);
    }
    const reference = version("*");
    t.open.sqlite.prepare("update products set pack_weight_g = pack_weight_g where id = ?").run(productId);
    expect(version("*")).toBe(reference + 1);
  });
});

describe("answers kept until their facility is written", () => {
  it("serve a facility's stock again without reading, until a movement there changes it", async () => {
    const first = await agent.get(`/api/v1/facilities/${cscom}/stock`);
    expect(first.status).toBe(200);
    const hits = reads.stats().hits;
    const again = await agent.get(`/api/v1/facilities/${cscom}/stock`);
    expect(reads.stats().hits).toBe(hits + 1);
    expect(again.body).toEqual(first.body);
    expect((await receipt(cscom, 7)).status).toBe(201);
    const after = await agent.get(`/api/v1/facilities/${cscom}/stock`);
    expect(reads.stats().hits).toBe(hits + 1);
    expect(onHand(after.body)).toBe(onHand(first.body)! + 7);
  });

  it("count what they serve in GET /health, for operators", async () => {
    const health = await request(app).get("/api/v1/health");
    expect(health.body.readCache).toEqual(reads.stats());
    expect(health.body.readCache).toMatchObject({ maxBytes: 64 * 2 ** 20 });
    expect(health.body.readCache.hits).toBeGreaterThan(0);
    expect(health.body.readCache.entries).toBeGreaterThan(0);
  });

  it("keep a facility's answer when another facility is written", async () => {
    await agent.get(`/api/v1/facilities/${cscom}/stock/${productId}/card`);
    const hits = reads.stats().hits;
    expect((await receipt(other, 2)).status).toBe(201);
    const card = await agent.get(`/api/v1/facilities/${cscom}/stock/${productId}/card`);
    expect(card.status).toBe(200);
    expect(reads.stats().hits).toBe(hits + 1);
  });

  it("refresh a depot's history when one of its CSComs records a receipt from it", async () => {
    // The history shows the months before today's: look from December at a receipt of 20 November.
    const now = t.now.value;
    t.now.value = new Date("2026-12-10T09:00:00.000Z");
    try {
      const december = request.agent(app);
      await signIn(december, "admin", ADMIN_PASSWORD);
      const history = async () =>
        (await december.get(`/api/v1/facilities/${depot}/history?productId=${productId}`)).body;
      const before = await history();
      const res = await december.post("/api/v1/stock/movements").set("Idempotency-Key", `read-cache-${++key}`).send({
        type: "receipt",
        facilityId: cscom,
        productId,
        lotCode: "CACHE-2",
        expiry: "2029-01-31",
        quantity: 11,
        supplierId: depot,
        occurredAt: "2026-11-20T10:00:00.000Z",
      });
      expect(res.status).toBe(201);
      const after = await history();
      expect(after).not.toEqual(before);
      expect(after).toEqual(await new InlineReader(t.open.db).run("facilityHistory", depot, productId, "2026-12-10"));
    } finally {
      t.now.value = now;
    }
  });

  it("see a write made outside the API (another process, a script): the answer is read again", async () => {
    const before = await agent.get(`/api/v1/facilities/${cscom}/stock`);
    t.open.sqlite.prepare("update products set generic_name = 'Renamed by a script' where id = ?").run(productId);
    const after = await agent.get(`/api/v1/facilities/${cscom}/stock`);
    const name = (b: { items: { productId: number; genericName: string }[] }) =>
      b.items.find((i) => i.productId === productId)?.genericName;
    expect(name(before.body)).not.toBe("Renamed by a script");
    expect(name(after.body)).toBe("Renamed by a script");
  });

  it("refresh a depot's order list when one of its orders moves, and answer 304 to a client holding the same answer", async () => {
    const list = await agent.get(`/api/v1/orders?supplierId=${depot}`);
    expect(list.status).toBe(200);
    const etag = list.headers.etag as string;
    expect((await agent.get(`/api/v1/orders?supplierId=${depot}`).set("If-None-Match", etag)).status).toBe(304);
    const order = one("select id from orders where supplier_id = ? order by id limit 1", depot) as number | undefined;
    if (order === undefined) return;
    t.open.sqlite.prepare("update orders set updated_at = '2099-01-01T00:00:00.000Z' where id = ?").run(order);
    const after = await agent.get(`/api/v1/orders?supplierId=${depot}`).set("If-None-Match", etag);
    expect(after.status).toBe(200);
    expect((after.body.items as { id: number; updatedAt: string }[])[0]).toMatchObject({ id: order });
  });

  it("are never served past the scope check: a kept answer of another district stays out of reach", async () => {
    const outside = one(
      "select f.id from facilities f join stock_balances b on b.facility_id = f.id where f.district_id <> (select district_id from facilities where id = ?) and f.level = 'cscom' limit 1",
      cscom,
    ) as string;
    expect((await agent.get(`/api/v1/facilities/${outside}/stock`)).status).toBe(200);
    const hits = reads.stats().hits;
    const kati = request.agent(app);
    await signIn(kati, "pharmacien.kati", DEMO_PASSWORD);
    expect((await kati.get(`/api/v1/facilities/${outside}/stock`)).status).toBe(404);
    expect((await kati.get(`/api/v1/orders?facilityId=${outside}`)).status).toBe(404);
    expect(reads.stats().hits).toBe(hits);
    expect((await kati.get(`/api/v1/facilities/${cscom}/stock`)).status).toBe(200);
  });

  it("stay within their memory bound, least recently used first out", async () => {
    const size = (await reads.json("facilityStock", cscom, {}, "2026-11-01")).body.byteLength;
    const small = new CachedReader(new InlineReader(t.open.db), t.open.db, Math.round(size * 10.5));
    const days = Array.from({ length: 30 }, (_, k) => `2026-10-${String(k + 1).padStart(2, "0")}`);
    for (const day of days) await small.json("facilityStock", cscom, {}, day);
    expect(small.stats()).toMatchObject({ entries: 10, misses: 30, hits: 0 });
    expect(small.stats().bytes).toBeLessThanOrEqual(size * 10.5);
    await small.json("facilityStock", cscom, {}, days.at(-1)!);
    await small.json("facilityStock", cscom, {}, days[0]!);
    expect(small.stats()).toMatchObject({ hits: 1, misses: 31 });
  });
});
