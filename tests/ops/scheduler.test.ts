/**
 * Scheduled backups inside the server: taken in a worker thread when the last verified backup is older
 * than the interval, and not again until it is — also after a restart, which reads the last backup
 * from the record beside the database rather than from the uptime.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { seedDatabase } from "../../db/seed";
import { hashPassword } from "../../server/auth/password";
import { lastBackup, listBackups } from "../../server/ops/backup";
import { BackupScheduler } from "../../server/ops/scheduler";

const dir = mkdtempSync(join(tmpdir(), "fura-scheduler-"));
const dbFile = join(dir, "fura.db");
const outDir = join(dir, "backups");
const log = pino({ level: "silent" });

beforeAll(() => {
  const open = openDb(dbFile);
  seedDatabase(open, { adminPassword: "scheduler-admin-pw", hashPassword, demo: false });
  open.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("BackupScheduler", () => {
  it("takes a backup in a worker thread when none is recent, then waits for the interval", async () => {
    const scheduler = new BackupScheduler({ dbFile, outDir, everyMs: 3_600_000, log, checkEveryMs: 100 });
    expect(scheduler.due()).toBe(true);
    scheduler.start();
    await until(() => listBackups(outDir).length === 1 && lastBackup(dbFile) !== null, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    await scheduler.stop();
    expect(listBackups(outDir)).toHaveLength(1);
    expect(scheduler.due()).toBe(false);
    expect(scheduler.lastError).toBeNull();
  }, 90_000);

  it("after a restart, is due only once the interval has passed since the last backup", () => {
    const last = Date.parse(lastBackup(dbFile)!.createdAt);
    const at = (ms: number) =>
      new BackupScheduler({ dbFile, outDir, everyMs: 3_600_000, log, now: () => new Date(last + ms) });
    expect(at(59 * 60_000).due()).toBe(false);
    expect(at(60 * 60_000).due()).toBe(true);
  });

  it("records the failure of a backup that cannot be taken, and keeps nothing of it", async () => {
    const scheduler = new BackupScheduler({
      dbFile: join(dir, "missing.db"),
      outDir,
      everyMs: 60_000,
      log,
      checkEveryMs: 100,
    });
    scheduler.start();
    await until(() => scheduler.lastError !== null, 60_000);
    await scheduler.stop();
    expect(listBackups(outDir)).toHaveLength(1);
  }, 90_000);
});
