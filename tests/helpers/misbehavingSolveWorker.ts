/**
 * A solver worker that misbehaves on purpose, for the pool's tests: workerData.data.mode "hang"
 * spins forever, "throw" throws an uncaught error, "exit" ends the thread with code 3.
 */
import { parentPort, workerData } from "node:worker_threads";

const mode = (workerData as { data: { mode: "hang" | "throw" | "exit" } }).data.mode;

parentPort!.on("message", () => {
  if (mode === "throw") throw new Error("solver exploded");
  if (mode === "exit") process.exit(3);
  // "hang": a busy loop the pool must terminate.
  for (;;) Math.sqrt(Math.random());
});
