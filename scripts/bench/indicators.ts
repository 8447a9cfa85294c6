/**
 * Dashboard queries: seeds a database like the browser tests' (every facility, `--cscoms` CSComs with 24
 * months of history, the month's orders) or opens `--db FILE`, then times GET /indicators, the consumption
 * series and a facility's history at national, regional and district scope (median of `--runs`). Prints figures.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDb, type OpenDb } from "../../db/client";
import { seedDatabase } from "../../db/seed";
import { IndicatorsQuery } from "../../shared/contracts/indicators";
import { median } from "../../shared/domain/indicators";
import { seedMonthOrders } from "../../server/demoOrders";
import type { ScopeFilter } from "../../server/policies";
import { areaConsumption, facilityHistory } from "../../server/queries/history";
import { areaIndicators, cachedAreaIndicators } from "../../server/queries/indicators";

/** Options of the indicators bench. */
export interface IndicatorsBenchOptions {
  /** CSComs with a generated history when seeding (the browser tests use 15) */
  cscoms?: number;
  /** Use this database instead of seeding one */
  db?: string;
  runs?: number;
}

/** Median wall time of `fn` over `runs` calls, in ms. */
function time(runs: number, fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples)!;
}

/** Seeds (or opens) the database, times each dashboard query per scope and prints one line per query. */
export function benchIndicators(opts: IndicatorsBenchOptions = {}): { name: string; ms: number }[] {
  const runs = opts.runs ?? 5;
  let dir: string | null = null;
  let open: OpenDb;
  if (opts.db) open = openDb(opts.db);
  else {
    dir = mkdtempSync(join(tmpdir(), "fura-indicators-"));
    open = openDb(join(dir, "bench.db"));
    const t0 = performance.now();
    seedDatabase(open, {
      adminPassword: "bench-admin-pw",
      hashPassword: (p) => `bench$${p.length}`,
      demo: true,
      historyCscoms: opts.cscoms ?? 15,
      afterSeed: (o, s) => seedMonthOrders(o, s),
    });
    console.log(`seeded ${opts.cscoms ?? 15} CSComs with history in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const one = (q: string) => open.sqlite.prepare(q).pluck().get() as string;
  const movements = Number(one("select count(*) from stock_movements"));
  const asOf = new Date().toISOString().slice(0, 10);
  const product = Number(one("select id from products where code = 'MAL-AL-20120-24'"));
  const cscom = one(
    "select m.facility_id from stock_movements m join facilities f on f.id = m.facility_id where f.level = 'cscom' and m.product_id = " +
      product +
      " limit 1",
  );
  const depot = one(
    `select id from facilities where level = 'district' and district_id = (select district_id from facilities where id = '${cscom}')`,
  );
  const region = one(`select region_id from facilities where id = '${cscom}'`);
  const district = one(`select district_id from facilities where id = '${cscom}'`);
  const scopes: [string, ScopeFilter][] = [
    ["national", { all: true }],
    ["region", { regionId: region }],
    ["district", { districtId: district }],
  ];
  const results: { name: string; ms: number }[] = [];
  const record = (name: string, ms: number) => {
    results.push({ name, ms });
    console.log(`${name.padEnd(56)} ${ms.toFixed(1).padStart(8)} ms`);
  };
  console.log(`ledger: ${movements.toLocaleString("en-US")} lines; median of ${runs} runs`);
  for (const [label, scope] of scopes) {
    record(
      `GET /indicators (${label})`,
      time(runs, () => areaIndicators(open.db, scope, IndicatorsQuery.parse({}), asOf)),
    );
    record(
      `GET /indicators/consumption (${label})`,
      time(runs, () => areaConsumption(open.db, scope, { productId: product }, asOf)),
    );
  }
  cachedAreaIndicators(open.db, { all: true }, IndicatorsQuery.parse({}), asOf);
  record(
    "GET /indicators (national, repeated, no write between)",
    time(runs, () => cachedAreaIndicators(open.db, { all: true }, IndicatorsQuery.parse({}), asOf)),
  );
  record(
    "GET /facilities/:id/history (CSCom)",
    time(runs, () => facilityHistory(open.db, { id: cscom, level: "cscom" }, product, asOf)),
  );
  record(
    "GET /facilities/:id/history (district depot)",
    time(runs, () => facilityHistory(open.db, { id: depot, level: "district" }, product, asOf)),
  );
  open.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { cscoms: { type: "string" }, db: { type: "string" }, runs: { type: "string" } },
  });
  benchIndicators({
    ...(values.cscoms ? { cscoms: Number(values.cscoms) } : {}),
    ...(values.db ? { db: values.db } : {}),
    ...(values.runs ? { runs: Number(values.runs) } : {}),
  });
}
