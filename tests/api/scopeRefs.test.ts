/**
 * Scope by construction, proved complete: every field of every route's request contracts that names a
 * facility, a district, a region, or an object placed in the network (a report, an order, a route plan) is
 * one of the typed references of shared/contracts/refs.ts — which the router checks before any handler runs
 * (tests/api/authorization.test.ts then tries each one out of scope). A plain `z.string()` for such a field,
 * or a reference hidden under a transform where the router cannot see it, fails here.
 */
import type { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { contractFields } from "../../shared/contracts/refs";
import type { RegisteredRoute } from "../../server/routes/secureRouter";
import { makeTestApp, type TestContext } from "../helpers/app";

/** Field names that name a place or a placed object (the last key of the field's path). */
const PLACE_FIELD = /(facility|depot|district|region|supplier|destination|report|order|routePlan|plan)(Id|Ids)$|^id$/i;
/** Fields that match the pattern but are not places (a VROOM problem's own job and vehicle numbers). */
const NOT_PLACES = new Set<string>([
  "post /vrp/solve body.jobs.*.id",
  "post /vrp/solve body.vehicles.*.id",
  // A DHIS2 organisation-unit export names units by their DHIS2 uid (`id`, `parent.id`): the file being imported,
  // matched to Fura's facilities by the import itself (server/interop/orgUnitImport.ts), never a Fura reference.
  "post /interop/dhis2/org-units/preview body.export.organisationUnits.*.id",
  "post /interop/dhis2/org-units/preview body.export.organisationUnits.*.parent.id",
  "post /interop/dhis2/org-units/apply body.export.organisationUnits.*.id",
  "post /interop/dhis2/org-units/apply body.export.organisationUnits.*.parent.id",
]);

let t: TestContext;
beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 1 });
});

describe("reference fields of the request contracts", () => {
  it("types every field that names a place as a scope reference, in every route's path, query and body", () => {
    const untyped: string[] = [];
    for (const route of t.app.locals.routes as RegisteredRoute[]) {
      for (const where of ["params", "query", "body"] as const) {
        const schema = route.spec[where] as z.ZodType | undefined;
        if (!schema) continue;
        for (const field of contractFields(schema)) {
          const name = [...field.path].reverse().find((p) => p !== "*") ?? "";
          const label = `${route.method} ${route.path} ${where}.${field.path.join(".")}`;
          if (PLACE_FIELD.test(name) && !NOT_PLACES.has(label) && !field.meta) untyped.push(label);
        }
      }
    }
    expect(untyped).toEqual([]);
  });

  it("finds no reference under a transform (where the router could not see the value)", () => {
    const hidden: string[] = [];
    for (const route of t.app.locals.routes as RegisteredRoute[]) {
      for (const where of ["params", "query", "body"] as const) {
        const schema = route.spec[where] as z.ZodType | undefined;
        if (!schema) continue;
        for (const field of contractFields(schema))
          if (field.meta && field.underTransform) hidden.push(`${route.path} ${where}.${field.path.join(".")}`);
      }
    }
    expect(hidden).toEqual([]);
  });

  it("declares every path parameter (the router refuses a route that does not)", () => {
    for (const route of t.app.locals.routes as RegisteredRoute[]) {
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const shape = (route.spec.params as unknown as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
      for (const n of names) expect(Object.keys(shape), `${route.path} :${n}`).toContain(n);
    }
  });
});
