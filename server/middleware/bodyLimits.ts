/**
 * JSON body limits. Every API body is capped at API_BODY_LIMIT, except a few POST routes that carry files or
 * matrices: those are read only after the session check, up to their own limit for a signed-in user (else
 * API_BODY_LIMIT), so that anonymous clients never make the server read more than 1 MB.
 */
import express, { type Request, type RequestHandler } from "express";

/** JSON body limit of the API. */
export const API_BODY_LIMIT = "1mb";
/**
 * JSON body limit of POST /api/v1/vrp/solve for signed-in users: a VROOM problem carries its whole
 * duration (and distance) matrix, about 3 MB at 500 locations and 12 MB at 1,000.
 */
export const VRP_SOLVE_BODY_LIMIT = "25mb";
/** JSON body limit of the history import (preview and apply) for signed-in users: a 20 MB file is ≈ 27 MB of base64. */
export const HISTORY_IMPORT_BODY_LIMIT = "30mb";
/**
 * The import routes (DHIS2 mapping sheets, DHIS2 organisation-unit exports): an .xlsx travels as base64 (up to
 * ≈ 10 MB), and a country's organisation units with their boundaries run to tens of megabytes.
 */
export const IMPORT_BODY_LIMIT = "25mb";

/** POST routes (full path, lower case) with a larger limit once signed in. */
const LARGE_BODIES: Record<string, string> = {
  "/api/v1/vrp/solve": VRP_SOLVE_BODY_LIMIT,
  "/api/v1/quantification/history-imports": HISTORY_IMPORT_BODY_LIMIT,
  "/api/v1/quantification/history-imports/preview": HISTORY_IMPORT_BODY_LIMIT,
  "/api/v1/interop/dhis2/mappings/import": IMPORT_BODY_LIMIT,
  "/api/v1/interop/dhis2/mappings/import/preview": IMPORT_BODY_LIMIT,
  "/api/v1/interop/dhis2/org-units/preview": IMPORT_BODY_LIMIT,
  "/api/v1/interop/dhis2/org-units/apply": IMPORT_BODY_LIMIT,
  "/api/v1/sheets/products/preview": HISTORY_IMPORT_BODY_LIMIT,
  "/api/v1/sheets/products/import": HISTORY_IMPORT_BODY_LIMIT,
  "/api/v1/sheets/prices/preview": HISTORY_IMPORT_BODY_LIMIT,
  "/api/v1/sheets/prices/import": HISTORY_IMPORT_BODY_LIMIT,
  "/api/v1/sheets/policies/preview": HISTORY_IMPORT_BODY_LIMIT,
  "/api/v1/sheets/policies/import": HISTORY_IMPORT_BODY_LIMIT,
  "/api/v1/sheets/users/preview": HISTORY_IMPORT_BODY_LIMIT,
  "/api/v1/sheets/users/import": HISTORY_IMPORT_BODY_LIMIT,
  "/api/v1/sheets/opening-stock/preview": HISTORY_IMPORT_BODY_LIMIT,
  "/api/v1/sheets/opening-stock/import": HISTORY_IMPORT_BODY_LIMIT,
};

/** The larger limit of this request's route, if it has one (Express matches paths case-insensitively, with a trailing slash). */
function largeLimitOf(req: Request): string | undefined {
  if (req.method !== "POST") return undefined;
  const path = (req.baseUrl + req.path).toLowerCase().replace(/\/+$/, "");
  return Object.hasOwn(LARGE_BODIES, path) ? LARGE_BODIES[path] : undefined;
}

/**
 * The API's JSON body parsers: `api` (mounted on /api, before the session) parses every body up to
 * API_BODY_LIMIT except those of the large routes; `large` (mounted on /api/v1 after the session and CSRF
 * checks) parses those — up to their limit with a session, else API_BODY_LIMIT. Too large → 413 payload_too_large.
 */
export function jsonBodyParsers(): { api: RequestHandler; large: RequestHandler } {
  const small = express.json({ limit: API_BODY_LIMIT });
  const parsers = new Map(
    [...new Set(Object.values(LARGE_BODIES))].map((limit) => [limit, express.json({ limit })] as const),
  );
  return {
    api: (req, res, next) => (largeLimitOf(req) ? next() : small(req, res, next)),
    large: (req, res, next) => {
      const limit = largeLimitOf(req);
      if (!limit) return next();
      return (res.locals.user ? parsers.get(limit)! : small)(req, res, next);
    },
  };
}
