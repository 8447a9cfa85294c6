/**
 * Sign-in throttling that nobody can turn against someone else. Two counters, both kept for any
 * username tried (known or not, so that they reveal nothing about accounts):
 * - per username × client address: after PAIR_FREE_FAILURES failures in a row, that address must
 *   wait a growing delay before its next try for that username (refused with 429 meanwhile). Another
 *   address is not affected, so a stranger cannot lock a user out of their own office;
 * - per username, over every address: once the recent failures pass USERNAME_FREE_FAILURES, every
 *   try for that username is answered more slowly (the server waits before checking). It is never
 *   refused, so a distributed attack slows guessing down without locking the real user out.
 */
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { signInFailures } from "../../db/schema";

/** Failures in a row from one address for one username before the growing delay starts. */
export const PAIR_FREE_FAILURES = 5;
/** The first delay; each further failure doubles it, up to PAIR_MAX_DELAY_MS. */
export const PAIR_BASE_DELAY_MS = 30_000;
export const PAIR_MAX_DELAY_MS = 15 * 60_000;
/** A username × address pair without a failure for this long starts again from zero. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60_000;
/** Failures of a username (all addresses) count for its slow-down when they are this recent. */
export const USERNAME_WINDOW_MS = 15 * 60_000;
/** Recent failures of a username (all addresses) before its sign-ins are slowed down. */
export const USERNAME_FREE_FAILURES = 10;
/** Extra wait per recent failure above USERNAME_FREE_FAILURES, up to USERNAME_MAX_SLOWDOWN_MS. */
export const USERNAME_STEP_MS = 500;
export const USERNAME_MAX_SLOWDOWN_MS = 10_000;

/** Wait imposed on an address after `failures` failures in a row for one username, ms (0: none). */
export function pairDelayMs(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  return Math.min(PAIR_MAX_DELAY_MS, PAIR_BASE_DELAY_MS * 2 ** (failures - PAIR_FREE_FAILURES));
}

/** Server-side wait before checking any sign-in for a username with `failures` recent failures, ms. */
export function usernameSlowdownMs(failures: number): number {
  if (failures <= USERNAME_FREE_FAILURES) return 0;
  return Math.min(USERNAME_MAX_SLOWDOWN_MS, USERNAME_STEP_MS * (failures - USERNAME_FREE_FAILURES));
}

/** Where a username stands for one address: how long the address must still wait, and the username's slow-down. */
export interface ThrottleState {
  /** Failures in a row from this address */
  pairFailures: number;
  /** Time left before this address may try this username again, ms (0: it may) */
  retryAfterMs: number;
  /** Failures of the username from every address in the last USERNAME_WINDOW_MS */
  usernameFailures: number;
  /** Wait before the password is checked, ms */
  slowdownMs: number;
}

/** Reads both counters for a sign-in attempt. */
export function throttleState(db: Db | Tx, username: string, clientIp: string, now: Date): ThrottleState {
  const since = new Date(now.getTime() - USERNAME_WINDOW_MS).toISOString();
  const forgotten = new Date(now.getTime() - FAILURE_MEMORY_MS).toISOString();
  const rows = db
    .select({
      clientIp: signInFailures.clientIp,
      failures: signInFailures.failures,
      lastFailureAt: signInFailures.lastFailureAt,
    })
    .from(signInFailures)
    .where(eq(signInFailures.username, username))
    .all();
  const pair = rows.find((r) => r.clientIp === clientIp && r.lastFailureAt > forgotten);
  const pairFailures = pair?.failures ?? 0;
  const waitUntil = pair ? Date.parse(pair.lastFailureAt) + pairDelayMs(pairFailures) : 0;
  const usernameFailures = rows.filter((r) => r.lastFailureAt > since).reduce((s, r) => s + r.failures, 0);
  return {
    pairFailures,
    retryAfterMs: Math.max(0, waitUntil - now.getTime()),
    usernameFailures,
    slowdownMs: usernameSlowdownMs(usernameFailures),
  };
}

/** Counts one more failure for the pair (a pair forgotten by now starts again at 1); returns the pair's count. */
export function recordSignInFailure(tx: Tx, username: string, clientIp: string, now: Date): number {
  const at = now.toISOString();
  const forgotten = new Date(now.getTime() - FAILURE_MEMORY_MS).toISOString();
  // Old pairs are dropped as new failures come, so the table stays as small as the recent attacks.
  tx.delete(signInFailures).where(lt(signInFailures.lastFailureAt, forgotten)).run();
  const row = tx
    .insert(signInFailures)
    .values({ username, clientIp, failures: 1, lastFailureAt: at })
    .onConflictDoUpdate({
      target: [signInFailures.username, signInFailures.clientIp],
      set: { failures: sql`${signInFailures.failures} + 1`, lastFailureAt: at },
    })
    .returning({ failures: signInFailures.failures })
    .get();
  return row.failures;
}

/** A successful sign-in clears its own address's count (other addresses keep theirs). */
export function clearSignInFailures(tx: Tx, username: string, clientIp: string): void {
  tx.delete(signInFailures)
    .where(and(eq(signInFailures.username, username), eq(signInFailures.clientIp, clientIp)))
    .run();
}
