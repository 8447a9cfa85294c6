/**
 * Ledger and API benchmark: seeds a database file (full demo by default), then measures
 * the ledger's write rate through the command layer and over HTTP, and the main read queries.
 * Prints figures; asserts nothing about time (targets live in the closing notes, not in tests).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import { openDb } from "../../db/client";
import { seedDatabase } from "../../db/seed";
import { createApp } from "../../server/app";
import { hashPassword } from "../../server/auth/password";
import { runIdempotent } from "../../server/commands/idempotency";
import { postMovement } from "../../server/commands/stock";

const { values } = parseArgs({
  options: {
    cscoms: { type: "string" },
    products: { type: "string" },
    months: { type: "string", default: "24" },
    writes: { type: "string", default: "3000" },
  },
});

const ms = (t0: number) => performance.now() - t0;
const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "fura-bench-"));
  const file = join(dir, "bench.db");
  const open = openDb(file);
  let t0 = performance.now();
  const summary = seedDatabase(open, {
    adminPassword: "bench-admin-pw",
    hashPassword,
    demo: true,
    months: Number(values.months),
    ...(values.cscoms ? { cscoms: Number(values.cscoms) } : {}),
    ...(values.products ? { products: Number(values.products) } : {}),
  });
  const seedMs = ms(t0);
  console.log(
    `seed: ${summary.cscoms} CSComs × ${summary.products} products, ${values.months} months → ${fmt(summary.movements)} ledger lines in ${fmt(seedMs / 1000, 1)} s (${fmt(summary.movements / (seedMs / 1000))} lines/s), file ${fmt(statSync(file).size / 2 ** 20)} MiB`,
  );

  const depot = open.sqlite
    .prepare("select id from facilities where level = 'district' and district_id = 'kati'")
    .pluck()
    .get() as string;
  const productId = open.sqlite
    .prepare(
      "select product_id from stock_balances where facility_id = ? group by product_id order by sum(qty_on_hand) desc limit 1",
    )
    .pluck()
    .get(depot) as number;
  const writes = Number(values.writes);

  // 1. Command layer: one IMMEDIATE transaction per write, with its idempotency record.
  t0 = performance.now();
  for (let i = 0; i < writes; i++) {
    const now = new Date();
    runIdempotent(open.db, { userId: null, key: `bench-cmd-${i}` }, `h${i}`, now, (tx) => ({
      status: 201,
      body:
        i % 2 === 0
          ? postMovement(
              tx,
              { type: "receipt", facilityId: depot, productId, lotCode: "BENCH-1", expiry: "2029-12-31", quantity: 10 },
              { now, userId: null },
            )
          : postMovement(tx, { type: "issue", facilityId: depot, productId, quantity: 10 }, { now, userId: null }),
    }));
  }
  const cmdMs = ms(t0);
  console.log(
    `ledger writes (command layer, receipt/issue FEFO alternating): ${fmt(writes)} in ${fmt(cmdMs)} ms → ${fmt(writes / (cmdMs / 1000))} writes/s`,
  );

  // 2. Over HTTP, 8 requests in flight.
  const app = createApp({ db: open.db, log: pino({ level: "silent" }) });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const login = await fetch(`${base}/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "bench-admin-pw" }),
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { "Content-Type": "application/json", Cookie: cookie, "X-CSRF-Token": csrfToken };
  let next = 0;
  const latencies: number[] = [];
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < writes) {
        const i = next++;
        const started = performance.now();
        const body =
          i % 2 === 0
            ? { type: "receipt", facilityId: depot, productId, lotCode: "BENCH-2", expiry: "2029-12-31", quantity: 10 }
            : { type: "issue", facilityId: depot, productId, quantity: 10 };
        const res = await fetch(`${base}/stock/movements`, {
          method: "POST",
          headers: { ...headers, "Idempotency-Key": `bench-http-${i}` },
          body: JSON.stringify(body),
        });
        if (res.status !== 201) throw new Error(`write ${i}: ${res.status} ${await res.text()}`);
        latencies.push(performance.now() - started);
      }
    }),
  );
  const httpMs = ms(t0);
  const p95 = [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length * 0.95)]!;
  console.log(
    `ledger writes (HTTP POST /stock/movements, 8 in flight): ${fmt(writes / (httpMs / 1000))} req/s, median ${fmt(median(latencies), 1)} ms, p95 ${fmt(p95, 1)} ms`,
  );

  // 3. Reads.
  const busiest = open.sqlite
    .prepare(
      "select m.facility_id from stock_movements m join facilities f on f.id = m.facility_id where f.level = 'cscom' group by m.facility_id order by count(*) desc limit 1",
    )
    .pluck()
    .get() as string;
  const reads: [string, string][] = [
    ["GET /facilities?level=cscom", `${base}/facilities?level=cscom`],
    [`GET /facilities/:id/stock (busiest CSCom)`, `${base}/facilities/${busiest}/stock`],
    [`GET /facilities/:id/stock (Kati depot)`, `${base}/facilities/${depot}/stock`],
    [
      `GET /facilities/:id/stock/:product/card (200 lines)`,
      `${base}/facilities/${depot}/stock/${productId}/card?limit=200`,
    ],
  ];
  for (const [name, url] of reads) {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      const res = await fetch(url, { headers });
      if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
      await res.arrayBuffer();
      times.push(performance.now() - started);
    }
    console.log(`${name}: median ${fmt(median(times), 1)} ms over 30`);
  }
  server.close();
  open.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
