/** Session and CSRF middleware for the API. */
import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Db } from "../../db/client";
import { AppError } from "../../shared/errors";
import { SESSION_COOKIE, liveSession } from "../auth/sessions";

/** Loads the session (if any) into res.locals.user / res.locals.session; never refuses by itself. */
export function loadSession(db: Db, clock: () => Date) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token: unknown = req.cookies?.[SESSION_COOKIE];
    const live = typeof token === "string" ? liveSession(db, token, clock()) : null;
    if (live) {
      res.locals.user = live.user;
      // The session's key (a hash of the token): the token itself goes no further than the cookie.
      res.locals.session = { id: live.key, csrfToken: live.csrfToken };
      res.locals.origin = { ...res.locals.origin, userId: live.user.id, username: live.user.username };
    }
    next();
  };
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery: a state-changing request with a session must echo the session's
 * token in X-CSRF-Token (the web app reads it from the login answer or GET /auth/me).
 */
export function requireCsrf(req: Request, res: Response, next: NextFunction) {
  const session = res.locals.session as { csrfToken: string } | undefined;
  if (SAFE.has(req.method) || !session) return next();
  const sent = Buffer.from(req.get("X-CSRF-Token") ?? "");
  const expected = Buffer.from(session.csrfToken);
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    throw new AppError("csrf_failed", "Missing or wrong X-CSRF-Token header");
  }
  next();
}
