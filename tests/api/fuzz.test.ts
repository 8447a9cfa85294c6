/**
 * Fuzz: 10,000 malformed requests across the write endpoints, built from valid bodies by mutations
 * that always break the contract (a required field removed, a field of the wrong type or out of
 * range — two billion units included —, an unknown key, a reserved key such as `__proto__` at any depth,
 * a body that is not an object). Every answer must be a 4xx that names the field, never a 5xx, and the
 * database must be exactly as before.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, makeTestApp, type TestContext } from "../helpers/app";

type Kind =
  | "id"
  | "secret"
  | "posint"
  | "int"
  | "nonneg"
  | "date"
  | "datetime"
  | "text"
  | "enum"
  | "bool"
  | "lines"
  | "period"
  | "reason"
  | "approveLines"
  | "podLines";
interface Target {
  path: string;
  body: Record<string, unknown>;
  /** Type of each field, which decides the invalid values it can get */
  fields: Record<string, Kind>;
  required: string[];
}

let t: TestContext;
let server: Server;
let base = "";
let headers: Record<string, string> = {};
let targets: Target[] = [];

const snapshot = () =>
  t.open.sqlite
    .prepare(
      `select (select count(*) from stock_movements) m, (select coalesce(sum(qty_on_hand), 0) from stock_balances) b, (select count(*) from lots) l,
              (select count(*) from idempotency_keys) k, (select count(*) from audit_log where action <> 'access.denied') a, (select group_concat(password_hash) from users) p,
              (select count(*) from stock_reports) r, (select count(*) from orders) o, (select group_concat(status) from orders) s`,
    )
    .get();

/** Values that are never valid for a field of that kind. */
function invalidFor(kind: Kind): fc.Arbitrary<unknown> {
  const wrongType = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 2 }),
    fc.object({ maxDepth: 1 }),
  );
  switch (kind) {
    case "posint":
      return fc.oneof(
        wrongType,
        fc.string(),
        fc.constant(0),
        fc.integer({ max: -1 }),
        fc.double({ min: 0.01, max: 1e6, noInteger: true }),
        fc.constant(1e15),
        fc.constant(2_000_000_000),
      );
    case "nonneg":
      return fc.oneof(
        wrongType,
        fc.string(),
        fc.integer({ max: -1 }),
        fc.double({ min: 0.01, max: 1e6, noInteger: true }),
        fc.constant(2_000_000_000),
      );
    case "approveLines":
      return fc.oneof(
        fc.constant(null),
        fc.boolean(),
        fc.object({ maxDepth: 1 }),
        fc.constant([1, 2]),
        fc.integer(),
        fc.constant([{ lineId: 1 }]),
        fc.constant([{ lineId: 1, approvedQty: -1, reason: "trop élevé" }]),
        fc.constant([{ lineId: "1", approvedQty: 1, reason: "trop élevé" }]),
        fc.constant([{ lineId: 1, approvedQty: 1, reason: "" }]),
      );
    case "podLines":
      return fc.oneof(
        wrongType,
        fc.integer(),
        fc.constant([]),
        fc.constant([{ lineId: 1, lots: [] }]),
        fc.constant([{ lineId: 1, lots: [{ lotId: 1, acceptedQty: 1, rejectedQty: 1 }] }]),
        fc.constant([{ lineId: 1, lots: [{ lotId: 1, acceptedQty: -1, rejectedQty: 0 }] }]),
      );
    case "period":
      return fc.oneof(
        wrongType,
        fc.integer(),
        fc.constantFrom("2026-13", "2026", "", "10/2026", "2026-1", "0000-01", "9999-12", "1999-12"),
      );
    case "reason":
      return fc.oneof(wrongType, fc.integer(), fc.constantFrom("", "ab", "x".repeat(400)));
    case "int":
      return fc.oneof(
        wrongType,
        fc.string(),
        fc.double({ min: -1e6, max: 1e6, noInteger: true }),
        fc.constant(0),
        fc.constant(-2_000_000_000),
      );
    case "date":
      return fc.oneof(
        wrongType,
        fc.integer(),
        fc.constantFrom("2027-13-01", "2027-02-30", "31/12/2027", "", "tomorrow"),
      );
    case "datetime":
      return fc.oneof(wrongType, fc.integer(), fc.constantFrom("2026-11-01", "yesterday", "2026-11-01T25:00:00Z", ""));
    case "id":
      return fc.oneof(
        wrongType,
        fc.integer(),
        fc.constant(""),
        fc.constant("x".repeat(600)),
        fc.constantFrom("AB\u200B12", "AB\u202E21", "AB\u000712", "\uFEFF"),
      );
    case "secret":
      // Any string of 1–256 characters is a possible password: only the shape can be wrong.
      return fc.oneof(wrongType, fc.integer(), fc.constant(""), fc.constant("x".repeat(600)));
    case "text":
      return fc.oneof(wrongType, fc.integer(), fc.constant("x".repeat(600)), fc.constant("texte \u202Einversé"));
    case "enum":
      return fc.oneof(wrongType, fc.integer(), fc.constantFrom("", "gift", "RECEIPT", "burn"));
    case "bool":
      return fc.oneof(
        fc.constant(null),
        fc.integer(),
        fc.constantFrom("yes", "true", ""),
        fc.array(fc.boolean(), { maxLength: 1 }),
      );
    case "lines":
      return fc.oneof(
        wrongType,
        fc.constant([]),
        fc.constant([{ lotId: 1 }]),
        fc.constant([{ lotId: 1, countedQty: -1 }]),
        fc.constant([{ lotId: "1", countedQty: 1 }]),
        fc.constant([{ lotId: 1, countedQty: 2_000_000_000 }]),
        fc.integer(),
      );
  }
}

type Mutation = { body: unknown; field: string; how: string };

const RESERVED = ["__proto__", "constructor", "prototype"] as const;

/** The body with a reserved key added at the top, or inside the first object or array of objects it holds. */
function withReservedKey(body: Record<string, unknown>, key: string): { body: unknown; field: string } {
  const host = Object.entries(body).find(([, v]) => typeof v === "object" && v !== null);
  if (!host) return { body: { ...body, [key]: 1 }, field: key };
  const [name, value] = host;
  if (Array.isArray(value) && typeof value[0] === "object" && value[0] !== null)
    return {
      body: { ...body, [name]: [{ ...value[0], [key]: { x: 1 } }, ...value.slice(1)] },
      field: `${name}.0.${key}`,
    };
  if (!Array.isArray(value))
    return { body: { ...body, [name]: { ...(value as object), [key]: 1 } }, field: `${name}.${key}` };
  return { body: { ...body, [key]: 1 }, field: key };
}

function mutation(target: Target): fc.Arbitrary<Mutation> {
  const fields = Object.keys(target.fields);
  const missing =
    target.required.length === 0
      ? []
      : [
          fc.constantFrom(...target.required).map((field) => {
            const { [field]: _gone, ...rest } = target.body;
            return { body: rest, field, how: "missing" };
          }),
        ];
  return fc.oneof(
    ...missing,
    fc.constantFrom(...fields).chain((field) =>
      invalidFor(target.fields[field]!).map((value) => ({
        body: { ...target.body, [field]: value },
        field,
        how: "invalid",
      })),
    ),
    fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((k) => !(k in target.body) && k !== "__proto__")
      .map((key) => ({ body: { ...target.body, [key]: 1 }, field: key, how: "unknown key" })),
    fc.constantFrom(...RESERVED).map((key) => ({ ...withReservedKey(target.body, key), how: "reserved key" })),
    fc
      .oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer(), { maxLength: 3 }), fc.constant(true))
      .map((body) => ({ body, field: "(body)", how: "not an object" })),
  );
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 2 });
  server = t.app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const login = await fetch(`${base}/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  headers = {
    "Content-Type": "application/json",
    Cookie: login.headers.get("set-cookie")!.split(";")[0]!,
    "X-CSRF-Token": csrfToken,
  };
  const depot = t.open.sqlite
    .prepare("select id from facilities where level = 'district' and district_id = 'kati'")
    .pluck()
    .get() as string;
  const cscom = t.open.sqlite
    .prepare("select id from facilities where level = 'cscom' and district_id = 'kati' limit 1")
    .pluck()
    .get() as string;
  const lot = t.open.sqlite
    .prepare("select lot_id from stock_balances where facility_id = ? and qty_on_hand > 10 limit 1")
    .pluck()
    .get(depot) as number;
  const product = t.open.sqlite
    .prepare("select product_id from stock_balances where lot_id = ?")
    .pluck()
    .get(lot) as number;
  const common = {
    facilityId: "id",
    occurredAt: "datetime",
    reference: "text",
    note: "text",
    fundingSource: "text",
  } as const;
  targets = [
    {
      path: "/stock/movements",
      body: {
        type: "receipt",
        facilityId: depot,
        productId: product,
        lotCode: "FUZZ",
        expiry: "2028-01-31",
        quantity: 5,
      },
      fields: {
        ...common,
        type: "enum",
        productId: "posint",
        lotCode: "id",
        expiry: "date",
        quantity: "posint",
        supplierId: "id",
      },
      required: ["type", "facilityId", "productId", "lotCode", "expiry", "quantity"],
    },
    {
      path: "/stock/movements",
      body: { type: "issue", facilityId: depot, productId: product, quantity: 1 },
      fields: {
        ...common,
        type: "enum",
        productId: "posint",
        quantity: "posint",
        lotId: "posint",
        allowPartial: "bool",
      },
      required: ["type", "facilityId", "productId", "quantity"],
    },
    {
      path: "/stock/movements",
      body: { type: "transfer", facilityId: depot, toFacilityId: cscom, productId: product, quantity: 1 },
      fields: {
        ...common,
        type: "enum",
        toFacilityId: "id",
        productId: "posint",
        quantity: "posint",
        lotId: "posint",
        allowPartial: "bool",
      },
      required: ["type", "facilityId", "toFacilityId", "productId", "quantity"],
    },
    {
      path: "/stock/movements",
      body: { type: "adjustment", facilityId: depot, lotId: lot, reason: "damage", quantity: -1 },
      fields: { ...common, type: "enum", lotId: "posint", reason: "enum", quantity: "int" },
      required: ["type", "facilityId", "lotId", "reason", "quantity"],
    },
    {
      path: "/stock/counts",
      body: { facilityId: depot, lines: [{ lotId: lot, countedQty: 3 }] },
      fields: { facilityId: "id", occurredAt: "datetime", note: "text", lines: "lines" },
      required: ["facilityId", "lines"],
    },
    {
      path: "/reports",
      body: { facilityId: depot, period: "2026-09" },
      fields: { facilityId: "id", period: "period" },
      required: ["facilityId", "period"],
    },
    {
      path: "/orders/from-report",
      body: { reportId: 1, budgetXof: 50000 },
      fields: { reportId: "posint", budgetXof: "nonneg" },
      required: ["reportId"],
    },
    {
      path: "/orders/1/reject",
      body: { reason: "Quantités à revoir" },
      fields: { reason: "reason" },
      required: ["reason"],
    },
    {
      path: "/orders/1/approve",
      body: { lines: [{ lineId: 1, approvedQty: 10, reason: "Stock limité" }] },
      fields: { lines: "approveLines" },
      required: [],
    },
    {
      path: "/orders/1/deliver",
      body: {
        lines: [{ lineId: 1, lots: [{ lotId: 1, acceptedQty: 1, rejectedQty: 0 }] }],
        deliveredAt: "2026-11-10T10:00:00Z",
      },
      fields: { lines: "podLines", deliveredAt: "datetime" },
      required: ["lines"],
    },
    {
      path: "/auth/password",
      body: { currentPassword: ADMIN_PASSWORD, newPassword: "a-brand-new-password" },
      fields: { currentPassword: "secret", newPassword: "secret" },
      required: ["currentPassword", "newPassword"],
    },
  ];
});

afterAll(() => {
  server.close();
});

describe("fuzzing the write endpoints", () => {
  it("answers 10,000 malformed requests with a 4xx naming the field and changes nothing", async () => {
    const before = snapshot();
    let sent = 0;
    let key = 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 0, max: targets.length - 1 })
          .chain((i) => mutation(targets[i]!).map((m) => ({ m, target: targets[i]! }))),
        async ({ m, target }) => {
          const res = await fetch(`${base}${target.path}`, {
            method: "POST",
            headers: { ...headers, "Idempotency-Key": `fuzz-key-${++key}` },
            body: JSON.stringify(m.body),
          });
          sent++;
          const body = (await res.json()) as {
            error?: { code: string; details?: { issues?: { path: string; message: string }[] } };
          };
          const context = `${target.path} ${m.how} ${m.field}: ${JSON.stringify(m.body).slice(0, 160)} → ${res.status} ${JSON.stringify(body).slice(0, 200)}`;
          expect(res.status, context).toBeGreaterThanOrEqual(400);
          expect(res.status, context).toBeLessThan(500);
          const issues = body.error?.details?.issues ?? [];
          expect(issues.length, context).toBeGreaterThan(0);
          for (const issue of issues) {
            expect(issue.path, context).toMatch(/\S/);
            expect(issue.message, context).toMatch(/\S/);
          }
          if (m.how === "reserved key")
            expect(
              issues.map((i) => i.path),
              context,
            ).toEqual([m.field]);
          else if (m.how === "unknown key")
            expect(
              issues.some((i) => i.message.includes(m.field) || i.path === m.field),
              context,
            ).toBe(true);
          else if (m.how !== "not an object")
            expect(
              issues.some(
                (i) =>
                  i.path === m.field || i.path.startsWith(`${m.field}.`) || (m.field === "type" && i.path === "type"),
              ),
              context,
            ).toBe(true);
        },
      ),
      { numRuns: 10_000, seed: 42 },
    );
    expect(sent).toBe(10_000);
    expect(snapshot()).toEqual(before);
    // 10,000 requests over HTTP: about 58 s on a shared 2-core machine at load average 14 (more than the default 60 s limit leaves).
  }, 240_000);
});
