/** Opens the embedded SQLite database (WAL, synchronous FULL, foreign keys on) and applies the migrations. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { foldText } from "../shared/domain/text";
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
 * `readonly` opens an existing file for reading only (a reader thread beside the server's connection);
 * `synchronous: "NORMAL"` only for throw-away files (benchmarks comparing the two).
 */
export function openDb(
  file: string,
  options: { migrate?: boolean; readonly?: boolean; synchronous?: "FULL" | "NORMAL" } = {},
): OpenDb {
  const readonly = options.readonly === true;
  if (file !== ":memory:" && !readonly) mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, { readonly, fileMustExist: readonly });
  if (!readonly) sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // FULL: every commit syncs the WAL before the API answers, so an acknowledged write survives a power cut
  // (NORMAL may lose the last commits). Cost measured in BENCHMARKS.md ("Durable writes").
  sqlite.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
  // 64 MiB of page cache and memory-mapped reads: the national runs and seeds touch hundreds of MB.
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("mmap_size = 1073741824");
  sqlite.pragma("temp_store = MEMORY");
  // Another process holding the write lock makes us wait (up to 5 s) instead of failing at once.
  sqlite.pragma("busy_timeout = 5000");
  // fold(text): the search normalisation of shared/domain/text, so SQL searches ignore case and accents as the web does.
  sqlite.function("fold", { deterministic: true }, (text: unknown) =>
    typeof text === "string" ? foldText(text) : text,
  );
  const db = drizzle(sqlite, { schema });
  if (options.migrate !== false && !readonly) applyMigrations(db);
  return { db, sqlite, close: () => sqlite.close() };
}

/** Applies the migrations the database lacks (the server opens without them, checks the file, then migrates). */
export function applyMigrations(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS });
}

export { schema };
