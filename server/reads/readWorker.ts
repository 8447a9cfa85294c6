/**
 * A reader thread of the pool (readerPool.ts): opens the database file read-only (WAL: it sees every
 * committed write, never blocks the writer) and answers one read at a time — its value, or its JSON text
 * and ETag so that the main thread only sends bytes. An AppError (a region out of scope, a bad period…)
 * travels back with its code, message and details.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDb } from "../../db/client";
import { AppError } from "../../shared/errors";
import {
  jsonAnswer,
  runRead,
  runTrackedRead,
  type JsonAnswer,
  type ReadArgs,
  type ReadName,
  type TrackedReadArgs,
  type TrackedReadName,
} from "./registry";
import type { ReadProgress, ReadReply, ReadTask } from "./readerPool";

const { file } = (workerData as { data: { file: string } }).data;
const open = openDb(file, { migrate: false, readonly: true });

parentPort!.on("message", (task: ReadTask) => {
  let reply: ReadReply;
  try {
    if (task.tracked) {
      // Progress at most every 100 ms (and the last one), so a long run does not flood the channel.
      let sent = 0;
      const progress = (done: number, total: number) => {
        const now = Date.now();
        if (done < total && now - sent < 100) return;
        sent = now;
        parentPort!.postMessage({ id: task.id, progress: { done, total } } satisfies ReadProgress);
      };
      const name = task.name as TrackedReadName;
      reply = {
        id: task.id,
        ok: true,
        value: runTrackedRead(open.db, name, progress, task.args as TrackedReadArgs<typeof name>),
      };
    } else {
      const value = runRead(open.db, task.name as ReadName, task.args as ReadArgs<ReadName>);
      reply = { id: task.id, ok: true, value: task.json ? jsonAnswer(value) : value };
    }
  } catch (e) {
    reply =
      e instanceof AppError
        ? { id: task.id, ok: false, error: { code: e.code, message: e.message, details: e.details } }
        : {
            id: task.id,
            ok: false,
            error: { code: "internal_error", message: e instanceof Error ? e.message : String(e) },
          };
  }
  // The JSON bytes move to the main thread instead of being copied.
  const answer = reply.ok && task.json ? (reply.value as JsonAnswer) : null;
  parentPort!.postMessage(reply, answer ? [answer.body.buffer as ArrayBuffer] : []);
});

// Loaded, connection open: the pool may count this thread as started (WorkerReader.start()).
parentPort!.postMessage({ ready: true });
