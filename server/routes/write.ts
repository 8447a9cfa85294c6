/**
 * The one path every write takes (SecureRouter's post / put / patch / delete): the CSRF token was checked by
 * the middleware; here the client's Idempotency-Key is required, a key seen before answers its first result
 * without running anything again, an optional async `prepare` step runs outside the transaction (a route
 * solve, a file to read), then the command and its audit lines run in one IMMEDIATE transaction that also
 * stores the answer under the key.
 */
import type { Request, RequestHandler, Response } from "express";
import { z } from "zod";
import type { Tx } from "../../db/client";
import type { Me } from "../../shared/contracts/auth";
import { IdempotencyKey } from "../../shared/contracts/common";
import { AppError } from "../../shared/errors";
import { audit, type AuditEntry, type RequestOrigin } from "../audit";
import { replayOf, requestHash, runIdempotent, type IdempotencyScope } from "../commands/idempotency";
import type { AppDeps } from "../deps";
import { parseOrThrow } from "../middleware/validate";
import type { Action } from "../policies";
import { contextOf, type Parsed, type RouteCtx } from "./context";

type Schema = z.ZodType | undefined;

/** What a write's command receives: the transaction, the checked request and the time. */
export interface WriteCall<P extends Schema, Q extends Schema, B extends Schema, X = undefined> {
  tx: Tx;
  req: Request;
  user: Me;
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  now: Date;
  origin: RequestOrigin;
  /** What `prepare` computed before the transaction (undefined without one) */
  prepared: X;
}

/** A write's answer and the audit line(s) that record it. */
export interface WriteOutcome {
  status: number;
  body: unknown;
  audit: AuditEntry | AuditEntry[];
}

/** A write with an async step before its transaction (e.g. solving routes in a worker). */
export interface PreparedWrite<P extends Schema, Q extends Schema, B extends Schema, X> {
  prepare: (ctx: RouteCtx<Action, P, Q, B>) => Promise<X> | X;
  run: (call: WriteCall<P, Q, B, X>) => WriteOutcome;
}

/** A write's handler: the command alone, or a `prepare` step and the command. */
export type WriteHandler<P extends Schema, Q extends Schema, B extends Schema, X = undefined> =
  ((call: WriteCall<P, Q, B, undefined>) => WriteOutcome) | PreparedWrite<P, Q, B, X>;

/** The request's Idempotency-Key, scoped to its user. */
function idempotencyScope(req: Request, user: Me): IdempotencyScope {
  const header = req.get("Idempotency-Key");
  if (header === undefined) {
    throw new AppError("idempotency_key_required", "Every write needs an Idempotency-Key header", {
      issues: [{ path: "Idempotency-Key", message: "header is required" }],
    });
  }
  const key = parseOrThrow(z.object({ "Idempotency-Key": IdempotencyKey }), { "Idempotency-Key": header }, "header")[
    "Idempotency-Key"
  ];
  return { userId: user.id, key };
}

/** Wraps a write handler into the idempotent, audited, single-transaction path. */
export function writeHandler<P extends Schema, Q extends Schema, B extends Schema, X>(
  { db, clock }: AppDeps,
  handler: WriteHandler<P, Q, B, X>,
): RequestHandler {
  const { prepare, run } =
    typeof handler === "function" ? { prepare: undefined, run: handler as PreparedWrite<P, Q, B, X>["run"] } : handler;
  return async (req: Request, res: Response) => {
    const ctx = contextOf(req, res) as unknown as RouteCtx<Action, P, Q, B>;
    const user = ctx.user;
    const scope = idempotencyScope(req, user);
    // The query takes part in the hash only when the route has one (older keys were stored without it).
    const hashed = ctx.query === undefined ? (ctx.body ?? null) : { body: ctx.body ?? null, query: ctx.query };
    const hash = requestHash({ method: req.method, path: req.path, userId: user.id, body: hashed });
    // A retry answers at once, without running the prepare step again (runIdempotent checks once more inside).
    const early = replayOf(db, scope, hash);
    if (early) return send(res, early.status, early.body, true);
    const prepared = (prepare ? await prepare(ctx) : undefined) as X;
    const now = clock();
    const result = runIdempotent(db, scope, hash, now, (tx) => {
      const call: WriteCall<P, Q, B, X> = { ...ctx, tx, now, prepared };
      const outcome = run(call);
      for (const entry of Array.isArray(outcome.audit) ? outcome.audit : [outcome.audit])
        audit(tx, now, ctx.origin, entry);
      return { status: outcome.status, body: outcome.body };
    });
    send(res, result.status, result.body, result.replayed);
  };
}

function send(res: Response, status: number, body: unknown, replayed: boolean) {
  res.status(status).set("Idempotent-Replayed", String(replayed)).json(body);
}
