/**
 * The schema version of a database and of the code: the drizzle migrations applied (table
 * __drizzle_migrations, one row per migration with the journal's timestamp) against the migrations
 * the code ships (db/migrations/meta/_journal.json). Backups record it; a restore refuses a database
 * made by a newer Fura, whose migrations this code does not know.
 */
import { readFileSync } from "node:fs";
import type Database from "better-sqlite3";

/** How far a database (or the code) is migrated. */
export interface SchemaVersion {
  /** Number of migrations applied */
  migrations: number;
  /** Tag of the last migration (e.g. "0007_counterparty_covering_index"), or its timestamp when the code does not know it */
  latest: string | null;
  /** Journal timestamp (ms) of the last migration: migrations are ordered by it */
  latestAt: number | null;
}

interface JournalEntry {
  tag: string;
  when: number;
}

const JOURNAL = new URL("./migrations/meta/_journal.json", import.meta.url);

/** The migrations this code ships, oldest first. */
export function codeMigrations(): JournalEntry[] {
  return (JSON.parse(readFileSync(JOURNAL, "utf8")) as { entries: JournalEntry[] }).entries;
}

/** The schema version this code migrates to. */
export function codeSchemaVersion(): SchemaVersion {
  const entries = codeMigrations();
  const last = entries.at(-1);
  return { migrations: entries.length, latest: last?.tag ?? null, latestAt: last?.when ?? null };
}

/** The schema version of an open database (0 migrations when it was never migrated). */
export function dbSchemaVersion(sqlite: Database.Database): SchemaVersion {
  const table = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!table) return { migrations: 0, latest: null, latestAt: null };
  const row = sqlite.prepare("select count(*) n, max(created_at) at from __drizzle_migrations").get() as {
    n: number;
    at: number | null;
  };
  const at = row.at === null ? null : Number(row.at);
  const known = codeMigrations().find((e) => e.when === at);
  return { migrations: row.n, latest: known?.tag ?? (at === null ? null : `unknown migration of ${at}`), latestAt: at };
}

/** True when the database holds a migration newer than the last one this code knows. */
export function isNewerThanCode(db: SchemaVersion, code: SchemaVersion = codeSchemaVersion()): boolean {
  return (db.latestAt ?? 0) > (code.latestAt ?? 0);
}
