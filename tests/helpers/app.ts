/** Test harness: a fresh migrated in-memory database, seeded small, and a signed-in supertest agent. */
import pino from "pino";
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { openDb, type OpenDb } from "../../db/client";
import { seedDatabase, type SeedSummary } from "../../db/seed";
import { DEMO_PASSWORD } from "../../db/seed/users";
import { createApp } from "../../server/app";
import { hashPassword } from "../../server/auth/password";

/** Fixed "now" of the API tests: the seeded history ends in October 2026. */
export const TEST_NOW = new Date("2026-11-15T09:00:00.000Z");
export const ADMIN_PASSWORD = "test-admin-password";

/** A test app over its own database. */
export interface TestContext {
  open: OpenDb;
  app: ReturnType<typeof createApp>;
  summary: SeedSummary;
  /** An agent signed in as admin (cookie kept) */
  agent: TestAgent;
  now: { value: Date };
}

/** Builds a seeded in-memory app (every facility; `cscoms` CSComs with history) and signs in as admin. */
export async function makeTestApp(
  options: { cscoms?: number; months?: number; reportMonths?: number; file?: string } = {},
): Promise<TestContext> {
  const open = openDb(options.file ?? ":memory:");
  const summary = seedDatabase(open, {
    adminPassword: ADMIN_PASSWORD,
    hashPassword,
    demo: true,
    historyCscoms: options.cscoms ?? 4,
    months: options.months ?? 6,
    // By default the tests write their own monthly reports.
    reportMonths: options.reportMonths ?? 0,
    now: TEST_NOW,
  });
  const now = { value: TEST_NOW };
  const app = createApp({
    db: open.db,
    clock: () => now.value,
    log: pino({ level: "silent" }),
    loginRateLimitPerMinute: 0,
    // Every JSON answer is checked against its route's declared contract (the OpenAPI document's).
    checkResponses: true,
  });
  const agent = request.agent(app);
  await signIn(agent, "admin", ADMIN_PASSWORD);
  return { open, app, summary, agent, now };
}

/** Signs an agent in and makes it send the session's CSRF token on every request. */
export async function signIn(agent: TestAgent, username: string, password: string): Promise<{ csrfToken: string }> {
  const res = await agent.post("/api/v1/auth/login").send({ username, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  agent.set("X-CSRF-Token", res.body.csrfToken);
  return { csrfToken: res.body.csrfToken };
}

export { DEMO_PASSWORD };

/** Snapshot of the ledger and balances, to assert that a refused request changed nothing. */
export function ledgerSnapshot(open: OpenDb) {
  const q = (sql: string) => open.sqlite.prepare(sql).all();
  return {
    movements: q("select count(*) n, coalesce(max(id), 0) maxId from stock_movements"),
    balances: q("select facility_id, lot_id, funding_source, qty_on_hand from stock_balances order by 1, 2, 3"),
    lots: q("select count(*) n from lots"),
    keys: q("select count(*) n from idempotency_keys"),
  };
}

/** Recomputes every balance from the ledger and returns the rows that disagree with stock_balances. */
export function balanceMismatches(open: OpenDb) {
  return open.sqlite
    .prepare(
      `with ledger as (select facility_id, lot_id, funding_source, sum(qty_delta) qty from stock_movements group by 1, 2, 3)
       select coalesce(l.facility_id, b.facility_id) facility_id, coalesce(l.lot_id, b.lot_id) lot_id, l.qty ledger_qty, b.qty_on_hand balance_qty
       from ledger l full outer join stock_balances b
         on b.facility_id = l.facility_id and b.lot_id = l.lot_id and b.funding_source = l.funding_source
       where l.qty is null or b.qty_on_hand is null or l.qty <> b.qty_on_hand`,
    )
    .all();
}

/** The one value of the first row a query answers (a count, an id), typed by the caller. */
export function scalar<T>(open: OpenDb, sql: string, ...args: unknown[]): T {
  return open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
}

/** A maker of fresh Idempotency-Keys, `prefix-1`, `prefix-2`…: each write of a test file its own key. */
export function idempotencyKeys(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** The facility a seeded demo account works at (magasin.kati → the Kati depot). */
export function facilityOf(t: TestContext, username: string): string {
  return scalar<string>(t.open, "select scope_facility_id from users where username = ?", username);
}

/** A new agent of the test app signed in as a seeded demo account. */
export async function demoAgent(t: TestContext, username: string, password = DEMO_PASSWORD): Promise<TestAgent> {
  const agent = request.agent(t.app);
  await signIn(agent, username, password);
  return agent;
}
