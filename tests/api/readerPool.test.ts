/**
 * The per-facility reads on the reader threads (server/reads): the same answers as inline, the JSON
 * serialised in the thread with an ETag (304 when the client holds it, a new one after a write), and a
 * full queue answered server_busy at once instead of waiting.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { WorkerReader } from "../../server/reads/readerPool";
import { InlineReader, type ReadName } from "../../server/reads/registry";
import { makeTestApp, signIn, ADMIN_PASSWORD, type TestContext } from "../helpers/app";

const dir = mkdtempSync(join(tmpdir(), "fura-pool-"));
const dbFile = join(dir, "pool.db");
const asOf = "2026-11-15";
let t: TestContext;
let pool: WorkerReader;
let inline: InlineReader;
let cscom = "";
let depot = "";
let productId = 0;

beforeAll(async () => {
  t = await makeTestApp({ file: dbFile, cscoms: 3, months: 4, reportMonths: 2 });
  pool = new WorkerReader(dbFile, { readers: 2 });
  inline = new InlineReader(t.open.db);
  const one = (sql: string) => t.open.sqlite.prepare(sql).pluck().get() as string;
  cscom = one("select scope_facility_id from users where username = 'cscom.kati'");
  depot = one("select scope_facility_id from users where username = 'magasin.kati'");
  productId = Number(
    one(
      `select product_id from stock_balances where facility_id = '${cscom}' and qty_on_hand > 0 order by product_id limit 1`,
    ),
  );
}, 120_000);

afterAll(async () => {
  await pool.close();
  t.open.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("per-facility reads on reader threads", () => {
  it("answer what the inline reads answer, as values and as JSON bytes with the same ETag", async () => {
    const reads: [ReadName, unknown[]][] = [
      ["facilityStock", [cscom, {}, asOf]],
      ["facilityStock", [depot, { includeEmpty: "true" }, asOf]],
      ["stockCard", [cscom, productId, { limit: 50, offset: 0 }]],
      ["facilityHistory", [cscom, productId, asOf]],
      ["orders", [{ districtId: "kati" }, { limit: 100, offset: 0 }]],
      ["reports", [{ facilityId: cscom }, { facilityId: cscom, limit: 100, offset: 0 }]],
    ];
    for (const [name, args] of reads) {
      type Call = (name: ReadName, ...args: unknown[]) => Promise<unknown>;
      const run = (r: WorkerReader | InlineReader, json: boolean) =>
        ((json ? r.json : r.run) as unknown as Call).call(r, name, ...args);
      const [value, expected] = await Promise.all([run(pool, false), run(inline, false)]);
      expect(value, name).toEqual(expected);
      const [bytes, expectedBytes] = (await Promise.all([run(pool, true), run(inline, true)])) as {
        body: Uint8Array;
        etag: string;
      }[];
      expect(bytes!.etag).toBe(expectedBytes!.etag);
      expect(JSON.parse(Buffer.from(bytes!.body).toString("utf8"))).toEqual(expected);
    }
    const stock = (await pool.run("facilityStock", cscom, {}, asOf)) as { items: unknown[] };
    expect(stock.items.length).toBeGreaterThan(5);
  });

  it("carry a refusal back: an unknown product of a history is a field error, an unknown facility a 404", async () => {
    const refused = await pool.run("facilityHistory", cscom, 999_999, asOf).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "validation_failed", details: { issues: [{ path: "productId" }] } });
    const unknown = await pool.run("facilityStock", "nowhere", {}, asOf).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: "not_found", status: 404 });
  });

  it("start their threads on start(), before any read (the server does so as it starts)", async () => {
    const fresh = new WorkerReader(dbFile, { readers: 2 });
    try {
      expect(fresh.threads).toBe(0);
      await fresh.start();
      expect(fresh.threads).toBe(2);
      await expect(fresh.run("facilityStock", cscom, {}, asOf)).resolves.toMatchObject({ facilityId: cscom });
      expect(fresh.threads).toBe(2);
    } finally {
      await fresh.close();
    }
  });

  it("refuse with server_busy once the queue is full, without waiting", async () => {
    const small = new WorkerReader(dbFile, { readers: 1, maxQueue: 1 });
    try {
      const first = small.run("facilityStock", cscom, {}, asOf);
      const second = small.run("facilityStock", depot, {}, asOf);
      const third = await small.run("facilityStock", cscom, {}, asOf).catch((e: unknown) => e);
      expect(third).toMatchObject({ code: "server_busy", status: 503 });
      await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    } finally {
      await small.close();
    }
  });
});

describe("HTTP answers of the reader threads", () => {
  let agent: TestAgent;
  beforeAll(async () => {
    const app = createApp({ db: t.open.db, clock: () => t.now.value, log: pino({ level: "silent" }), reads: pool });
    agent = request.agent(app);
    await signIn(agent, "admin", ADMIN_PASSWORD);
  });

  it("answer 304 to a client holding the current ETag, and a new ETag once the stock changed", async () => {
    const first = await agent.get(`/api/v1/facilities/${cscom}/stock`);
    expect(first.status).toBe(200);
    expect(first.headers["content-type"]).toMatch(/application\/json/);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await agent.get(`/api/v1/facilities/${cscom}/stock`).set("If-None-Match", etag);
    expect(again.status).toBe(304);
    const receipt = await agent
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", "reader-pool-receipt-1")
      .send({ type: "receipt", facilityId: cscom, productId, lotCode: "POOL-1", expiry: "2029-01-31", quantity: 7 });
    expect(receipt.status).toBe(201);
    const after = await agent.get(`/api/v1/facilities/${cscom}/stock`).set("If-None-Match", etag);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const item = (after.body.items as { productId: number; stockOnHand: number }[]).find(
      (i) => i.productId === productId,
    )!;
    const before = (first.body.items as { productId: number; stockOnHand: number }[]).find(
      (i) => i.productId === productId,
    )!;
    expect(item.stockOnHand).toBe(before.stockOnHand + 7);
  });

  it("answer 404 for an unknown facility, as before", async () => {
    const res = await agent.get("/api/v1/facilities/nowhere/stock");
    expect(res.status).toBe(404);
  });
});
