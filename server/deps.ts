/** What the app needs from the outside world: one neutral module that app.ts, the routes and the commands may import. */
import type { Logger } from "pino";
import type { Db } from "../db/client";
import type { BackupStatus } from "./ops/health";
import type { Reader } from "./reads/registry";
import type { PushClientOptions } from "./interop/dhis2";
import type { SecretBox } from "./interop/secretBox";
import type { RoadModel } from "./routing/roadModel";
import type { Solver } from "./routing/solverPool";

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
  /** The road network GeoJSON (FURA_ROADS_GEOJSON), also served as the maps' road layer */
  roadsFile?: string;
  /** Requests per minute per client on the API (0 = no limit); sign-in has its own tighter limit */
  rateLimitPerMinute?: number;
  /** Sign-in attempts per minute per client (default 20) */
  loginRateLimitPerMinute?: number;
  /** Waits `ms` (a username's sign-in slow-down, server/auth/throttle.ts); tests pass one that returns at once */
  sleep: (ms: number) => Promise<void>;
  /** Trust X-Forwarded-* from a reverse proxy (for Secure cookies and client IPs) */
  trustProxy?: boolean;
  /** Runs route solves off the event loop (default: a worker-thread pool) */
  solver: Solver;
  /** Runs the reads of the screens (national and per facility): reader threads on the database file in the server, inline by default */
  reads: Reader;
  /**
   * Runs the quantification reads (forecasts, supply plans, the catalogue's plan with progress): its own reader thread
   * in the server with a longer limit, so a catalogue run never queues the dashboards; inline by default
   */
  quantification: Reader;
  /** Distance / duration matrices for route plans (default: great-circle × circuity; a road network when loaded) */
  roadModel: RoadModel;
  /** Scheduled backups, as GET /health reports them (none by default) */
  backups?: BackupStatus;
  /** A request slower than this is logged as "slow request" (default 500 ms) */
  slowRequestMs?: number;
  /** Bytes of per-facility answers kept until their facility is written (server/reads/cache.ts); 0 keeps none */
  readCacheBytes?: number;
  /**
   * Tests: every JSON answer of a route is checked against the response contract it declares (the OpenAPI
   * document's); an answer outside it becomes a 500 naming the route and the mismatch. Off in the server.
   */
  checkResponses?: boolean;
  /** Seals the DHIS2 secret in the database (server: FURA_SECRET_KEY or the key file; default: a random key per process) */
  secretBox: SecretBox;
  /** Options of the DHIS2 client (retries, delays, request size); tests shorten the waits */
  dhis2Client?: PushClientOptions;
}
