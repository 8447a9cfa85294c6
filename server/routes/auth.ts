/** POST /auth/login, GET /auth/me, POST /auth/logout, POST /auth/password. */
import type { Response } from "express";
import { LoginRequest, PasswordChange } from "../../shared/contracts/auth";
import { SESSION_COOKIE, SESSION_TTL_MS, changePassword, closeSession, openSession } from "../auth/sessions";
import type { AppDeps } from "../deps";
import type { SecureRouter } from "./secureRouter";

const session = (res: Response) => res.locals.session as { id: string; csrfToken: string };

/** Sign-in and the signed-in user's own session. */
export function authRoutes(r: SecureRouter, { db, clock }: AppDeps): void {
  r.post("/auth/login", { action: "public", body: LoginRequest }, (req, res) => {
    const { username, password } = res.locals.body;
    const opened = openSession(db, username, password, clock(), res.locals.origin);
    res.cookie(SESSION_COOKIE, opened.sessionId, {
      httpOnly: true,
      sameSite: "strict",
      secure: req.secure,
      maxAge: SESSION_TTL_MS,
      path: "/",
    });
    res.json({ user: opened.user, csrfToken: opened.csrfToken });
  });
  r.get("/auth/me", { action: "session" }, (_req, res) => {
    res.json({ user: res.locals.user, csrfToken: session(res).csrfToken });
  });
  r.post("/auth/logout", { action: "session" }, (_req, res) => {
    closeSession(db, session(res).id, clock(), res.locals.origin);
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.status(204).end();
  });
  r.post("/auth/password", { action: "session", body: PasswordChange }, (_req, res) => {
    const { currentPassword, newPassword } = res.locals.body;
    changePassword(db, res.locals.user.id, session(res).id, currentPassword, newPassword, clock(), res.locals.origin);
    res.status(204).end();
  });
}
