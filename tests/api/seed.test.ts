import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { openDb, type OpenDb } from "../../db/client";
import { seedDatabase, type SeedSummary } from "../../db/seed";
import { balanceMismatches, TEST_NOW } from "../helpers/app";

const fastHash = (pw: string) => `test$${pw.length}`;

function seed(options: {
  historyCscoms?: number;
  cscoms?: number;
  products?: number;
  seed?: number;
  months?: number;
}): { open: OpenDb; summary: SeedSummary } {
  const open = openDb(":memory:");
  const summary = seedDatabase(open, {
    adminPassword: "x".repeat(12),
    hashPassword: fastHash,
    demo: true,
    now: TEST_NOW,
    ...options,
  });
  return { open, summary };
}

function ledgerDigest(open: OpenDb): string {
  const hash = createHash("sha256");
  for (const row of open.sqlite.prepare("select * from stock_movements order by id").iterate())
    hash.update(JSON.stringify(row));
  return hash.digest("hex");
}

describe("seeded history (24 months, 30 CSComs)", () => {
  let open: OpenDb;
  let summary: SeedSummary;
  beforeAll(() => {
    ({ open, summary } = seed({ historyCscoms: 30 }));
  });

  it("covers 24 months ending with the month before today", () => {
    expect(summary).toMatchObject({ firstMonth: "2024-11", lastMonth: "2026-10", cscoms: 437 });
    const months = open.sqlite
      .prepare("select count(distinct substr(occurred_at, 1, 7)) from stock_movements where type = 'issue'")
      .pluck()
      .get();
    expect(months).toBe(24);
  });

  it("is internally consistent: every balance equals the sum of its movements, never negative", () => {
    expect(balanceMismatches(open)).toEqual([]);
    const chain = open.sqlite
      .prepare(
        "select count(*) from (select balance_after, sum(qty_delta) over (partition by facility_id, lot_id, funding_source order by occurred_at, id) running from stock_movements) where balance_after <> running or running < 0",
      )
      .pluck()
      .get();
    expect(chain).toBe(0);
  });

  it("stocks each CSCom's product list with realistic events: deliveries, consumption, expiries, losses, counts, stock-outs", () => {
    const kinds = Object.fromEntries(
      (
        open.sqlite.prepare("select coalesce(reason, type) k, count(*) n from stock_movements group by 1").all() as {
          k: string;
          n: number;
        }[]
      ).map((r) => [r.k, r.n]),
    );
    for (const k of ["receipt", "issue", "expiry", "damage", "count"]) expect(kinds[k], k).toBeGreaterThan(0);
    const perCscom = open.sqlite
      .prepare(
        "select count(distinct product_id) n from stock_movements m join facilities f on f.id = m.facility_id where f.level = 'cscom' group by facility_id",
      )
      .pluck()
      .all() as number[];
    expect(perCscom).toHaveLength(30);
    expect(Math.min(...perCscom)).toBeGreaterThan(60);
    // Stock-outs: some CSCom × product ends a month with nothing on the shelf.
    const stockouts = open.sqlite
      .prepare("select count(*) from stock_movements where type = 'issue' and balance_after = 0")
      .pluck()
      .get();
    expect(stockouts).toBeGreaterThan(0);
    // Deliveries come from the CSCom's own district depot.
    const foreign = open.sqlite
      .prepare(
        "select count(*) from stock_movements m join supply_lines s on s.facility_id = m.facility_id and s.programme_code = 'cost_recovery' where m.type = 'receipt' and m.counterparty_id is not null and m.counterparty_id <> s.supplier_id",
      )
      .pluck()
      .get();
    expect(foreign).toBe(0);
  });

  it("writes six months of monthly reports that agree with the ledger, the last month with some missing", () => {
    const disagreements = open.sqlite
      .prepare(
        `select count(*) from stock_report_lines l join stock_reports r on r.id = l.report_id
         where l.opening <> (select coalesce(sum(qty_delta), 0) from stock_movements m where m.facility_id = r.facility_id and m.product_id = l.product_id and m.occurred_at < r.period || '-01')
            or l.closing <> (select coalesce(sum(qty_delta), 0) from stock_movements m where m.facility_id = r.facility_id and m.product_id = l.product_id and m.occurred_at < date(r.period || '-01', '+1 month'))
            or l.consumed <> (select coalesce(-sum(qty_delta), 0) from stock_movements m where m.facility_id = r.facility_id and m.product_id = l.product_id and m.type = 'issue' and substr(m.occurred_at, 1, 7) = r.period)
            or l.mismatch <> 0 or l.stockout_days > l.days`,
      )
      .pluck()
      .get();
    expect(disagreements).toBe(0);
    const periods = open.sqlite
      .prepare("select period, count(*) n, sum(on_time) onTime from stock_reports group by period order by period")
      .all() as { period: string; n: number; onTime: number }[];
    expect(periods.map((p) => p.period)).toEqual(["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]);
    expect(periods[0]!.n).toBe(30);
    expect(periods.at(-1)!.n).toBeLessThan(30);
    expect(periods.some((p) => p.onTime < p.n)).toBe(true);
    // Nothing was received after "now" (2026-11-15): the last month's late reports are still to come.
    const future = open.sqlite
      .prepare("select count(*) from stock_reports where submitted_at > ?")
      .pluck()
      .get(TEST_NOW.toISOString());
    expect(future).toBe(0);
    const withStockouts = open.sqlite
      .prepare("select count(*) from stock_report_lines where stockout_days > 0")
      .pluck()
      .get();
    expect(withStockouts).toBeGreaterThan(0);
  });

  it("shows the malaria season: ACT consumption from July to November is well above the rest of the year", () => {
    const rows = open.sqlite
      .prepare(
        `select cast(substr(m.occurred_at, 6, 2) as integer) month, -sum(m.qty_delta) qty
         from stock_movements m join products p on p.id = m.product_id
         where m.type = 'issue' and p.programme_code = 'malaria' and p.generic_name like '%luméfantrine%'
         group by substr(m.occurred_at, 1, 7)`,
      )
      .all() as { month: number; qty: number }[];
    expect(rows).toHaveLength(24);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const peak = mean(rows.filter((r) => r.month >= 7 && r.month <= 11).map((r) => r.qty));
    const rest = mean(rows.filter((r) => r.month < 7 || r.month > 11).map((r) => r.qty));
    expect(peak / rest).toBeGreaterThan(1.5);
  });

  it("gives the depots an opening stock with some short-dated lots to show FEFO blocking", () => {
    const depotLines = open.sqlite
      .prepare(
        "select count(*) from stock_movements m join facilities f on f.id = m.facility_id where f.level in ('district', 'regional', 'central')",
      )
      .pluck()
      .get();
    expect(depotLines).toBeGreaterThan(1000);
    const shortDated = open.sqlite
      .prepare("select count(*) from lots where expiry < '2026-12-31' and lot_code like '%-CD'")
      .pluck()
      .get();
    expect(shortDated).toBeGreaterThan(0);
  });
});

describe("the generator", () => {
  it("is deterministic for a seed and changes with it", () => {
    const a = seed({ historyCscoms: 3, months: 6 });
    const b = seed({ historyCscoms: 3, months: 6 });
    const c = seed({ historyCscoms: 3, months: 6, seed: 7 });
    expect(ledgerDigest(a.open)).toBe(ledgerDigest(b.open));
    expect(ledgerDigest(a.open)).not.toBe(ledgerDigest(c.open));
  });

  it("scales up with synthetic CSComs and products for benchmarks", () => {
    const { open, summary } = seed({ cscoms: 480, products: 230, historyCscoms: 2, months: 2 });
    expect(summary).toMatchObject({ cscoms: 480, products: 230 });
    const synthetic = open.sqlite
      .prepare("select count(*) from facilities where id like 'synthetic-cscom-%' and district_id is not null")
      .pluck()
      .get();
    expect(synthetic).toBe(480 - 437);
    const orphan = open.sqlite
      .prepare(
        "select count(*) from facilities f left join supply_lines s on s.facility_id = f.id where f.level = 'cscom' and s.supplier_id is null",
      )
      .pluck()
      .get();
    expect(orphan).toBe(0);
  });
});
