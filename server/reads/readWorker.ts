/**
 * Worker thread of the reader pool (readerPool.ts): opens the database file read-only (WAL: it sees
 * every committed write, never blocks the writer) and answers one heavy read at a time. An AppError
 * (a region out of scope, a bad period…) travels back with its code, message and details.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDb } from "../../db/client";
import { AppError } from "../../shared/errors";
import { HEAVY_READS, type HeavyReadName } from "./registry";
import type { ReadReply, ReadTask } from "./readerPool";

const { file } = (workerData as { data: { file: string } }).data;
const open = openDb(file, { migrate: false, readonly: true });

parentPort!.on("message", (task: ReadTask) => {
  let reply: ReadReply;
  try {
    const read = HEAVY_READS[task.name as HeavyReadName] as (db: typeof open.db, ...args: unknown[]) => unknown;
    reply = { id: task.id, ok: true, value: read(open.db, ...task.args) };
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
  parentPort!.postMessage(reply);
});
