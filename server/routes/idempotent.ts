/** Handler wrapper for writes: Idempotency-Key required, one IMMEDIATE transaction, audited, replayable. */
import type { Request, Response } from "express";
import { z } from "zod";
import type { Me } from "../../shared/contracts/auth";
import { IdempotencyKey } from "../../shared/contracts/common";
import { AppError } from "../../shared/errors";
import { audit, type AuditEntry } from "../audit";
import { requestHash, runIdempotent } from "../commands/idempotency";
import type { Tx } from "../../db/client";
import { parseOrThrow } from "../middleware/validate";
import type { AppDeps } from "../deps";

/** What a write needs besides its body. */
export interface WriteCall {
  tx: Tx;
  req: Request;
  body: never;
  user: Me;
  now: Date;
}

/** A write's answer and the audit line that records it. */
export interface WriteOutcome {
  status: number;
  body: unknown;
  audit: AuditEntry;
}

/**
 * Wraps a write: the client's Idempotency-Key makes a retry answer the first result without
 * writing again; the command and its audit line run in one transaction that takes the write lock.
 */
export function idempotentWrite({ db, clock }: AppDeps, run: (call: WriteCall) => WriteOutcome) {
  return (req: Request, res: Response) => {
    const header = req.get("Idempotency-Key");
    if (header === undefined)
      throw new AppError("idempotency_key_required", "Every write needs an Idempotency-Key header", {
        issues: [{ path: "Idempotency-Key", message: "header is required" }],
      });
    const key = parseOrThrow(z.object({ "Idempotency-Key": IdempotencyKey }), { "Idempotency-Key": header }, "header")[
      "Idempotency-Key"
    ];
    const user = res.locals.user as Me;
    const hash = requestHash({ method: req.method, path: req.path, userId: user.id, body: res.locals.body ?? null });
    const now = clock();
    const result = runIdempotent(db, key, hash, now, (tx) => {
      const outcome = run({ tx, req, body: res.locals.body as never, user, now });
      audit(tx, now, res.locals.origin, outcome.audit);
      return { status: outcome.status, body: outcome.body };
    });
    res.status(result.status).set("Idempotent-Replayed", String(result.replayed)).json(result.body);
  };
}
