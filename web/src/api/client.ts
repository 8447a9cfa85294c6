/**
 * Typed fetch wrapper for /api/v1: cookie session, JSON, zod-parsed responses (typed only on the driver's screens:
 * `apiGetAs`), ApiError with the stable code. zod is imported as a type only, so this module does not load it.
 */
import type { z } from "zod";
import type { ErrorCode } from "@shared/errors";

/** Base path of the API (same origin as the web app). */
export const API_BASE = "/api/v1";

/** A failed API call: `code` is the stable error code of shared/errors.ts (or "network_error"). */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | "network_error",
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** CSRF token of the current session (from the login answer or GET /auth/me), echoed on every write. */
let csrfToken: string | null = null;

/** Remembers (or forgets, with null) the session's CSRF token. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** Builds "/api/v1/path?a=1" leaving out empty query values. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ""}`;
}

function isErrorBody(body: unknown): body is { error: { code: ErrorCode; message: string; details?: unknown } } {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}

interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Idempotency-Key of a write: one per user action, the same when that action is retried */
  idempotencyKey?: string;
  /** A read the driver needs offline: the service worker keeps its last answer (header X-Fura-Offline, see vite.config.ts) */
  offline?: boolean;
  /** Sees the HTTP answer before its body is read (e.g. whether the service worker served it from its cache) */
  onResponse?: (res: Response) => void;
}

/** Calls the API and returns the raw JSON (undefined for 204); throws ApiError on any failure. */
export async function apiRequest(path: string, options: RequestOptions = {}): Promise<unknown> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  if (options.offline && method === "GET") headers["X-Fura-Offline"] = "1";
  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method,
      credentials: "same-origin",
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError("network_error", 0, cause instanceof Error ? cause.message : "Network error");
  }
  options.onResponse?.(res);
  if (res.status === 204) return undefined;
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (isErrorBody(body)) throw new ApiError(body.error.code, res.status, body.error.message, body.error.details);
    throw new ApiError(res.status === 401 ? "unauthenticated" : "internal_error", res.status, `HTTP ${res.status}`);
  }
  return body;
}

/** Calls the API and parses the answer with a shared contract schema. */
export async function apiGet<S extends z.ZodType>(
  schema: S,
  path: string,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const body = await apiRequest(path, options);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError("internal_error", 200, `Unexpected response from ${path}`, parsed.error.issues.slice(0, 5));
  }
  return parsed.data;
}

/**
 * Calls the API and returns its answer as the type of a shared contract, without parsing it: only for the driver's
 * tablet screens, whose JavaScript must stay small enough for a slow network (issue 12; zod is 27 KB gzipped). The
 * server builds and checks these answers with the same contracts; every other screen parses with `apiGet`.
 */
export async function apiGetAs<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const body = await apiRequest(path, options);
  if (typeof body !== "object" || body === null)
    throw new ApiError("internal_error", 200, `Unexpected response from ${path}`);
  return body as T;
}

/** Options of a write: the method, the body and the action's Idempotency-Key (required). */
export type WriteOptions = Omit<RequestOptions, "method" | "idempotencyKey"> & {
  method?: "POST" | "PUT" | "PATCH" | "DELETE";
  idempotencyKey: string;
};

/** Sends a write with its Idempotency-Key and parses the answer with a shared contract schema. */
export function apiWrite<S extends z.ZodType>(schema: S, path: string, options: WriteOptions): Promise<z.infer<S>> {
  return apiGet(schema, path, { ...options, method: options.method ?? "POST" });
}
