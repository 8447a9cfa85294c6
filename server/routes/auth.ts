/** POST /auth/login, POST /auth/logout, GET /auth/me. */
import { Router } from "express";
import { LoginRequest } from "../../shared/contracts/auth";
import { SESSION_COOKIE, SESSION_TTL_MS, closeSession, openSession } from "../auth/sessions";
import { validateBody } from "../middleware/validate";
import type { AppDeps } from "../app";

/** Public sign-in route. */
export function loginRouter({ db, clock }: AppDeps): Router {
  const r = Router();
  r.post("/auth/login", validateBody(LoginRequest), (req, res) => {
    const { username, password } = res.locals.body;
    const { sessionId, user } = openSession(db, username, password, clock());
    res.cookie(SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: "strict", secure: req.secure, maxAge: SESSION_TTL_MS, path: "/" });
    res.json({ user });
  });
  return r;
}

/** Routes of the signed-in user. */
export function sessionRouter({ db }: AppDeps): Router {
  const r = Router();
  r.get("/auth/me", (_req, res) => {
    res.json({ user: res.locals.user });
  });
  r.post("/auth/logout", (req, res) => {
    closeSession(db, req.cookies[SESSION_COOKIE]);
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.status(204).end();
  });
  return r;
}
