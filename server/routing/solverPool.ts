/**
 * Runs route solves in worker threads so that the API's event loop is never blocked. A small pool:
 * at most `size` workers solve at once, later requests wait in a bounded queue. Idle workers stay
 * warm (unref'd, ended after `idleMs`) because starting one costs ~0.2 s under tsx. Every solve
 * has a hard limit (its deadline + `graceMs`): a worker that overruns it, crashes or exits is
 * terminated and the request answered with an error — never left hanging.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { DEFAULT_DEADLINE_MS } from "../../shared/contracts/vrp";
import { AppError } from "../../shared/errors";
import type { Problem, Solution } from "../../shared/vrp/model";

/** What a worker is asked to do. */
export interface SolveTask {
  problem: Problem;
  options: { deadlineMs: number; seed: number; maxIterations?: number };
}

/** What a worker answers. */
export type SolveReply = { ok: true; solution: Solution } | { ok: false; message: string };

/** Anything that solves a task off the event loop (the pool; tests may pass another). */
export interface Solver {
  run(task: SolveTask): Promise<Solution>;
}

/** Pool settings. */
export interface SolverPoolOptions {
  /** Workers solving at once (default: CPUs − 1, at least 1). */
  size?: number;
  /** Time allowed beyond the solve deadline (worker start, compile, final local search) before termination, ms. */
  graceMs?: number;
  /** Requests allowed to wait for a worker; beyond, solver_busy (503). */
  maxQueue?: number;
  /** Idle workers end after this long, ms. */
  idleMs?: number;
  /** Worker module (default: ./solveWorker.ts) and its workerData.data — tests pass a misbehaving one. */
  entry?: URL;
  data?: unknown;
}

const BOOT = new URL("./workerBoot.mjs", import.meta.url);

/** The solver pool of one app. */
export class SolverPool implements Solver {
  private readonly size: number;
  private readonly graceMs: number;
  private readonly maxQueue: number;
  private readonly idleMs: number;
  private readonly entry: URL;
  private readonly data: unknown;
  private readonly live = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly idleTimers = new Map<Worker, NodeJS.Timeout>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;

  constructor(o: SolverPoolOptions = {}) {
    this.size = o.size ?? Math.max(1, availableParallelism() - 1);
    this.graceMs = o.graceMs ?? 10_000;
    this.maxQueue = o.maxQueue ?? 16;
    this.idleMs = o.idleMs ?? 60_000;
    this.entry = o.entry ?? new URL("./solveWorker.ts", import.meta.url);
    this.data = o.data;
  }

  /** Worker threads currently alive (busy or idle). */
  get liveWorkers(): number {
    return this.live.size;
  }

  /** Solves in a worker; rejects with solver_busy, solver_timeout or solver_failed. */
  async run(task: SolveTask): Promise<Solution> {
    if (this.active < this.size) this.active++;
    else {
      if (this.waiting.length >= this.maxQueue)
        throw new AppError("solver_busy", "The route solver is busy: try again in a minute");
      // The slot is handed over by the request that releases it (active stays the same).
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await this.exec(task);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Ends every worker (idle or busy). */
  async close(): Promise<void> {
    await Promise.all([...this.live].map((w) => this.kill(w)));
  }

  private spawn(): Worker {
    const w = new Worker(BOOT, {
      workerData: { entry: this.entry.href, data: this.data },
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    this.live.add(w);
    // Permanent listeners: an idle worker that dies is forgotten, and its error never goes unhandled.
    w.on("error", () => undefined);
    w.on("exit", () => this.forget(w));
    return w;
  }

  private forget(w: Worker): void {
    this.live.delete(w);
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
    clearTimeout(this.idleTimers.get(w));
    this.idleTimers.delete(w);
  }

  private kill(w: Worker): Promise<number> {
    this.forget(w);
    return w.terminate();
  }

  private park(w: Worker): void {
    w.unref();
    this.idle.push(w);
    const timer = setTimeout(() => void this.kill(w), this.idleMs);
    timer.unref();
    this.idleTimers.set(w, timer);
  }

  private take(): Worker {
    const w = this.idle.pop();
    if (!w) return this.spawn();
    clearTimeout(this.idleTimers.get(w));
    this.idleTimers.delete(w);
    w.ref();
    return w;
  }

  private exec(task: SolveTask): Promise<Solution> {
    const w = this.take();
    const limitMs = task.options.deadlineMs + this.graceMs;
    return new Promise((resolve, reject) => {
      const done = (healthy: boolean) => {
        clearTimeout(timer);
        w.off("message", onMessage);
        w.off("error", onError);
        w.off("exit", onExit);
        if (healthy) this.park(w);
        else void this.kill(w);
      };
      const onMessage = (reply: SolveReply) => {
        done(true);
        if (reply.ok) resolve(reply.solution);
        else reject(new AppError("solver_failed", `The route solver failed: ${reply.message}`));
      };
      const onError = (e: Error) => {
        done(false);
        reject(new AppError("solver_failed", `The route solver crashed: ${e.message}`));
      };
      const onExit = (code: number) => {
        done(false);
        reject(new AppError("solver_failed", `The route solver stopped unexpectedly (exit code ${code})`));
      };
      const timer = setTimeout(() => {
        done(false);
        reject(
          new AppError("solver_timeout", `The route solver did not answer within ${limitMs} ms and was stopped`, {
            limitMs,
          }),
        );
      }, limitMs);
      w.on("message", onMessage);
      w.on("error", onError);
      w.on("exit", onExit);
      w.postMessage(task);
    });
  }
}

/** Solver options with Fura's defaults (deadline 2 s, seed 1; no iteration cap unless asked). */
export function solveOptions(
  o: { deadlineMs?: number | undefined; seed?: number | undefined; maxIterations?: number | undefined } = {},
): SolveTask["options"] {
  return {
    deadlineMs: o.deadlineMs ?? DEFAULT_DEADLINE_MS,
    seed: o.seed ?? 1,
    ...(o.maxIterations === undefined ? {} : { maxIterations: o.maxIterations }),
  };
}
