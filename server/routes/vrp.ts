/** POST /vrp/solve — VROOM-compatible solving endpoint: VROOM JSON in, VROOM JSON out, solved in a worker thread. */
import { SolveQuery, VroomOutputSchema, VrpSolveBody } from "../../shared/contracts/vrp";
import { toVroomOutput, vroomToProblem } from "../../shared/vrp/vroom";
import { solveOptions } from "../routing/solverPool";
import type { AppDeps } from "../deps";
import type { SecureRouter } from "./secureRouter";

/** The raw solver, for tools and dispatchers who bring their own matrices. Nothing is stored. */
export function vrpRoutes(r: SecureRouter, deps: AppDeps): void {
  r.compute(
    "/vrp/solve",
    { action: "vrp:solve", query: SolveQuery, body: VrpSolveBody, response: VroomOutputSchema },
    async ({ res, query: q, body }) => {
      const options = solveOptions({
        deadlineMs: q.deadlineMs ?? body.options?.deadline_ms,
        seed: q.seed ?? body.options?.seed,
        maxIterations: q.maxIterations ?? body.options?.max_iterations,
      });
      const problem = vroomToProblem(body);
      const solution = await deps.solver.run({ problem, options });
      res.json(toVroomOutput(problem, solution));
    },
  );
}
