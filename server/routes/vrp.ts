/** POST /vrp/solve — VROOM-compatible solving endpoint: VROOM JSON in, VROOM JSON out, solved in a worker thread. */
import express, { type RequestHandler } from "express";
import { SolveQuery, VrpSolveBody } from "../../shared/contracts/vrp";
import { toVroomOutput, vroomToProblem } from "../../shared/vrp/vroom";
import { solveOptions } from "../routing/solverPool";
import type { AppDeps } from "../deps";
import type { SecureRouter } from "./secureRouter";

/** JSON body limit of the API. */
export const API_BODY_LIMIT = "1mb";
/**
 * JSON body limit of POST /api/v1/vrp/solve for signed-in users: a VROOM problem carries its whole
 * duration (and distance) matrix, about 3 MB at 500 locations and 12 MB at 1,000.
 */
export const VRP_SOLVE_BODY_LIMIT = "25mb";
const SOLVE_PATH = "/api/v1/vrp/solve";

/** True for POST /api/v1/vrp/solve (Express matches paths case-insensitively and with a trailing slash). */
function isSolve(req: express.Request): boolean {
  const path = (req.baseUrl + req.path).toLowerCase().replace(/\/+$/, "");
  return req.method === "POST" && path === SOLVE_PATH;
}

/**
 * The API's JSON body parsers: `api` (mounted on /api, before the session) parses every body up to
 * API_BODY_LIMIT except the solve route's; `solve` (mounted on /api/v1 after the session and CSRF
 * checks) parses that one — up to VRP_SOLVE_BODY_LIMIT with a session, else API_BODY_LIMIT, so that
 * anonymous clients never make the server read more than 1 MB. Too large → 413 payload_too_large.
 */
export function jsonBodyParsers(): { api: RequestHandler; solve: RequestHandler } {
  const small = express.json({ limit: API_BODY_LIMIT });
  const large = express.json({ limit: VRP_SOLVE_BODY_LIMIT });
  return {
    api: (req, res, next) => (isSolve(req) ? next() : small(req, res, next)),
    solve: (req, res, next) => {
      if (!isSolve(req)) return next();
      return (res.locals.user ? large : small)(req, res, next);
    },
  };
}

/** The raw solver, for tools and dispatchers who bring their own matrices. Nothing is stored. */
export function vrpRoutes(r: SecureRouter, deps: AppDeps): void {
  r.compute(
    "/vrp/solve",
    { action: "vrp:solve", query: SolveQuery, body: VrpSolveBody },
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
