/** Request id, client origin for the audit log, and one structured log line per request (no secrets). */
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

/**
 * Sets res.locals.origin and logs method, path, status and duration when the response ends; a request
 * slower than `slowMs` also gets a warning line ("slow request") that operators can grep or alert on.
 */
export function requestContext(log: Logger, slowMs = 500) {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = randomUUID();
    const started = performance.now();
    // Read now: the routers mounted below rewrite req.url (and so req.path) while they handle it.
    const path = req.path;
    res.locals.origin = {
      userId: null,
      username: null,
      clientIp: req.ip ?? null,
      userAgent: req.get("User-Agent")?.slice(0, 200) ?? null,
      requestId,
    };
    res.set("X-Request-Id", requestId);
    res.on("finish", () => {
      // Only the path and the names of the query parameters: their values may carry search terms;
      // bodies and cookies are never logged.
      const line = {
        requestId,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        userId: res.locals.origin?.userId ?? null,
      };
      log.info(line, "request");
      if (line.ms > slowMs) log.warn({ ...line, queryKeys: Object.keys(req.query ?? {}) }, "slow request");
    });
    next();
  };
}
