/**
 * Every state-changing route leaves a line in the audit log. The test sends one successful request
 * to each write route (in an order that makes each one valid) and fails when a registered write
 * route has no step here, so a new endpoint cannot skip the audit unnoticed.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import type { RegisteredRoute } from "../../server/routes/secureRouter";
import { ADMIN_PASSWORD, DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";
import { startFakeDhis2 } from "../helpers/fakeDhis2";
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES } from "../../shared/contracts/audit";

/** POST routes that compute without changing anything: nothing to audit. */
const READ_ONLY_POSTS = new Set([
  "post /replenishment/preview",
  "post /allocations/preview",
  "post /vrp/solve",
  "post /quantification/runs",
  "post /quantification/history-imports/preview",
  "post /interop/gs1/parse",
  "post /interop/dhis2/mappings/import/preview",
  "post /interop/dhis2/settings/test",
  "post /interop/dhis2/org-units/preview",
  "post /sheets/:entity/preview",
  "post /sheets/facilities/preview",
  "post /sheets/policies/preview",
  "post /sheets/users/preview",
  "post /sheets/opening-stock/preview",
]);

let t: TestContext;
let depotId: string;
let cscomId: string;
let pharmacist: TestAgent;
let storekeeper: TestAgent;
let cscom: TestAgent;
let n = 0;
const k = () => ({ "Idempotency-Key": `audit-coverage-${++n}` });
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const audited = (action: string) => one<number>("select count(*) from audit_log where action = ?", action);

/** Route key → the audit action its success must record. */
const covered = new Map<string, string>();
async function step(
  route: string,
  action: string,
  send: () => Promise<request.Response>,
  expectStatus = [200, 201, 204],
) {
  const before = audited(action);
  const res = await send();
  expect(expectStatus, `${route} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toContain(res.status);
  expect(audited(action), `${route} should audit ${action}`).toBeGreaterThan(before);
  covered.set(route, action);
  return res;
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 2, months: 6 });
  depotId = one("select scope_facility_id from users where username = 'magasin.kati'");
  cscomId = one("select scope_facility_id from users where username = 'cscom.kati'");
  pharmacist = request.agent(t.app);
  await signIn(pharmacist, "pharmacien.kati", DEMO_PASSWORD);
  storekeeper = request.agent(t.app);
  await signIn(storekeeper, "magasin.kati", DEMO_PASSWORD);
  cscom = request.agent(t.app);
  await signIn(cscom, "cscom.kati", DEMO_PASSWORD);
});

describe("audit coverage of the write routes", () => {
  it("records a change made through each write endpoint", async () => {
    const productId = one<number>(
      "select product_id from stock_balances where facility_id = ? and qty_on_hand > 100 limit 1",
      depotId,
    );
    const anon = request.agent(t.app);
    await step("post /auth/login", "auth.login", () =>
      anon.post("/api/v1/auth/login").send({ username: "admin", password: ADMIN_PASSWORD }),
    );
    const csrf = (await anon.get("/api/v1/auth/me")).body.csrfToken;
    await step(
      "post /auth/password",
      "auth.password.change",
      () =>
        anon
          .post("/api/v1/auth/password")
          .set("X-CSRF-Token", csrf)
          .send({ currentPassword: ADMIN_PASSWORD, newPassword: "another-long-password" }),
      [204],
    );
    await step(
      "post /auth/logout",
      "auth.logout",
      () => anon.post("/api/v1/auth/logout").set("X-CSRF-Token", csrf),
      [204],
    );

    const receipt = await step("post /stock/movements", "stock.movement.create", () =>
      storekeeper.post("/api/v1/stock/movements").set(k()).send({
        type: "receipt",
        facilityId: depotId,
        productId,
        lotCode: "AUDIT-1",
        expiry: "2028-01-31",
        quantity: 10,
      }),
    );
    await step("post /stock/counts", "stock.count.create", () =>
      storekeeper
        .post("/api/v1/stock/counts")
        .set(k())
        .send({ facilityId: depotId, lines: [{ lotId: receipt.body.movements[0].lotId, countedQty: 9 }] }),
    );

    const sent = await storekeeper
      .post("/api/v1/stock/movements")
      .set(k())
      .send({ type: "transfer", facilityId: depotId, toFacilityId: cscomId, productId, quantity: 5 });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await step("post /transfers/:id/receive", "transfer.receive", () =>
      cscom
        .post(`/api/v1/transfers/${sent.body.transferId}/receive`)
        .set(k())
        .send({
          lots: sent.body.movements.map((m: { lotId: number; qtyDelta: number }) => ({
            lotId: m.lotId,
            acceptedQty: -m.qtyDelta,
            rejectedQty: 0,
          })),
        }),
    );
    await step(
      "post /facilities/:id/periods/:period/close",
      "period.close",
      () => storekeeper.post(`/api/v1/facilities/${depotId}/periods/2026-08/close`).set(k()),
      [201],
    );

    const report = await step("post /reports", "report.create", () =>
      cscom.post("/api/v1/reports").set(k()).send({ facilityId: cscomId, period: "2026-10" }),
    );
    const l = report.body.lines[0];
    await step("put /reports/:id/lines", "report.lines.update", () =>
      cscom
        .put(`/api/v1/reports/${report.body.id}/lines`)
        .set(k())
        .send({
          lines: [
            {
              productId: l.productId,
              opening: l.opening,
              received: l.received,
              consumed: l.consumed,
              adjustments: l.adjustments,
              closing: l.closing,
              stockoutDays: 0,
            },
          ],
        }),
    );
    await step("post /reports/:id/submit", "report.submit", () =>
      cscom.post(`/api/v1/reports/${report.body.id}/submit`).set(k()),
    );
    const created = await step("post /orders/from-report", "order.create", () =>
      cscom.post("/api/v1/orders/from-report").set(k()).send({ reportId: report.body.id }),
    );
    const [first, second] = created.body.orders as { id: number; lines: { id: number; requestedQty: number }[] }[];
    await step("patch /orders/:id/lines", "order.edit", () =>
      cscom
        .patch(`/api/v1/orders/${first!.id}/lines`)
        .set(k())
        .send({ lines: [{ lineId: first!.lines[0]!.id, requestedQty: first!.lines[0]!.requestedQty }] }),
    );
    await step("post /orders/:id/submit", "order.submit", () =>
      cscom.post(`/api/v1/orders/${first!.id}/submit`).set(k()),
    );
    await cscom.post(`/api/v1/orders/${second!.id}/submit`).set(k());
    await step("post /orders/:id/reject", "order.reject", () =>
      pharmacist.post(`/api/v1/orders/${second!.id}/reject`).set(k()).send({ reason: "Quantités à revoir" }),
    );
    await step("post /orders/:id/approve", "order.approve", () =>
      pharmacist.post(`/api/v1/orders/${first!.id}/approve`).set(k()).send({}),
    );
    await step("post /orders/:id/pick", "order.pick", () =>
      storekeeper.post(`/api/v1/orders/${first!.id}/pick`).set(k()),
    );
    await step("post /orders/:id/unpick", "order.unpick", () =>
      storekeeper.post(`/api/v1/orders/${first!.id}/unpick`).set(k()),
    );
    await storekeeper.post(`/api/v1/orders/${first!.id}/pick`).set(k());
    const shipped = await step("post /orders/:id/ship", "order.ship", () =>
      storekeeper.post(`/api/v1/orders/${first!.id}/ship`).set(k()).send({ shortfallAction: "backorder" }),
    );
    const pod = shipped.body.order.lines
      .filter((x: { shippedQty: number }) => x.shippedQty > 0)
      .map((x: { id: number; lots: { lotId: number; shippedQty: number }[] }) => ({
        lineId: x.id,
        lots: x.lots
          .filter((lot) => lot.shippedQty > 0)
          .map((lot) => ({ lotId: lot.lotId, acceptedQty: lot.shippedQty, rejectedQty: 0 })),
      }));
    await step("post /orders/:id/deliver", "order.deliver", () =>
      cscom.post(`/api/v1/orders/${first!.id}/deliver`).set(k()).send({ lines: pod }),
    );
    await step("post /orders/:id/receive", "order.receive", () =>
      cscom.post(`/api/v1/orders/${first!.id}/receive`).set(k()),
    );

    // The month's orders exist now: the depot orders up the chain from its CSComs' demand.
    await step(
      "post /orders/cycle",
      "order.cycle",
      () => pharmacist.post("/api/v1/orders/cycle").set(k()).send({ period: "2026-09" }),
      [201],
    );
    await step("post /orders/depot", "order.create", () =>
      pharmacist.post("/api/v1/orders/depot").set(k()).send({ facilityId: depotId, period: "2026-10" }),
    );
    const counted = one<number>(
      "select lot_id from stock_balances where facility_id = ? and product_id = (select product_id from order_lines where order_id = ? and amc > 0 limit 1) and qty_on_hand > 0 limit 1",
      cscomId,
      first!.id,
    );
    if (counted)
      await cscom
        .post("/api/v1/stock/counts")
        .set(k())
        .send({ facilityId: cscomId, lines: [{ lotId: counted, countedQty: 0 }] });
    await step("post /orders/emergency", "order.create", () =>
      cscom.post("/api/v1/orders/emergency").set(k()).send({ facilityId: cscomId }),
    );

    const malaria = one<number>(
      "select product_id from stock_balances b join products p on p.id = b.product_id where b.facility_id = ? and p.programme_code = 'malaria' and b.qty_on_hand > 0 limit 1",
      depotId,
    );
    const allocation = await step("post /allocations", "allocation.send", () =>
      pharmacist
        .post("/api/v1/allocations")
        .set(k())
        .send({
          productId: malaria,
          sourceFacilityId: depotId,
          districtId: "kati",
          basis: "population",
          population: { unitsPerPersonPerMonth: 0.05, facilities: [{ facilityId: cscomId, targetPopulation: 5000 }] },
        }),
    );

    const plan = await step("post /route-plans", "route_plan.create", () =>
      pharmacist
        .post("/api/v1/route-plans")
        .set(k())
        .send({
          depotId,
          date: "2026-11-20",
          vehicles: [{ name: "Pick-up", capacityKg: 1000, capacityL: 2000 }],
          stops: [{ facilityId: cscomId, loadKg: 10 }],
          solver: { maxIterations: 20 },
        }),
    );
    await step("patch /route-plans/:id", "route_plan.status", () =>
      pharmacist.patch(`/api/v1/route-plans/${plan.body.id}`).set(k()).send({ status: "published", confirm: true }),
    );

    const vehicle = await step("post /depots/:id/vehicles", "fleet.vehicle.create", () =>
      storekeeper
        .post(`/api/v1/depots/${depotId}/vehicles`)
        .set(k())
        .send({ name: "Toyota Hilux", plate: "AB-1234-MD", capacityKg: 1000, capacityL: 3000 }),
    );
    await step("put /depots/:id/vehicles/:vehicleId", "fleet.vehicle.update", () =>
      storekeeper
        .put(`/api/v1/depots/${depotId}/vehicles/${vehicle.body.id}`)
        .set(k())
        .send({ name: "Toyota Hilux", plate: "AB-1234-MD", capacityKg: 900, capacityL: 3000, coldBox: true }),
    );
    // The allocation's order shipped on a published plan; its stop skipped, its goods come back to the depot.
    const shippedOrder = allocation.body.orderIds[0] as number;
    await storekeeper.post(`/api/v1/orders/${shippedOrder}/pick`).set(k());
    await storekeeper.post(`/api/v1/orders/${shippedOrder}/ship`).set(k()).send({ shortfallAction: "backorder" });
    const tour = await pharmacist
      .post("/api/v1/route-plans")
      .set(k())
      .send({
        depotId,
        date: "2026-11-21",
        vehicles: [{ name: "Toyota Hilux", capacityKg: 1000, capacityL: 3000, fleetVehicleId: vehicle.body.id }],
        orderIds: [shippedOrder],
        solver: { maxIterations: 20 },
      });
    await pharmacist.patch(`/api/v1/route-plans/${tour.body.id}`).set(k()).send({ status: "published", confirm: true });
    await step("post /deliveries", "delivery.record", () =>
      pharmacist.post("/api/v1/deliveries").set(k()).send({
        deliveryId: crypto.randomUUID(),
        routePlanId: tour.body.id,
        stopId: tour.body.routes[0].stops[0].id,
        status: "skipped",
        reason: "closed",
      }),
    );
    const returns = await storekeeper.get(`/api/v1/deliveries/returns?depotId=${depotId}`);
    await step("post /deliveries/returns", "delivery.return.receive", () =>
      storekeeper
        .post("/api/v1/deliveries/returns")
        .set(k())
        .send({
          depotId,
          lines: returns.body.items.map((r: { id: number; qtyUnits: number }) => ({
            returnId: r.id,
            receivedQty: r.qtyUnits,
          })),
        }),
    );

    // The administrator's sessions ended with the password change above: the regional manager manages accounts too.
    const regional = request.agent(t.app);
    await signIn(regional, "region.koulikoro", DEMO_PASSWORD);
    const account = await step("post /users", "user.create", () =>
      regional.post("/api/v1/users").set(k()).send({
        username: "audit.coverage",
        displayName: "Audit Coverage",
        role: "district_pharmacist",
        districtId: "kati",
        password: "temporary-password",
      }),
    );
    await step("patch /users/:id", "user.update", () =>
      regional.patch(`/api/v1/users/${account.body.id}`).set(k()).send({ displayName: "Audit Coverage 2" }),
    );

    // Quantification: the procurement officer.
    const officer = request.agent(t.app);
    await signIn(officer, "ppm.achats", DEMO_PASSWORD);
    const central = one<string>("select id from facilities where level = 'central'");
    const shipment = await step("post /quantification/pipeline", "pipeline.create", () =>
      officer.post("/api/v1/quantification/pipeline").set(k()).send({
        facilityId: central,
        productId,
        supplier: "UNICEF",
        fundingSource: "malaria",
        qtyUnits: 300,
        expectedDate: "2027-02-01",
      }),
    );
    const pipelinePath = `/api/v1/quantification/pipeline/${shipment.body.id}`;
    await step("patch /quantification/pipeline/:id", "pipeline.update", () =>
      officer.patch(pipelinePath).set(k()).send({ status: "shipped" }),
    );
    await step("post /quantification/pipeline/:id/receive", "pipeline.receive", () =>
      officer
        .post(`${pipelinePath}/receive`)
        .set(k())
        .send({ lots: [{ lotCode: "AUDIT-PIPE", expiry: "2029-01-31", quantity: 300 }] }),
    );
    const cancelled = await officer.post("/api/v1/quantification/pipeline").set(k()).send({
      facilityId: central,
      productId,
      supplier: "UNICEF",
      fundingSource: "malaria",
      qtyUnits: 10,
      expectedDate: "2027-03-01",
    });
    await step("delete /quantification/pipeline/:id", "pipeline.delete", () =>
      officer.delete(`/api/v1/quantification/pipeline/${cancelled.body.id}`).set(k()),
    );
    const scenario = await step("post /quantification/scenarios", "scenario.create", () =>
      officer.post("/api/v1/quantification/scenarios").set(k()).send({ name: "Audit", settings: {} }),
    );
    await step("put /quantification/scenarios/:scenarioId", "scenario.update", () =>
      officer
        .put(`/api/v1/quantification/scenarios/${scenario.body.id}`)
        .set(k())
        .send({ name: "Audit 2", settings: { horizon: 12 } }),
    );
    await step("delete /quantification/scenarios/:scenarioId", "scenario.delete", () =>
      officer.delete(`/api/v1/quantification/scenarios/${scenario.body.id}`).set(k()),
    );
    await step("put /quantification/budgets", "budgets.update", () =>
      officer
        .put("/api/v1/quantification/budgets")
        .set(k())
        .send({ budgets: [{ fundingSource: "malaria", year: 2027, amountXof: 1_000_000 }] }),
    );
    const code = one<string>("select code from products where id = ?", productId);
    const file = {
      fileName: "history.csv",
      contentBase64: Buffer.from(
        `period,facility,product,opening,received,consumed,adjustments,closing,stockout_days\n2024-01,${cscomId},${code},10,5,3,0,12,0\n`,
      ).toString("base64"),
    };
    const preview = await officer.post("/api/v1/quantification/history-imports/preview").send(file);
    await step("post /quantification/history-imports", "history_import.apply", () =>
      officer
        .post("/api/v1/quantification/history-imports")
        .set(k())
        .send({ ...file, expectedHash: preview.body.contentHash }),
    );
    const facility = await step("post /facilities", "facility.create", () =>
      regional
        .post("/api/v1/facilities")
        .set(k())
        .send({ name: "CSCom Audit", level: "cscom", lat: 12.6, lon: -8, districtId: "kati" }),
    );
    await step("patch /facilities/:id", "facility.update", () =>
      regional.patch(`/api/v1/facilities/${facility.body.id}`).set(k()).send({ name: "CSCom Audit 2" }),
    );
    const admin = request.agent(t.app);
    await signIn(admin, "admin", "another-long-password");
    const product = await step("post /products", "product.create", () =>
      admin.post("/api/v1/products").set(k()).send({
        code: "AUDIT-1",
        genericName: "Audit",
        form: "comprimé",
        baseUnit: "comprimé",
        packSize: 10,
        packRoundingThreshold: 0,
        roundToZero: false,
        ven: "E",
        programmeCode: "cost_recovery",
        category: "Audit",
        coldChain: false,
        packWeightG: 1,
        packVolumeCm3: 1,
        pricePerPackXof: 100,
      }),
    );
    await step("patch /products/:productId", "product.update", () =>
      admin.patch(`/api/v1/products/${product.body.id}`).set(k()).send({ category: "Audit 2" }),
    );
    await step("post /products/:productId/prices", "product.price.set", () =>
      admin
        .post(`/api/v1/products/${product.body.id}/prices`)
        .set(k())
        .send({ pricePerPackXof: 120, validFrom: "2026-11-01" }),
    );

    const sheet = {
      format: "csv",
      contentBase64: Buffer.from(
        "code_produit;date_debut;prix_conditionnement_fcfa\nAUDIT-1;2026-10-01;110\n",
      ).toString("base64"),
    };
    const planned = await admin.post("/api/v1/sheets/prices/preview").send(sheet);
    await step("post /sheets/:entity/import", "sheet.import", () =>
      admin
        .post("/api/v1/sheets/prices/import")
        .set(k())
        .send({ ...sheet, expectedPlanHash: planned.body.planHash }),
    );
    const facilities = await admin.get("/api/v1/facilities/export.csv");
    const facilitySheet = {
      format: "csv",
      // The export as it is: audited (sheet.import) even when it changes nothing.
      contentBase64: Buffer.from(facilities.text, "utf8").toString("base64"),
    };
    const facilityPlan = await admin.post("/api/v1/sheets/facilities/preview").send(facilitySheet);
    await step("post /sheets/facilities/import", "sheet.import", () =>
      admin
        .post("/api/v1/sheets/facilities/import")
        .set(k())
        .send({ ...facilitySheet, expectedPlanHash: facilityPlan.body.planHash }),
    );
    // The policies', accounts' and opening stock's sheets: their exports as they are, audited even when unchanged.
    for (const entity of ["policies", "users", "opening-stock"]) {
      const exported = await admin.get(`/api/v1/${entity}/export.csv`);
      const upload = { format: "csv", contentBase64: Buffer.from(exported.text, "utf8").toString("base64") };
      const plan = await admin.post(`/api/v1/sheets/${entity}/preview`).send(upload);
      await step(`post /sheets/${entity}/import`, "sheet.import", () =>
        admin
          .post(`/api/v1/sheets/${entity}/import`)
          .set(k())
          .send({ ...upload, expectedPlanHash: plan.body.planHash }),
      );
    }
    const policy = await step("post /policies", "policy.create", () =>
      admin.post("/api/v1/policies").set(k()).send({
        level: "cscom",
        productId,
        rule: "forced",
        maxMonths: 3,
        minMonths: 1,
        eopMonths: 0.5,
        reviewPeriodMonths: 1,
        leadTimeDays: 14,
      }),
    );
    await step("patch /policies/:policyId", "policy.update", () =>
      admin.patch(`/api/v1/policies/${policy.body.id}`).set(k()).send({ maxMonths: 4 }),
    );
    await step("delete /policies/:policyId", "policy.delete", () =>
      admin.delete(`/api/v1/policies/${policy.body.id}`).set(k()),
    );
    await step("patch /settings", "settings.update", () =>
      admin.patch("/api/v1/settings").set(k()).send({ reportDueDays: 15 }),
    );
    await interopSteps(admin, l.productId);

    const writes = (t.app.locals.routes as RegisteredRoute[])
      .filter((r) => r.method !== "get")
      .map((r) => `${r.method} ${r.path}`);
    const missing = writes.filter((w) => !READ_ONLY_POSTS.has(w) && !covered.has(w));
    expect(missing).toEqual([]);
    // Every action written is one the web names (shared/contracts/audit), never a raw code on screen.
    const written = t.open.sqlite.prepare("select distinct action from audit_log").pluck().all() as string[];
    expect(written.filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
    const objects = t.open.sqlite.prepare("select distinct object_type from audit_log").pluck().all() as string[];
    expect(objects.filter((o) => !(AUDIT_OBJECT_TYPES as readonly string[]).includes(o))).toEqual([]);
  });
});

/**
 * Interoperability (administrator): a product's GTIN, the DHIS2 mapping row by row and from a sheet, the
 * connection, a dry-run push of October to a fake DHIS2 (the CSCom's submitted report, one field mapped), and an
 * org-unit import of the approved (empty) plan.
 */
async function interopSteps(admin: TestAgent, productId: number) {
  const dhis2 = await startFakeDhis2({ users: [{ username: "fura", password: "district" }] });
  try {
    const gtin = "09521234543213";
    await step("post /interop/gtins", "product.gtin.set", () =>
      admin.post("/api/v1/interop/gtins").set(k()).send({ productId, gtin, packLevel: "pack", baseUnitsPerItem: 10 }),
    );
    await step("delete /interop/gtins/:gtin", "product.gtin.delete", () =>
      admin.delete(`/api/v1/interop/gtins/${gtin}`).set(k()),
    );
    const base = "/api/v1/interop/dhis2/mappings";
    const row = { productId, field: "consumed", dataElementUid: "deAuditCon1" };
    await step("put /interop/dhis2/mappings/data-elements", "dhis2.mapping.dataElement.set", () =>
      admin.put(`${base}/data-elements`).set(k()).send(row),
    );
    await step(
      "delete /interop/dhis2/mappings/data-elements/:productId/:field",
      "dhis2.mapping.dataElement.delete",
      () => admin.delete(`${base}/data-elements/${productId}/consumed`).set(k()),
    );
    await step("put /interop/dhis2/mappings/org-units", "dhis2.mapping.orgUnit.set", () =>
      admin.put(`${base}/org-units`).set(k()).send({ facilityId: depotId, orgUnitUid: "OuAuditDep1" }),
    );
    await step("delete /interop/dhis2/mappings/org-units/:facilityId", "dhis2.mapping.orgUnit.delete", () =>
      admin.delete(`${base}/org-units/${depotId}`).set(k()),
    );
    await step("post /interop/dhis2/mappings/import", "dhis2.mapping.orgUnits.import", () =>
      admin
        .post(`${base}/import`)
        .set(k())
        .send({ kind: "orgUnits", csv: `etablissement;unite_organisation\n${cscomId};OuAuditCsc1\n` }),
    );
    expect((await admin.put(`${base}/data-elements`).set(k()).send(row)).status).toBe(200);
    await step("put /interop/dhis2/settings", "dhis2.settings.update", () =>
      admin
        .put("/api/v1/interop/dhis2/settings")
        .set(k())
        .send({ baseUrl: dhis2.url, authKind: "basic", username: "fura", secret: "district", timeoutS: 5 }),
    );
    await step(
      "post /interop/dhis2/pushes",
      "dhis2.push.dryRun",
      () => admin.post("/api/v1/interop/dhis2/pushes").set(k()).send({ period: "2026-10", dryRun: true }),
      [201],
    );
    const units = { export: { organisationUnits: [{ id: "OuMaliAudit", name: "Mali", level: 1 }] } };
    const preview = await admin.post("/api/v1/interop/dhis2/org-units/preview").set(k()).send(units);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    await step("post /interop/dhis2/org-units/apply", "dhis2.orgUnits.import", () =>
      admin
        .post("/api/v1/interop/dhis2/org-units/apply")
        .set(k())
        .send({ ...units, expectedPlanHash: preview.body.planHash }),
    );
  } finally {
    await dhis2.close();
  }
}
