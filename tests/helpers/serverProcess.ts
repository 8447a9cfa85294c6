/**
 * The real server as a child process (`node --import tsx server/index.ts`) on 127.0.0.1, for the crash,
 * backup and load tests and benchmarks: started on a given database, killed with any signal, restarted.
 * Its output goes to a log file, never to our stdio (a killed parent must not leave it holding a pipe).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort } from "../e2e/harness";

/** Repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** How to start the server. */
export interface ServerProcessOptions {
  db: string;
  /** Where the server's log goes (appended) */
  logFile: string;
  /** Extra environment (FURA_*), over the defaults: no seed, no rate limit, log level info */
  env?: Record<string, string>;
  port?: number;
  readyTimeoutMs?: number;
  /** Extra node options (e.g. --cpu-prof) */
  nodeArgs?: string[];
}

/** A running server process. */
export interface ServerProcess {
  base: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Resident memory of the process (main thread and its worker threads), bytes; 0 once it has exited */
  rssBytes(): number;
  /** Memory split as /proc reports it: anonymous (heaps) and file-backed (the memory-mapped database), bytes */
  memory(): { rssAnon: number; rssFile: number };
  /** CPU time used so far, seconds: the main thread and the whole process (every thread) */
  cpuSeconds(): { main: number; all: number };
  /** Sends the signal and waits for the exit (SIGKILL after `graceMs` if it is still alive) */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Last lines of a log file (for failure messages). */
export function logTail(file: string, chars = 4000): string {
  try {
    return readFileSync(file, "utf8").slice(-chars);
  } catch {
    return "";
  }
}

function readProc(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** utime + stime of a /proc stat line, in seconds (clock ticks of 1/100 s on Linux). */
function ticks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** Starts the server and resolves once GET /api/v1/health answers 200. */
export async function startServerProcess(o: ServerProcessOptions): Promise<ServerProcess> {
  const port = o.port ?? (await freePort());
  const log = openSync(o.logFile, "a");
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), "--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      FURA_DB: o.db,
      FURA_SEED: "none",
      FURA_RATE_LIMIT: "0",
      FURA_LOG_LEVEL: "info",
      FURA_WEB_DIR: "/nonexistent",
      ...o.env,
    },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  // Never outlive the caller.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.removeListener("exit", killOnExit));
  const base = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    base,
    port,
    pid: child.pid!,
    child,
    exited,
    rssBytes: () => {
      try {
        const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
        return kb ? Number(kb) * 1024 : 0;
      } catch {
        return 0;
      }
    },
    memory: () => {
      const status = readProc(`/proc/${child.pid}/status`);
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
      return { rssAnon: kb("RssAnon"), rssFile: kb("RssFile") };
    },
    cpuSeconds: () => ({
      main: ticks(readProc(`/proc/${child.pid}/task/${child.pid}/stat`)),
      all: ticks(readProc(`/proc/${child.pid}/stat`)),
    }),
    stop: async (signal = "SIGTERM", graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (o.readyTimeoutMs ?? 120_000);
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline && !gone) {
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.stop("SIGKILL");
  throw new Error(`the server did not start (${gone ? "it exited" : "timeout"}):\n${logTail(o.logFile)}`);
}
