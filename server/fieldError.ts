/** A refusal naming one field of a request: used by commands and by the queries that check what a request names. */
import { AppError, type ErrorDetail, type FieldIssue } from "../shared/errors";

/** Throws validation_failed naming one field (message in English for API clients; `detail`: the key people read). */
export function fieldError(path: string, message: string, detail?: ErrorDetail): never {
  const issue: FieldIssue = detail ? { path, message, ...detail } : { path, message };
  throw new AppError("validation_failed", `${path}: ${message}`, { issues: [issue] });
}
