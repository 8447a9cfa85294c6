/**
 * The only way to declare an API route. Each route names its action and its request schemas (path parameters,
 * query, body); before the handler runs, the router checks in order:
 * 1. the session and the role's action (401, else 403 `forbidden`; 403 `password_change_required` for every route
 *    but the session's own while the user still has a temporary password);
 * 2. the path parameters, the query and the body against their schemas (400 `validation_failed` with paths);
 * 3. every reference the parsed request names — a FacilityRef, DistrictRef, OrderRef… anywhere in the path,
 *    the query or the body (shared/contracts/refs.ts) — against the user's scope (server/policies/scope.ts):
 *    unknown and out of scope answer alike, 404 for the path and the query, the field error of an unknown
 *    reference for the body. A contract that gains a field carrying a facility gets the check for free.
 * Handlers receive the parsed values, typed from the schemas. Writes (POST, PUT, PATCH, DELETE) go through one
 * idempotent path (server/routes/write.ts); the few POSTs that write nothing are declared `compute`, and the
 * sign-in routes `session`. Refusals of steps 1 and 3 are written to the audit log. Routes are recorded so that
 * tests can prove every route has a policy and every reference field is checked.
 */
import { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Me } from "../../shared/contracts/auth";
import { findRefs, type FoundRef } from "../../shared/contracts/refs";
import { AppError } from "../../shared/errors";
import { audit, type RequestOrigin } from "../audit";
import type { AppDeps } from "../deps";
import { parseOrThrow } from "../middleware/validate";
import { may, type Action } from "../policies";
import { REF_LABELS, refusedRefs } from "../policies/scope";
import { contextOf, type RouteCtx } from "./context";
import { writeHandler, type WriteHandler } from "./write";

type Schema = z.ZodType;

/** A route's answer as documented (server/openapi): its status and one schema per content type. */
export interface RouteResponse {
  /** HTTP status of a success (default 200) */
  status?: number;
  /** Content type → schema of the body, e.g. { "application/json": X, "application/adx+xml": z.string() } */
  content: Record<string, Schema>;
  /** Response headers worth knowing, with what they mean */
  headers?: Record<string, string>;
}

/** A write's answer with its 201 Created status, for the OpenAPI document (`response: created(Schema)`). */
export const created = (schema: Schema): RouteResponse => ({ status: 201, content: { "application/json": schema } });
/** An answer without a body (204 No Content). */
export const noContent: RouteResponse = { status: 204, content: {} };

/** Policy and schemas of one route. */
export interface RouteSpec<
  A extends Action | "public" = Action | "public",
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
> {
  /** "public" routes need no session (health, login) */
  action: A;
  /** Path parameters: every `:name` of the path must be declared (ids that name places use the refs) */
  params?: P;
  query?: Q;
  body?: B;
  /** The answer's contract (a JSON schema, or the full RouteResponse), for the OpenAPI document */
  response?: Schema | RouteResponse;
  /** One line for the OpenAPI document */
  summary?: string;
}

/** How a route is handled: a read (GET), a write (idempotent, audited), a computation that writes nothing, or the session's own routes. */
export type RouteKind = "read" | "write" | "compute" | "session";

/** A route as recorded for the tests. */
export interface RegisteredRoute {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  kind: RouteKind;
  spec: RouteSpec;
}

type ReadHandler<
  A extends Action | "public",
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
> = (ctx: RouteCtx<A, P, Q, B>) => unknown;
type Method = RegisteredRoute["method"];

/** A Router whose routes cannot be declared without a policy, and whose handlers see only checked, typed input. */
export class SecureRouter {
  readonly router = Router();
  readonly routes: RegisteredRoute[] = [];

  constructor(private readonly deps: AppDeps) {}

  /** A read. */
  get<
    const A extends Action | "public",
    P extends Schema | undefined = undefined,
    Q extends Schema | undefined = undefined,
    B extends Schema | undefined = undefined,
  >(path: string, spec: RouteSpec<A, P, Q, B>, handler: ReadHandler<A, P, Q, B>): void {
    this.add("get", path, "read", spec, this.readHandler(handler));
  }

  /** A write through the idempotent path (Idempotency-Key, one IMMEDIATE transaction, audit line; or an effect write, two). */
  post<
    P extends Schema | undefined = undefined,
    Q extends Schema | undefined = undefined,
    B extends Schema | undefined = undefined,
    X = undefined,
    S = undefined,
    R = undefined,
  >(path: string, spec: RouteSpec<Action, P, Q, B>, handler: WriteHandler<P, Q, B, X, S, R>): void {
    this.add("post", path, "write", spec, writeHandler(this.deps, handler));
  }
  put<
    P extends Schema | undefined = undefined,
    Q extends Schema | undefined = undefined,
    B extends Schema | undefined = undefined,
    X = undefined,
  >(path: string, spec: RouteSpec<Action, P, Q, B>, handler: WriteHandler<P, Q, B, X>): void {
    this.add("put", path, "write", spec, writeHandler(this.deps, handler));
  }
  patch<
    P extends Schema | undefined = undefined,
    Q extends Schema | undefined = undefined,
    B extends Schema | undefined = undefined,
    X = undefined,
  >(path: string, spec: RouteSpec<Action, P, Q, B>, handler: WriteHandler<P, Q, B, X>): void {
    this.add("patch", path, "write", spec, writeHandler(this.deps, handler));
  }
  delete<
    P extends Schema | undefined = undefined,
    Q extends Schema | undefined = undefined,
    B extends Schema | undefined = undefined,
    X = undefined,
  >(path: string, spec: RouteSpec<Action, P, Q, B>, handler: WriteHandler<P, Q, B, X>): void {
    this.add("delete", path, "write", spec, writeHandler(this.deps, handler));
  }

  /** A POST that computes an answer and stores nothing (a preview, a solve): no Idempotency-Key. */
  compute<
    const A extends Action | "public",
    P extends Schema | undefined = undefined,
    Q extends Schema | undefined = undefined,
    B extends Schema | undefined = undefined,
  >(path: string, spec: RouteSpec<A, P, Q, B>, handler: ReadHandler<A, P, Q, B>): void {
    this.add("post", path, "compute", spec, this.readHandler(handler));
  }

  /** Sign-in, sign-out and password change: they manage the session and audit themselves (no Idempotency-Key: a key would be stored with a hash of the password). */
  session<
    const A extends Action | "public",
    P extends Schema | undefined = undefined,
    Q extends Schema | undefined = undefined,
    B extends Schema | undefined = undefined,
  >(path: string, spec: RouteSpec<A, P, Q, B>, handler: ReadHandler<A, P, Q, B>): void {
    this.add("post", path, "session", spec, this.readHandler(handler));
  }

  private readHandler<
    A extends Action | "public",
    P extends Schema | undefined,
    Q extends Schema | undefined,
    B extends Schema | undefined,
  >(handler: ReadHandler<A, P, Q, B>): RequestHandler {
    return (req, res) => handler(contextOf(req, res) as Parameters<typeof handler>[0]);
  }

  private add(method: Method, path: string, kind: RouteKind, spec: RouteSpec, handler: RequestHandler): void {
    const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const declared = spec.params ? Object.keys((spec.params as unknown as { shape?: object }).shape ?? {}) : [];
    const missing = names.filter((n) => !declared.includes(n));
    if (missing.length > 0) throw new Error(`${method.toUpperCase()} ${path}: declare params ${missing.join(", ")}`);
    this.routes.push({ method, path, kind, spec });
    const check = this.deps.checkResponses ? answerCheck(method, path, spec) : null;
    this.router[method](path, this.guard(spec), ...(check ? [check] : []), handler);
  }

  private guard(spec: RouteSpec): RequestHandler {
    return (req, res, next) => {
      const user = res.locals.user as Me | undefined;
      if (spec.action !== "public") {
        if (!user) throw new AppError("unauthenticated", "Sign in first");
        if (!may(user, spec.action)) {
          this.auditDenied(req, res, { reason: "forbidden", action: spec.action });
          throw new AppError("forbidden", `Your role may not do this (${spec.action})`);
        }
        // A temporary password: the session may only read itself, sign out and change the password.
        if (user.mustChangePassword && spec.action !== "session")
          throw new AppError("password_change_required", "Change your temporary password first");
      }
      const parts = {
        params: spec.params ? parseOrThrow(spec.params, req.params, "path") : undefined,
        query: spec.query ? parseOrThrow(spec.query, req.query, "query") : undefined,
        body: spec.body ? parseOrThrow(spec.body, req.body ?? {}, "body") : undefined,
      };
      res.locals.params = parts.params;
      res.locals.query = parts.query;
      res.locals.body = parts.body;
      if (user) this.checkScope(req, res, user, spec, parts);
      next();
    };
  }

  /** Every reference of the parsed request, checked against the user's scope (see server/policies/scope.ts). */
  private checkScope(
    req: Request,
    res: Response,
    user: Me,
    spec: RouteSpec,
    parts: Record<"params" | "query" | "body", unknown>,
  ) {
    for (const where of ["params", "query", "body"] as const) {
      const schema = spec[where];
      if (!schema) continue;
      const refused = refusedRefs(this.deps.db, user, findRefs(schema, parts[where]));
      if (refused.length === 0) continue;
      const denied = refused.map((ref) => ({ path: ref.path.join("."), ref: ref.meta.scope, value: ref.value }));
      this.auditDenied(req, res, { reason: "out_of_scope_or_unknown", where, refs: denied.slice(0, 20) });
      throw refusal(where, refused);
    }
  }

  /** A refused request in the audit log: who tried what, on which reference (never the body itself). */
  private auditDenied(req: Request, res: Response, after: Record<string, unknown>): void {
    const origin = res.locals.origin as RequestOrigin;
    audit(this.deps.db, this.deps.clock(), origin, {
      action: "access.denied",
      objectType: "request",
      objectId: `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`.slice(0, 200),
      after,
    });
  }
}

/**
 * Unknown and out-of-scope references answer alike: 404 for the first in the path or query; in a body, the
 * field error of an unknown reference for each.
 */
function refusal(where: "params" | "query" | "body", refs: FoundRef[]): AppError {
  const first = refs[0]!;
  if (where !== "body") return new AppError("not_found", `Unknown ${REF_LABELS[first.meta.scope]} ${first.value}`);
  const issues = refs.map((ref) => ({
    path: ref.path.join("."),
    message: `unknown ${REF_LABELS[ref.meta.scope]} ${ref.value}`,
  }));
  return new AppError("validation_failed", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
}

/** The JSON schema a route declares for its answers, if any. */
function jsonAnswerSchema(spec: RouteSpec): z.ZodType | undefined {
  const declared = spec.response;
  if (!declared) return undefined;
  if (declared instanceof z.ZodType) return declared;
  return declared.content["application/json"] as z.ZodType | undefined;
}

/**
 * (Tests, deps.checkResponses) Checks each successful JSON answer against the declared response contract — its
 * status (201 declared with created(), 200 otherwise) and its body — so that the OpenAPI document cannot drift
 * from what the route really answers: a mismatch throws (a 500 whose log names the route and the mismatch).
 */
function answerCheck(method: Method, path: string, spec: RouteSpec): RequestHandler | null {
  const schema = jsonAnswerSchema(spec);
  if (!schema) return null;
  return (_req, res, next) => {
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode < 300) {
        // The declared success status, or 202 (a write whose outcome is still being settled, e.g. a DHIS2 push).
        const declared = spec.response instanceof z.ZodType ? 200 : (spec.response?.status ?? 200);
        if (res.statusCode !== declared && res.statusCode !== 202)
          throw new Error(`${method.toUpperCase()} ${path} answered ${res.statusCode}, its contract says ${declared}`);
        const parsed = schema.safeParse(body);
        if (!parsed.success) {
          const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`);
          throw new Error(
            `${method.toUpperCase()} ${path} answered outside its response contract: ${issues.join("; ")}`,
          );
        }
      }
      return send(body);
    };
    next();
  };
}
