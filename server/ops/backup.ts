/**
 * Online backups of the database file while the server runs. One read transaction on a read-only
 * connection (WAL: the server keeps writing; it never waits for us) counts every table and copies
 * every page with SQLite's backup API — so the copy and the counts are the same snapshot, including
 * the commits still in the WAL. The copy is then verified (integrity_check, the same counts, schema
 * version), switched to a single-file journal, gzip-compressed with its SHA-256, described by a
 * manifest beside it, and older backups are rotated (rotation.ts). Nothing is kept of a backup that
 * fails a check. Runs in the CLI (`npm run backup`) or in a worker thread of the server (scheduler.ts).
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import Database from "better-sqlite3";
import { dbSchemaVersion, type SchemaVersion } from "../../db/schemaVersion";
import { DEFAULT_ROTATION, rotate, type RotationPolicy } from "./rotation";

/** What a backup file holds: written as `<name>.json` next to `<name>.db.gz`. */
export interface BackupManifest {
  format: 1;
  /** The compressed database, in the same folder as the manifest */
  file: string;
  /** When the snapshot was taken (ISO, UTC) */
  createdAt: string;
  schema: SchemaVersion;
  /** Rows per table at the snapshot, equal in the source and in the copy */
  counts: Record<string, number>;
  integrityCheck: "ok";
  dbBytes: number;
  dbSha256: string;
  gzBytes: number;
  gzSha256: string;
  /** Time spent copying, verifying and compressing, ms */
  ms: { copy: number; verify: number; compress: number; total: number };
}

/** Options of one backup. */
export interface BackupOptions {
  /** The live database file */
  dbFile: string;
  outDir: string;
  now?: () => Date;
  rotation?: RotationPolicy;
  /** gzip level 1–9 (default 6) */
  gzipLevel?: number;
}

/** A finished backup: its manifest, and the backups rotation removed. */
export interface BackupResult {
  manifest: BackupManifest;
  path: string;
  removed: string[];
}

/** Where backups go when no folder is given: `backups/` beside the database file. */
export function defaultBackupDir(dbFile: string): string {
  return join(dirname(resolve(dbFile)), "backups");
}

/** The sidecar file recording the last verified backup of a database (read by GET /health). */
export function lastBackupFile(dbFile: string): string {
  return `${resolve(dbFile)}.last-backup.json`;
}

/** The last verified backup of a database, or null when none was recorded. */
export function lastBackup(dbFile: string): { createdAt: string; file: string } | null {
  const record = lastBackupFile(dbFile);
  if (!existsSync(record)) return null;
  try {
    const row = JSON.parse(readFileSync(record, "utf8")) as { createdAt?: unknown; file?: unknown };
    return typeof row.createdAt === "string" && typeof row.file === "string"
      ? { createdAt: row.createdAt, file: row.file }
      : null;
  } catch {
    return null;
  }
}

/** Rows of every table of the open database (inside the caller's transaction, if any). */
export function tableCounts(sqlite: Database.Database): Record<string, number> {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const t of tables)
    counts[t] = sqlite
      .prepare(`select count(*) from "${t.replaceAll('"', '""')}"`)
      .pluck()
      .get() as number;
  return counts;
}

/** Backup file name of a moment: fura-20261203T020000Z (UTC, sorts by time). */
export function backupName(at: Date): string {
  return `fura-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}`;
}

const PAGES_PER_STEP = 8192;

/** Takes, verifies, compresses and rotates one backup; throws (keeping nothing) when a check fails. */
export async function takeBackup(o: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const now = o.now ?? (() => new Date());
  mkdirSync(o.outDir, { recursive: true });
  removeStaleTemporaries(o.outDir);
  const createdAt = now();
  const name = uniqueName(o.outDir, backupName(createdAt));
  const tmp = join(o.outDir, `.${name}.db.tmp`);
  try {
    const snapshot = await copySnapshot(o.dbFile, tmp);
    const copied = performance.now();
    verifyCopy(tmp, snapshot);
    const verified = performance.now();
    const gz = await compress(tmp, join(o.outDir, `${name}.db.gz`), o.gzipLevel ?? 6);
    const manifest: BackupManifest = {
      format: 1,
      file: `${name}.db.gz`,
      createdAt: createdAt.toISOString(),
      schema: snapshot.schema,
      counts: snapshot.counts,
      integrityCheck: "ok",
      ...gz,
      ms: {
        copy: Math.round(copied - started),
        verify: Math.round(verified - copied),
        compress: Math.round(performance.now() - verified),
        total: Math.round(performance.now() - started),
      },
    };
    writeAtomically(join(o.outDir, `${name}.json`), JSON.stringify(manifest, null, 2));
    writeAtomically(lastBackupFile(o.dbFile), JSON.stringify({ createdAt: manifest.createdAt, file: manifest.file }));
    const removed = rotateBackups(o.outDir, o.rotation ?? DEFAULT_ROTATION);
    return { manifest, path: join(o.outDir, manifest.file), removed };
  } finally {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(tmp + suffix, { force: true });
  }
}

/** Temporary files of a backup that was cut off (its process killed or its server stopped), over an hour old. */
function removeStaleTemporaries(dir: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const entry of readdirSync(dir)) {
    if (!/^\.fura-.*\.db\.tmp(-wal|-shm|-journal)?$|^fura-.*\.db\.gz\.partial$/.test(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).mtimeMs < hourAgo) rmSync(path, { force: true });
  }
}

function uniqueName(dir: string, base: string): string {
  let name = base;
  for (let i = 1; existsSync(join(dir, `${name}.db.gz`)) || existsSync(join(dir, `${name}.json`)); i++)
    name = `${base}-${i}`;
  return name;
}

/** Copies the database page by page inside one read transaction, and counts its rows in that same snapshot. */
async function copySnapshot(
  dbFile: string,
  dest: string,
): Promise<{ counts: Record<string, number>; schema: SchemaVersion }> {
  const source = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    source.exec("BEGIN");
    const counts = tableCounts(source); // the first read starts the snapshot the backup API then reuses
    const schema = dbSchemaVersion(source);
    await source.backup(dest, { progress: () => PAGES_PER_STEP });
    source.exec("COMMIT");
    return { counts, schema };
  } finally {
    source.close();
  }
}

/** integrity_check, the same rows and schema as the snapshot; then a plain single-file database (journal DELETE). */
function verifyCopy(file: string, snapshot: { counts: Record<string, number>; schema: SchemaVersion }): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
    const problems = copy.pragma("integrity_check(20)", { simple: false }) as { integrity_check: string }[];
    if (problems.length !== 1 || problems[0]!.integrity_check !== "ok")
      throw new Error(`the copy fails integrity_check: ${problems.map((p) => p.integrity_check).join("; ")}`);
    const counts = tableCounts(copy);
    for (const [table, n] of Object.entries(snapshot.counts))
      if (counts[table] !== n) throw new Error(`the copy has ${counts[table]} rows in ${table}, the source had ${n}`);
    if (Object.keys(counts).length !== Object.keys(snapshot.counts).length)
      throw new Error("the copy does not have the same tables as the source");
    const schema = dbSchemaVersion(copy);
    if (schema.latestAt !== snapshot.schema.latestAt) throw new Error("the copy's schema version differs");
  } finally {
    copy.close();
  }
}

/** SHA-256 of the bytes flowing through, without changing them. */
function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

/** gzip of a file (through the libuv thread pool), with the SHA-256 of both sides. */
async function compress(file: string, dest: string, level: number) {
  const db = createHash("sha256");
  const gz = createHash("sha256");
  const partial = `${dest}.partial`;
  await pipeline(
    createReadStream(file, { highWaterMark: 1 << 20 }),
    hashing(db),
    createGzip({ level }),
    hashing(gz),
    createWriteStream(partial),
  );
  renameSync(partial, dest);
  return {
    dbBytes: statSync(file).size,
    dbSha256: db.digest("hex"),
    gzBytes: statSync(dest).size,
    gzSha256: gz.digest("hex"),
  };
}

function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** The backups of a folder (complete ones: a manifest and its file), newest first. */
export function listBackups(dir: string): { manifest: BackupManifest; path: string }[] {
  if (!existsSync(dir)) return [];
  const found: { manifest: BackupManifest; path: string }[] = [];
  for (const entry of readdirSync(dir)) {
    if (!/^fura-.*\.json$/.test(entry)) continue;
    try {
      const manifest = JSON.parse(readFileSync(join(dir, entry), "utf8")) as BackupManifest;
      if (manifest.format === 1 && existsSync(join(dir, manifest.file)))
        found.push({ manifest, path: join(dir, manifest.file) });
    } catch {
      // Not one of ours (or being written): left alone.
    }
  }
  return found.sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt));
}

/** Deletes the backups the rotation policy does not keep; returns their file names. */
export function rotateBackups(dir: string, policy: RotationPolicy): string[] {
  const backups = listBackups(dir);
  const { drop } = rotate(
    backups.map((b) => ({ name: b.manifest.file, createdAt: new Date(b.manifest.createdAt) })),
    policy,
  );
  for (const file of drop) {
    rmSync(join(dir, file), { force: true });
    rmSync(join(dir, `${basename(file, ".db.gz")}.json`), { force: true });
  }
  return drop;
}
