/**
 * The only way to declare an API route: each route names its policy (action, and the facilities
 * whose scope it touches) and its request schemas. The router checks, in order: the role may do
 * the action (else 403), the query and body parse (else 400 with field paths), every facility
 * touched is in the user's scope (else 404 for a path parameter, or the same field error as an
 * unknown facility for a body field), then runs the handler. Routes are recorded so that a test
 * can prove every route has a policy.
 */
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { facilities } from "../../db/schema";
import type { Me } from "../../shared/contracts/auth";
import { AppError } from "../../shared/errors";
import { parseOrThrow } from "../middleware/validate";
import { inScope, may, type Action } from "../policies";

/** A facility a request touches: from a path parameter, or from a body field (with its JSON path). */
export type FacilityRef = { id: string; from: "path" } | { id: string; from: "body"; path: string };

/** Policy and schemas of one route. */
export interface RouteSpec {
  /** "public" routes need no session (health, login) */
  action: Action | "public";
  query?: z.ZodType;
  body?: z.ZodType;
  /** Facilities whose scope the request needs, computed after parsing (res.locals.query / body) */
  facilities?: (req: Request, res: Response) => FacilityRef[];
}

/** A route as recorded for the authorisation matrix. */
export interface RegisteredRoute {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  spec: RouteSpec;
}

type Handler = (req: Request, res: Response, next: NextFunction) => unknown;

/** A Router whose routes cannot be declared without a policy. */
export class SecureRouter {
  readonly router = Router();
  readonly routes: RegisteredRoute[] = [];

  constructor(private readonly db: Db) {}

  get(path: string, spec: RouteSpec, handler: Handler) {
    this.add("get", path, spec, handler);
  }
  post(path: string, spec: RouteSpec, handler: Handler) {
    this.add("post", path, spec, handler);
  }
  patch(path: string, spec: RouteSpec, handler: Handler) {
    this.add("patch", path, spec, handler);
  }

  private add(method: RegisteredRoute["method"], path: string, spec: RouteSpec, handler: Handler) {
    this.routes.push({ method, path, spec });
    this.router[method](path, this.guard(spec), handler as RequestHandler);
  }

  private guard(spec: RouteSpec): RequestHandler {
    return (req, res, next) => {
      if (spec.action !== "public") {
        const user = res.locals.user as Me | undefined;
        if (!user) throw new AppError("unauthenticated", "Sign in first");
        if (!may(user, spec.action)) throw new AppError("forbidden", `Your role may not do this (${spec.action})`);
      }
      if (spec.query) res.locals.query = parseOrThrow(spec.query, req.query, "query");
      if (spec.body) res.locals.body = parseOrThrow(spec.body, req.body ?? {}, "body");
      if (spec.facilities && spec.action !== "public") {
        for (const ref of spec.facilities(req, res)) this.checkScope(res.locals.user as Me, ref);
      }
      next();
    };
  }

  private checkScope(user: Me, ref: FacilityRef) {
    const f = this.db.select({ id: facilities.id, regionId: facilities.regionId, districtId: facilities.districtId }).from(facilities).where(eq(facilities.id, ref.id)).get();
    if (f && inScope(user, f)) return;
    // Unknown and out-of-scope facilities answer exactly alike.
    if (ref.from === "path") throw new AppError("not_found", `Unknown facility ${ref.id}`);
    throw new AppError("validation_failed", `${ref.path}: unknown facility ${ref.id}`, { issues: [{ path: ref.path, message: `unknown facility ${ref.id}` }] });
  }
}
