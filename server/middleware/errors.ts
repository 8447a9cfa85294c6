/**
 * The one error middleware: every failure answers { error: { code, message, details } }. A client's
 * mistake is a 4xx with a stable code whatever layer caught it (our checks, the body parser, the path
 * decoder); 5xx is left for real faults.
 */
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { AppError, type ErrorBody, type ErrorCode } from "../../shared/errors";

/** Express error handler; unknown errors are logged and answered as internal_error without internals. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const body = toErrorBody(err);
    if (body.status >= 500) log.error({ err, method: req.method, url: req.originalUrl }, "request failed");
    if (res.headersSent) return res.end();
    res.status(body.status).json(body.body);
  };
}

const answer = (code: ErrorCode, message: string, details?: unknown): { status: number; body: ErrorBody } => {
  const error = new AppError(code, message, details);
  return { status: error.status, body: { error: { code, message, ...(details === undefined ? {} : { details }) } } };
};

/** body-parser's errors (their `type`), as the API answers them. */
const BODY_ERRORS: Record<string, () => { status: number; body: ErrorBody }> = {
  "entity.parse.failed": () =>
    answer("validation_failed", "Body is not valid JSON", { issues: [{ path: "(body)", message: "invalid JSON" }] }),
  "entity.too.large": () => answer("payload_too_large", "Request body is too large"),
  "encoding.unsupported": () =>
    answer("unsupported_media_type", "Content-Encoding not supported: send gzip, deflate, br or no encoding", {
      issues: [{ path: "Content-Encoding", message: "use gzip, deflate, br or identity" }],
    }),
  "charset.unsupported": () =>
    answer("unsupported_media_type", "Charset not supported: send JSON in UTF-8", {
      issues: [{ path: "Content-Type", message: "charset must be utf-8" }],
    }),
  "request.aborted": () => answer("bad_request", "The request body was not received in full"),
  "request.size.invalid": () => answer("bad_request", "The request body does not match its Content-Length"),
};

/** Stable codes of the other 4xx statuses a library may raise; any other 4xx answers bad_request. */
const CLIENT_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, details: err.details } } };
  }
  const e = err as { type?: unknown; status?: unknown; statusCode?: unknown; expose?: unknown } | null;
  const fromBodyParser = typeof e?.type === "string" ? BODY_ERRORS[e.type] : undefined;
  if (fromBodyParser) return fromBodyParser();
  // Express's path decoder: "/facilities/%E0%A4%A" throws URIError (status 400) before any route runs.
  if (err instanceof URIError) return answer("bad_request", "The path is not valid percent-encoding");
  // http-errors from libraries (a corrupt gzip body, a static file request…): theirs to expose, ours to name.
  const status = typeof e?.status === "number" ? e.status : typeof e?.statusCode === "number" ? e.statusCode : 500;
  if (status >= 400 && status < 500 && e?.expose !== false) {
    const code = CLIENT_STATUS_CODES[status] ?? "bad_request";
    return answer(code, code === "bad_request" ? "The request could not be read" : "Request refused");
  }
  return { status: 500, body: { error: { code: "internal_error", message: "Internal error" } } };
}

/** 404 for unknown API routes, in the same error shape. */
export function notFoundHandler(req: Request, _res: Response, next: NextFunction) {
  next(new AppError("not_found", `No route ${req.method} ${req.path}`));
}

/** A declared route: its method and Express path ("/orders/:id/approve"). */
export interface DeclaredRoute {
  method: string;
  path: string;
}

/** A path pattern as Express matches it: ":name" is one segment, case-insensitive, optional trailing slash. */
function pattern(path: string): RegExp {
  const source = path
    .split("/")
    .map((segment) => (segment.startsWith(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}/?$`, "i");
}

/**
 * After the routes: a path that exists under other methods answers 405 method_not_allowed with an
 * Allow header (a DELETE on an order, a GET on a write), not 404 as if it did not exist.
 */
export function methodNotAllowed(routes: readonly DeclaredRoute[]) {
  let compiled: { method: string; re: RegExp }[] | undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    // Compiled on first use: the routes are all declared by then.
    compiled ??= routes.map((r) => ({ method: r.method.toUpperCase(), re: pattern(r.path) }));
    const allowed = new Set(compiled.filter((r) => r.re.test(req.path)).map((r) => r.method));
    if (allowed.size === 0) return next();
    if (allowed.has("GET")) allowed.add("HEAD");
    const list = [...allowed].sort();
    res.set("Allow", list.join(", "));
    next(new AppError("method_not_allowed", `${req.method} is not allowed on ${req.path}`, { allowed: list }));
  };
}
