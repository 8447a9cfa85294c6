/** Worker thread of a scheduled backup (scheduler.ts): takes one backup and answers its result or its error. */
import { parentPort, workerData } from "node:worker_threads";
import { takeBackup, type BackupResult } from "./backup";
import type { RotationPolicy } from "./rotation";

/** What the scheduler asks of the worker. */
export interface BackupTask {
  dbFile: string;
  outDir: string;
  rotation?: RotationPolicy;
}

/** What the worker answers. */
export type BackupReply = { ok: true; result: BackupResult } | { ok: false; message: string };

const task = (workerData as { data: BackupTask }).data;
takeBackup(task).then(
  (result) => parentPort!.postMessage({ ok: true, result } satisfies BackupReply),
  (e: unknown) =>
    parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) } satisfies BackupReply),
);
