/** Runs a write once per client-supplied idempotency key, inside one IMMEDIATE transaction. */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { idempotencyKeys } from "../../db/schema";
import { AppError } from "../../shared/errors";

/** A command's answer: HTTP status and JSON body; stored with the key for replays. */
export interface CommandResult {
  status: number;
  body: unknown;
}

/** Hash of what identifies a request: method, path, user and body. */
export function requestHash(parts: { method: string; path: string; userId: number | null; body: unknown }): string {
  return createHash("sha256")
    .update(JSON.stringify([parts.method, parts.path, parts.userId, parts.body]))
    .digest("hex");
}

/**
 * Runs `fn` in a transaction that takes the write lock at once (BEGIN IMMEDIATE), so two writers
 * never read the same balance. A key seen before answers its stored result (replayed: true) and
 * writes nothing; a key seen with another request is refused. A failing command stores nothing,
 * so the client may retry it after fixing the input.
 */
export function runIdempotent(
  db: Db,
  key: string,
  hash: string,
  now: Date,
  fn: (tx: Tx) => CommandResult,
): CommandResult & { replayed: boolean } {
  return db.transaction(
    (tx) => {
      const seen = tx.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key)).get();
      if (seen) {
        if (seen.requestHash !== hash) {
          throw new AppError(
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different request",
            { key },
          );
        }
        return { status: seen.status, body: JSON.parse(seen.responseJson), replayed: true };
      }
      const result = fn(tx);
      tx.insert(idempotencyKeys)
        .values({
          key,
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
