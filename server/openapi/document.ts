/**
 * The OpenAPI 3.1 document of /api/v1, generated from what the routes declare to SecureRouter — their action,
 * kind and zod contracts (path parameters, query, body, response) — with zod 4's JSON Schema output, so that the
 * document cannot drift from the code: a route exists in it because it is registered, and its schemas are the
 * ones the router validates with. Added around each route: the error answers (the codes of shared/errors.ts by
 * status), the session cookie, and the X-CSRF-Token and Idempotency-Key headers its kind requires.
 */
import { z } from "zod";
import { scopeMetaOf, type ScopeKind } from "../../shared/contracts/refs";
import { ERROR_STATUS, type ErrorCode } from "../../shared/errors";
import { SESSION_COOKIE } from "../auth/sessions";
import type { RegisteredRoute, RouteResponse } from "../routes/secureRouter";
import { toSchema, type Components, type JsonSchema } from "./schemas";

/** The error body of every failure. */
const ErrorBody = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string().describe("In English, for people reading logs; clients switch on `code`"),
    details: z
      .unknown()
      .optional()
      .describe("Field errors as `issues: [{ path, message }]`; some codes add a `reason` key and values"),
  }),
});

/** What each reference kind means, for the description of a path or query parameter. */
const SCOPE_WORDS: Record<ScopeKind, string> = {
  facility: "a facility in your scope",
  district: "a health district visible in your scope",
  region: "a health region visible in your scope",
  counterparty: "a facility on a supply line of a facility in your scope",
  order: "an order one of whose facilities is in your scope",
  transfer: "a transfer one of whose two facilities is in your scope",
  report: "a monthly report of a facility in your scope",
  routePlan: "a route plan of a depot in your scope (a driver: a published plan with their route)",
  user: "an account whose own scope lies within yours",
  pipelineShipment: "a pipeline shipment to a store in your scope",
  routeStop: "a stop (or its plan) of a route plan of a depot in your scope (a driver: a plan carrying their route)",
  anyFacility: "any facility (reference data)",
  anyDistrict: "any district (reference data)",
  anyRegion: "any region (reference data)",
};

type Operation = Record<string, unknown>;

/** `/facilities/:id/stock` → `/facilities/{id}/stock`. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

/** The tag of a route: its first path segment (interop routes by their second). */
export function tagOf(path: string): string {
  const [first = "", second = ""] = path.split("/").filter(Boolean);
  if (first === "interop") return `interop/${second}`;
  return first.replace(/\.json$/, "");
}

/** Statuses a route may answer with an error, and the codes of each. */
function errorStatuses(route: RegisteredRoute): number[] {
  const statuses = new Set([400, 404, 429, 500]);
  if (route.spec.action !== "public") [401, 403].forEach((s) => statuses.add(s));
  if (route.method !== "get") [409, 413, 415].forEach((s) => statuses.add(s));
  if (route.path === "/vrp/solve" || route.path === "/route-plans") [503, 504].forEach((s) => statuses.add(s));
  if (route.path === "/auth/login") statuses.add(401);
  return [...statuses].sort((a, b) => a - b);
}

function errorResponses(route: RegisteredRoute): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const status of errorStatuses(route)) {
    const codes = Object.entries(ERROR_STATUS)
      .filter(([, s]) => s === status)
      .map(([c]) => c);
    out[String(status)] = {
      description: `Error: ${codes.join(", ")}`,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return out;
}

/** Path or query parameters from an object schema: one per property. */
function parameters(
  schema: z.ZodType | undefined,
  where: "path" | "query",
  components: Components,
): Record<string, unknown>[] {
  if (!schema) return [];
  const json = toSchema(schema, components);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  return Object.entries(properties).map(([name, property]) => {
    const meta = shape[name] ? refMeta(shape[name]) : undefined;
    const { description, ...rest } = property;
    const words = [description, meta ? `Checked against your scope: ${SCOPE_WORDS[meta]}.` : undefined];
    const text = words.filter((w) => typeof w === "string").join(" ");
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(text ? { description: text } : {}),
      schema: Object.keys(rest).length > 0 ? rest : { type: "string" },
    };
  });
}

/** The reference kind of a parameter (through optional, default and the path's preprocess). */
function refMeta(schema: z.ZodType): ScopeKind | undefined {
  let s: z.ZodType | undefined = schema;
  for (let depth = 0; s && depth < 6; depth++) {
    const meta = scopeMetaOf(s);
    if (meta) return meta.scope;
    const def = (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    s = (def.innerType ?? def.out) as z.ZodType | undefined;
  }
  return undefined;
}

const header = (name: string, description: string) => ({
  name,
  in: "header",
  required: true,
  description,
  schema: { type: "string" },
});

/** The headers a route's kind requires. */
function kindHeaders(route: RegisteredRoute): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (route.method !== "get" && route.spec.action !== "public")
    out.push(header("X-CSRF-Token", "The session's CSRF token (from POST /auth/login or GET /auth/me)"));
  if (route.kind === "write")
    out.push(
      header(
        "Idempotency-Key",
        "One key per action (8–100 characters), the same when the action is retried: a replay answers the first result (header Idempotent-Replayed: true) and changes nothing",
      ),
    );
  return out;
}

function successResponse(route: RegisteredRoute, components: Components): [string, unknown] {
  const declared = route.spec.response;
  const full: RouteResponse | undefined =
    declared === undefined
      ? undefined
      : "content" in declared && !(declared instanceof z.ZodType)
        ? (declared as RouteResponse)
        : { content: { "application/json": declared as z.ZodType } };
  const status = full?.status ?? 200;
  const content = full
    ? Object.fromEntries(
        Object.entries(full.content).map(([type, schema]) => [
          type,
          { schema: toSchema(schema, components, "output") },
        ]),
      )
    : undefined;
  const headers = {
    ...(route.kind === "write"
      ? { "Idempotent-Replayed": { description: "true when the answer is a replay", schema: { type: "string" } } }
      : {}),
    ...Object.fromEntries(
      Object.entries(full?.headers ?? {}).map(([name, description]) => [
        name,
        { description, schema: { type: "string" } },
      ]),
    ),
  };
  return [
    String(status),
    {
      description: { 201: "Created", 202: "Accepted", 204: "No content" }[status] ?? "OK",
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(content && Object.keys(content).length > 0 ? { content } : {}),
    },
  ];
}

function operation(route: RegisteredRoute, components: Components): Operation {
  const { spec } = route;
  const [status, success] = successResponse(route, components);
  const body = spec.body ? toSchema(spec.body, components) : undefined;
  const operationId = `${route.method}_${route.path.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "")}`;
  return {
    operationId,
    tags: [tagOf(route.path)],
    ...(spec.summary ? { summary: spec.summary } : {}),
    "x-fura-action": spec.action,
    "x-fura-kind": route.kind,
    ...(spec.action === "public" ? { security: [] } : {}),
    parameters: [
      ...parameters(spec.params, "path", components),
      ...parameters(spec.query, "query", components),
      ...kindHeaders(route),
    ],
    ...(body ? { requestBody: { required: true, content: { "application/json": { schema: body } } } } : {}),
    responses: { [status]: success, ...errorResponses(route) },
  };
}

/** The OpenAPI 3.1 document of the registered routes. */
export function openApiDocument(routes: readonly RegisteredRoute[]): Record<string, unknown> {
  const components: Components = { schemas: {} };
  const errorSchema = toSchema(ErrorBody, components, "output");
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, components) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Fura API",
      version: "1.0.0",
      description:
        "Mali's medicine supply chain: stock ledger, monthly reports and orders, route planning, DHIS2 and GS1. " +
        "Sign in with POST /auth/login (session cookie); every write echoes the session's CSRF token in X-CSRF-Token, " +
        "and writes that store something carry an Idempotency-Key. Errors are always { error: { code, message, details } }.",
      license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
    },
    servers: [{ url: "/api/v1" }],
    security: [{ session: [] }],
    tags: [...new Set(routes.map((r) => tagOf(r.path)))].sort().map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "Set by POST /auth/login" },
      },
      schemas: { Error: errorSchema, ...components.schemas },
    },
  };
}
