/**
 * GET /health for operators and monitoring: answered without a session, so it says nothing sensitive —
 * sizes, ages and versions, never a path, a user or an error text (those go to the log).
 */
import { statSync } from "node:fs";
import type Database from "better-sqlite3";
import { dbSchemaVersion } from "../../db/schemaVersion";
import type { ReadCacheStats } from "../reads/cache";
import { lastBackup } from "./backup";

/** Scheduled backups as the health answer describes them. */
export interface BackupStatus {
  /** FURA_BACKUP_EVERY in ms, or null when the server takes no backups itself */
  everyMs: number | null;
  /** When the last scheduled backup failed (cleared by the next success) */
  lastError: () => { at: string } | null;
}

/** The answer of GET /health. */
export interface OperatorHealth {
  status: "ok";
  time: string;
  schemaVersion: { migrations: number; latest: string | null };
  /** The database's size as SQLite counts it (pages × page size, including pages still in the WAL), and the WAL file's */
  database: { bytes: number; walBytes: number };
  backup: {
    lastAt: string | null;
    ageSeconds: number | null;
    everySeconds: number | null;
    /** No backup within twice the interval (only when the server schedules backups) */
    overdue: boolean;
    lastFailedAt: string | null;
  };
  readCache: ReadCacheStats;
}

const sizeOf = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** Builds the health answer of a database; the schema version is read once (it changes only at start). */
export function operatorHealth(
  sqlite: Database.Database,
  backups: BackupStatus | undefined,
  readCache: () => ReadCacheStats,
) {
  const schema = dbSchemaVersion(sqlite);
  return (now: Date): OperatorHealth => {
    const file = sqlite.memory ? null : sqlite.name;
    const pages =
      (sqlite.pragma("page_count", { simple: true }) as number) *
      (sqlite.pragma("page_size", { simple: true }) as number);
    const last = file ? lastBackup(file) : null;
    const ageSeconds = last ? Math.max(0, Math.round((now.getTime() - Date.parse(last.createdAt)) / 1000)) : null;
    const everyMs = backups?.everyMs ?? null;
    return {
      status: "ok",
      time: now.toISOString(),
      schemaVersion: { migrations: schema.migrations, latest: schema.latest },
      database: { bytes: pages, walBytes: file ? sizeOf(`${file}-wal`) : 0 },
      backup: {
        lastAt: last?.createdAt ?? null,
        ageSeconds,
        everySeconds: everyMs === null ? null : everyMs / 1000,
        overdue: everyMs !== null && (ageSeconds === null || ageSeconds * 1000 > 2 * everyMs),
        lastFailedAt: backups?.lastError()?.at ?? null,
      },
      readCache: readCache(),
    };
  };
}
