/**
 * The DHIS2 Web API client for data values: POST /api/dataValueSets (JSON) with basic auth or a personal access
 * token, a timeout per request, retries of what is safe to retry, and the import summary read from either
 * response shape (shared/domain/interop/importSummary.ts).
 *
 * Retrying is safe because a data value set is an upsert: DHIS2 keeps one value per data element, period, org
 * unit and category option combo, so the same values sent twice leave the same data (the second time they count
 * as updated or ignored, never imported again). A request is retried after a network failure, a timeout or a
 * 502 / 503 / 504 (up to `retries` more times, waiting `retryDelayMs` × 1, 2, 4…); any other answer is final —
 * 401/403 (credentials), 409 (conflicts, with the summary), other 4xx and 5xx.
 *
 * Large payloads are sent in several requests of at most `maxValuesPerRequest` values; the summaries add up.
 */
import type { Dhis2DataValueSet } from "../../shared/domain/interop/dataValueSet";
import { parseImportSummary, type Dhis2ImportSummary } from "../../shared/domain/interop/importSummary";
import type { Dhis2Connection } from "./dhis2Settings";

/** What DHIS2 should do with the values. */
export type ImportStrategy = "CREATE_AND_UPDATE" | "CREATE" | "UPDATE" | "DELETE";

/** Options of one push. */
export interface PushOptions {
  dryRun: boolean;
  importStrategy: ImportStrategy;
  /** Extra attempts after a retryable failure (default 2) */
  retries?: number;
  /** First wait between attempts (default 1,000 ms; doubled each time) */
  retryDelayMs?: number;
  /** Values per HTTP request (default 5,000) */
  maxValuesPerRequest?: number;
  /** Injected for tests; default the global fetch */
  fetch?: typeof fetch;
  /** Injected for tests; default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/** The client's options that do not depend on the push (retries, waits, request size, fetch). */
export type PushClientOptions = Omit<PushOptions, "dryRun" | "importStrategy">;

/** Stable codes of a push that got no usable answer. */
export type PushErrorCode =
  "dhis2.unreachable" | "dhis2.timeout" | "dhis2.unauthorized" | "dhis2.httpError" | "dhis2.badResponse";

/** The outcome of a push. `summary` sums the requests that were answered (also when a later one failed). */
export type PushResult =
  | { ok: true; httpStatus: number; summary: Dhis2ImportSummary; requests: number; attempts: number }
  | {
      ok: false;
      errorCode: PushErrorCode;
      httpStatus: number | null;
      summary: Dhis2ImportSummary | null;
      requests: number;
      attempts: number;
      /** Requests fully answered before the failure */
      requestsDone: number;
    };

type OneResult =
  | { ok: true; httpStatus: number; summary: Dhis2ImportSummary; attempts: number }
  | { ok: false; errorCode: PushErrorCode; httpStatus: number | null; attempts: number };

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/** The URL of the import, with its parameters. */
export function dataValueSetsUrl(baseUrl: string, o: { dryRun: boolean; importStrategy: ImportStrategy }): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}/api/dataValueSets`);
  url.searchParams.set("dryRun", String(o.dryRun));
  url.searchParams.set("importStrategy", o.importStrategy);
  // Synchronous import: the answer carries the summary (async=true would answer a job reference).
  url.searchParams.set("async", "false");
  return url.toString();
}

async function postOnce(conn: Dhis2Connection, body: string, url: string, o: PushOptions): Promise<OneResult> {
  const doFetch = o.fetch ?? fetch;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retries = o.retries ?? 2;
  const delay = o.retryDelayMs ?? 1000;
  let last: OneResult = { ok: false, errorCode: "dhis2.unreachable", httpStatus: null, attempts: 0 };
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    if (attempt > 1) await sleep(delay * 2 ** (attempt - 2));
    let res: Response;
    try {
      res = await doFetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          Authorization: conn.authorization(),
        },
        body,
        signal: AbortSignal.timeout(conn.timeoutMs),
        redirect: "manual",
      });
    } catch (e) {
      const name = (e as Error).name;
      last = {
        ok: false,
        errorCode: name === "TimeoutError" || name === "AbortError" ? "dhis2.timeout" : "dhis2.unreachable",
        httpStatus: null,
        attempts: attempt,
      };
      continue;
    }
    if (RETRYABLE_STATUS.has(res.status)) {
      await res.body?.cancel();
      last = { ok: false, errorCode: "dhis2.httpError", httpStatus: res.status, attempts: attempt };
      continue;
    }
    // A redirect is most often DHIS2 sending an unauthenticated client to its login page.
    if (res.status === 401 || res.status === 403 || (res.status >= 300 && res.status < 400)) {
      await res.body?.cancel();
      return { ok: false, errorCode: "dhis2.unauthorized", httpStatus: res.status, attempts: attempt };
    }
    let json: unknown = null;
    try {
      json = await res.json();
    } catch {
      json = null;
    }
    const summary = parseImportSummary(json);
    // 200 with a summary, or 409 Conflict with one (2.38+: values refused); anything else is an HTTP error.
    if (summary && (res.ok || res.status === 409))
      return { ok: true, httpStatus: res.status, summary, attempts: attempt };
    return {
      ok: false,
      errorCode: res.ok ? "dhis2.badResponse" : "dhis2.httpError",
      httpStatus: res.status,
      attempts: attempt,
    };
  }
  return last;
}

/** Adds up the summaries of several requests: the worst status, the counts, all conflicts. */
export function sumSummaries(a: Dhis2ImportSummary | null, b: Dhis2ImportSummary): Dhis2ImportSummary {
  if (!a) return b;
  const rank = { SUCCESS: 0, WARNING: 1, ERROR: 2 } as const;
  return {
    status: rank[b.status] > rank[a.status] ? b.status : a.status,
    imported: a.imported + b.imported,
    updated: a.updated + b.updated,
    ignored: a.ignored + b.ignored,
    deleted: a.deleted + b.deleted,
    conflicts: [...a.conflicts, ...b.conflicts],
    description: a.description ?? b.description,
    shape: b.shape,
  };
}

/** Sends a data value set to DHIS2 (in several requests when large) and reads the import summary. */
export async function pushDataValueSet(
  conn: Dhis2Connection,
  set: Dhis2DataValueSet,
  options: PushOptions,
): Promise<PushResult> {
  const max = options.maxValuesPerRequest ?? 5000;
  const url = dataValueSetsUrl(conn.baseUrl, options);
  const chunks: Dhis2DataValueSet[] = [];
  for (let i = 0; i < set.dataValues.length; i += max)
    chunks.push({ ...set, dataValues: set.dataValues.slice(i, i + max) });
  if (chunks.length === 0) chunks.push({ ...set, dataValues: [] });
  let summary: Dhis2ImportSummary | null = null;
  let attempts = 0;
  let httpStatus = 0;
  for (let i = 0; i < chunks.length; i++) {
    const r = await postOnce(conn, JSON.stringify(chunks[i]), url, options);
    attempts += r.attempts;
    if (!r.ok)
      return {
        ok: false,
        errorCode: r.errorCode,
        httpStatus: r.httpStatus,
        summary,
        requests: chunks.length,
        attempts,
        requestsDone: i,
      };
    summary = sumSummaries(summary, r.summary);
    httpStatus = Math.max(httpStatus, r.httpStatus);
  }
  return { ok: true, httpStatus, summary: summary!, requests: chunks.length, attempts };
}

/** What a connection test found: whether DHIS2 took the credentials and answered an import summary. */
export interface ConnectionTestResult {
  ok: boolean;
  errorCode: PushErrorCode | null;
  httpStatus: number | null;
  /** DHIS2's import status for the empty dry run (SUCCESS when all is well) */
  status: Dhis2ImportSummary["status"] | null;
}

/**
 * Tests a connection with what a push does, minus the data: a dry-run import of an empty data value set. It
 * checks the address, the credentials and the right to import data values, and stores nothing in DHIS2. No
 * retry: the administrator is waiting for the answer.
 */
export async function testDhis2Connection(
  conn: Dhis2Connection,
  options: PushClientOptions = {},
): Promise<ConnectionTestResult> {
  const o: PushOptions = { ...options, retries: 0, dryRun: true, importStrategy: "CREATE_AND_UPDATE" };
  const r = await postOnce(conn, JSON.stringify({ dataValues: [] }), dataValueSetsUrl(conn.baseUrl, o), o);
  if (!r.ok) return { ok: false, errorCode: r.errorCode, httpStatus: r.httpStatus, status: null };
  return { ok: r.summary.status !== "ERROR", errorCode: null, httpStatus: r.httpStatus, status: r.summary.status };
}
