/** POST /auth/login, GET /auth/me, POST /auth/logout, POST /auth/password. */
import { z } from "zod";
import { LoginRequest, MeSchema, PasswordChange } from "../../shared/contracts/auth";
import { SESSION_COOKIE, SESSION_TTL_MS, changePassword, closeSession, openSession } from "../auth/sessions";
import type { AppDeps } from "../deps";
import { noContent, type SecureRouter } from "./secureRouter";

/** The signed-in user and the CSRF token to echo in X-CSRF-Token on every write. */
const SessionAnswer = z.object({ user: MeSchema, csrfToken: z.string() });

type SessionLocals = { id: string; csrfToken: string };
const session = (locals: Record<string, unknown>) => locals.session as SessionLocals;

/** Sign-in and the signed-in user's own session. */
export function authRoutes(r: SecureRouter, { db, clock, sleep }: AppDeps): void {
  r.session(
    "/auth/login",
    { action: "public", body: LoginRequest, response: SessionAnswer },
    async ({ req, res, body, origin }) => {
      const opened = await openSession(db, body.username, body.password, { clock, origin, sleep });
      res.cookie(SESSION_COOKIE, opened.token, {
        httpOnly: true,
        sameSite: "strict",
        secure: req.secure,
        maxAge: SESSION_TTL_MS,
        path: "/",
      });
      res.json({ user: opened.user, csrfToken: opened.csrfToken });
    },
  );
  r.get("/auth/me", { action: "session", response: SessionAnswer }, ({ res, user }) => {
    res.json({ user, csrfToken: session(res.locals).csrfToken });
  });
  r.session("/auth/logout", { action: "session", response: noContent }, ({ res, origin }) => {
    closeSession(db, session(res.locals).id, clock(), origin);
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.status(204).end();
  });
  r.session(
    "/auth/password",
    { action: "session", body: PasswordChange, response: noContent },
    ({ res, user, body, origin }) => {
      changePassword(db, user.id, session(res.locals).id, body.currentPassword, body.newPassword, clock(), origin);
      res.status(204).end();
    },
  );
}
