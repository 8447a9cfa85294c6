/**
 * Catalogue plan runs: a job per request, run off the event loop by the quantification reader (a worker thread
 * in the server), its progress kept here for the web to poll (`GET /quantification/runs/:runId`). Runs live in
 * memory: they are computations, not records (a restart forgets them; the officer runs again). A run is read by
 * its id (a random UUID) by anyone who may read quantification — national planners share their runs; a few may
 * run at once per user (comparing scenarios starts one per scenario).
 */
import { randomUUID } from "node:crypto";
import type { CataloguePlan, PlanRun, PlanRunCreate } from "../../shared/contracts/forecasts";
import { AppError } from "../../shared/errors";
import type { HeavyReader } from "../reads/registry";

/** Runs a user may have going at once. */
export const MAX_RUNNING_PER_USER = 4;
/** Finished runs kept (the oldest are forgotten first). */
export const KEPT_RUNS = 30;

interface RunState {
  userId: number;
  run: PlanRun;
}

/** The runs of one app. */
export class PlanRuns {
  private readonly runs = new Map<string, RunState>();

  constructor(
    private readonly reader: HeavyReader,
    private readonly clock: () => Date,
  ) {}

  /** Starts a run; refused (409 conflict) when the user already has MAX_RUNNING_PER_USER going. */
  start(userId: number, input: PlanRunCreate, asOf: string): PlanRun {
    const running = [...this.runs.values()].filter((r) => r.userId === userId && r.run.status === "running");
    if (running.length >= MAX_RUNNING_PER_USER)
      throw new AppError("conflict", `You already have ${running.length} plan runs going: wait for one to finish`, {
        runIds: running.map((r) => r.run.id),
      });
    const run: PlanRun = {
      id: randomUUID(),
      status: "running",
      done: 0,
      total: 0,
      startedAt: this.clock().toISOString(),
      finishedAt: null,
      error: null,
      result: null,
    };
    this.runs.set(run.id, { userId, run });
    this.forgetOld();
    this.reader
      .runTracked(
        "cataloguePlan",
        (done, total) => {
          run.done = done;
          run.total = total;
        },
        input,
        asOf,
      )
      .then((result: CataloguePlan) => {
        run.finishedAt = this.clock().toISOString();
        run.status = "done";
        run.result = result;
        run.done = run.total = result.products.length + result.failed.length;
      })
      .catch((e: unknown) => {
        run.finishedAt = this.clock().toISOString();
        run.status = "failed";
        run.error =
          e instanceof AppError
            ? { code: e.code, message: e.message }
            : { code: "internal_error", message: "The plan run failed" };
      });
    return { ...run };
  }

  /** A run (404 when unknown or forgotten). */
  get(id: string): PlanRun {
    const state = this.runs.get(id);
    if (!state) throw new AppError("not_found", `Unknown plan run ${id}`);
    return { ...state.run };
  }

  /** Forgets the oldest finished runs beyond KEPT_RUNS. */
  private forgetOld(): void {
    const finished = [...this.runs.values()].filter((r) => r.run.status !== "running");
    for (const r of finished.slice(0, Math.max(0, this.runs.size - KEPT_RUNS))) this.runs.delete(r.run.id);
  }
}
