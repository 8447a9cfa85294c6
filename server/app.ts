/** createApp({ db, clock }) → the Express app; tests use it without listening. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import cookieParser from "cookie-parser";
import express, { Router } from "express";
import helmet from "helmet";
import pino, { type Logger } from "pino";
import type { Db } from "../db/client";
import { requireSession } from "./middleware/auth";
import { errorHandler, notFoundHandler } from "./middleware/errors";
import { loginRouter, sessionRouter } from "./routes/auth";
import { referenceRouter } from "./routes/reference";
import { stockRouter } from "./routes/stock";

/** What the app needs from the outside world. */
export interface AppDeps {
  db: Db;
  /** Current time; tests pass a fixed clock */
  clock: () => Date;
  log: Logger;
  /** Folder of the built web app to serve (optional in API tests) */
  webDir?: string;
  /** Optional tile server URL template exposed to the web app ({z}/{x}/{y}) */
  tileUrl?: string;
}

/** Builds the Express app: /api/v1 (public health + login, the rest behind a session) and the web app. */
export function createApp(input: Partial<AppDeps> & { db: Db }): express.Express {
  const deps: AppDeps = { clock: () => new Date(), log: pino({ level: "silent" }), ...input };
  const app = express();
  app.disable("x-powered-by");
  app.use(helmet());
  app.use(express.json({ limit: "1mb" }));
  app.use(cookieParser());

  const api = Router();
  api.get("/health", (_req, res) => {
    res.json({ status: "ok", time: deps.clock().toISOString() });
  });
  api.get("/config", (_req, res) => {
    res.json({ tileUrl: deps.tileUrl ?? null });
  });
  api.use(loginRouter(deps));
  api.use(requireSession(deps.db, deps.clock));
  api.use(sessionRouter(deps));
  api.use(referenceRouter(deps));
  api.use(stockRouter(deps));
  api.use(notFoundHandler);
  app.use("/api/v1", api);
  app.use("/api", notFoundHandler);

  if (deps.webDir && existsSync(deps.webDir)) {
    const webDir = deps.webDir;
    app.use(express.static(webDir, { index: false, maxAge: "1h" }));
    app.get("/{*splat}", (_req, res) => {
      res.sendFile(join(webDir, "index.html"));
    });
  }
  app.use(errorHandler(deps.log));
  return app;
}
