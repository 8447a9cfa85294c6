/** The one error middleware: every failure answers { error: { code, message, details } }. */
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { AppError, type ErrorBody } from "../../shared/errors";

/** Express error handler; unknown errors are logged and answered as internal_error without internals. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const body = toErrorBody(err);
    if (body.status >= 500) log.error({ err, method: req.method, url: req.originalUrl }, "request failed");
    res.status(body.status).json(body.body);
  };
}

function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, details: err.details } } };
  }
  const e = err as { type?: string; status?: number };
  if (e?.type === "entity.parse.failed") {
    return {
      status: 400,
      body: {
        error: {
          code: "validation_failed",
          message: "Body is not valid JSON",
          details: { issues: [{ path: "(body)", message: "invalid JSON" }] },
        },
      },
    };
  }
  if (e?.type === "entity.too.large") {
    return { status: 413, body: { error: { code: "payload_too_large", message: "Request body is too large" } } };
  }
  return { status: 500, body: { error: { code: "internal_error", message: "Internal error" } } };
}

/** 404 for unknown API routes, in the same error shape. */
export function notFoundHandler(req: Request, _res: Response, next: NextFunction) {
  next(new AppError("not_found", `No route ${req.method} ${req.path}`));
}
