/**
 * Route plans: the shipments ready to plan, create (road-model matrices, solve in a worker, store), list,
 * read, and edit (move a stop and re-check, publish). The depot decides the scope; a driver reads only their own routes.
 */
import type { Request, Response } from "express";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { idempotencyKeys } from "../../db/schema";
import type { Me } from "../../shared/contracts/auth";
import { IdempotencyKey } from "../../shared/contracts/common";
import {
  RouteCandidatesQuery,
  RoutePlanCreate,
  RoutePlanPatch,
  RoutePlanQuery,
} from "../../shared/contracts/routePlans";
import { AppError } from "../../shared/errors";
import { audit } from "../audit";
import { requestHash, runIdempotent } from "../commands/idempotency";
import { editRoutePlan } from "../commands/routePlanEdit";
import { insertRoutePlan, prepareRoutePlan } from "../commands/routePlans";
import { parseOrThrow } from "../middleware/validate";
import { listRoutePlans, loadRoutePlan, planDepotId, routeCandidates } from "../queries/routePlans";
import { solveOptions } from "../routing/solverPool";
import type { AppDeps } from "../deps";
import { idempotentWrite } from "./idempotent";
import type { FacilityRef, SecureRouter } from "./secureRouter";

const idParam = (req: Request) => parseOrThrow(z.coerce.number().int().positive(), req.params.id, "path id");

/** Scope of a plan in the path: its depot (404 "Unknown route plan" when unknown or out of scope). Drivers are filtered by assignment instead. */
function planScope(deps: AppDeps) {
  return (req: Request, res: Response): FacilityRef[] => {
    if ((res.locals.user as Me).role === "driver") return [];
    const id = idParam(req);
    return [{ id: planDepotId(deps.db, id) ?? "", from: "path", label: `route plan ${id}` }];
  };
}

/** The request's Idempotency-Key (required on every write). */
function idempotencyKey(req: Request): string {
  const header = req.get("Idempotency-Key");
  if (header === undefined)
    throw new AppError("idempotency_key_required", "Every write needs an Idempotency-Key header", {
      issues: [{ path: "Idempotency-Key", message: "header is required" }],
    });
  return parseOrThrow(z.object({ "Idempotency-Key": IdempotencyKey }), { "Idempotency-Key": header }, "header")[
    "Idempotency-Key"
  ];
}

/** Routes of route planning. */
export function routePlanRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db, clock } = deps;

  r.get(
    "/route-plans",
    {
      action: "routes:read",
      query: RoutePlanQuery,
      facilities: (_req, res) => (res.locals.query.depotId ? [{ id: res.locals.query.depotId, from: "path" }] : []),
    },
    (_req, res) => {
      res.json(listRoutePlans(db, res.locals.user as Me, res.locals.query));
    },
  );

  // Declared before /route-plans/:id, which would read "candidates" as an id.
  r.get(
    "/route-plans/candidates",
    {
      action: "routes:plan",
      query: RouteCandidatesQuery,
      facilities: (_req, res) => [{ id: res.locals.query.depotId, from: "path" }],
    },
    (_req, res) => {
      const q = res.locals.query as RouteCandidatesQuery;
      res.json(routeCandidates(db, q.depotId, q.date));
    },
  );

  r.get("/route-plans/:id", { action: "routes:read", facilities: planScope(deps) }, (req, res) => {
    res.json(loadRoutePlan(db, idParam(req), res.locals.user as Me));
  });

  r.post(
    "/route-plans",
    {
      action: "routes:plan",
      body: RoutePlanCreate,
      facilities: (_req, res) => [{ id: res.locals.body.depotId, from: "body", path: "depotId" }],
    },
    async (req, res) => {
      const key = idempotencyKey(req);
      const user = res.locals.user as Me;
      const body = res.locals.body as RoutePlanCreate;
      const hash = requestHash({ method: req.method, path: req.path, userId: user.id, body });
      // A retry answers the stored plan without solving again (runIdempotent checks once more inside the write).
      const seen = db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key)).get();
      if (seen && seen.requestHash === hash)
        return res.status(seen.status).set("Idempotent-Replayed", "true").json(JSON.parse(seen.responseJson));
      if (seen)
        throw new AppError("idempotency_key_reused", "This Idempotency-Key was already used for a different request", {
          key,
        });
      const prep = prepareRoutePlan(db, body, deps.roadModel);
      const solution = await deps.solver.run({ problem: prep.problem, options: solveOptions(body.solver) });
      const now = clock();
      const result = runIdempotent(db, key, hash, now, (tx) => {
        const id = insertRoutePlan(tx, prep, solution, { now, userId: user.id });
        const plan = loadRoutePlan(tx, id, user);
        const orderIds = [...plan.routes.flatMap((r) => r.stops), ...plan.unassigned]
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
        audit(tx, now, res.locals.origin, {
          action: "route_plan.create",
          objectType: "route_plan",
          objectId: String(id),
          after,
        });
        return { status: 201, body: plan };
      });
      res.status(result.status).set("Idempotent-Replayed", String(result.replayed)).json(result.body);
    },
  );

  r.patch(
    "/route-plans/:id",
    { action: "routes:plan", body: RoutePlanPatch, facilities: planScope(deps) },
    idempotentWrite(deps, ({ tx, req, body, user, now }) => {
      const id = idParam(req);
      const entry = editRoutePlan(tx, id, body as RoutePlanPatch, now);
      return { status: 200, body: loadRoutePlan(tx, id, user), audit: entry };
    }),
  );
}
