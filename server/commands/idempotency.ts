/** Runs a write once per client-supplied idempotency key (scoped to its user), inside one IMMEDIATE transaction. */
import { createHash } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { idempotencyKeys } from "../../db/schema";
import { AppError } from "../../shared/errors";

/** A command's answer: HTTP status and JSON body; stored with the key for replays. */
export interface CommandResult {
  status: number;
  body: unknown;
}

/** A client's key and the user it belongs to (null: a tool writing without a session). */
export interface IdempotencyScope {
  userId: number | null;
  key: string;
}

/** Days a key is kept: longer than a tablet stays offline, so that its retries still answer the first result. */
export const IDEMPOTENCY_RETENTION_DAYS = 30;

/** Hash of what identifies a request: method, path, user and body. */
export function requestHash(parts: { method: string; path: string; userId: number | null; body: unknown }): string {
  return createHash("sha256")
    .update(JSON.stringify([parts.method, parts.path, parts.userId, parts.body]))
    .digest("hex");
}

/** The stored answer of a key, for its user (rows stored before keys were scoped match any user). */
export function findKey(db: Db | Tx, scope: IdempotencyScope) {
  const user = scope.userId === null ? isNull(idempotencyKeys.userId) : eq(idempotencyKeys.userId, scope.userId);
  return db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.key, scope.key), or(user, isNull(idempotencyKeys.userId))))
    .get();
}

/** The stored answer of a seen key, or the refusal of a key reused for another request; undefined when unseen. */
export function replayOf(db: Db | Tx, scope: IdempotencyScope, hash: string): CommandResult | undefined {
  const seen = findKey(db, scope);
  if (!seen) return undefined;
  if (seen.requestHash !== hash) {
    throw new AppError("idempotency_key_reused", "This Idempotency-Key was already used for a different request", {
      key: scope.key,
    });
  }
  return { status: seen.status, body: JSON.parse(seen.responseJson) };
}

/**
 * Runs `fn` in a transaction that takes the write lock at once (BEGIN IMMEDIATE), so two writers
 * never read the same balance. A key seen before answers its stored result (replayed: true) and
 * writes nothing; a key seen with another request is refused. A failing command stores nothing,
 * so the client may retry it after fixing the input.
 */
export function runIdempotent(
  db: Db,
  scope: IdempotencyScope,
  hash: string,
  now: Date,
  fn: (tx: Tx) => CommandResult,
): CommandResult & { replayed: boolean } {
  return db.transaction(
    (tx) => {
      const replay = replayOf(tx, scope, hash);
      if (replay) return { ...replay, replayed: true };
      const result = fn(tx);
      tx.insert(idempotencyKeys)
        .values({
          userId: scope.userId,
          key: scope.key,
          requestHash: hash,
          status: result.status,
          responseJson: JSON.stringify(result.body),
          createdAt: now.toISOString(),
        })
        .run();
      return { ...result, replayed: false };
    },
    { behavior: "immediate" },
  );
}

/** Deletes the keys older than the retention window; returns how many. */
export function purgeIdempotencyKeys(db: Db, now: Date, retentionDays = IDEMPOTENCY_RETENTION_DAYS): number {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  return db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff)).run().changes;
}

/**
 * Replaces the answer stored under a key: an effect write (server/routes/write.ts) claims its key with an
 * "under way" answer in its first transaction, and settles it with the final answer in its second.
 */
export function settleKey(tx: Tx, scope: IdempotencyScope, result: CommandResult): void {
  const user = scope.userId === null ? isNull(idempotencyKeys.userId) : eq(idempotencyKeys.userId, scope.userId);
  tx.update(idempotencyKeys)
    .set({ status: result.status, responseJson: JSON.stringify(result.body) })
    .where(and(eq(idempotencyKeys.key, scope.key), user))
    .run();
}
