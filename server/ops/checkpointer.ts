/**
 * WAL checkpoints off the event loop. SQLite folds the WAL back into the database on the commit that finds
 * it over 1,000 pages — on the writing connection, so in the server on the event loop, and with
 * `synchronous = FULL` that commit also waits for the database file's fsync: a write (and every request
 * queued behind it) stalled 0.1–2 s once every few hundred writes on the demo database. The server turns that
 * off on its connection (`wal_autocheckpoint = 0`) and a thread of its own checkpoints every second instead
 * (PASSIVE: it never blocks the writer or a reader). If the thread fails or stops, the server's connection
 * takes the checkpoints back, so the WAL never grows without bound.
 */
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import type { Logger } from "pino";
import type { CheckpointReport, CheckpointTask } from "./checkpointWorker";

const BOOT = new URL("../routing/workerBoot.mjs", import.meta.url);
const ENTRY = new URL("./checkpointWorker.ts", import.meta.url);
/** SQLite's default: the writer checkpoints once the WAL holds this many pages */
const AUTOCHECKPOINT_PAGES = 1000;

/** Runs the checkpoints of the server's database on a thread; `sqlite` is the server's (writing) connection. */
export class Checkpointer {
  private worker: Worker | null = null;
  /** The last report of the thread (for logs and tests) */
  last: CheckpointReport | null = null;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly log: Logger,
    private readonly everyMs = 1_000,
  ) {}

  start(): void {
    const task: CheckpointTask = { file: this.sqlite.name, everyMs: this.everyMs };
    const w = new Worker(BOOT, { workerData: { entry: ENTRY.href, data: task }, execArgv: [] });
    w.unref();
    this.worker = w;
    this.sqlite.pragma("wal_autocheckpoint = 0");
    w.on("message", (report: CheckpointReport) => {
      this.last = report;
      if (!report.ok) this.log.warn({ error: report.error }, "checkpoint failed");
      else if (report.ms > 1_000) this.log.info({ ...report, ms: Math.round(report.ms) }, "slow checkpoint");
    });
    const lost = (why: string) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      this.log.warn({ why }, "checkpointer stopped: the server's connection checkpoints again");
    };
    w.on("error", (e) => lost(e.message));
    w.on("exit", (code) => lost(`exit code ${code}`));
  }

  /** Ends the thread (its connection closes) and gives the checkpoints back to the server's connection. */
  async stop(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    this.worker = null;
    this.sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    const exited = new Promise((resolve) => w.once("exit", resolve));
    w.postMessage("stop");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    await w.terminate();
  }
}
