/**
 * The OpenAPI document: generated from the routes' own contracts, it lists every route Express serves (a route
 * missing from it fails here), validates as OpenAPI 3.1, carries the error shape, the session and the headers
 * each kind of route requires — and the response contracts it declares are what the routes really answer.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import request from "supertest";
import type { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import type { RegisteredRoute } from "../../server/routes/secureRouter";
import { makeTestApp, type TestContext } from "../helpers/app";

let t: TestContext;
let doc: {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, unknown> };
};

/** Every route Express would serve, found by walking its router stacks. */
function expressRoutes(stack: unknown[], found: { method: string; path: string }[] = []) {
  for (const layer of stack as {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: unknown[] };
  }[]) {
    if (layer.route)
      for (const m of Object.keys(layer.route.methods)) found.push({ method: m, path: layer.route.path });
    else if (layer.handle?.stack) expressRoutes(layer.handle.stack, found);
  }
  return found;
}

const routes = () => t.app.locals.routes as RegisteredRoute[];
const operationOf = (method: string, path: string) => doc.paths[path.replace(/:(\w+)/g, "{$1}")]?.[method];

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 2, months: 2, reportMonths: 1 });
  const res = await request(t.app).get("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  doc = res.body;
});

describe("GET /api/v1/openapi.json", () => {
  it("lists every route the app serves, with its method", () => {
    const served = expressRoutes((t.app as unknown as { router: { stack: unknown[] } }).router.stack);
    expect(served.length).toBeGreaterThan(50);
    const missing = served.filter((r) => !operationOf(r.method, r.path));
    const howTo = (r: { method: string; path: string }) =>
      `${r.method.toUpperCase()} /api/v1${r.path} is served but not in the OpenAPI document: declare it through ` +
      `SecureRouter (server/routes/secureRouter.ts) — r.${r.method}("${r.path}", { action, params?, query?, body?, ` +
      `response }, handler) in its file under server/routes/ — never on the Express app or router directly`;
    expect(missing.map(howTo), missing.map(howTo).join("\n")).toEqual([]);
    const documented = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(documented).toBe(served.length);
  });

  it("declares what every route answers", () => {
    const undeclared = routes()
      .filter((r) => !r.spec.response)
      .map((r) => `${r.method.toUpperCase()} ${r.path} (action ${r.spec.action})`);
    const howTo =
      "These routes declare no response contract:\n  " +
      undeclared.join("\n  ") +
      "\nAdd `response: Schema` to each route's spec in server/routes/ — r.get(path, { action, …, response: Schema }, " +
      "handler) — Schema being the zod contract in shared/contracts/ of the JSON it answers: a list pageOf(Item) or " +
      "z.object({ items: z.array(Item) }); a write the body it returns, with created(Schema) for a 201 and noContent " +
      'for a 204 (server/routes/secureRouter.ts); a file { content: { "text/csv": z.string() } }. Have the web client ' +
      "parse the answer with that same contract.";
    expect(undeclared, howTo).toEqual([]);
  });

  it("validates as OpenAPI 3.1", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors ?? []).slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    // Every $ref points at something in the document.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.filter((r) => !(r in doc.components.schemas))).toEqual([]);
  });

  it("documents the error shape, the session, and the CSRF and Idempotency-Key headers each kind requires", () => {
    for (const route of routes()) {
      const op = operationOf(route.method, route.path)!;
      const label = `${route.method} ${route.path}`;
      const headers = ((op.parameters ?? []) as { in: string; name: string; required: boolean }[])
        .filter((p) => p.in === "header" && p.required)
        .map((p) => p.name);
      expect(headers.includes("Idempotency-Key"), label).toBe(route.kind === "write");
      expect(headers.includes("X-CSRF-Token"), label).toBe(route.method !== "get" && route.spec.action !== "public");
      expect(op.security, label).toEqual(route.spec.action === "public" ? [] : undefined);
      const responses = op.responses as Record<string, { content?: Record<string, { schema: unknown }> }>;
      expect(responses["400"]?.content?.["application/json"]?.schema, label).toEqual({
        $ref: "#/components/schemas/Error",
      });
      if (route.spec.action !== "public")
        expect(Object.keys(responses), label).toEqual(expect.arrayContaining(["401", "403"]));
      expect(op["x-fura-action"], label).toBe(route.spec.action);
    }
    expect(doc.components.schemas.Error).toMatchObject({ required: ["error"] });
  });

  it("describes request contracts from the shared zod schemas (path, query and body)", () => {
    const exportOp = operationOf("get", "/interop/dhis2/dataValueSets")!;
    const params = exportOp.parameters as {
      name: string;
      in: string;
      required: boolean;
      schema: { enum?: string[] };
    }[];
    expect(params.find((p) => p.name === "period")).toMatchObject({ in: "query", required: true });
    expect(params.find((p) => p.name === "format")?.schema.enum).toEqual(["json", "adx", "report"]);
    expect(params.find((p) => p.name === "districtId")).toMatchObject({ required: false });
    const parse = operationOf("post", "/interop/gs1/parse")!;
    expect(parse.requestBody).toMatchObject({
      content: { "application/json": { schema: { type: "object", required: ["code"] } } },
    });
    const stock = operationOf("get", "/facilities/:id/stock")!;
    expect((stock.parameters as { name: string; description?: string }[])[0]).toMatchObject({
      name: "id",
      in: "path",
      description: expect.stringContaining("a facility in your scope"),
    });
  });

  it("is served without a session", async () => {
    const res = await request(t.app).get("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
  });
});

describe("declared response contracts", () => {
  it("match what the GET routes without parameters answer", async () => {
    let checked = 0;
    for (const route of routes()) {
      const response = route.spec.response;
      if (route.method !== "get" || route.spec.params || !response || route.path === "/openapi.json") continue;
      if (route.spec.query && !(route.spec.query as z.ZodType).safeParse({}).success) continue;
      // A download (a workbook, a CSV) declares no JSON answer: its content type is checked by its own tests.
      if ("content" in response && !response.content["application/json"]) continue;
      const schema = ("content" in response ? response.content["application/json"] : response) as z.ZodType;
      const res = await t.agent.get(`/api/v1${route.path}`);
      expect(res.status, `${route.path} ${res.text.slice(0, 200)}`).toBe(200);
      const parsed = schema.safeParse(res.body);
      expect(parsed.success, `${route.path}: ${JSON.stringify(parsed.error?.issues.slice(0, 3))}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});
