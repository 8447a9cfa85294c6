/** createApp({ db, clock, ... }) → the Express app; tests use it without listening. */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import cookieParser from "cookie-parser";
import express from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import pino from "pino";
import type { Db } from "../db/client";
import { AppError } from "../shared/errors";
import { loadSession, requireCsrf } from "./middleware/auth";
import { refuseReservedKeys, requireJsonBody } from "./middleware/body";
import { errorHandler, methodNotAllowed, notFoundHandler } from "./middleware/errors";
import { requestContext } from "./middleware/request";
import { allocationRoutes } from "./routes/allocations";
import { auditRoutes } from "./routes/audit";
import { userRoutes } from "./routes/users";
import { facilityAdminRoutes } from "./routes/facilityAdmin";
import { catalogueRoutes } from "./routes/catalogue";
import { policyRoutes } from "./routes/policies";
import { entitySheetRoutes, facilitySheetRoutes, sheetRoutes } from "./routes/sheets";
import { deliveryRoutes } from "./routes/deliveries";
import { authRoutes } from "./routes/auth";
import { indicatorRoutes } from "./routes/indicators";
import { quantificationRoutes } from "./routes/quantification";
import { orderRoutes } from "./routes/orders";
import { referenceRoutes } from "./routes/reference";
import { replenishmentRoutes } from "./routes/replenishment";
import { reportRoutes } from "./routes/reports";
import { routePlanRoutes } from "./routes/routePlans";
import { SecureRouter, type RegisteredRoute } from "./routes/secureRouter";
import { stockRoutes } from "./routes/stock";
import { transferRoutes } from "./routes/transfers";
import { vrpRoutes } from "./routes/vrp";
import { interopRoutes } from "./routes/interop";
import { dhis2Routes } from "./routes/interopDhis2";
import { jsonBodyParsers } from "./middleware/bodyLimits";
import { createSecretBox } from "./interop/secretBox";
import { openApiDocument } from "./openapi/document";
import { ConfigSchema, HealthSchema, RoadLayerSchema } from "../shared/contracts/reference";
import { z } from "zod";
import { GreatCircleModel } from "./routing/roadModel";
import { SolverPool } from "./routing/solverPool";
import { CachedReader } from "./reads/cache";
import { InlineReader } from "./reads/registry";
import { roadLayerReader } from "./queries/roads";
import { precompressed } from "./middleware/precompressed";
import type { AppDeps } from "./deps";
import { operatorHealth } from "./ops/health";

export type { AppDeps } from "./deps";

/** The Express app, and the API routes it registered (each with its policy). */
export type FuraApp = express.Express & { locals: { routes: RegisteredRoute[] } };

/** Every API route, then the OpenAPI document that describes them (generated once, on its first request). */
function registerRoutes(api: SecureRouter, deps: AppDeps): void {
  const { reads } = deps;
  const health = operatorHealth(deps.db.$client, deps.backups, () =>
    reads instanceof CachedReader ? reads.stats() : { entries: 0, bytes: 0, maxBytes: 0, hits: 0, misses: 0 },
  );
  api.get("/health", { action: "public", response: HealthSchema }, ({ res }) => {
    res.json(health(deps.clock()));
  });
  api.get("/config", { action: "public", response: ConfigSchema }, ({ res }) => {
    res.json({ tileUrl: deps.tileUrl ?? null, roads: deps.roadsFile !== undefined });
  });
  const roads = roadLayerReader(deps.roadsFile);
  api.get("/roads", { action: "reference:read", response: RoadLayerSchema }, ({ res }) => {
    res.json(roads());
  });
  authRoutes(api, deps);
  // Before `/facilities/:id` and `/sheets/:entity/…`: the facilities' sheet paths would match those.
  facilitySheetRoutes(api, deps);
  entitySheetRoutes(api, deps);
  referenceRoutes(api, deps);
  stockRoutes(api, deps);
  transferRoutes(api, deps);
  indicatorRoutes(api, deps);
  replenishmentRoutes(api, deps);
  reportRoutes(api, deps);
  orderRoutes(api, deps);
  allocationRoutes(api, deps);
  routePlanRoutes(api, deps);
  quantificationRoutes(api, deps);
  deliveryRoutes(api, deps);
  vrpRoutes(api, deps);
  auditRoutes(api, deps);
  userRoutes(api, deps);
  interopRoutes(api, deps);
  dhis2Routes(api, deps);
  facilityAdminRoutes(api, deps);
  catalogueRoutes(api, deps);
  policyRoutes(api, deps);
  sheetRoutes(api, deps);
  // The API described from the routes' own contracts; public: it describes shapes, never data (README, API).
  let document: object | null = null;
  api.get(
    "/openapi.json",
    {
      action: "public",
      summary: "This OpenAPI 3.1 document",
      response: z.looseObject({ openapi: z.literal("3.1.0"), paths: z.record(z.string(), z.unknown()) }),
    },
    ({ res }) => {
      document ??= openApiDocument(api.routes);
      res.set("Cache-Control", "no-cache").json(document);
    },
  );
}

/** Builds the Express app: /api/v1 (public health, config and login; the rest behind a session) and the web app. */
export function createApp(input: Partial<AppDeps> & { db: Db }): FuraApp {
  const deps: AppDeps = {
    clock: () => new Date(),
    log: pino({ level: "silent" }),
    rateLimitPerMinute: 0,
    loginRateLimitPerMinute: 20,
    ...input,
    sleep: input.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    solver: input.solver ?? new SolverPool(),
    // The per-facility answers are kept until a write touches their facility (server/reads/cache.ts).
    reads:
      input.reads instanceof CachedReader
        ? input.reads
        : new CachedReader(input.reads ?? new InlineReader(input.db), input.db, input.readCacheBytes),
    quantification: input.quantification ?? new InlineReader(input.db),
    roadModel: input.roadModel ?? new GreatCircleModel(),
    // Tests and in-memory databases: a key for this process only (the server passes FURA_SECRET_KEY or <db>.key).
    secretBox: input.secretBox ?? createSecretBox(randomBytes(32)),
  };
  const app = express() as FuraApp;
  app.disable("x-powered-by");
  if (deps.trustProxy) app.set("trust proxy", 1);
  app.use(helmet());
  app.use(requestContext(deps.log, deps.slowRequestMs));
  // No CORS headers: the API answers only its own origin (browsers refuse cross-origin reads).
  // JSON bodies up to 1 MB, except POST /vrp/solve (25 MB), the history import (30 MB) and the interop imports
  // (25 MB) once signed in (server/middleware/bodyLimits.ts); a body that is not JSON is refused (415), and so
  // is a reserved key such as __proto__ anywhere in one.
  const bodies = jsonBodyParsers();
  app.use("/api", requireJsonBody, bodies.api, refuseReservedKeys, cookieParser());

  const limited = (limit: number) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      standardHeaders: "draft-7",
      legacyHeaders: false,
      handler: (_req, _res, next) => next(new AppError("rate_limited", "Too many requests: slow down")),
    });
  if (deps.rateLimitPerMinute) app.use("/api", limited(deps.rateLimitPerMinute));
  if (deps.loginRateLimitPerMinute) app.use("/api/v1/auth/login", limited(deps.loginRateLimitPerMinute));

  const api = new SecureRouter(deps);
  registerRoutes(api, deps);
  app.use(
    "/api/v1",
    loadSession(deps.db, deps.clock),
    requireCsrf,
    bodies.large,
    refuseReservedKeys,
    api.router,
    methodNotAllowed(api.routes),
    notFoundHandler,
  );
  app.use("/api", notFoundHandler);
  app.locals.routes = api.routes;

  if (deps.webDir && existsSync(deps.webDir)) {
    const webDir = deps.webDir;
    app.use(precompressed(webDir));
    app.use(express.static(webDir, { index: false, maxAge: "1h" }));
    app.get("/{*splat}", (_req, res) => {
      res.sendFile(join(webDir, "index.html"));
    });
  }
  app.use(errorHandler(deps.log));
  return app;
}
