/** Requires a live session on every API route that is not public. */
import type { NextFunction, Request, Response } from "express";
import type { Db } from "../../db/client";
import { AppError } from "../../shared/errors";
import { SESSION_COOKIE, sessionUser } from "../auth/sessions";

/** Puts the signed-in user in res.locals.user, or answers 401 unauthenticated. */
export function requireSession(db: Db, clock: () => Date) {
  return (req: Request, res: Response, next: NextFunction) => {
    const sessionId: unknown = req.cookies?.[SESSION_COOKIE];
    const user = typeof sessionId === "string" ? sessionUser(db, sessionId, clock()) : null;
    if (!user) throw new AppError("unauthenticated", "Sign in first");
    res.locals.user = user;
    next();
  };
}
