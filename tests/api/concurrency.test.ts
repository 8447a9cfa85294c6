import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balanceMismatches, makeTestApp, type TestContext } from "../helpers/app";

const run = promisify(execFile);
let t: TestContext;
let dbFile: string;
let depotId: string;
let productId: number;

async function receive(quantity: number, lotCode: string) {
  const res = await t.agent
    .post("/api/v1/stock/movements")
    .set("Idempotency-Key", `recv-${lotCode}`)
    .send({ type: "receipt", facilityId: depotId, productId, lotCode, expiry: "2029-01-31", quantity });
  expect(res.status).toBe(201);
}

function onHand(): number {
  return t.open.sqlite
    .prepare("select coalesce(sum(qty_on_hand), 0) from stock_balances where facility_id = ? and product_id = ?")
    .pluck()
    .get(depotId, productId) as number;
}

beforeAll(async () => {
  dbFile = join(mkdtempSync(join(tmpdir(), "fura-conc-")), "fura.db");
  t = await makeTestApp({ file: dbFile, cscoms: 1, months: 2 });
  depotId = t.open.sqlite
    .prepare("select id from facilities where level = 'district' and district_id = 'kati'")
    .pluck()
    .get() as string;
  productId = t.open.sqlite
    .prepare(
      "select id from products where id not in (select product_id from stock_balances where facility_id = ?) order by id limit 1",
    )
    .pluck()
    .get(depotId) as number;
});
afterAll(() => t.open.close());

describe("concurrent issues never oversell", () => {
  it("lets only one of two simultaneous HTTP issues succeed when together they exceed the stock", async () => {
    await receive(100, "CONC-HTTP");
    const server = t.app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    const login = await t.agent.post("/api/v1/auth/login").send({ username: "admin", password: "test-admin-password" });
    t.agent.set("X-CSRF-Token", login.body.csrfToken);
    const cookie = login.headers["set-cookie"]![0]!.split(";")[0]!;
    const issue = (key: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/stock/movements`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Cookie: cookie,
          "X-CSRF-Token": login.body.csrfToken,
          "Idempotency-Key": key,
        },
        body: JSON.stringify({ type: "issue", facilityId: depotId, productId, quantity: 70 }),
      });
    const responses = await Promise.all([issue("concurrent-a"), issue("concurrent-b")]);
    server.close();
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(onHand()).toBe(30);
  });

  it("serialises two processes writing to the same database file: no unit lost or counted twice", async () => {
    await receive(1000, "CONC-PROC");
    const start = onHand();
    const worker = (tag: string) =>
      run(
        process.execPath,
        ["--import", "tsx", "tests/helpers/issueWorker.ts", dbFile, depotId, String(productId), "7", "100", tag],
        { cwd: process.cwd() },
      );
    const [a, b] = await Promise.all([worker("proc-a"), worker("proc-b")]);
    const ra = JSON.parse(a.stdout) as { ok: number; refused: number };
    const rb = JSON.parse(b.stdout) as { ok: number; refused: number };
    // 200 attempts of 7 units against `start` units: exactly floor(start / 7) succeed.
    expect(ra.ok + rb.ok).toBe(Math.floor(start / 7));
    expect(ra.ok + ra.refused + rb.ok + rb.refused).toBe(200);
    expect(onHand()).toBe(start - 7 * (ra.ok + rb.ok));
    expect(balanceMismatches(t.open)).toEqual([]);
  });
});
