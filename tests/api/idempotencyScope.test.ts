/** Idempotency keys belong to their user and are kept for 30 days: a tablet offline for a week still gets its first answer. */
import { beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { IDEMPOTENCY_RETENTION_DAYS, purgeIdempotencyKeys } from "../../server/commands/idempotency";
import { DEMO_PASSWORD, ledgerSnapshot, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let pharmacist: TestAgent;
let depot = "";
let productId = 0;
const receipt = (quantity: number) => ({
  type: "receipt",
  facilityId: depot,
  productId,
  lotCode: "IDEM-1",
  expiry: "2028-06-30",
  quantity,
});
const count = (sql: string, ...args: unknown[]) =>
  Number(
    t.open.sqlite
      .prepare(sql)
      .pluck()
      .get(...args),
  );

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 1 });
  pharmacist = request.agent(t.app);
  await signIn(pharmacist, "pharmacien.kati", DEMO_PASSWORD);
  depot = t.open.sqlite
    .prepare("select id from facilities where level = 'district' and district_id = 'kati'")
    .pluck()
    .get() as string;
  productId = count("select id from products order by id limit 1");
});

describe("idempotency keys", () => {
  it("lets two users use the same key for their own writes, each applied once", async () => {
    const first = await t.agent.post("/api/v1/stock/movements").set("Idempotency-Key", "same-key-1").send(receipt(5));
    const second = await pharmacist
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", "same-key-1")
      .send(receipt(5));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers["idempotent-replayed"]).toBe("false");
    expect(second.body.batchId).not.toBe(first.body.batchId);
    expect(count("select count(*) from idempotency_keys where key = 'same-key-1'")).toBe(2);
  });

  it("answers a user's retry with the first answer, and refuses the key for another request of theirs", async () => {
    const retry = await pharmacist
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", "same-key-1")
      .send(receipt(5));
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    const before = ledgerSnapshot(t.open);
    const other = await pharmacist
      .post("/api/v1/stock/movements")
      .set("Idempotency-Key", "same-key-1")
      .send(receipt(6));
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_key_reused");
    expect(ledgerSnapshot(t.open)).toEqual(before);
  });

  it("keeps keys for the retention window and purges them after it", async () => {
    const day = 86_400_000;
    const sent = await pharmacist.post("/api/v1/stock/movements").set("Idempotency-Key", "old-key-1").send(receipt(3));
    expect(sent.status).toBe(201);
    const at = t.now.value.getTime();
    expect(purgeIdempotencyKeys(t.open.db, new Date(at + (IDEMPOTENCY_RETENTION_DAYS - 1) * day))).toBe(0);
    expect(count("select count(*) from idempotency_keys where key = 'old-key-1'")).toBe(1);
    const purged = purgeIdempotencyKeys(t.open.db, new Date(at + (IDEMPOTENCY_RETENTION_DAYS + 1) * day));
    expect(purged).toBeGreaterThan(0);
    expect(count("select count(*) from idempotency_keys")).toBe(0);
  });
});
