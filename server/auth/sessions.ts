/** Server-side sessions (random id in an httpOnly cookie), sign-in with lock-out, password change. */
import { randomBytes } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loginAttempts, sessions, users } from "../../db/schema";
import type { Me } from "../../shared/contracts/auth";
import { AppError } from "../../shared/errors";
import { audit, type RequestOrigin } from "../audit";
import { hashPassword, verifyPassword } from "./password";

export const SESSION_COOKIE = "fura_session";
/** Absolute session length: a working day. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** A session unused for this long ends. */
export const SESSION_IDLE_MS = 4 * 60 * 60 * 1000;
/** lastSeenAt is refreshed at most this often (avoids a write per request). */
const TOUCH_EVERY_MS = 60 * 1000;
/** Failed sign-ins in a row that lock a username, and for how long. */
export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** A live session: its user and CSRF token. */
export interface LiveSession {
  user: Me;
  csrfToken: string;
}

/**
 * Checks the credentials and opens a session. Unknown user and wrong password answer alike; after
 * MAX_FAILURES failures in a row a username (known or not) is locked for LOCKOUT_MS.
 */
export function openSession(
  db: Db,
  username: string,
  password: string,
  now: Date,
  origin: RequestOrigin,
): LiveSession & { sessionId: string } {
  const attempt = db.select().from(loginAttempts).where(eq(loginAttempts.username, username)).get();
  if (attempt?.lockedUntil && attempt.lockedUntil > now.toISOString()) {
    const retryAfterSeconds = Math.ceil((Date.parse(attempt.lockedUntil) - now.getTime()) / 1000);
    throw new AppError("too_many_attempts", "Too many failed sign-ins: try again later", { retryAfterSeconds });
  }
  const user = db.select().from(users).where(eq(users.username, username)).get();
  if (!user || !user.active || !verifyPassword(password, user.passwordHash)) {
    recordFailure(
      db,
      username,
      attempt?.lockedUntil && attempt.lockedUntil <= now.toISOString() ? 0 : (attempt?.failures ?? 0),
      now,
      origin,
    );
    throw new AppError("invalid_credentials", "Unknown user or wrong password");
  }
  const sessionId = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  db.transaction((tx) => {
    tx.delete(loginAttempts).where(eq(loginAttempts.username, username)).run();
    tx.insert(sessions)
      .values({
        id: sessionId,
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
      { ...origin, userId: user.id, username: user.username },
      { action: "auth.login", objectType: "session", objectId: null },
    );
  });
  return { sessionId, csrfToken, user: presentMe(user) };
}

function recordFailure(db: Db, username: string, previous: number, now: Date, origin: RequestOrigin) {
  const failures = previous + 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
  db.transaction((tx) => {
    tx.insert(loginAttempts)
      .values({ username, failures, lastFailureAt: now.toISOString(), lockedUntil })
      .onConflictDoUpdate({
        target: loginAttempts.username,
        set: { failures, lastFailureAt: now.toISOString(), lockedUntil },
      })
      .run();
    audit(
      tx,
      now,
      { ...origin, userId: null, username },
      {
        action: lockedUntil ? "auth.lockout" : "auth.login_failed",
        objectType: "session",
        objectId: null,
        after: { failures },
      },
    );
  });
}

/** The live session behind a cookie, or null when unknown, expired or idle too long. */
export function liveSession(db: Db, sessionId: string, now: Date): LiveSession | null {
  const row = db
    .select()
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .get();
  if (!row || !row.users.active) return null;
  const nowIso = now.toISOString();
  if (row.sessions.expiresAt <= nowIso || Date.parse(row.sessions.lastSeenAt) + SESSION_IDLE_MS <= now.getTime())
    return null;
  if (now.getTime() - Date.parse(row.sessions.lastSeenAt) > TOUCH_EVERY_MS) {
    db.update(sessions).set({ lastSeenAt: nowIso }).where(eq(sessions.id, sessionId)).run();
  }
  return { user: presentMe(row.users), csrfToken: row.sessions.csrfToken };
}

/** Ends a session. */
export function closeSession(db: Db, sessionId: string, now: Date, origin: RequestOrigin): void {
  db.transaction((tx) => {
    tx.delete(sessions).where(eq(sessions.id, sessionId)).run();
    audit(tx, now, origin, { action: "auth.logout", objectType: "session", objectId: null });
  });
}

/** Changes the user's password after checking the current one; ends the user's other sessions. */
export function changePassword(
  db: Db,
  userId: number,
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
  const passwordHash = hashPassword(next);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
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
  };
}
