/**
 * Reads what DHIS2 answers to POST /api/dataValueSets (pure). Two shapes exist:
 * - DHIS2 2.36 and later wrap the summary in a web message:
 *   `{ httpStatus, httpStatusCode, status: "OK"|"WARNING"|"ERROR", message, response: { responseType:
 *   "ImportSummary", status, importCount, conflicts, description } }` — answered with HTTP 409 when there are
 *   conflicts, and sometimes without `response` when the whole request was refused;
 * - earlier versions answer the bare ImportSummary `{ responseType: "ImportSummary", status, importCount,
 *   conflicts, description }` with HTTP 200.
 */
import { z } from "zod";

const Count = z.number().int().nonnegative().catch(0);
const ImportCountSchema = z.object({ imported: Count, updated: Count, ignored: Count, deleted: Count }).partial();

const ConflictSchema = z.looseObject({
  object: z.string().optional(),
  value: z.string().optional(),
  errorCode: z.string().optional(),
  property: z.string().optional(),
  indexes: z.array(z.number().int()).optional(),
});

const SummarySchema = z.looseObject({
  responseType: z.string().optional(),
  status: z.string(),
  description: z.string().optional(),
  importCount: ImportCountSchema.optional(),
  conflicts: z.array(ConflictSchema).optional(),
});

const WebMessageSchema = z.looseObject({
  httpStatus: z.string().optional(),
  httpStatusCode: z.number().int().optional(),
  status: z.string(),
  message: z.string().optional(),
  response: z.unknown().optional(),
});

/** The outcome of an import, whatever the DHIS2 version. */
export interface Dhis2ImportSummary {
  /** SUCCESS: every value taken; WARNING: some refused (see conflicts); ERROR: nothing imported */
  status: "SUCCESS" | "WARNING" | "ERROR";
  imported: number;
  updated: number;
  ignored: number;
  deleted: number;
  conflicts: { object: string; value: string; errorCode: string | null; indexes: number[] }[];
  description: string | null;
  /** Which shape DHIS2 answered with */
  shape: "webMessage" | "importSummary";
}

function status(s: string): Dhis2ImportSummary["status"] {
  const up = s.toUpperCase();
  if (up === "SUCCESS" || up === "OK") return "SUCCESS";
  if (up === "WARNING") return "WARNING";
  return "ERROR";
}

function fromSummary(s: z.infer<typeof SummarySchema>, shape: Dhis2ImportSummary["shape"]): Dhis2ImportSummary {
  return {
    status: status(s.status),
    imported: s.importCount?.imported ?? 0,
    updated: s.importCount?.updated ?? 0,
    ignored: s.importCount?.ignored ?? 0,
    deleted: s.importCount?.deleted ?? 0,
    conflicts: (s.conflicts ?? []).map((c) => ({
      object: c.object ?? "",
      value: c.value ?? "",
      errorCode: c.errorCode ?? null,
      indexes: c.indexes ?? [],
    })),
    description: s.description ?? null,
    shape,
  };
}

/** The import summary in a DHIS2 answer, or null when the body is neither shape (an HTML login page, a proxy error…). */
export function parseImportSummary(body: unknown): Dhis2ImportSummary | null {
  if (body === null || typeof body !== "object") return null;
  const asSummary = SummarySchema.safeParse(body);
  if (asSummary.success && (asSummary.data.responseType === "ImportSummary" || asSummary.data.importCount))
    return fromSummary(asSummary.data, "importSummary");
  const web = WebMessageSchema.safeParse(body);
  if (!web.success) return null;
  const inner = SummarySchema.safeParse(web.data.response);
  if (inner.success) return fromSummary(inner.data, "webMessage");
  // A web message without an import summary: the request as a whole was refused (bad JSON, no access…).
  return {
    status: status(web.data.status) === "SUCCESS" ? "SUCCESS" : "ERROR",
    imported: 0,
    updated: 0,
    ignored: 0,
    deleted: 0,
    conflicts: [],
    description: web.data.message ?? null,
    shape: "webMessage",
  };
}
