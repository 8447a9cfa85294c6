/** Request id, client origin for the audit log, and one structured log line per request (no secrets). */
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

/** Sets res.locals.origin and logs method, path, status and duration when the response ends. */
export function requestContext(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = randomUUID();
    const started = performance.now();
    res.locals.origin = {
      userId: null,
      username: null,
      clientIp: req.ip ?? null,
      userAgent: req.get("User-Agent")?.slice(0, 200) ?? null,
      requestId,
    };
    res.set("X-Request-Id", requestId);
    res.on("finish", () => {
      // Only the path: query strings may carry search terms; bodies and cookies are never logged.
      log.info(
        {
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          userId: res.locals.origin?.userId ?? null,
        },
        "request",
      );
    });
    next();
  };
}
