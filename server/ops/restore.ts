/**
 * Restores a backup into a stopped instance. The file is checked before anything is touched: its
 * SHA-256 against the manifest beside it, then, decompressed next to the database (same file system,
 * so the swap is a rename), SQLite's integrity_check, the row counts the manifest recorded, and a
 * schema version not newer than this code's (the server migrates an older one at start). Only then, if
 * no process has the database open (inUse.ts), the current file is moved aside as
 * `<db>.before-restore-<time>` and the restored one takes its place.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import Database from "better-sqlite3";
import { codeSchemaVersion, dbSchemaVersion, isNewerThanCode, type SchemaVersion } from "../../db/schemaVersion";
import { tableCounts, type BackupManifest } from "./backup";
import { databaseInUse } from "./inUse";

/** Why a restore was refused (nothing was changed). */
export class RestoreRefused extends Error {}

/** What to restore where. */
export interface RestoreOptions {
  /** A `.db.gz` written by the backup (its manifest beside it), or a plain `.db` with `withoutManifest` */
  file: string;
  /** The database file to replace */
  dbFile: string;
  /** Accept a file without manifest (e.g. one restored by Litestream): no checksum, no counts to compare */
  withoutManifest?: boolean;
  now?: () => Date;
}

/** What a restore did. */
export interface RestoreResult {
  restored: string;
  createdAt: string | null;
  schema: SchemaVersion;
  /** Where the previous database was moved, or null when there was none */
  previous: string | null;
}

/** The manifest of a backup file (`fura-….db.gz` → `fura-….json`), or null when there is none. */
export function manifestOf(file: string): BackupManifest | null {
  const path = join(dirname(file), `${basename(file).replace(/\.db(\.gz)?$/, "")}.json`);
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, "utf8")) as BackupManifest;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Decompresses (or copies) the backup to `dest`, returning the SHA-256 of the database bytes. */
async function unpack(file: string, dest: string): Promise<string> {
  const hash = createHash("sha256");
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  if (file.endsWith(".gz")) await pipeline(source, createGunzip(), tap, createWriteStream(dest));
  else await pipeline(source, tap, createWriteStream(dest));
  return hash.digest("hex");
}

/** integrity_check, counts and schema version of the unpacked file; throws RestoreRefused. */
function checkUnpacked(file: string, manifest: BackupManifest | null): SchemaVersion {
  const db = new Database(file, { fileMustExist: true });
  try {
    const result = db.pragma("integrity_check(20)") as { integrity_check: string }[];
    if (result.length !== 1 || result[0]!.integrity_check !== "ok")
      throw new RestoreRefused(`it fails integrity_check: ${result.map((r) => r.integrity_check).join("; ")}`);
    const schema = dbSchemaVersion(db);
    if (schema.migrations === 0) throw new RestoreRefused("it is not a Fura database (no migrations recorded)");
    if (isNewerThanCode(schema))
      throw new RestoreRefused(
        `it was made by a newer Fura (schema ${schema.latest}; this code knows up to ${codeSchemaVersion().latest}): install that version first`,
      );
    if (manifest) {
      const counts = tableCounts(db);
      for (const [table, n] of Object.entries(manifest.counts))
        if (counts[table] !== n)
          throw new RestoreRefused(`it has ${counts[table]} rows in ${table} where the manifest says ${n}`);
    }
    return schema;
  } finally {
    db.close();
  }
}

/** Checks the backup, then swaps it in; throws RestoreRefused (nothing changed) when a check fails. */
export async function restoreBackup(o: RestoreOptions): Promise<RestoreResult> {
  const file = resolve(o.file);
  const dbFile = resolve(o.dbFile);
  const stamp = (o.now ?? (() => new Date()))()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  if (!existsSync(file)) throw new RestoreRefused(`${file} does not exist`);
  const manifest = manifestOf(file);
  if (!manifest && !o.withoutManifest)
    throw new RestoreRefused(
      `no manifest beside ${basename(file)}: its checksum cannot be checked (pass --without-manifest to restore it anyway)`,
    );
  if (manifest && file.endsWith(".gz") && (await sha256(file)) !== manifest.gzSha256)
    throw new RestoreRefused(`${basename(file)} does not match the checksum of its manifest: the file is damaged`);
  if (databaseInUse(dbFile))
    throw new RestoreRefused(`${dbFile} is in use (the server, or a backup, is running on it): stop it first`);

  const unpacked = join(dirname(dbFile), `.${basename(dbFile)}.restoring-${stamp}`);
  try {
    const digest = await unpack(file, unpacked);
    if (manifest && digest !== manifest.dbSha256)
      throw new RestoreRefused("the decompressed database does not match the checksum of its manifest");
    const schema = checkUnpacked(unpacked, manifest);
    // Checked again right before the swap: a server started meanwhile must not lose its file under it.
    if (databaseInUse(dbFile)) throw new RestoreRefused(`${dbFile} came into use during the checks: stop it first`);
    const previous = existsSync(dbFile) ? `${dbFile}.before-restore-${stamp}` : null;
    if (previous) renameSync(dbFile, previous);
    // databaseInUse folded the WAL into the file; whatever is left beside it belongs to the old file.
    for (const suffix of ["-wal", "-shm"]) {
      if (!existsSync(dbFile + suffix)) continue;
      if (previous) renameSync(dbFile + suffix, previous + suffix);
      else rmSync(dbFile + suffix);
    }
    renameSync(unpacked, dbFile);
    return { restored: file, createdAt: manifest?.createdAt ?? null, schema, previous };
  } finally {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(unpacked + suffix, { force: true });
  }
}
