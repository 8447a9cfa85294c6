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
export type FacilityRef = ({ id: string; from: "path" } | { id: string; from: "body"; path: string }) & {
  /** What to call the object when it is refused (default "facility <id>"), e.g. "order 12" */
  label?: string;
};

/** Policy and schemas of one route. */
export interface RouteSpec {
  /** "public" routes need no session (health, login) */
  action: Action | "public";
  query?: z.ZodType;
  body?: z.ZodType;
  /** Facilities whose scope the request needs, computed after parsing (res.locals.query / body) */
  facilities?: (req: Request, res: Response) => FacilityRef[];
  /** "all" (default): every facility must be in scope; "any": one is enough (e.g. an order's facility or its supplier) */
  scopeMode?: "all" | "any";
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
  put(path: string, spec: RouteSpec, handler: Handler) {
    this.add("put", path, spec, handler);
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
        const refs = spec.facilities(req, res);
        const user = res.locals.user as Me;
        if (spec.scopeMode === "any") {
          if (!refs.some((ref) => this.inScope(user, ref))) this.refuse(refs[0]!);
        } else {
          for (const ref of refs) if (!this.inScope(user, ref)) this.refuse(ref);
        }
      }
      next();
    };
  }

  private inScope(user: Me, ref: FacilityRef): boolean {
    const f = this.db
      .select({ id: facilities.id, regionId: facilities.regionId, districtId: facilities.districtId })
      .from(facilities)
      .where(eq(facilities.id, ref.id))
      .get();
    return f !== undefined && inScope(user, f);
  }

  /** Unknown and out-of-scope objects answer exactly alike. */
  private refuse(ref: FacilityRef): never {
    const label = ref.label ?? `facility ${ref.id}`;
    if (ref.from === "path") throw new AppError("not_found", `Unknown ${label}`);
    throw new AppError("validation_failed", `${ref.path}: unknown ${label}`, {
      issues: [{ path: ref.path, message: `unknown ${label}` }],
    });
  }
}
