/**
 * Heavy reads in one worker thread with its own read-only connection to the database file. Requests
 * queue in the worker (one at a time: the other core stays for the API); each has a time limit after
 * which the worker is terminated and every pending read answered with an error — never left hanging.
 * The worker starts on the first read and stays warm (unref'd, so it never keeps the process alive).
 */
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "../../shared/errors";
import type { HeavyReadArgs, HeavyReader, HeavyReadName, HeavyReadResult } from "./registry";

/** A read sent to the worker. */
export interface ReadTask {
  id: number;
  name: string;
  args: unknown[];
}

/** The worker's answer. */
export type ReadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: ErrorCode; message: string; details?: unknown } };

const BOOT = new URL("../routing/workerBoot.mjs", import.meta.url);
const ENTRY = new URL("./readWorker.ts", import.meta.url);

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/** The reader of the server: one worker on the database file. */
export class WorkerReader implements HeavyReader {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly file: string,
    private readonly limitMs = 60_000,
  ) {}

  run<K extends HeavyReadName>(name: K, ...args: HeavyReadArgs<K>): Promise<HeavyReadResult<K>> {
    const w = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.fail(
            new AppError("internal_error", `The read ${name} did not answer within ${this.limitMs} ms and was stopped`),
          ),
        this.limitMs,
      );
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      if (this.pending.size === 1) w.ref();
      w.postMessage({ id, name, args } satisfies ReadTask);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.fail(new AppError("internal_error", "The server is stopping"));
    if (w) await w.terminate();
  }

  private spawn(): Worker {
    const w = new Worker(BOOT, { workerData: { entry: ENTRY.href, data: { file: this.file } }, execArgv: [] });
    w.unref();
    w.on("message", (reply: ReadReply) => this.settle(reply));
    w.on("error", (e) => this.fail(new AppError("internal_error", `The reader crashed: ${e.message}`)));
    w.on("exit", (code) =>
      this.fail(new AppError("internal_error", `The reader stopped unexpectedly (exit code ${code})`)),
    );
    this.worker = w;
    return w;
  }

  private settle(reply: ReadReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new AppError(reply.error.code, reply.error.message, reply.error.details));
  }

  /** Ends the worker and answers every pending read with the error (the next read starts a new worker). */
  private fail(error: AppError): void {
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
    if (w) {
      w.removeAllListeners("exit");
      w.on("error", () => undefined);
      void w.terminate();
    }
  }
}
