/**
 * Reads on a pool of reader threads, each with its own read-only connection to the database file, so
 * that the event loop — which every write goes through — only routes requests and sends bytes. Reads
 * wait in one queue and go to the first free thread; a national read (HEAVY_READS) takes at most one
 * thread at a time, so the per-facility reads always keep the others. Each read has a time limit from
 * the moment it is asked: late, it is answered with an error (its thread, if it was running, is ended and
 * replaced). Beyond `maxQueue` waiting reads the server answers server_busy at once instead of queueing
 * work it cannot finish. The server starts the threads with itself (`start()`: a thread takes ~1.5 s to load
 * its code, and the first reads after a restart would wait that long); otherwise they start on the first read.
 * They stay warm, unref'd while idle.
 */
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "../../shared/errors";
import {
  HEAVY_READS,
  type JsonAnswer,
  type ProgressFn,
  type ReadArgs,
  type Reader,
  type ReadName,
  type ReadResult,
  type TrackedReadArgs,
  type TrackedReadName,
  type TrackedReadResult,
} from "./registry";

/** A read sent to a thread. */
export interface ReadTask {
  id: number;
  name: string;
  args: unknown[];
  /** Answer the JSON text and ETag instead of the value */
  json: boolean;
  /** A tracked read (TRACKED_READS): the thread posts ReadProgress messages before the reply */
  tracked?: boolean;
}

/** Progress of a tracked read. */
export interface ReadProgress {
  id: number;
  progress: { done: number; total: number };
}

/** A thread's answer. */
export type ReadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: ErrorCode; message: string; details?: unknown } };

/** Pool settings. */
export interface ReaderPoolOptions {
  /** Reader threads (default 2) */
  readers?: number;
  /** Time a read may take from the moment it is asked, ms (default 60 s) */
  limitMs?: number;
  /** Reads allowed to wait; beyond, server_busy (default 2,000) */
  maxQueue?: number;
}

const BOOT = new URL("../routing/workerBoot.mjs", import.meta.url);
/** The process's --cpu-prof flags reach the reader threads (tsx is registered by workerBoot, not by flags). */
const PROFILING = process.execArgv.filter((a) => a.startsWith("--cpu-prof"));
const ENTRY = new URL("./readWorker.ts", import.meta.url);

interface Job {
  task: ReadTask;
  heavy: boolean;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  slot: Slot | null;
  onProgress?: ProgressFn;
}

interface Slot {
  worker: Worker | null;
  job: Job | null;
}

/** The reader pool of the server. */
export class WorkerReader implements Reader {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private readonly limitMs: number;
  private readonly maxQueue: number;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly file: string,
    o: ReaderPoolOptions = {},
  ) {
    this.slots = Array.from({ length: Math.max(1, o.readers ?? 2) }, () => ({ worker: null, job: null }));
    this.limitMs = o.limitMs ?? 60_000;
    this.maxQueue = o.maxQueue ?? 2_000;
  }

  /** Threads running (started, not ended) */
  get threads(): number {
    return this.slots.filter((s) => s.worker !== null).length;
  }

  /**
   * Starts every thread now, so that the first reads do not wait for one to load; resolves once each has loaded
   * its code and opened its connection (or after `timeoutMs`: reads then simply wait for the thread).
   */
  async start(timeoutMs = 30_000): Promise<void> {
    const started = this.slots.flatMap((slot) => {
      if (slot.worker || this.closed) return [];
      const w = this.spawn(slot);
      return [
        new Promise<void>((resolve) => {
          const ready = (m: unknown) => {
            if (typeof m === "object" && m !== null && "ready" in m) {
              w.off("message", ready);
              resolve();
            }
          };
          w.on("message", ready);
          w.once("exit", () => resolve());
        }),
      ];
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs).unref()));
    await Promise.race([Promise.all(started), late]);
    clearTimeout(timer);
  }

  run<K extends ReadName>(name: K, ...args: ReadArgs<K>): Promise<ReadResult<K>> {
    return this.ask(name, args, false) as Promise<ReadResult<K>>;
  }

  json<K extends ReadName>(name: K, ...args: ReadArgs<K>): Promise<JsonAnswer> {
    return this.ask(name, args, true) as Promise<JsonAnswer>;
  }

  runTracked<K extends TrackedReadName>(
    name: K,
    onProgress: ProgressFn,
    ...args: TrackedReadArgs<K>
  ): Promise<TrackedReadResult<K>> {
    return this.ask(name, args, false, onProgress) as Promise<TrackedReadResult<K>>;
  }

  /** Ends every thread; pending reads are answered with an error. */
  async close(): Promise<void> {
    this.closed = true;
    const stopping = new AppError("internal_error", "The server is stopping");
    for (const job of this.queue.splice(0)) this.settle(job, stopping);
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.job) this.settle(slot.job, stopping);
        const w = slot.worker;
        slot.worker = null;
        if (w) {
          w.removeAllListeners("exit");
          await w.terminate();
        }
      }),
    );
  }

  private ask(
    name: ReadName | TrackedReadName,
    args: unknown[],
    json: boolean,
    onProgress?: ProgressFn,
  ): Promise<unknown> {
    if (this.closed) return Promise.reject(new AppError("internal_error", "The server is stopping"));
    if (this.queue.length >= this.maxQueue)
      return Promise.reject(new AppError("server_busy", "The server is busy: try again in a moment"));
    return new Promise((resolve, reject) => {
      const task: ReadTask = { id: this.nextId++, name, args, json, tracked: onProgress !== undefined };
      const heavy = HEAVY_READS.has(name as ReadName);
      const job: Job = {
        task,
        heavy,
        resolve,
        reject,
        slot: null,
        timer: undefined!,
        ...(onProgress ? { onProgress } : {}),
      };
      job.timer = setTimeout(() => this.late(job), this.limitMs);
      this.queue.push(job);
      this.pump();
    });
  }

  /** Gives waiting reads to free threads: a national read first when none is running, else in order. */
  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const heavyRunning = this.slots.some((s) => s.job?.heavy);
      const k = heavyRunning ? this.queue.findIndex((j) => !j.heavy) : this.firstHeavyOrFirst();
      if (k < 0) return;
      const job = this.queue.splice(k, 1)[0]!;
      const w = slot.worker ?? this.spawn(slot);
      slot.job = job;
      job.slot = slot;
      w.ref();
      w.postMessage(job.task);
    }
  }

  private firstHeavyOrFirst(): number {
    const heavy = this.queue.findIndex((j) => j.heavy);
    return heavy >= 0 ? heavy : 0;
  }

  private spawn(slot: Slot): Worker {
    const w = new Worker(BOOT, { workerData: { entry: ENTRY.href, data: { file: this.file } }, execArgv: PROFILING });
    w.unref();
    w.on("message", (reply: ReadReply | ReadProgress | { ready: true }) => {
      if ("ready" in reply) return;
      const job = slot.job;
      if (!job || job.task.id !== reply.id) return;
      if ("progress" in reply) return job.onProgress?.(reply.progress.done, reply.progress.total);
      this.free(slot);
      if (reply.ok) this.settle(job, null, reply.value);
      else this.settle(job, new AppError(reply.error.code, reply.error.message, reply.error.details));
    });
    const lost = (why: string) => {
      if (slot.worker !== w) return;
      slot.worker = null;
      const job = slot.job;
      slot.job = null;
      if (job) this.settle(job, new AppError("internal_error", why));
      this.pump();
    };
    w.on("error", (e) => lost(`The reader crashed: ${e.message}`));
    w.on("exit", (code) => lost(`The reader stopped unexpectedly (exit code ${code})`));
    slot.worker = w;
    return w;
  }

  /** The thread is free again: unref it while idle and give it the next read. */
  private free(slot: Slot): void {
    slot.job = null;
    slot.worker?.unref();
    this.pump();
  }

  /** A read over its limit: answered now; its thread, if it was running it, is ended (the next read starts a new one). */
  private late(job: Job): void {
    const name = job.task.name;
    const error = new AppError(
      "internal_error",
      `The read ${name} did not answer within ${this.limitMs} ms and was stopped`,
    );
    const slot = job.slot;
    if (!slot) {
      this.queue.splice(this.queue.indexOf(job), 1);
      this.settle(job, error);
      return;
    }
    const w = slot.worker;
    slot.worker = null;
    slot.job = null;
    this.settle(job, error);
    if (w) {
      w.removeAllListeners("exit");
      w.on("error", () => undefined);
      void w.terminate();
    }
    this.pump();
  }

  private settle(job: Job, error: Error | null, value?: unknown): void {
    clearTimeout(job.timer);
    if (error) job.reject(error);
    else job.resolve(value);
  }
}
