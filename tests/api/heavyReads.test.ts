/**
 * The national reads in a worker thread (server/reads): on the same database file they answer exactly
 * what the inline reads answer, see every write committed before them, carry an AppError back with
 * its code and details, and a read over its time limit is stopped and answered without leaving the
 * worker (or the caller) hanging.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InlineReader } from "../../server/reads/registry";
import { PlanRunCreate } from "../../shared/contracts/forecasts";
import { WorkerReader } from "../../server/reads/readerPool";
import { AppError } from "../../shared/errors";
import { makeTestApp, type TestContext } from "../helpers/app";

const dir = mkdtempSync(join(tmpdir(), "fura-reads-"));
const asOf = "2026-11-15";
let t: TestContext;
let worker: WorkerReader;
let inline: InlineReader;
let productId = 0;
let katiCscom = "";

beforeAll(async () => {
  t = await makeTestApp({ file: join(dir, "reads.db"), cscoms: 3, months: 4, reportMonths: 3 });
  worker = new WorkerReader(join(dir, "reads.db"));
  inline = new InlineReader(t.open.db);
  katiCscom = t.open.sqlite
    .prepare("select scope_facility_id from users where username = 'cscom.kati'")
    .pluck()
    .get() as string;
  productId = t.open.sqlite
    .prepare(
      "select product_id from stock_balances where facility_id = ? and qty_on_hand > 0 order by product_id limit 1",
    )
    .pluck()
    .get(katiCscom) as number;
}, 120_000);

afterAll(async () => {
  await worker.close();
  t.open.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("heavy reads in a worker thread", () => {
  it("answer what the inline reads answer, for the indicators and the stock picture", async () => {
    const q = { expiryMonths: 6, fillRateMonths: 3 };
    const [fromWorker, fromInline] = await Promise.all([
      worker.run("areaIndicators", { all: true }, q, asOf),
      inline.run("areaIndicators", { all: true }, q, asOf),
    ]);
    expect(fromWorker).toEqual(fromInline);
    expect(fromWorker.stockouts.denominator).toBeGreaterThan(0);
    const picture = await worker.run("stockStatus", { regionId: "koulikoro" }, { productId }, asOf);
    expect(picture).toEqual(await inline.run("stockStatus", { regionId: "koulikoro" }, { productId }, asOf));
    expect(picture.items.length).toBeGreaterThan(0);
  });

  it("see a write committed on the server's connection just before", async () => {
    const before = await worker.run("stockStatus", { facilityId: katiCscom }, { productId }, asOf);
    const soh = before.items.find((i) => i.facilityId === katiCscom)!.stockOnHand;
    const res = await t.agent.post("/api/v1/stock/movements").set("Idempotency-Key", "heavy-reads-receipt-1").send({
      type: "receipt",
      facilityId: katiCscom,
      productId,
      lotCode: "READS-1",
      expiry: "2028-06-30",
      quantity: 37,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const after = await worker.run("stockStatus", { facilityId: katiCscom }, { productId }, asOf);
    expect(after.items.find((i) => i.facilityId === katiCscom)!.stockOnHand).toBe(soh + 37);
  });

  it("carry an AppError back with its code and details", async () => {
    const refused = await worker
      .run("areaIndicators", { districtId: "kati" }, { regionId: "kayes", expiryMonths: 6, fillRateMonths: 3 }, asOf)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "not_found", status: 404 });
    const invalid = await worker
      .run("areaIndicators", { all: true }, { period: "2030-01", expiryMonths: 6, fillRateMonths: 3 }, asOf)
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: "validation_failed", details: { issues: [{ path: "period" }] } });
  });

  it("report a long read's progress while it runs, and answer what the inline run answers", async () => {
    const ids = t.open.sqlite.prepare("select id from products order by id limit 5").pluck().all() as number[];
    const seen: [number, number][] = [];
    const input = PlanRunCreate.parse({ productIds: ids, settings: { horizon: 12 } });
    const [fromWorker, fromInline] = await Promise.all([
      worker.runTracked("cataloguePlan", (done, total) => seen.push([done, total]), input, asOf),
      inline.runTracked("cataloguePlan", () => undefined, input, asOf),
    ]);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual([5, 5]);
    expect(seen.every(([, total]) => total === 5)).toBe(true);
    expect({ ...fromWorker, elapsedMs: 0 }).toEqual({ ...fromInline, elapsedMs: 0 });
    expect(fromWorker.products).toHaveLength(5);
    const forecast = await worker.run("productForecast", { productId: ids[0]!, level: "national" }, asOf);
    expect(forecast).toEqual(await inline.run("productForecast", { productId: ids[0]!, level: "national" }, asOf));
  });

  it("stop a read over its time limit, answer every caller, and serve the next read with a new worker", async () => {
    const hasty = new WorkerReader(join(dir, "reads.db"), { limitMs: 1 });
    try {
      const late = await hasty
        .run("areaIndicators", { all: true }, { expiryMonths: 6, fillRateMonths: 3 }, asOf)
        .catch((e: unknown) => e);
      expect(late).toMatchObject({ code: "internal_error" });
      expect(String((late as Error).message)).toMatch(/did not answer within 1 ms/);
    } finally {
      await hasty.close();
    }
    // The server's reader is unaffected and still answers.
    expect((await worker.run("stockStatus", { all: true }, { productId }, asOf)).items.length).toBeGreaterThan(0);
  });
});
