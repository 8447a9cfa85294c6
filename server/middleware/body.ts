/**
 * Request bodies before any schema sees them: only JSON is read (415 otherwise), and no key that could
 * reach an object's prototype (`__proto__`, `constructor`, `prototype`) is accepted anywhere in it.
 * express.json keeps such keys as plain properties, and zod drops them without a word (a strict object
 * names them, a record or a loose object does not): a client must hear that its body was not taken as sent.
 */
import type { NextFunction, Request, Response } from "express";
import { AppError, type FieldIssue } from "../../shared/errors";

/** Keys refused in any object of a request body. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
/** Reserved keys reported in one answer, at most. */
const MAX_REPORTED = 20;

/** True when the request carries a body of at least one byte (or a chunked one, length unknown). */
function hasBody(req: Request): boolean {
  if (req.headers["transfer-encoding"] !== undefined) return true;
  const length = Number(req.headers["content-length"] ?? 0);
  return !Number.isFinite(length) || length > 0;
}

/** Middleware: a request with a body must say it is JSON (Content-Type application/json), else 415. */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction) {
  if (!hasBody(req) || req.is("application/json")) return next();
  const sent = req.get("Content-Type");
  throw new AppError(
    "unsupported_media_type",
    sent
      ? `The API reads JSON bodies only, not ${sent.slice(0, 80)}`
      : "A request body needs Content-Type: application/json",
    { issues: [{ path: "Content-Type", message: "must be application/json" }] },
  );
}

/**
 * The paths of the reserved keys in a parsed JSON value ("lines.0.adjustmentsByReason.__proto__").
 * Walks with its own stack, so that a deeply nested body cannot overflow the call stack.
 */
export function reservedKeyPaths(value: unknown): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, ""]];
  const join = (path: string, key: string | number) => (path === "" ? String(key) : `${path}.${key}`);
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const [node, path] = stack.pop()!;
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        if (typeof child === "object" && child !== null) stack.push([child, join(path, i)]);
      });
    } else if (typeof node === "object" && node !== null) {
      for (const key of Object.keys(node)) {
        if (RESERVED_KEYS.has(key)) found.push(join(path, key));
        const child = (node as Record<string, unknown>)[key];
        if (typeof child === "object" && child !== null) stack.push([child, join(path, key)]);
      }
    }
  }
  return found.sort();
}

/** Marks a body already walked (the API's two JSON parsers both run this check). */
const checked = new WeakSet<object>();

/** Middleware: refuses a parsed body holding a reserved key, with 400 validation_failed naming each path. */
export function refuseReservedKeys(req: Request, _res: Response, next: NextFunction) {
  const body: unknown = req.body;
  if (typeof body !== "object" || body === null || checked.has(body)) return next();
  const paths = reservedKeyPaths(body);
  if (paths.length > 0) {
    const issues: FieldIssue[] = paths.map((path) => ({ path, message: "reserved key: not accepted in a request" }));
    throw new AppError("validation_failed", `Invalid body: ${paths.join(", ")}: reserved key`, { issues });
  }
  checked.add(body);
  next();
}
