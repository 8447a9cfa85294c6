/**
 * The checkpointer thread (checkpointer.ts): its own connection to the database file folds the WAL back into
 * the database (PASSIVE: never waits for the writer or a reader) every `everyMs`, and reports what it did.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDb } from "../../db/client";

/** What the thread is given. */
export interface CheckpointTask {
  file: string;
  everyMs: number;
}

/** One checkpoint's result, as SQLite reports it (frames in the WAL, frames folded back), and its duration. */
export interface CheckpointReport {
  ok: boolean;
  walFrames: number;
  checkpointed: number;
  ms: number;
  error?: string;
}

const task = (workerData as { data: CheckpointTask }).data;
const open = openDb(task.file, { migrate: false });

const timer = setInterval(() => {
  const started = performance.now();
  let report: CheckpointReport;
  try {
    const [row] = open.sqlite.pragma("wal_checkpoint(PASSIVE)") as { log: number; checkpointed: number }[];
    report = {
      ok: true,
      walFrames: row?.log ?? 0,
      checkpointed: row?.checkpointed ?? 0,
      ms: performance.now() - started,
    };
  } catch (e) {
    report = { ok: false, walFrames: 0, checkpointed: 0, ms: 0, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(report);
}, task.everyMs);

parentPort!.on("message", (m: "stop") => {
  if (m !== "stop") return;
  clearInterval(timer);
  open.close();
  parentPort!.close();
});
