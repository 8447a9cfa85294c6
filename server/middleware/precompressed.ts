/**
 * Serves the web build's precompressed copies (`X.js.gz` beside `X.js`, written by the build) to clients that
 * accept gzip, so that the app's scripts, styles and bundled geodata cross the network compressed — the driver's
 * first load on a tablet, and the service worker's precache of the app. Anything else falls through to
 * express.static (uncompressed).
 */
import { existsSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import type { RequestHandler } from "express";

/** The types worth compressing, by extension. */
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
};

/** The middleware for the build in `webDir`. */
export function precompressed(webDir: string): RequestHandler {
  const root = normalize(webDir + sep);
  return (req, res, next) => {
    const type = TYPES[extname(req.path)];
    if ((req.method !== "GET" && req.method !== "HEAD") || !type) return next();
    res.vary("Accept-Encoding");
    if (!/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) return next();
    let file: string;
    try {
      file = normalize(join(root, decodeURIComponent(req.path)));
    } catch {
      return next();
    }
    if (!file.startsWith(root) || !existsSync(`${file}.gz`)) return next();
    res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Content-Type", type);
    res.sendFile(`${file}.gz`, { maxAge: "1h" }, (error) => {
      if (error) next(error);
    });
  };
}
