/**
 * The one path every write takes (SecureRouter's post / put / patch / delete): the CSRF token was checked by
 * the middleware; here the client's Idempotency-Key is required, a key seen before answers its first result
 * without running anything again, an optional async `prepare` step runs outside the transaction (a route
 * solve, a file to read), then the command and its audit lines run in one IMMEDIATE transaction that also
 * stores the answer under the key.
 *
 * A write that acts on the outside world (a push to DHIS2) cannot hold a transaction open while it waits, so it
 * is an *effect* write: a first transaction claims the key with an "under way" answer and records the start
 * (audited), the effect runs outside any transaction, and a second transaction records the outcome (audited)
 * and settles the key with the final answer. A retry with the same key never repeats the effect: it answers the
 * claim while the effect runs, and the outcome once it is recorded.
 */
import type { Request, RequestHandler, Response } from "express";
import { z } from "zod";
import type { Tx } from "../../db/client";
import type { Me } from "../../shared/contracts/auth";
import { IdempotencyKey } from "../../shared/contracts/common";
import { AppError } from "../../shared/errors";
import { audit, type AuditEntry, type RequestOrigin } from "../audit";
import {
  replayOf,
  requestHash,
  runIdempotent,
  settleKey,
  type CommandResult,
  type IdempotencyScope,
} from "../commands/idempotency";
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
  /**
   * Fields added to this answer only, never stored with the key (a replay answers without them): what must be shown
   * once and kept nowhere, such as the temporary passwords of accounts created by a sheet. Plain and prepared writes
   * only: an effect write's answers are stored as they are.
   */
  once?: Record<string, unknown>;
}

/** A write with an async step before its transaction (e.g. solving routes in a worker). */
export interface PreparedWrite<P extends Schema, Q extends Schema, B extends Schema, X> {
  prepare: (ctx: RouteCtx<Action, P, Q, B>) => Promise<X> | X;
  run: (call: WriteCall<P, Q, B, X>) => WriteOutcome;
}

/** What an effect write's first transaction records: the state the effect needs, the answer meanwhile, the audit. */
export interface EffectStart<S> {
  state: S;
  /** What a retry with the same key gets while the effect runs (or if the server stopped before its outcome) */
  answer: CommandResult;
  audit: AuditEntry | AuditEntry[];
}

/**
 * A write with an effect on the outside world between two transactions (see the module comment). `effect`
 * resolves with its outcome, failures included (a DHIS2 that is down is an outcome to record); if it throws,
 * the key keeps its "under way" answer and the error goes to the error handler.
 */
export interface EffectWrite<P extends Schema, Q extends Schema, B extends Schema, X, S, R> {
  prepare?: (ctx: RouteCtx<Action, P, Q, B>) => Promise<X> | X;
  begin: (call: WriteCall<P, Q, B, X>) => EffectStart<S>;
  effect: (state: S, prepared: X) => Promise<R>;
  finish: (call: WriteCall<P, Q, B, X> & { state: S; outcome: R }) => WriteOutcome;
}

/** A write's handler: the command alone, a `prepare` step and the command, or an effect write. */
export type WriteHandler<
  P extends Schema,
  Q extends Schema,
  B extends Schema,
  X = undefined,
  S = unknown,
  R = unknown,
> = ((call: WriteCall<P, Q, B, undefined>) => WriteOutcome) | PreparedWrite<P, Q, B, X> | EffectWrite<P, Q, B, X, S, R>;

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

/** The audit lines of an outcome, written in the caller's transaction. */
function auditAll(tx: Tx, now: Date, origin: RequestOrigin, entries: AuditEntry | AuditEntry[]): void {
  for (const entry of Array.isArray(entries) ? entries : [entries]) audit(tx, now, origin, entry);
}

/** Wraps a write handler into the idempotent, audited path (one transaction, or two around an effect). */
export function writeHandler<P extends Schema, Q extends Schema, B extends Schema, X, S, R>(
  deps: AppDeps,
  handler: WriteHandler<P, Q, B, X, S, R>,
): RequestHandler {
  const { db, clock } = deps;
  if (typeof handler !== "function" && "effect" in handler) return effectHandler(deps, handler);
  const { prepare, run } =
    typeof handler === "function" ? { prepare: undefined, run: handler as PreparedWrite<P, Q, B, X>["run"] } : handler;
  return async (req: Request, res: Response) => {
    const { ctx, scope, hash } = keyed<P, Q, B>(req, res);
    // A retry answers at once, without running the prepare step again (runIdempotent checks once more inside).
    const early = replayOf(db, scope, hash);
    if (early) return send(res, early.status, early.body, true);
    const prepared = (prepare ? await prepare(ctx) : undefined) as X;
    const now = clock();
    let once: Record<string, unknown> | undefined;
    const result = runIdempotent(db, scope, hash, now, (tx) => {
      const call: WriteCall<P, Q, B, X> = { ...ctx, tx, now, prepared };
      const outcome = run(call);
      auditAll(tx, now, ctx.origin, outcome.audit);
      once = outcome.once;
      return { status: outcome.status, body: outcome.body };
    });
    const body = once && !result.replayed ? { ...(result.body as object), ...once } : result.body;
    send(res, result.status, body, result.replayed);
  };
}

/** The checked request, its key (scoped to the user) and the hash that identifies it. */
function keyed<P extends Schema, Q extends Schema, B extends Schema>(req: Request, res: Response) {
  const ctx = contextOf(req, res) as unknown as RouteCtx<Action, P, Q, B>;
  const scope = idempotencyScope(req, ctx.user);
  // The query takes part in the hash only when the route has one (older keys were stored without it).
  const hashed = ctx.query === undefined ? (ctx.body ?? null) : { body: ctx.body ?? null, query: ctx.query };
  const hash = requestHash({ method: req.method, path: req.path, userId: ctx.user.id, body: hashed });
  return { ctx, scope, hash };
}

/** An effect write: claim + start in one transaction, the effect, then outcome + settled key in a second. */
function effectHandler<P extends Schema, Q extends Schema, B extends Schema, X, S, R>(
  { db, clock }: AppDeps,
  handler: EffectWrite<P, Q, B, X, S, R>,
): RequestHandler {
  return async (req: Request, res: Response) => {
    const { ctx, scope, hash } = keyed<P, Q, B>(req, res);
    const early = replayOf(db, scope, hash);
    if (early) return send(res, early.status, early.body, true);
    const prepared = (handler.prepare ? await handler.prepare(ctx) : undefined) as X;
    const started = clock();
    let state: { value: S } | null = null;
    const claim = runIdempotent(db, scope, hash, started, (tx) => {
      const begun = handler.begin({ ...ctx, tx, now: started, prepared });
      auditAll(tx, started, ctx.origin, begun.audit);
      state = { value: begun.state };
      return begun.answer;
    });
    // Another request with this key claimed it first: answer what it stored (under way, or its outcome).
    if (claim.replayed || state === null) return send(res, claim.status, claim.body, true);
    const begun: S = (state as { value: S }).value;
    const outcome = await handler.effect(begun, prepared);
    const now = clock();
    const result = db.transaction(
      (tx) => {
        const done = handler.finish({ ...ctx, tx, now, prepared, state: begun, outcome });
        auditAll(tx, now, ctx.origin, done.audit);
        const answer = { status: done.status, body: done.body };
        settleKey(tx, scope, answer);
        return answer;
      },
      { behavior: "immediate" },
    );
    send(res, result.status, result.body, false);
  };
}

function send(res: Response, status: number, body: unknown, replayed: boolean) {
  res.status(status).set("Idempotent-Replayed", String(replayed)).json(body);
}
