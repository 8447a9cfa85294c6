/**
 * Scheduled backups inside the server (FURA_BACKUP_DIR, FURA_BACKUP_EVERY). Each runs in its own
 * worker thread (the copy, integrity_check and gzip take ~30 s of CPU on the demo database; the API's
 * event loop never waits for them). A backup is due when the last verified one is older than the
 * interval — the last one is read from the record the backup writes beside the database, so restarts
 * and power cuts do not postpone it: a server that never stays up 24 h still backs up daily.
 */
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import { lastBackup, type BackupResult } from "./backup";
import type { BackupReply, BackupTask } from "./backupWorker";

const BOOT = new URL("../routing/workerBoot.mjs", import.meta.url);
const ENTRY = new URL("./backupWorker.ts", import.meta.url);

/** Takes one backup in a worker thread; `onWorker` receives the thread (to end it when the server stops). */
export function backupInWorker(task: BackupTask, onWorker?: (w: Worker) => void): Promise<BackupResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(BOOT, { workerData: { entry: ENTRY.href, data: task }, execArgv: [] });
    onWorker?.(w);
    let settled = false;
    w.once("message", (reply: BackupReply) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.message));
      void w.terminate();
    });
    w.once("error", (e) => {
      settled = true;
      reject(e);
    });
    w.once("exit", (code) => {
      if (!settled) reject(new Error(`the backup worker stopped (exit code ${code})`));
    });
  });
}

/** Scheduler settings. */
export interface SchedulerOptions extends BackupTask {
  everyMs: number;
  log: Logger;
  now?: () => Date;
  /** How often to look whether a backup is due (default 60 s; the first look 10 s after start) */
  checkEveryMs?: number;
}

/** Takes a backup whenever the last one is older than `everyMs`. */
export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private worker: Worker | null = null;
  private stopping = false;
  /** The error of the last attempt, cleared by a success (GET /health shows it) */
  lastError: { at: string; message: string } | null = null;

  constructor(private readonly o: SchedulerOptions) {}

  /** Looks 10 s after start (once the server answers), then every `checkEveryMs`. */
  start(): void {
    const every = this.o.checkEveryMs ?? 60_000;
    const first = setTimeout(
      () => {
        void this.tick();
        if (this.stopping) return;
        this.timer = setInterval(() => void this.tick(), every);
        this.timer.unref();
      },
      Math.min(10_000, every),
    );
    first.unref();
    this.timer = first;
  }

  /**
   * Stops looking, and ends a backup in progress: a server stopping must not wait a minute for it. Its
   * temporary files are left behind and removed by the next backup (nothing half-made is ever listed).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.worker?.terminate();
    await this.running;
  }

  /** Whether the interval has passed since the last verified backup. */
  due(): boolean {
    const last = lastBackup(this.o.dbFile);
    const now = (this.o.now ?? (() => new Date()))().getTime();
    return !last || now - Date.parse(last.createdAt) >= this.o.everyMs;
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopping || !this.due()) return;
    this.running = this.runOnce().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  private async runOnce(): Promise<void> {
    const { log } = this.o;
    try {
      const { manifest, removed } = await backupInWorker(
        { dbFile: this.o.dbFile, outDir: this.o.outDir, ...(this.o.rotation ? { rotation: this.o.rotation } : {}) },
        (w) => (this.worker = w),
      );
      this.lastError = null;
      log.info({ backup: manifest.file, gzBytes: manifest.gzBytes, ms: manifest.ms, removed }, "backup taken");
    } catch (e) {
      if (this.stopping) return;
      const message = e instanceof Error ? e.message : String(e);
      this.lastError = { at: new Date().toISOString(), message };
      log.error({ err: message }, "backup failed");
    } finally {
      this.worker = null;
    }
  }
}
