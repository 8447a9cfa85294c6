/**
 * The crash test, short form (scripts/bench/crash.ts runs the long one): concurrent writes of every kind
 * against the real server process, SIGKILL at random moments, restarts, retries with the same key — and
 * nothing acknowledged is lost or written twice. The checks are also shown to fail on a damaged database.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { runCrashTest, verify, type CrashReport } from "../../scripts/bench/crash";

const dir = mkdtempSync(join(tmpdir(), "fura-crash-test-"));
let report: CrashReport;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writes under SIGKILL", () => {
  it("keeps every acknowledged write exactly once, the database intact and every balance equal to its ledger", async () => {
    report = await runCrashTest({ dir, kills: 3, cscoms: 6, seed: 7 });
    expect(report.problems).toEqual([]);
    expect(report.integrity).toBe("ok");
    expect(report.kills).toBe(3);
    // Every kind of write was acknowledged, and some were cut off by a kill and sent again.
    expect(report.acknowledged.movement).toBeGreaterThan(10);
    expect(report.acknowledged.report).toBeGreaterThan(2);
    expect(report.acknowledged.transition).toBeGreaterThan(2);
    expect(report.acknowledged.delivery).toBeGreaterThan(0);
    expect(report.retried).toBeGreaterThan(0);
  }, 180_000);

  it("reports a lost idempotency record and a balance that no longer matches its ledger", () => {
    const damaged = join(dir, "damaged.db");
    copyFileSync(join(dir, "fura.db"), damaged);
    const db = new Database(damaged);
    const key = db
      .prepare("select key from idempotency_keys where key like 'crash-mv-%' limit 1")
      .pluck()
      .get() as string;
    db.prepare("delete from idempotency_keys where key = ?").run(key);
    db.prepare(
      "update stock_balances set qty_on_hand = qty_on_hand + 1 where rowid = (select min(rowid) from stock_balances)",
    ).run();
    db.close();
    const ops = [
      {
        kind: "movement" as const,
        key,
        spec: { method: "POST" as const, path: "/api/v1/stock/movements" },
        attempts: 1,
        answer: { status: 201, text: JSON.stringify({ batchId: "none", movements: [] }), ms: 1 },
      },
    ];
    const { problems } = verify(damaged, ops);
    expect(problems).toContain(`${key}: acknowledged but its key is not stored`);
    expect(problems).toContain("1 balances differ from the sum of their ledger lines");
  });
});
