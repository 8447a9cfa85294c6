/** Opens the embedded SQLite database (WAL, foreign keys on) and applies the migrations. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

/** The drizzle handle used everywhere on the server. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The transaction handle passed to commands and queries that run inside a write. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** An open database: the drizzle handle and the raw connection (for bulk seeding and pragmas). */
export interface OpenDb {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

const MIGRATIONS = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * Opens (creating if needed) the database file, or ":memory:", and migrates it to the latest schema;
 * `readonly` opens an existing file for reading only (a reader thread beside the server's connection).
 */
export function openDb(file: string, options: { migrate?: boolean; readonly?: boolean } = {}): OpenDb {
  const readonly = options.readonly === true;
  if (file !== ":memory:" && !readonly) mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, { readonly, fileMustExist: readonly });
  if (!readonly) sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  // 64 MiB of page cache and memory-mapped reads: the national runs and seeds touch hundreds of MB.
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("mmap_size = 1073741824");
  sqlite.pragma("temp_store = MEMORY");
  // Another process holding the write lock makes us wait (up to 5 s) instead of failing at once.
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  if (options.migrate !== false && !readonly) migrate(db, { migrationsFolder: MIGRATIONS });
  return { db, sqlite, close: () => sqlite.close() };
}

export { schema };
