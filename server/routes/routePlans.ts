/**
 * Route plans: the shipments ready to plan, create (road-model matrices, solve in a worker, store), list,
 * read, and edit (move a stop and re-check, publish). The depot decides the scope; a driver reads only the
 * published plans that carry a route assigned to them (RoutePlanRef), and of those only their routes.
 */
import {
  RouteCandidatesQuery,
  RoutePlanCreate,
  RoutePlanPatch,
  RoutePlanQuery,
  RouteCandidatesSchema,
  RoutePlanPage,
  RoutePlanSchema,
} from "../../shared/contracts/routePlans";
import { RoutePlanParams } from "../../shared/contracts/refs";
import { editRoutePlan } from "../commands/routePlanEdit";
import { insertRoutePlan, prepareRoutePlan } from "../commands/routePlans";
import type { AppDeps } from "../deps";
import { listRoutePlans, loadRoutePlan, routeCandidates } from "../queries/routePlans";
import { solveOptions } from "../routing/solverPool";
import type { SecureRouter } from "./secureRouter";

/** Routes of route planning. */
export function routePlanRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db } = deps;

  r.get(
    "/route-plans",
    { action: "routes:read", query: RoutePlanQuery, response: RoutePlanPage },
    ({ res, user, query }) => {
      res.json(listRoutePlans(db, user, query));
    },
  );

  // Declared before /route-plans/:id, which would read "candidates" as an id.
  r.get(
    "/route-plans/candidates",
    { action: "routes:plan", query: RouteCandidatesQuery, response: RouteCandidatesSchema },
    ({ res, query }) => {
      res.json(routeCandidates(db, query.depotId, query.date));
    },
  );

  r.get(
    "/route-plans/:id",
    { action: "routes:read", params: RoutePlanParams, response: RoutePlanSchema },
    ({ res, params, user }) => {
      res.json(loadRoutePlan(db, params.id, user));
    },
  );

  // The solve runs in a worker before the transaction; a retry with the same key answers the stored plan without solving again.
  r.post(
    "/route-plans",
    {
      action: "routes:plan",
      body: RoutePlanCreate,
      response: { status: 201, content: { "application/json": RoutePlanSchema } },
    },
    {
      prepare: async ({ body }) => {
        const prep = prepareRoutePlan(db, body, deps.roadModel);
        const solution = await deps.solver.run({ problem: prep.problem, options: solveOptions(body.solver) });
        return { prep, solution };
      },
      run: ({ tx, prepared, user, now }) => {
        const id = insertRoutePlan(tx, prepared.prep, prepared.solution, { now, userId: user.id });
        const plan = loadRoutePlan(tx, id, user);
        const orderIds = [...plan.routes.flatMap((route) => route.stops), ...plan.unassigned]
          .flatMap((s) => s.orderIds)
          .sort((x, y) => x - y);
        const after = {
          depotId: plan.depotId,
          date: plan.date,
          rainySeason: plan.rainySeason,
          vehicles: plan.routes.length,
          totals: plan.totals,
          orderIds,
        };
        return {
          status: 201,
          body: plan,
          audit: { action: "route_plan.create", objectType: "route_plan", objectId: String(id), after },
        };
      },
    },
  );

  r.patch(
    "/route-plans/:id",
    { action: "routes:plan", params: RoutePlanParams, body: RoutePlanPatch, response: RoutePlanSchema },
    ({ tx, params, body, user, now }) => {
      const entry = editRoutePlan(tx, params.id, body, now);
      return { status: 200, body: loadRoutePlan(tx, params.id, user), audit: entry };
    },
  );
}
