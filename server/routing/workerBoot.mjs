// Entry of every solver worker thread: registers tsx in this thread, then imports the TypeScript
// module named in workerData.entry. Module hooks of the main thread (node --import tsx) do not
// reach worker threads on Node 20, and `--import` in a worker's execArgv does not help either.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
