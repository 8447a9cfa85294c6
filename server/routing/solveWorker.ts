/**
 * Worker thread of the solver pool (solverPool.ts): receives one SolveTask at a time, answers a
 * SolveReply. The solve is synchronous and CPU-bound, which is why it runs here and not on the
 * event loop of the API.
 */
import { parentPort } from "node:worker_threads";
import { solve } from "../../shared/vrp/solve";
import type { SolveReply, SolveTask } from "./solverPool";

parentPort!.on("message", (task: SolveTask) => {
  let reply: SolveReply;
  try {
    reply = { ok: true, solution: solve(task.problem, task.options) };
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
