/** Environment variables, parsed once; a bad value stops the process with a clear message. */
import { z } from "zod";

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration such as "30m", "6h" or "1d", in ms (at least one minute). */
export const Duration = z
  .string()
  .regex(/^[1-9]\d*[mhd]$/, "must be a duration such as 30m, 6h or 1d")
  .transform((s) => Number(s.slice(0, -1)) * UNIT_MS[s.at(-1) as keyof typeof UNIT_MS]);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  FURA_DB: z.string().min(1).default("data/fura.db"),
  FURA_ADMIN_PASSWORD: z
    .string()
    .min(8, "FURA_ADMIN_PASSWORD must have at least 8 characters")
    .default("fura-admin-2026"),
  /** "demo" seeds the demo users and history; "empty" seeds only reference data */
  FURA_SEED: z.enum(["demo", "reference", "none"]).default("demo"),
  /** Number of CSComs whose history is generated in the demo seed (default: all of them) */
  FURA_SEED_HISTORY_CSCOMS: z.coerce.number().int().min(0).optional(),
  /** Months of history in the demo seed (default 24; 36 gives the forecasts three malaria seasons) */
  FURA_SEED_MONTHS: z.coerce.number().int().min(1).max(120).optional(),
  FURA_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
  FURA_TILE_URL: z.string().optional(),
  /** API requests per minute per client (0 disables; sign-in is limited separately) */
  FURA_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  /** "true" behind a reverse proxy that sets X-Forwarded-* (HTTPS → Secure cookies) */
  FURA_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  /** GeoJSON of road lines for route planning (class: paved / laterite / track, or OSM highway); unset = great-circle × circuity */
  FURA_ROADS_GEOJSON: z.string().min(1).optional(),
  /**
   * Key that seals the DHIS2 password or token in the database: 32 bytes in base64 (`openssl rand -base64 32`).
   * Unset: a key file `<FURA_DB>.key` (mode 0600) is created beside the database.
   */
  FURA_SECRET_KEY: z
    .string()
    .refine((k) => Buffer.from(k, "base64").length === 32, "FURA_SECRET_KEY must be 32 bytes in base64")
    .optional(),
  /** Folder of the built web app (default dist/web next to the server) */
  FURA_WEB_DIR: z.string().min(1).optional(),
  /** Folder of the backups (default: backups/ beside the database file) */
  FURA_BACKUP_DIR: z.string().min(1).optional(),
  /** Take a backup in the server whenever the last one is older than this (e.g. 1d, 6h); unset = no scheduled backups */
  FURA_BACKUP_EVERY: Duration.optional(),
  /** Reader threads for the per-facility reads (stock, stock card, history, order and report lists) */
  FURA_READERS: z.coerce.number().int().min(1).max(16).default(2),
  /** MiB of per-facility answers kept until their facility is written (0: none) */
  FURA_READ_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
});

/** The parsed environment. */
export type Env = z.infer<typeof EnvSchema>;

/** Parses process.env; prints which variable is wrong and exits when invalid. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`Invalid environment: ${issue.path.join(".")}: ${issue.message}`);
    process.exit(1);
  }
  return parsed.data;
}
