/** Parses request parts with zod schemas; failures become 400 validation_failed naming each field. */
import type { NextFunction, Request, Response } from "express";
import type { z } from "zod";
import { AppError, type FieldIssue } from "../../shared/errors";

/** Turns zod issues into field paths and reasons ("lines.0.countedQty", "Too small: expected >= 0"). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
}

/** Parses `value` or throws validation_failed with the paths. `where` prefixes paths ("query", "body"). */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = fieldIssues(result.error);
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
