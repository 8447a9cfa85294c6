/** Parses request parts with zod schemas; failures become 400 validation_failed naming each field. */
import type { NextFunction, Request, Response } from "express";
import type { z } from "zod";
import { AppError, type FieldIssue } from "../../shared/errors";

/**
 * Turns zod issues into field paths and reasons ("lines.0.countedQty", "Too small: expected >= 0"). An
 * unknown key is named by its own path; a refused record key gives the reason beside it.
 */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  // A key with no visible character (" ") is quoted, so that every path names something.
  const segment = (key: PropertyKey) => (/\S/.test(String(key)) ? String(key) : JSON.stringify(String(key)));
  const at = (path: PropertyKey[]) => path.map(segment).join(".") || "(body)";
  return error.issues.flatMap((i): FieldIssue[] => {
    if (i.code === "unrecognized_keys")
      return i.keys.map((key) => ({ path: at([...i.path, key]), message: `Unrecognized key: "${key}"` }));
    if (i.code === "invalid_key")
      return [{ path: at(i.path), message: `Invalid key: ${i.issues.map((x) => x.message).join("; ")}` }];
    return [{ path: at(i.path), message: i.message }];
  });
}

/** A query parameter given several times (`?limit=1&limit=2` arrives as an array): says so instead of "expected number". */
function repeatedParameters(issues: FieldIssue[], query: unknown): FieldIssue[] {
  if (typeof query !== "object" || query === null) return issues;
  return issues.map((issue) => {
    const given = (query as Record<string, unknown>)[issue.path];
    return Array.isArray(given) ? { path: issue.path, message: `given ${given.length} times: give it once` } : issue;
  });
}

/** Parses `value` or throws validation_failed with the paths. `where` prefixes paths ("query", "body"). */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = where === "query" ? repeatedParameters(fieldIssues(result.error), value) : fieldIssues(result.error);
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    throw new AppError("validation_failed", `Invalid ${where}: ${summary}`, { issues });
  }
  return result.data;
}

/** Middleware: validates req.body and stores the parsed value in res.locals.body. */
export function validateBody<T extends z.ZodType>(schema: T) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.body = parseOrThrow(schema, req.body ?? {}, "body");
    next();
  };
}

/** Middleware: validates req.query and stores the parsed value in res.locals.query. */
export function validateQuery<T extends z.ZodType>(schema: T) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.query = parseOrThrow(schema, req.query, "query");
    next();
  };
}
