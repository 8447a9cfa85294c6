/**
 * Server-side sessions (a random token in an httpOnly cookie, stored as its SHA-256), sign-in with
 * throttling (server/auth/throttle.ts) and answers that take as long whether or not the user exists,
 * password change.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { sessions, users } from "../../db/schema";
import type { Me } from "../../shared/contracts/auth";
import { AppError } from "../../shared/errors";
import { audit, type RequestOrigin } from "../audit";
import { hashPassword, verifyPassword } from "./password";
import { clearSignInFailures, pairDelayMs, recordSignInFailure, throttleState } from "./throttle";

export const SESSION_COOKIE = "fura_session";
/** Absolute session length: a working day. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** A session unused for this long ends. */
export const SESSION_IDLE_MS = 4 * 60 * 60 * 1000;
/** lastSeenAt is refreshed at most this often (avoids a write per request). */
const TOUCH_EVERY_MS = 60 * 1000;

/**
 * A hash of a random password, made with the same parameters as real ones: an unknown (or disabled)
 * username is checked against it, so that the answer takes as long as for a wrong password.
 */
const DUMMY_HASH = hashPassword(randomBytes(18).toString("base64"));

/** The key a session is stored under: SHA-256 (hex) of the cookie's token. */
export function sessionKey(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A live session: its user, its CSRF token and the key it is stored under. */
export interface LiveSession {
  user: Me;
  csrfToken: string;
  /** sessionKey() of the cookie's token (never the token itself) */
  key: string;
}

/** What a sign-in needs besides the credentials. */
export interface SignInContext {
  clock: () => Date;
  origin: RequestOrigin;
  /** Waits `ms` (the username's slow-down); tests pass one that returns at once */
  sleep: (ms: number) => Promise<void>;
}

/** Refuses an address that must still wait before trying this username again. */
function refuseWhileDelayed(db: Db, username: string, clientIp: string, ctx: SignInContext): void {
  const now = ctx.clock();
  const state = throttleState(db, username, clientIp, now);
  if (state.retryAfterMs === 0) return;
  const retryAfterSeconds = Math.ceil(state.retryAfterMs / 1000);
  audit(
    db,
    now,
    { ...ctx.origin, userId: null, username },
    {
      action: "auth.login_throttled",
      objectType: "session",
      objectId: null,
      after: { failures: state.pairFailures, retryAfterSeconds },
    },
  );
  throw new AppError("too_many_attempts", "Too many failed sign-ins from this address: try again later", {
    retryAfterSeconds,
  });
}

/**
 * Checks the credentials and opens a session; `token` goes in the cookie. Unknown user, disabled user
 * and wrong password answer alike and cost one scrypt each. An address with too many failures for this
 * username waits (429); a username under attack from many addresses is answered more slowly.
 */
export async function openSession(
  db: Db,
  username: string,
  password: string,
  ctx: SignInContext,
): Promise<Omit<LiveSession, "key"> & { token: string }> {
  const clientIp = ctx.origin.clientIp ?? "unknown";
  refuseWhileDelayed(db, username, clientIp, ctx);
  const { slowdownMs } = throttleState(db, username, clientIp, ctx.clock());
  if (slowdownMs > 0) {
    await ctx.sleep(slowdownMs);
    // Other tries from this address may have failed meanwhile: from here on the check is synchronous.
    refuseWhileDelayed(db, username, clientIp, ctx);
  }
  const user = db.select().from(users).where(eq(users.username, username)).get();
  const matches = verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const now = ctx.clock();
  if (!user || !user.active || !matches) {
    db.transaction((tx) => {
      const failures = recordSignInFailure(tx, username, clientIp, now);
      const delay = pairDelayMs(failures);
      audit(
        tx,
        now,
        { ...ctx.origin, userId: null, username },
        {
          action: "auth.login_failed",
          objectType: "session",
          objectId: null,
          after: { failures, ...(delay > 0 ? { retryAfterSeconds: Math.ceil(delay / 1000) } : {}) },
        },
      );
    });
    throw new AppError("invalid_credentials", "Unknown user or wrong password");
  }
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  db.transaction((tx) => {
    clearSignInFailures(tx, username, clientIp);
    tx.insert(sessions)
      .values({
        id: sessionKey(token),
        userId: user.id,
        csrfToken,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
        lastSeenAt: now.toISOString(),
      })
      .run();
    audit(
      tx,
      now,
      { ...ctx.origin, userId: user.id, username: user.username },
      { action: "auth.login", objectType: "session", objectId: null },
    );
  });
  return { token, csrfToken, user: presentMe(user) };
}

/** The session lookup of every request, built and prepared once per connection. */
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();
function prepareSessionLookup(db: Db) {
  return db
    .select()
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare();
}

/** The live session behind a cookie's token, or null when unknown, expired or idle too long. */
export function liveSession(db: Db, token: string, now: Date): LiveSession | null {
  const key = sessionKey(token);
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  const row = lookup.get({ id: key });
  if (!row || !row.users.active) return null;
  const nowIso = now.toISOString();
  if (row.sessions.expiresAt <= nowIso || Date.parse(row.sessions.lastSeenAt) + SESSION_IDLE_MS <= now.getTime())
    return null;
  if (now.getTime() - Date.parse(row.sessions.lastSeenAt) > TOUCH_EVERY_MS) {
    db.update(sessions).set({ lastSeenAt: nowIso }).where(eq(sessions.id, key)).run();
  }
  return { user: presentMe(row.users), csrfToken: row.sessions.csrfToken, key };
}

/** Ends a session (by its key, LiveSession.key). */
export function closeSession(db: Db, sessionId: string, now: Date, origin: RequestOrigin): void {
  db.transaction((tx) => {
    tx.delete(sessions).where(eq(sessions.id, sessionId)).run();
    audit(tx, now, origin, { action: "auth.logout", objectType: "session", objectId: null });
  });
}

/**
 * Changes the user's password after checking the current one; ends the user's other sessions. A temporary
 * password (new account, reset) stops being one here: the session may then do everything its role allows.
 */
export function changePassword(
  db: Db,
  userId: number,
  /** LiveSession.key of the session that stays open */
  currentSessionId: string,
  current: string,
  next: string,
  now: Date,
  origin: RequestOrigin,
): void {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user || !verifyPassword(current, user.passwordHash)) {
    throw new AppError("validation_failed", "currentPassword: wrong password", {
      issues: [{ path: "currentPassword", message: "wrong password" }],
    });
  }
  if (next === current) {
    throw new AppError("validation_failed", "newPassword: must differ from the current password", {
      issues: [{ path: "newPassword", message: "must differ from the current password", key: "password.same" }],
    });
  }
  const passwordHash = hashPassword(next);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, userId)).run();
    tx.delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.id, currentSessionId)))
      .run();
    audit(tx, now, origin, { action: "auth.password.change", objectType: "user", objectId: String(userId) });
  });
}

function presentMe(u: typeof users.$inferSelect): Me {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scopeRegionId: u.scopeRegionId,
    scopeDistrictId: u.scopeDistrictId,
    scopeFacilityId: u.scopeFacilityId,
    mustChangePassword: u.mustChangePassword,
  };
}

/** Ends every session of a user at once (deactivation, password reset): inside the caller's transaction. */
export function endSessions(tx: Tx, userId: number): number {
  return tx.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}
