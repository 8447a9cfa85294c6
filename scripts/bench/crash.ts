/**
 * The crash test: writes of every kind run concurrently against the real server process — stock
 * movements (receipts, issues, transfers, losses), monthly report lines, order transitions (approve,
 * pick, ship, receive) and proofs of delivery — while the server is killed with SIGKILL at random moments
 * and restarted on the same file. A client that got no answer retries with the same Idempotency-Key, as
 * the web app's outbox does. Then, on the database file: integrity_check, every acknowledged write present
 * exactly once (its ledger lines, its idempotency record, its one audit line), report lines and order
 * statuses as the last acknowledged write left them, and every balance equal to the sum of its ledger.
 *
 *   node --import tsx scripts/bench/crash.ts [--kills 20] [--cscoms 12] [--seed 1]
 *
 * A short form runs in `npm test` (tests/ops/crash.test.ts). SIGKILL loses nothing the OS has been given
 * (the WAL survives the process); a power cut is what synchronous = FULL is for (db/client.ts).
 */
import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { openDb } from "../../db/client";
import { seedDatabase } from "../../db/seed";
import { Rng } from "../../db/seed/random";
import { hashPassword } from "../../server/auth/password";
import { DEMO_PASSWORD } from "../../db/seed/users";
import { seedMonthOrders } from "../../server/demoOrders";
import { HttpClient, type Answer, type RequestSpec } from "../../tests/helpers/httpClient";
import { startServerProcess, type ServerProcess } from "../../tests/helpers/serverProcess";

/** Options of one crash run. */
export interface CrashOptions {
  /** Working folder (database and server log) */
  dir: string;
  kills: number;
  /** Time between kills, ms (uniform in [min, max]) */
  killEveryMs?: [number, number];
  /** CSComs with a history in the seeded database */
  cscoms?: number;
  seed?: number;
  log?: (line: string) => void;
}

/** One logical write and what came of it. */
interface Op {
  kind: "movement" | "report" | "transition" | "delivery";
  key: string;
  spec: RequestSpec;
  attempts: number;
  answer: Answer | null;
  /** The report or order it is about */
  objectId?: number;
  action?: string;
}

/** The outcome of a crash run. */
export interface CrashReport {
  kills: number;
  acknowledged: Record<Op["kind"], number>;
  /** Writes refused with a 4xx (business rules: e.g. an issue from an empty shelf), per kind, with a sample */
  refused: Record<Op["kind"], number>;
  refusalSamples: string[];
  /** Writes sent again after the server died under them */
  retried: number;
  /** Retries answered from the stored result (the first attempt had committed) */
  replayed: number;
  integrity: string;
  /** Each problem found; empty when every check passed */
  problems: string[];
}

const PASSWORD = "crash-admin-pw";

/** Seeds a small demo: `cscoms` CSComs with four months of history, last month's reports and orders. */
function seed(file: string, cscoms: number): void {
  const open = openDb(file);
  seedDatabase(open, {
    adminPassword: PASSWORD,
    hashPassword,
    demo: true,
    historyCscoms: cscoms,
    months: 4,
    reportMonths: 1,
    lastMonthMissing: 0,
    afterSeed: seedMonthOrders,
  });
  open.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  open.close();
}

/** Shared state of the writers: the server of the moment, and the stop flag. */
class Run {
  server!: ServerProcess;
  stopping = false;
  ops: Op[] = [];
  private up: Promise<void> = Promise.resolve();
  private markUp: () => void = () => undefined;

  down(): void {
    this.up = new Promise((r) => (this.markUp = r));
  }
  back(server: ServerProcess): void {
    this.server = server;
    this.markUp();
  }
  waitUp(): Promise<void> {
    return this.up;
  }

  /**
   * Sends a write until it is answered (status 1–499), retrying with the same key after a crash; gives up
   * after 200 attempts (the answer then stays a failure, which verify() reports).
   */
  async write(client: HttpClient, op: Omit<Op, "attempts" | "answer">): Promise<Answer> {
    const entry: Op = { ...op, attempts: 0, answer: null };
    this.ops.push(entry);
    const spec = { ...op.spec, headers: { ...op.spec.headers, "Idempotency-Key": op.key } };
    for (;;) {
      entry.attempts++;
      const a = await client.send(spec);
      if ((a.status > 0 && a.status < 500) || entry.attempts >= 200) return (entry.answer = a);
      await this.waitUp();
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A read that must succeed eventually (between writes: the order to deliver). */
  async read<T>(client: HttpClient, path: string): Promise<T> {
    for (;;) {
      const a = await client.send({ method: "GET", path });
      if (a.status === 200) return JSON.parse(a.text) as T;
      await this.waitUp();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

interface Ids {
  cscoms: string[];
  depot: string;
  pairs: { facilityId: string; productId: number }[];
  depotProducts: number[];
  /** The two free-care products the depot holds most of, and five CSComs of the district (the allocation) */
  freeCare: number[];
  districtCscoms: string[];
}

function loadIds(file: string): Ids {
  const db = new Database(file, { readonly: true });
  try {
    const pairs = db
      .prepare(
        `select b.facility_id facilityId, b.product_id productId from stock_balances b join facilities f on f.id = b.facility_id
         where f.level = 'cscom' and f.district_id = 'kati' and b.qty_on_hand > 0 group by 1, 2 order by 1, 2`,
      )
      .all() as Ids["pairs"];
    const depot = db
      .prepare("select id from facilities where level = 'district' and district_id = 'kati'")
      .pluck()
      .get() as string;
    const depotProducts = db
      .prepare("select distinct product_id from stock_balances where facility_id = ? and qty_on_hand > 100 order by 1")
      .pluck()
      .all(depot) as number[];
    const freeCare = db
      .prepare(
        `select b.product_id from stock_balances b join products p on p.id = b.product_id join programmes g on g.code = p.programme_code
         where b.facility_id = ? and g.kind = 'free_care' group by b.product_id order by sum(b.qty_on_hand) desc limit 2`,
      )
      .pluck()
      .all(depot) as number[];
    const districtCscoms = db
      .prepare(
        "select id from facilities where level = 'cscom' and district_id = 'kati' and active = 1 order by id limit 5",
      )
      .pluck()
      .all() as string[];
    return {
      cscoms: [...new Set(pairs.map((p) => p.facilityId))],
      depot,
      pairs,
      depotProducts,
      freeCare,
      districtCscoms,
    };
  } finally {
    db.close();
  }
}

/** Stock movements of every type at the Kati CSComs and depot, each carrying its key as reference. */
async function movementWriter(run: Run, client: HttpClient, ids: Ids, rng: Rng, name: string): Promise<void> {
  const pick = <T>(xs: T[]) => xs[rng.int(0, xs.length - 1)]!;
  for (let i = 0; !run.stopping; i++) {
    const key = `crash-${name}-${i}`;
    const pair = pick(ids.pairs);
    const common = { reference: key, facilityId: pair.facilityId, productId: pair.productId };
    const kind = i % 4;
    const body =
      kind === 0
        ? { type: "receipt", ...common, lotCode: `CRASH-${name}`, expiry: "2029-06-30", quantity: 20 }
        : kind === 1
          ? { type: "issue", ...common, quantity: 3, allowPartial: true }
          : kind === 2
            ? {
                type: "transfer",
                reference: key,
                facilityId: ids.depot,
                toFacilityId: pair.facilityId,
                productId: pick(ids.depotProducts),
                quantity: 2,
                allowPartial: true,
              }
            : null;
    if (body) {
      await run.write(client, {
        kind: "movement",
        key,
        spec: { method: "POST", path: "/api/v1/stock/movements", body },
      });
      continue;
    }
    // A loss of one unit on a lot this writer received.
    const receipt = run.ops.find(
      (o) =>
        o.key.startsWith(`crash-${name}-`) &&
        o.answer?.status === 201 &&
        o.spec.body &&
        (o.spec.body as { type: string }).type === "receipt",
    );
    if (!receipt) continue;
    const lotId = (JSON.parse(receipt.answer!.text) as { movements: { lotId: number }[] }).movements[0]!.lotId;
    const facilityId = (receipt.spec.body as { facilityId: string }).facilityId;
    await run.write(client, {
      kind: "movement",
      key,
      spec: {
        method: "POST",
        path: "/api/v1/stock/movements",
        body: { type: "adjustment", reference: key, facilityId, lotId, reason: "loss", quantity: -1 },
      },
    });
  }
}

/** Saves the lines of draft reports again and again (stock-out days changing), as a CSCom manager typing. */
async function reportWriter(run: Run, client: HttpClient, reportIds: number[], name: string): Promise<void> {
  if (reportIds.length === 0) return;
  const reports = await Promise.all(
    reportIds.map((id) => run.read<{ id: number; lines: Record<string, unknown>[] }>(client, `/api/v1/reports/${id}`)),
  );
  for (let i = 0; !run.stopping; i++) {
    const report = reports[i % reports.length]!;
    const lines = report.lines.slice(0, 15).map((l) => ({
      productId: l.productId,
      fundingSource: l.fundingSource,
      opening: l.opening,
      received: l.received,
      consumed: l.consumed,
      adjustments: l.adjustments,
      adjustmentsByReason: l.adjustmentsByReason,
      closing: l.closing,
      stockoutDays: i % 7,
    }));
    await run.write(client, {
      kind: "report",
      key: `crash-${name}-${i}`,
      objectId: report.id,
      action: "report.lines.update",
      spec: { method: "PUT", path: `/api/v1/reports/${report.id}/lines`, body: { lines } },
    });
  }
}

interface OrderView {
  id: number;
  status: string;
  lines: { id: number; lots: { lotId: number; shippedQty: number }[] }[];
}

/** An order to take through its life cycle, from the status it is in. */
interface OrderToRun {
  id: number;
  status: "submitted" | "approved";
}

/** Takes orders through approve (when submitted), pick, ship, proof of delivery and receipt. */
async function orderWriter(run: Run, client: HttpClient, orders: OrderToRun[], name: string): Promise<void> {
  for (const { id, status } of orders) {
    if (run.stopping) return;
    const step = async (action: string, path: string, body?: unknown, kind: Op["kind"] = "transition") => {
      const a = await run.write(client, {
        kind,
        key: `crash-${name}-${id}-${action}`,
        objectId: id,
        action: `order.${action}`,
        spec: { method: "POST", path: `/api/v1/orders/${id}/${path}`, ...(body !== undefined ? { body } : {}) },
      });
      return a.status === 200;
    };
    if (status === "submitted" && !(await step("approve", "approve", { lines: [] }))) continue;
    if (!(await step("pick", "pick"))) continue;
    if (!(await step("ship", "ship", { shortfallAction: "backorder" }))) continue;
    const order = await run.read<OrderView>(client, `/api/v1/orders/${id}`);
    let rejectOne = true;
    const pod = order.lines
      .map((l) => ({
        lineId: l.id,
        lots: l.lots
          .filter((x) => x.shippedQty > 0)
          .map((x) => {
            const rejected = rejectOne && x.shippedQty > 1 ? 1 : 0;
            if (rejected) rejectOne = false;
            return {
              lotId: x.lotId,
              acceptedQty: x.shippedQty - rejected,
              rejectedQty: rejected,
              ...(rejected ? { reason: "carton abîmé" } : {}),
            };
          }),
      }))
      .filter((l) => l.lots.length > 0);
    if (!(await step("deliver", "deliver", { lines: pod }, "delivery"))) continue;
    await step("receive", "receive");
  }
}

/**
 * More orders to move: the district pharmacist pushes the two free-care products the depot holds most of
 * to five CSComs of the district (an allocation: approved orders, ready to pick).
 */
async function allocate(run: Run, ids: Ids): Promise<number[]> {
  const pharmacist = new HttpClient(run.server.base);
  await pharmacist.login("pharmacien.kati", DEMO_PASSWORD);
  const orderIds: number[] = [];
  for (const productId of ids.freeCare) {
    const sent = await pharmacist.json<{ orderIds: number[] }>({
      method: "POST",
      path: "/api/v1/allocations",
      headers: { "Idempotency-Key": `setup-allocation-${productId}` },
      body: {
        productId,
        sourceFacilityId: ids.depot,
        districtId: "kati",
        basis: "population",
        monthsOfCover: 1,
        population: {
          unitsPerPersonPerMonth: 1,
          facilities: ids.districtCscoms.map((facilityId, i) => ({ facilityId, targetPopulation: 2000 + i * 500 })),
        },
      },
    });
    orderIds.push(...sent.orderIds);
  }
  pharmacist.close();
  return orderIds;
}

/** Kills the server at random moments and restarts it on the same file and port. */
async function killer(run: Run, o: CrashOptions, file: string, rng: Rng, env: Record<string, string>): Promise<number> {
  const [min, max] = o.killEveryMs ?? [500, 2500];
  let kills = 0;
  for (; kills < o.kills; kills++) {
    await new Promise((r) => setTimeout(r, rng.int(min, max)));
    run.down();
    await run.server.stop("SIGKILL");
    const t0 = performance.now();
    run.back(await startServerProcess({ db: file, logFile: join(o.dir, "server.log"), port: run.server.port, env }));
    o.log?.(
      `kill ${kills + 1}/${o.kills}: ${run.ops.length} writes so far; restarted in ${Math.round(performance.now() - t0)} ms`,
    );
  }
  return kills;
}

/** Checks the database file against what the clients were told. */
export function verify(file: string, ops: Op[]): { integrity: string; problems: string[] } {
  const db = new Database(file, { readonly: true });
  const problems: string[] = [];
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join("; ");
    if (integrity !== "ok") problems.push(`integrity_check: ${integrity}`);
    const keyRow = db.prepare("select status from idempotency_keys where key = ?");
    const auditCount = db.prepare("select count(*) from audit_log where action = ? and object_id = ?").pluck();
    const batches = db.prepare("select count(distinct batch_id) from stock_movements where reference = ?").pluck();
    const batchIds = db.prepare("select id from stock_movements where batch_id = ? order by id").pluck();
    for (const op of ops) {
      if (!op.answer || op.answer.status === 0 || op.answer.status >= 500) {
        problems.push(
          `${op.key}: never answered (${op.answer?.status ?? "no attempt"} ${op.answer?.text.slice(0, 200) ?? ""})`,
        );
        continue;
      }
      const ok = op.answer.status >= 200 && op.answer.status < 300;
      const stored = keyRow.get(op.key) as { status: number } | undefined;
      if (ok && stored?.status !== op.answer.status) problems.push(`${op.key}: acknowledged but its key is not stored`);
      if (!ok && stored) problems.push(`${op.key}: refused (${op.answer.status}) yet its key is stored`);
      if (op.kind === "movement") {
        const n = batches.get(op.key) as number;
        if (ok && n !== 1) problems.push(`${op.key}: acknowledged movement written ${n} times`);
        if (!ok && n !== 0) problems.push(`${op.key}: refused movement written ${n} times`);
        if (ok) {
          const body = JSON.parse(op.answer.text) as { batchId: string; movements: { id: number }[] };
          const ids = batchIds.all(body.batchId) as number[];
          if (ids.join() !== body.movements.map((m) => m.id).join())
            problems.push(
              `${op.key}: ledger lines ${ids.join()} differ from the answer's ${body.movements.map((m) => m.id).join()}`,
            );
        }
      } else if (ok && op.kind !== "report") {
        const n = auditCount.get(op.action, String(op.objectId)) as number;
        if (n !== 1) problems.push(`${op.key}: ${op.action} of order ${op.objectId} audited ${n} times`);
        const batchId = (JSON.parse(op.answer.text) as { batchId?: string }).batchId;
        if (batchId && (batchIds.all(batchId) as number[]).length === 0)
          problems.push(`${op.key}: its ledger batch ${batchId} is missing`);
      }
    }
    checkReports(db, ops, problems);
    checkOrders(db, ops, problems);
    const mismatches = db
      .prepare(
        `with ledger as (select facility_id, lot_id, funding_source, sum(qty_delta) qty from stock_movements group by 1, 2, 3)
         select count(*) from ledger l full outer join stock_balances b
           on b.facility_id = l.facility_id and b.lot_id = l.lot_id and b.funding_source = l.funding_source
         where l.qty is null or b.qty_on_hand is null or l.qty <> b.qty_on_hand`,
      )
      .pluck()
      .get() as number;
    if (mismatches > 0) problems.push(`${mismatches} balances differ from the sum of their ledger lines`);
    return { integrity, problems };
  } finally {
    db.close();
  }
}

/** Each report's lines are those of its last acknowledged save, and each save is audited once. */
function checkReports(db: Database.Database, ops: Op[], problems: string[]): void {
  const saves = ops.filter((o) => o.kind === "report" && o.answer?.status === 200);
  const byReport = new Map<number, Op[]>();
  for (const op of saves) byReport.set(op.objectId!, [...(byReport.get(op.objectId!) ?? []), op]);
  const days = db.prepare(
    "select product_id productId, stockout_days stockoutDays from stock_report_lines where report_id = ?",
  );
  const audits = db
    .prepare("select count(*) from audit_log where action = 'report.lines.update' and object_id = ?")
    .pluck();
  for (const [reportId, list] of byReport) {
    const last = list.at(-1)!.spec.body as { lines: { productId: number; stockoutDays: number }[] };
    const now = new Map(
      (days.all(reportId) as { productId: number; stockoutDays: number }[]).map((r) => [r.productId, r.stockoutDays]),
    );
    for (const l of last.lines)
      if (now.get(l.productId) !== l.stockoutDays)
        problems.push(
          `report ${reportId}: product ${l.productId} has ${now.get(l.productId)} stock-out days, its last save said ${l.stockoutDays}`,
        );
    const n = audits.get(String(reportId)) as number;
    if (n !== list.length) problems.push(`report ${reportId}: ${list.length} saves acknowledged, ${n} audited`);
  }
}

/** Each order is in the status its last acknowledged transition answered. */
function checkOrders(db: Database.Database, ops: Op[], problems: string[]): void {
  const last = new Map<number, Op>();
  for (const op of ops)
    if ((op.kind === "transition" || op.kind === "delivery") && op.answer?.status === 200) last.set(op.objectId!, op);
  const status = db.prepare("select status from orders where id = ?").pluck();
  for (const [id, op] of last) {
    const answered = (JSON.parse(op.answer!.text) as { order: { status: string } }).order.status;
    const stored = status.get(id) as string;
    if (stored !== answered) problems.push(`order ${id}: ${stored} in the database, ${answered} when last answered`);
  }
}

/** Seeds, runs the writers under kills, stops cleanly and verifies. */
export async function runCrashTest(o: CrashOptions): Promise<CrashReport> {
  const file = join(o.dir, "fura.db");
  seed(file, o.cscoms ?? 8);
  const ids = loadIds(file);
  const env = { FURA_LOG_LEVEL: "warn", FURA_READERS: "1" };
  const run = new Run();
  run.back(await startServerProcess({ db: file, logFile: join(o.dir, "server.log"), env }));
  const rng = new Rng(o.seed ?? 1);
  const client = async () => {
    const c = new HttpClient(run.server.base, { maxSockets: 4, timeoutMs: 20_000 });
    await c.login("admin", PASSWORD);
    return c;
  };
  // Draft reports for the month before the last reported one, and the submitted orders of the seed.
  const setup = await client();
  const period = await run.read<{ items: { period: string }[] }>(setup, "/api/v1/reports?limit=1");
  const [y, m] = period.items[0]!.period.split("-").map(Number) as [number, number];
  const draftPeriod = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  const reportIds: number[] = [];
  for (const facilityId of ids.cscoms.slice(0, 4)) {
    const r = await setup.json<{ id: number }>({
      method: "POST",
      path: "/api/v1/reports",
      body: { facilityId, period: draftPeriod },
      headers: { "Idempotency-Key": `setup-report-${facilityId}` },
    });
    reportIds.push(r.id);
  }
  const orders = await run.read<{ items: { id: number; facilityId: string }[] }>(
    setup,
    `/api/v1/orders?status=submitted&supplierId=${ids.depot}&limit=500`,
  );
  setup.close();
  const toRun: OrderToRun[] = [
    ...orders.items.map((x) => ({ id: x.id, status: "submitted" as const })),
    ...(await allocate(run, ids)).map((id) => ({ id, status: "approved" as const })),
  ];

  const clients: HttpClient[] = [];
  for (let i = 0; i < 6; i++) clients.push(await client());
  const writers = [
    movementWriter(run, clients[0]!, ids, new Rng(rng.int(1, 1e9)), "mv-a"),
    movementWriter(run, clients[1]!, ids, new Rng(rng.int(1, 1e9)), "mv-b"),
    reportWriter(
      run,
      clients[2]!,
      reportIds.filter((_, i) => i % 2 === 0),
      "rep-a",
    ),
    reportWriter(
      run,
      clients[3]!,
      reportIds.filter((_, i) => i % 2 === 1),
      "rep-b",
    ),
    orderWriter(
      run,
      clients[4]!,
      toRun.filter((_, i) => i % 2 === 0),
      "ord-a",
    ),
    orderWriter(
      run,
      clients[5]!,
      toRun.filter((_, i) => i % 2 === 1),
      "ord-b",
    ),
  ];
  const kills = await killer(run, o, file, rng, env);
  await new Promise((r) => setTimeout(r, 500));
  run.stopping = true;
  await Promise.all(writers);
  for (const c of clients) c.close();
  await run.server.stop("SIGTERM");

  const { integrity, problems } = verify(file, run.ops);
  const refused = (kind: Op["kind"]) =>
    run.ops.filter((x) => x.kind === kind && x.answer && x.answer.status >= 400 && x.answer.status < 500);
  const acked = (kind: Op["kind"]) =>
    run.ops.filter((x) => x.kind === kind && x.answer && x.answer.status >= 200 && x.answer.status < 300).length;
  return {
    kills,
    acknowledged: {
      movement: acked("movement"),
      report: acked("report"),
      transition: acked("transition"),
      delivery: acked("delivery"),
    },
    refused: {
      movement: refused("movement").length,
      report: refused("report").length,
      transition: refused("transition").length,
      delivery: refused("delivery").length,
    },
    refusalSamples: run.ops
      .filter((x) => x.answer && x.answer.status >= 400 && x.answer.status < 500)
      .slice(0, 5)
      .map((x) => `${x.key} ${x.answer!.status} ${x.answer!.text.slice(0, 160)}`),
    retried: run.ops.filter((x) => x.attempts > 1).length,
    replayed: run.ops.filter((x) => x.answer?.headers?.["idempotent-replayed"] === "true").length,
    integrity,
    problems,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      kills: { type: "string", default: "20" },
      cscoms: { type: "string", default: "12" },
      seed: { type: "string", default: "1" },
    },
  });
  const dir = mkdtempSync(join(tmpdir(), "fura-crash-"));
  try {
    const started = performance.now();
    const r = await runCrashTest({
      dir,
      kills: Number(values.kills),
      cscoms: Number(values.cscoms),
      seed: Number(values.seed),
      log: (l) => console.log(l),
    });
    console.log(
      `crash test: ${r.kills} SIGKILLs in ${((performance.now() - started) / 1000).toFixed(0)} s; acknowledged ${r.acknowledged.movement} movements, ${r.acknowledged.report} report saves, ${r.acknowledged.transition} order transitions, ${r.acknowledged.delivery} proofs of delivery; ${r.retried} writes sent again after a kill, ${r.replayed} of them had committed and were answered from their key`,
    );
    console.log(
      `refused by business rules (4xx, nothing written): ${Object.entries(r.refused)
        .map(([k, n]) => `${n} ${k}`)
        .join(", ")}`,
    );
    for (const s of r.refusalSamples) console.log(`  ${s}`);
    console.log(`integrity_check: ${r.integrity}; problems: ${r.problems.length === 0 ? "none" : ""}`);
    for (const p of r.problems.slice(0, 30)) console.log(`  ${p}`);
    if (r.problems.length > 0) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
