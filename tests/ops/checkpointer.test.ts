/**
 * WAL checkpoints on a thread of the server's (server/ops/checkpointer.ts): while it runs, the server's
 * connection never checkpoints on a commit (wal_autocheckpoint = 0) and the thread folds the WAL back; when the
 * thread stops or dies, the server's connection takes the checkpoints back.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { Checkpointer } from "../../server/ops/checkpointer";

const dir = mkdtempSync(join(tmpdir(), "fura-checkpoint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the checkpointer thread", () => {
  it("folds the WAL back while the server's connection never checkpoints on a commit", async () => {
    const open = openDb(join(dir, "a.db"), { migrate: false });
    open.sqlite.exec("create table t (x text)");
    const checkpointer = new Checkpointer(open.sqlite, pino({ level: "silent" }), 50);
    checkpointer.start();
    try {
      expect(open.sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
      const insert = open.sqlite.prepare("insert into t values (?)");
      for (let i = 0; i < 300; i++) open.sqlite.transaction(() => insert.run("x".repeat(2_000)))();
      await until(() => (checkpointer.last?.checkpointed ?? 0) > 100, 10_000);
      expect(checkpointer.last).toMatchObject({ ok: true });
      expect(checkpointer.last!.checkpointed).toBe(checkpointer.last!.walFrames);
      const reader = openDb(join(dir, "a.db"), { migrate: false, readonly: true });
      expect(reader.sqlite.prepare("select count(*) from t").pluck().get()).toBe(300);
      reader.close();
    } finally {
      await checkpointer.stop();
    }
    expect(open.sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    open.close();
  });

  it("gives the checkpoints back to the server's connection when its thread dies", async () => {
    const open = openDb(join(dir, "b.db"), { migrate: false });
    const checkpointer = new Checkpointer(open.sqlite, pino({ level: "silent" }), 50);
    checkpointer.start();
    await until(() => checkpointer.last !== null, 10_000);
    const worker = (checkpointer as unknown as { worker: { terminate(): Promise<number> } }).worker;
    await worker.terminate();
    await until(() => open.sqlite.pragma("wal_autocheckpoint", { simple: true }) === 1000, 5_000);
    open.close();
  });
});
