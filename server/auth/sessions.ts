/** Server-side sessions: a random id in an httpOnly cookie, the rest in the database. */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sessions, users } from "../../db/schema";
import type { Me } from "../../shared/contracts/auth";
import { AppError } from "../../shared/errors";
import { verifyPassword } from "./password";

export const SESSION_COOKIE = "fura_session";
/** Sessions last 12 hours: a working day, then sign in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Checks the credentials and opens a session; the same error for unknown user and wrong password. */
export function openSession(db: Db, username: string, password: string, now: Date): { sessionId: string; user: Me } {
  const user = db.select().from(users).where(eq(users.username, username)).get();
  if (!user || !user.active || !verifyPassword(password, user.passwordHash)) {
    throw new AppError("invalid_credentials", "Unknown user or wrong password");
  }
  const sessionId = randomBytes(32).toString("base64url");
  db.insert(sessions)
    .values({ id: sessionId, userId: user.id, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString() })
    .run();
  return { sessionId, user: presentMe(user) };
}

/** The user of a live session, or null when the session is unknown or expired. */
export function sessionUser(db: Db, sessionId: string, now: Date): Me | null {
  const row = db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, sessionId)).get();
  if (!row || row.sessions.expiresAt <= now.toISOString() || !row.users.active) return null;
  return presentMe(row.users);
}

/** Ends a session. */
export function closeSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
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
