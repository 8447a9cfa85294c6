/**
 * Whether another process has a database file open, asked of SQLite itself: in WAL mode every open
 * connection that has read holds a shared lock on the file for as long as it stays open (that is how
 * SQLite knows which connection is the last one), so an EXCLUSIVE lock can be taken only when nobody
 * else — the server, its reader threads, a backup in progress — is using it. Unlike a pid file, the
 * answer cannot be stale: the operating system drops the locks of a process that dies, even by SIGKILL
 * or a power cut.
 */
import { existsSync } from "node:fs";
import Database from "better-sqlite3";

/**
 * Takes the file's exclusive lock for a moment (no waiting): false when nobody else holds it. On the
 * way it folds the WAL back into the file (SQLite does so when the last connection closes), so that
 * the file alone holds every committed write. True when another process has it open.
 */
export function databaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT");
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === "SQLITE_BUSY") return true;
    throw e;
  } finally {
    db.close();
  }
}
