/**
 * Backups and restore, on the real server process: a backup taken while writes keep coming is a
 * consistent snapshot (integrity_check, balances = ledger sums, the ledger a prefix of the live one, every
 * write acknowledged before it present); restoring it into the stopped instance brings the server back on
 * that snapshot. Restore refuses a database in use, a damaged file and a schema newer than the code, and
 * changes nothing when it does. The server refuses to start on a damaged database and names the backup.
 */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { closeSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { seedDatabase } from "../../db/seed";
import { hashPassword } from "../../server/auth/password";
import { listBackups, takeBackup, type BackupResult } from "../../server/ops/backup";
import { restoreBackup } from "../../server/ops/restore";
import { HttpClient } from "../helpers/httpClient";
import { logTail, startServerProcess, type ServerProcess } from "../helpers/serverProcess";

const dir = mkdtempSync(join(tmpdir(), "fura-backup-test-"));
const dbFile = join(dir, "fura.db");
const backups = join(dir, "backups");
const logFile = join(dir, "server.log");
const PASSWORD = "backup-admin-pw";
let server: ServerProcess | null = null;
let backup: BackupResult;
/** Keys of the writes acknowledged before the backup started, and all acknowledged ones. */
let ackedBefore: string[] = [];
let ackedAll: string[] = [];
let facilityId = "";
let productId = 0;

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

beforeAll(async () => {
  const open = openDb(dbFile);
  seedDatabase(open, {
    adminPassword: PASSWORD,
    hashPassword,
    demo: true,
    historyCscoms: 4,
    months: 3,
    reportMonths: 1,
  });
  const pair = open.sqlite
    .prepare(
      "select b.facility_id f, b.product_id p from stock_balances b join facilities x on x.id = b.facility_id where x.level = 'cscom' and b.qty_on_hand > 0 limit 1",
    )
    .get() as { f: string; p: number };
  facilityId = pair.f;
  productId = pair.p;
  open.close();
  server = await startServerProcess({ db: dbFile, logFile, env: { FURA_LOG_LEVEL: "warn" } });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Receipts every 40 ms until `stop()`; resolves with the keys acknowledged. */
function writeContinuously(client: HttpClient) {
  let stopped = false;
  const acked: string[] = [];
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const key = `backup-load-${i}`;
      const a = await client.send({
        method: "POST",
        path: "/api/v1/stock/movements",
        headers: { "Idempotency-Key": key },
        body: {
          type: "receipt",
          facilityId,
          productId,
          lotCode: "BACKUP-1",
          expiry: "2029-01-31",
          quantity: 1,
          reference: key,
        },
      });
      if (a.status === 201) acked.push(key);
      await new Promise((r) => setTimeout(r, 40));
    }
    return acked;
  })();
  return { acked, stop: () => ((stopped = true), done) };
}

describe("an online backup under writes", () => {
  it("is a verified, consistent snapshot holding every write acknowledged before it", async () => {
    const client = new HttpClient(server!.base);
    await client.login("admin", PASSWORD);
    const load = writeContinuously(client);
    await new Promise((r) => setTimeout(r, 1500));
    ackedBefore = [...load.acked];
    backup = await takeBackup({ dbFile, outDir: backups });
    await new Promise((r) => setTimeout(r, 500));
    ackedAll = await load.stop();
    client.close();
    expect(ackedBefore.length).toBeGreaterThan(5);
    expect(ackedAll.length).toBeGreaterThan(ackedBefore.length);
    expect(backup.manifest).toMatchObject({ integrityCheck: "ok", file: backup.path.split("/").at(-1) });
    expect(existsSync(backup.path.replace(/\.db\.gz$/, ".json"))).toBe(true);
    expect(createHash("sha256").update(readFileSync(backup.path)).digest("hex")).toBe(backup.manifest.gzSha256);
  }, 120_000);

  it("restores into the stopped instance: the server comes back on the snapshot, the previous file kept aside", async () => {
    const liveKeys = new Set(
      new Database(dbFile, { readonly: true }).prepare("select key from idempotency_keys").pluck().all() as string[],
    );
    await server!.stop();
    server = null;
    const live = new Database(dbFile, { readonly: true });
    const liveLedger = live.prepare("select * from stock_movements order by id").all() as { id: number }[];
    live.close();

    const result = await restoreBackup({ file: backup.path, dbFile });
    expect(result.previous).toMatch(/fura\.db\.before-restore-/);
    expect(existsSync(result.previous!)).toBe(true);

    const db = new Database(dbFile, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const ledger = db.prepare("select * from stock_movements order by id").all() as { id: number }[];
    // The ledger of the snapshot is the live ledger up to a point: nothing torn, nothing reordered.
    expect(ledger).toEqual(liveLedger.slice(0, ledger.length));
    const keys = db.prepare("select key from idempotency_keys").pluck().all() as string[];
    expect(keys.every((k) => liveKeys.has(k))).toBe(true);
    expect(ackedBefore.every((k) => keys.includes(k))).toBe(true);
    const mismatches = db
      .prepare(
        `select count(*) from (select facility_id, lot_id, funding_source, sum(qty_delta) q from stock_movements group by 1, 2, 3) l
         join stock_balances b using (facility_id, lot_id, funding_source) where b.qty_on_hand <> l.q`,
      )
      .pluck()
      .get();
    expect(mismatches).toBe(0);
    db.close();

    server = await startServerProcess({ db: dbFile, logFile, env: { FURA_LOG_LEVEL: "warn" } });
    const health = (await (await fetch(`${server.base}/api/v1/health`)).json()) as {
      schemaVersion: { migrations: number };
      backup: { lastAt: string | null };
    };
    expect(health.schemaVersion.migrations).toBe(backup.manifest.schema.migrations);
    expect(health.backup.lastAt).toBe(backup.manifest.createdAt);
  }, 120_000);
});

describe("a restore refuses, changing nothing", () => {
  it("while the server runs on the database", async () => {
    const before = { sha: sha(dbFile), files: readdirSync(dir).sort() };
    await expect(restoreBackup({ file: backup.path, dbFile })).rejects.toThrow(/is in use/);
    expect(sha(dbFile)).toBe(before.sha);
    expect(readdirSync(dir).sort()).toEqual(before.files);
  });

  it("a backup whose bytes no longer match its manifest", async () => {
    await server!.stop();
    server = null;
    const damaged = join(dir, "damaged.db.gz");
    copyFileSync(backup.path, damaged);
    copyFileSync(backup.path.replace(/\.db\.gz$/, ".json"), join(dir, "damaged.json"));
    const fd = openSync(damaged, "r+");
    writeSync(fd, Buffer.from("damage"), 0, 6, Math.floor(statSync(damaged).size / 2));
    closeSync(fd);
    const before = sha(dbFile);
    await expect(restoreBackup({ file: damaged, dbFile })).rejects.toThrow(/does not match the checksum/);
    expect(sha(dbFile)).toBe(before);
  });

  it("a database made by a newer Fura", async () => {
    const newer = join(dir, "newer", "fura.db");
    const open = openDb(newer);
    open.sqlite
      .prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)")
      .run(Date.now() + 1e10);
    open.close();
    const { path } = await takeBackup({ dbFile: newer, outDir: join(dir, "newer-backups") });
    const before = sha(dbFile);
    await expect(restoreBackup({ file: path, dbFile })).rejects.toThrow(/made by a newer Fura/);
    expect(sha(dbFile)).toBe(before);
  });
});

describe("the start-up check", () => {
  it("refuses to serve a damaged database and names the newest backup to restore", async () => {
    const damaged = join(dir, "damaged-live.db");
    copyFileSync(dbFile, damaged);
    const db = new Database(damaged, { readonly: true });
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    const root = db
      .prepare("select rootpage from sqlite_master where name = 'stock_movements'")
      .pluck()
      .get() as number;
    db.close();
    // Garbage over the root page of the ledger table.
    const fd = openSync(damaged, "r+");
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
    await expect(
      startServerProcess({ db: damaged, logFile: join(dir, "damaged.log"), env: { FURA_BACKUP_DIR: backups } }),
    ).rejects.toThrow(/did not start/);
    const log = logTail(join(dir, "damaged.log"));
    expect(log).toMatch(/fails SQLite's quick_check/);
    expect(log).toContain(`npm run restore -- ${listBackups(backups)[0]!.path}`);
  }, 120_000);

  it("refuses to run on a database migrated by a newer version, which it would not know", async () => {
    const newer = join(dir, "newer-live", "fura.db");
    const open = openDb(newer);
    open.sqlite
      .prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)")
      .run(Date.now() + 1e10);
    open.close();
    const log = join(dir, "newer.log");
    await expect(startServerProcess({ db: newer, logFile: log })).rejects.toThrow(/did not start/);
    expect(logTail(log)).toMatch(/was migrated by a newer version of Fura/);
  }, 120_000);
});
