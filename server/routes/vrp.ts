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
/** JSON body limit of the history import (preview and apply) for signed-in users: a 20 MB file is ≈ 27 MB of base64. */
export const HISTORY_IMPORT_BODY_LIMIT = "30mb";

/** The POST routes allowed a larger body once signed in, and their limits. */
const LARGE_BODIES: Record<string, string> = {
  "/api/v1/vrp/solve": VRP_SOLVE_BODY_LIMIT,
  "/api/v1/quantification/history-imports": HISTORY_IMPORT_BODY_LIMIT,
  "/api/v1/quantification/history-imports/preview": HISTORY_IMPORT_BODY_LIMIT,
};

/** The larger limit of the request's route, if it has one (Express matches paths case-insensitively and with a trailing slash). */
function largeLimit(req: express.Request): string | undefined {
  if (req.method !== "POST") return undefined;
  const path = (req.baseUrl + req.path).toLowerCase().replace(/\/+$/, "");
  return Object.hasOwn(LARGE_BODIES, path) ? LARGE_BODIES[path] : undefined;
}

/**
 * The API's JSON body parsers: `api` (mounted on /api, before the session) parses every body up to
 * API_BODY_LIMIT except those of the LARGE_BODIES routes; `large` (mounted on /api/v1 after the session and
 * CSRF checks) parses those — up to their limit with a session, else API_BODY_LIMIT, so that anonymous clients
 * never make the server read more than 1 MB. Too large → 413 payload_too_large.
 */
export function jsonBodyParsers(): { api: RequestHandler; large: RequestHandler } {
  const small = express.json({ limit: API_BODY_LIMIT });
  const parsers = new Map(Object.values(LARGE_BODIES).map((limit) => [limit, express.json({ limit })]));
  return {
    api: (req, res, next) => (largeLimit(req) ? next() : small(req, res, next)),
    large: (req, res, next) => {
      const limit = largeLimit(req);
      if (!limit) return next();
      return (res.locals.user ? parsers.get(limit)! : small)(req, res, next);
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
