/**
 * The authorisation matrix: every registered API route × every role × (in scope / out of scope)
 * gets the status the policies promise. A route registered without an example here, or an Express
 * route that bypassed the SecureRouter (so has no policy), fails the test.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../shared/contracts/auth";
import { ROLE_ACTIONS } from "../../server/policies";
import type { RegisteredRoute } from "../../server/routes/secureRouter";
import { ADMIN_PASSWORD, DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
const ids: Record<string, string> = {};
let productId = 0;
let lotId = 0;

/** The user of each role and one facility inside and one outside their scope (null: none exists). */
const USERS: Record<
  Role,
  { username: string; password: string; inScope: () => string | null; outOfScope: () => string }
> = {
  admin: {
    username: "admin",
    password: ADMIN_PASSWORD,
    inScope: () => ids.katiDepot!,
    outOfScope: () => ids.katiDepot!,
  },
  procurement_officer: {
    username: "ppm.achats",
    password: DEMO_PASSWORD,
    inScope: () => ids.moptiDepot!,
    outOfScope: () => ids.moptiDepot!,
  },
  regional_manager: {
    username: "region.koulikoro",
    password: DEMO_PASSWORD,
    inScope: () => ids.katiCscom!,
    outOfScope: () => ids.moptiDepot!,
  },
  district_pharmacist: {
    username: "pharmacien.kati",
    password: DEMO_PASSWORD,
    inScope: () => ids.katiCscom!,
    outOfScope: () => ids.moptiDepot!,
  },
  storekeeper: {
    username: "magasin.kati",
    password: DEMO_PASSWORD,
    inScope: () => ids.katiDepot!,
    outOfScope: () => ids.katiCscom!,
  },
  cscom_manager: {
    username: "cscom.kati",
    password: DEMO_PASSWORD,
    inScope: () => ids.katiCscom!,
    outOfScope: () => ids.katiDepot!,
  },
  driver: {
    username: "chauffeur.kati",
    password: DEMO_PASSWORD,
    inScope: () => null,
    outOfScope: () => ids.katiDepot!,
  },
};
const NATIONAL: Role[] = ["admin", "procurement_officer"];

/** A request for a route; `facility` is the facility the request touches (for scoped routes). */
type Example = (facility: string) => { url: string; body?: object; headers?: Record<string, string> };

let keyCounter = 0;
const key = () => ({ "Idempotency-Key": `authz-${++keyCounter}` });
let periodCounter = 0;

/** A fresh report of the facility (direct insert: this test is about access, not content). */
function reportFor(facilityId: string): number {
  const period = `20${String(10 + Math.floor(periodCounter / 12)).padStart(2, "0")}-${String((periodCounter++ % 12) + 1).padStart(2, "0")}`;
  return Number(
    t.open.sqlite
      .prepare(
        "insert into stock_reports (facility_id, period, status, source, due_date, created_at) values (?, ?, 'draft', 'ledger', '2010-01-15', '2026-11-15') returning id",
      )
      .pluck()
      .get(facilityId, period),
  );
}

/** A fresh order where the facility both orders and supplies, so that either side decides the scope. */
function orderFor(facilityId: string): number {
  return Number(
    t.open.sqlite
      .prepare(
        "insert into orders (facility_id, supplier_id, period, flow, kind, status, created_at, updated_at) values (?, ?, '2026-10', 'cost_recovery', 'regular', 'draft', '2026-11-15', '2026-11-15') returning id",
      )
      .pluck()
      .get(facilityId, facilityId),
  );
}
/** A fresh draft route plan from the facility (direct insert: this test is about access, not content). */
function planFor(depotId: string): number {
  const empty = JSON.stringify({ facilityIds: [], durationsS: [], distancesM: [] });
  return Number(
    t.open.sqlite
      .prepare(
        "insert into route_plans (depot_id, date, rainy_season, road_model, matrix_json, total_distance_m, total_duration_s, total_cost_xof, created_at, updated_at) values (?, '2026-11-20', 0, 'great_circle', ?, 0, 0, 0, '2026-11-15', '2026-11-15') returning id",
      )
      .pluck()
      .get(depotId, empty),
  );
}

const EXAMPLES: Record<string, Example> = {
  "get /health": () => ({ url: "/health" }),
  "get /config": () => ({ url: "/config" }),
  "post /auth/login": () => ({ url: "/auth/login", body: { username: "admin", password: ADMIN_PASSWORD } }),
  "get /auth/me": () => ({ url: "/auth/me" }),
  "post /auth/logout": () => ({ url: "/auth/logout" }),
  "post /auth/password": () => ({
    url: "/auth/password",
    body: { currentPassword: "wrong-on-purpose", newPassword: "another-long-password" },
  }),
  "get /regions": () => ({ url: "/regions" }),
  "get /regions/boundaries": () => ({ url: "/regions/boundaries" }),
  "get /districts": () => ({ url: "/districts" }),
  "get /facilities": () => ({ url: "/facilities?level=district" }),
  "get /facilities/:id": (f) => ({ url: `/facilities/${f}` }),
  "get /programmes": () => ({ url: "/programmes" }),
  "get /products": () => ({ url: "/products" }),
  "get /facilities/:id/stock": (f) => ({ url: `/facilities/${f}/stock` }),
  "get /facilities/:id/stock/:productId/card": (f) => ({ url: `/facilities/${f}/stock/${productId}/card` }),
  "get /stock/status": () => ({ url: `/stock/status?productId=${productId}` }),
  "get /indicators": () => ({ url: "/indicators" }),
  "get /indicators/consumption": () => ({ url: `/indicators/consumption?productId=${productId}` }),
  "get /facilities/:id/history": (f) => ({ url: `/facilities/${f}/history?productId=${productId}` }),
  "post /stock/movements": (f) => ({
    url: "/stock/movements",
    body: { type: "receipt", facilityId: f, productId, lotCode: "AUTHZ-1", expiry: "2028-01-31", quantity: 1 },
    headers: key(),
  }),
  "post /stock/counts": (f) => ({
    url: "/stock/counts",
    body: { facilityId: f, lines: [{ lotId, countedQty: 0 }] },
    headers: key(),
  }),
  "get /audit": () => ({ url: "/audit" }),
  "get /reports": () => ({ url: "/reports" }),
  "get /reports/:id": (f) => ({ url: `/reports/${reportFor(f)}` }),
  "post /reports": (f) => ({ url: "/reports", body: { facilityId: f, period: "2026-09" }, headers: key() }),
  "put /reports/:id/lines": (f) => ({
    url: `/reports/${reportFor(f)}/lines`,
    body: { lines: [{ productId, opening: 1, received: 0, consumed: 0, adjustments: 0, closing: 1, stockoutDays: 0 }] },
    headers: key(),
  }),
  "post /reports/:id/submit": (f) => ({ url: `/reports/${reportFor(f)}/submit`, headers: key() }),
  "get /orders": () => ({ url: "/orders" }),
  "get /orders/:id": (f) => ({ url: `/orders/${orderFor(f)}` }),
  "post /orders/from-report": (f) => ({ url: "/orders/from-report", body: { reportId: reportFor(f) }, headers: key() }),
  "patch /orders/:id/lines": (f) => ({
    url: `/orders/${orderFor(f)}/lines`,
    body: { lines: [{ lineId: 999999, requestedQty: 1 }] },
    headers: key(),
  }),
  "post /orders/:id/submit": (f) => ({ url: `/orders/${orderFor(f)}/submit`, headers: key() }),
  "post /orders/:id/approve": (f) => ({ url: `/orders/${orderFor(f)}/approve`, body: {}, headers: key() }),
  "post /orders/:id/reject": (f) => ({
    url: `/orders/${orderFor(f)}/reject`,
    body: { reason: "Quantités à revoir" },
    headers: key(),
  }),
  "post /orders/:id/pick": (f) => ({ url: `/orders/${orderFor(f)}/pick`, headers: key() }),
  "post /orders/:id/ship": (f) => ({ url: `/orders/${orderFor(f)}/ship`, body: {}, headers: key() }),
  "post /orders/:id/deliver": (f) => ({
    url: `/orders/${orderFor(f)}/deliver`,
    body: { lines: [{ lineId: 1, lots: [{ lotId: 1, acceptedQty: 1, rejectedQty: 0 }] }] },
    headers: key(),
  }),
  "post /orders/:id/receive": (f) => ({ url: `/orders/${orderFor(f)}/receive`, headers: key() }),
  "get /route-plans": (f) => ({ url: `/route-plans?depotId=${f}` }),
  "get /route-plans/:id": (f) => ({ url: `/route-plans/${planFor(f)}` }),
  "get /route-plans/candidates": (f) => ({ url: `/route-plans/candidates?depotId=${f}&date=2026-11-20` }),
  "post /route-plans": (f) => ({
    url: "/route-plans",
    body: {
      depotId: f,
      date: "2026-11-20",
      vehicles: [{ name: "V", capacityKg: 100, capacityL: 100 }],
      stops: [{ facilityId: ids.katiCscom, loadKg: 1 }],
      solver: { maxIterations: 10 },
    },
    headers: key(),
  }),
  "patch /route-plans/:id": (f) => ({
    url: `/route-plans/${planFor(f)}`,
    body: { status: "published" },
    headers: key(),
  }),
  "post /vrp/solve": () => ({
    url: "/vrp/solve?maxIterations=10",
    body: {
      jobs: [{ id: 1, location_index: 1, delivery: [1] }],
      vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [5] }],
      matrices: {
        car: {
          durations: [
            [0, 60],
            [60, 0],
          ],
        },
      },
    },
  }),
  "post /orders/cycle": () => ({ url: "/orders/cycle", body: { period: "2026-09" }, headers: key() }),
  "post /orders/depot": (f) => ({ url: "/orders/depot", body: { facilityId: f, period: "2026-10" }, headers: key() }),
  "post /orders/emergency": (f) => ({ url: "/orders/emergency", body: { facilityId: f }, headers: key() }),
  "post /allocations/preview": (f) => ({
    url: "/allocations/preview",
    body: { productId, sourceFacilityId: f, districtId: "kati" },
  }),
  "post /allocations": (f) => ({
    url: "/allocations",
    body: { productId, sourceFacilityId: f, districtId: "kati" },
    headers: key(),
  }),
  "post /replenishment/preview": () => ({
    url: "/replenishment/preview",
    body: {
      product: { packSize: 10, packRoundingThreshold: 3, roundToZero: false },
      policy: { rule: "forced", maxMonths: 3, minMonths: 1, eopMonths: 0.5 },
      periods: [{ days: 30, consumed: 10, stockoutDays: 0 }],
      stockOnHand: 5,
      inTransit: 0,
    },
  }),
};

const keyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

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

async function agentFor(role: Role): Promise<TestAgent> {
  const agent = request.agent(t.app);
  await signIn(agent, USERS[role].username, USERS[role].password);
  return agent;
}

async function send(role: Role, route: RegisteredRoute, facility: string) {
  // Logout ends the session: give it one of its own.
  const agent = await agentFor(role);
  const ex = EXAMPLES[keyOf(route)]!(facility);
  const req =
    route.method === "get"
      ? agent.get(`/api/v1${ex.url}`)
      : agent[route.method](`/api/v1${ex.url}`).send(ex.body ?? {});
  for (const [k, v] of Object.entries(ex.headers ?? {})) req.set(k, v);
  return req;
}

/**
 * Whether a response shows the request got past authorisation: it may still fail on its content
 * (a wrong current password, an order in the wrong status), but not as forbidden or hidden.
 */
function allowed(status: number, body: { error?: { code: string; message: string } }) {
  if (status === 401 || status === 403 || status === 404) return false;
  return !(status === 400 && /unknown (facility|report|order)/.test(body.error?.message ?? ""));
}

/** Whether a response hides the object: 404, or the same field error as an unknown reference. */
function hidden(status: number, body: { error?: { code: string; message: string } }) {
  return status === 404 || (status === 400 && /unknown (facility|report|order)/.test(body.error?.message ?? ""));
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 3, months: 2 });
  const one = (sql: string) => t.open.sqlite.prepare(sql).pluck().get() as string;
  ids.katiDepot = one("select id from facilities where level = 'district' and district_id = 'kati'");
  ids.moptiDepot = one("select id from facilities where level = 'district' and district_id = 'mopti'");
  ids.katiCscom = one("select scope_facility_id from users where username = 'cscom.kati'");
  productId = Number(one("select id from products order by id limit 1"));
  lotId = Number(one("select id from lots order by id limit 1"));
});

/** What each role may do, written out independently of server/policies so that a mistaken grant fails. */
const EXPECTED_GRANTS: Record<Role, string[]> = {
  admin: [
    "audit:read",
    "orders:approve",
    "orders:deliver",
    "orders:fulfil",
    "orders:read",
    "orders:request",
    "reference:read",
    "reports:write",
    "routes:plan",
    "routes:read",
    "session",
    "stock:read",
    "stock:write",
    "vrp:solve",
  ],
  procurement_officer: ["orders:approve", "orders:read", "reference:read", "session", "stock:read"],
  regional_manager: [
    "orders:approve",
    "orders:deliver",
    "orders:fulfil",
    "orders:read",
    "orders:request",
    "reference:read",
    "routes:plan",
    "routes:read",
    "session",
    "stock:read",
    "stock:write",
    "vrp:solve",
  ],
  district_pharmacist: [
    "orders:approve",
    "orders:deliver",
    "orders:fulfil",
    "orders:read",
    "orders:request",
    "reference:read",
    "reports:write",
    "routes:plan",
    "routes:read",
    "session",
    "stock:read",
    "stock:write",
    "vrp:solve",
  ],
  storekeeper: [
    "orders:deliver",
    "orders:fulfil",
    "orders:read",
    "reference:read",
    "routes:plan",
    "routes:read",
    "session",
    "stock:read",
    "stock:write",
    "vrp:solve",
  ],
  cscom_manager: [
    "orders:deliver",
    "orders:read",
    "orders:request",
    "reference:read",
    "reports:write",
    "session",
    "stock:read",
    "stock:write",
  ],
  driver: ["reference:read", "routes:read", "session"],
};

describe("authorisation matrix", () => {
  it("grants each role exactly the expected actions", () => {
    for (const role of Object.keys(EXPECTED_GRANTS) as Role[])
      expect([...ROLE_ACTIONS[role]].sort(), role).toEqual(EXPECTED_GRANTS[role]);
  });

  it("has a policy for every route Express serves, and an example for every policy", () => {
    const registered = (t.app.locals.routes as RegisteredRoute[]).map(keyOf).sort();
    const served = expressRoutes((t.app as unknown as { router: { stack: unknown[] } }).router.stack)
      .map(keyOf)
      .sort();
    expect(served).toEqual(registered);
    expect(Object.keys(EXAMPLES).sort()).toEqual(registered);
  });

  it("answers unauthenticated requests to every non-public route with 401", async () => {
    for (const route of t.app.locals.routes as RegisteredRoute[]) {
      if (route.spec.action === "public") continue;
      const ex = EXAMPLES[keyOf(route)]!(ids.katiDepot!);
      const res =
        route.method === "get"
          ? await request(t.app).get(`/api/v1${ex.url}`)
          : await request(t.app)
              [route.method](`/api/v1${ex.url}`)
              .send(ex.body ?? {});
      expect(res.status, keyOf(route)).toBe(401);
    }
  });

  const roles = Object.keys(USERS) as Role[];
  it.each(roles)("gives %s exactly the access its policy grants, in and out of scope", async (role) => {
    for (const route of t.app.locals.routes as RegisteredRoute[]) {
      const { action } = route.spec;
      const scoped = Boolean(route.spec.facilities);
      const granted = action === "public" || ROLE_ACTIONS[role].includes(action);
      const label = `${role} ${keyOf(route)}`;
      const inside = USERS[role].inScope() ?? ids.katiDepot!;
      const res = await send(role, route, inside);
      if (!granted) {
        expect(res.status, label).toBe(403);
        expect(res.body.error.code, label).toBe("forbidden");
        continue;
      }
      if (!scoped || USERS[role].inScope() !== null)
        expect(
          allowed(res.status, res.body),
          `${label} in scope → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
        ).toBe(true);
      if (!scoped || NATIONAL.includes(role)) continue;
      const out = await send(role, route, USERS[role].outOfScope());
      expect(
        hidden(out.status, out.body),
        `${label} out of scope → ${out.status} ${JSON.stringify(out.body).slice(0, 200)}`,
      ).toBe(true);
    }
  });

  it("answers an out-of-scope facility exactly like one that does not exist", async () => {
    const agent = await agentFor("district_pharmacist");
    const outside = await agent.get(`/api/v1/facilities/${ids.moptiDepot}/stock`);
    const missing = await agent.get("/api/v1/facilities/no-such-facility/stock");
    expect(outside.status).toBe(missing.status);
    expect(outside.body.error.code).toBe(missing.body.error.code);
  });
});
