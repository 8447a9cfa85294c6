/**
 * Facilities (POST /facilities, PATCH /facilities/:id): create and edit with coordinates, hours, access and
 * suppliers; bad input refused with the field named and nothing written; a regional manager edits the facilities
 * of their region only; closing keeps the history and stops orders, but is refused while orders are in progress,
 * stock sent to or by it is in transit, or open facilities are supplied by it; every change audited with before/after.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let regional: TestAgent;
let n = 0;
const key = () => ({ "Idempotency-Key": `facility-admin-${++n}` });
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const row = (sql: string, ...args: unknown[]) => t.open.sqlite.prepare(sql).get(...args) as Record<string, unknown>;
const issuesOf = (res: request.Response) =>
  (res.body.error?.details?.issues ?? []) as { path: string; message: string; key?: string }[];
const counts = () => ({
  facilities: one<number>("select count(*) from facilities"),
  lines: one<number>("select count(*) from supply_lines"),
  audit: one<number>("select count(*) from audit_log where object_type = 'facility'"),
});

let katiDepot: string;
let moptiDepot: string;
const NEW_CSCOM = {
  name: "CSCom de Sirakoro",
  level: "cscom",
  code: "ml-kat-042",
  lat: 12.71,
  lon: -8.12,
  districtId: "kati",
  opensAt: "07:30",
  closesAt: "17:00",
  rainySeasonAccess: "slow",
  contactPhone: "+223 76 12 34 56",
};

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 2, months: 2 });
  katiDepot = one("select scope_facility_id from users where username = 'magasin.kati'");
  moptiDepot = one("select id from facilities where level = 'district' and district_id = 'mopti'");
  regional = request.agent(t.app);
  await signIn(regional, "region.koulikoro", DEMO_PASSWORD);
});

async function createCscom(body: Record<string, unknown> = {}, agent: TestAgent = t.agent) {
  return agent
    .post("/api/v1/facilities")
    .set(key())
    .send({ ...NEW_CSCOM, supplyLines: [{ programmeCode: "cost_recovery", supplierId: katiDepot }], ...body });
}

describe("creating a facility", () => {
  it("stores it in its district's region with its supplier, and audits it", async () => {
    const res = await createCscom();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ code: "ML-KAT-042", regionId: "koulikoro", districtId: "kati", active: true });
    const stored = row("select * from facilities where id = ?", res.body.id);
    expect(stored).toMatchObject({ lat: 12.71, lon: -8.12, opens_at: "07:30", rainy_season_access: "slow" });
    expect(one("select supplier_id from supply_lines where facility_id = ?", res.body.id)).toBe(katiDepot);
    const line = row("select * from audit_log where action = 'facility.create' and object_id = ?", res.body.id);
    expect(JSON.parse(String(line.after_json)).name).toBe("CSCom de Sirakoro");
  });

  it("refuses bad input with the field named and writes nothing", async () => {
    const before = counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ code: "ML-X-1", lat: 48.85 }, "lat"],
      [{ code: "ML-X-2", districtId: undefined }, "districtId"],
      [{ code: "ML-X-3", opensAt: "18:00" }, "closesAt"],
      [{ code: "ML-X-4", contactPhone: "appelez-moi" }, "contactPhone"],
      [{ code: "ML-KAT-042" }, "code"],
      [{ code: "ML-X-5", level: "hospital" }, "level"],
      [
        {
          code: "ML-X-7",
          supplyLines: [
            {
              programmeCode: "cost_recovery",
              supplierId: one("select id from facilities where level = 'cscom' and district_id = 'kati' limit 1"),
            },
          ],
        },
        "supplyLines.0.supplierId",
      ],
    ];
    for (const [body, field] of cases) {
      const res = await createCscom(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        issuesOf(res).map((i) => i.path),
        JSON.stringify(res.body),
      ).toContain(field);
    }
    expect(counts()).toEqual(before);
  });
});

describe("editing a facility", () => {
  it("changes its coordinates and contact, audited with before and after", async () => {
    const id = one<string>("select id from facilities where code = 'ML-KAT-042'");
    const res = await t.agent
      .patch(`/api/v1/facilities/${id}`)
      .set(key())
      .send({ lat: 12.72, lon: -8.1, contactPhone: null, insecure: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(row("select lat, lon, contact_phone, insecure from facilities where id = ?", id)).toEqual({
      lat: 12.72,
      lon: -8.1,
      contact_phone: null,
      insecure: 1,
    });
    const line = row("select * from audit_log where action = 'facility.update' and object_id = ?", id);
    expect(JSON.parse(String(line.before_json))).toMatchObject({ lat: 12.71, contactPhone: "+223 76 12 34 56" });
    expect(JSON.parse(String(line.after_json))).toMatchObject({ lat: 12.72, contactPhone: null, insecure: true });
  });

  it("lets a regional manager edit the facilities of their region only", async () => {
    const id = one<string>("select id from facilities where code = 'ML-KAT-042'");
    const mine = await regional.patch(`/api/v1/facilities/${id}`).set(key()).send({ name: "CSCom de Sirakoro II" });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    const name = one("select name from facilities where id = ?", moptiDepot);
    const other = await regional.patch(`/api/v1/facilities/${moptiDepot}`).set(key()).send({ name: "Pris" });
    expect(other.status).toBe(404);
    const moved = await regional.patch(`/api/v1/facilities/${id}`).set(key()).send({ districtId: "mopti" });
    expect(moved.status).toBe(400);
    expect(issuesOf(moved)).toContainEqual(
      expect.objectContaining({ path: "districtId", message: "unknown district mopti" }),
    );
    const before = counts();
    const created = await createCscom({ code: "ML-MOP-9", districtId: "mopti", supplyLines: [] }, regional);
    expect(created.status).toBe(400);
    expect(counts()).toEqual(before);
    expect(one("select name from facilities where id = ?", moptiDepot)).toBe(name);
    expect(one("select district_id from facilities where id = ?", id)).toBe("kati");
  });
});

describe("closing a facility", () => {
  it("keeps its history, takes it off the lists and refuses its orders", async () => {
    const id = one<string>("select id from facilities where code = 'ML-KAT-042'");
    const orderId = one<number>(
      "insert into orders (facility_id, supplier_id, period, flow, kind, status, created_at, updated_at) values (?, ?, '2026-10', 'cost_recovery', 'regular', 'draft', '2026-11-15', '2026-11-15') returning id",
      id,
      katiDepot,
    );
    const res = await t.agent.patch(`/api/v1/facilities/${id}`).set(key()).send({ active: false });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(row("select active, closed_at from facilities where id = ?", id)).toEqual({
      active: 0,
      closed_at: t.now.value.toISOString(),
    });
    expect(one("select count(*) from audit_log where action = 'facility.close' and object_id = ?", id)).toBe(1);
    const open = await t.agent.get("/api/v1/facilities").query({ districtId: "kati", level: "cscom" });
    expect(open.body.items.map((f: { id: string }) => f.id)).not.toContain(id);
    const closed = await t.agent.get("/api/v1/facilities").query({ districtId: "kati", status: "closed" });
    expect(closed.body.items.map((f: { id: string }) => f.id)).toContain(id);
    expect((await t.agent.get(`/api/v1/facilities/${id}`)).status).toBe(200);

    const submit = await t.agent.post(`/api/v1/orders/${orderId}/submit`).set(key());
    expect(submit.status).toBe(409);
    expect(submit.body.error.code).toBe("facility_closed");
    expect(one("select status from orders where id = ?", orderId)).toBe("draft");
    const orders = one<number>("select count(*) from orders");
    const emergency = await t.agent.post("/api/v1/orders/emergency").set(key()).send({ facilityId: id });
    expect(emergency.status).toBe(409);
    expect(one("select count(*) from orders")).toBe(orders);

    const reopened = await t.agent.patch(`/api/v1/facilities/${id}`).set(key()).send({ active: true });
    expect(reopened.status).toBe(200);
    expect(row("select active, closed_at from facilities where id = ?", id)).toEqual({ active: 1, closed_at: null });
  });

  it("is refused while it supplies open facilities or has orders in progress", async () => {
    const res = await t.agent.patch(`/api/v1/facilities/${katiDepot}`).set(key()).send({ active: false });
    expect(res.status).toBe(409);
    expect(issuesOf(res).map((i) => i.key)).toContain("facility.suppliesOthers");
    expect(one("select active from facilities where id = ?", katiDepot)).toBe(1);

    const id = one<string>("select id from facilities where code = 'ML-KAT-042'");
    t.open.sqlite
      .prepare(
        "insert into orders (facility_id, supplier_id, period, flow, kind, status, created_at, updated_at) values (?, ?, '2026-09', 'cost_recovery', 'regular', 'approved', '2026-11-15', '2026-11-15')",
      )
      .run(id, katiDepot);
    const busy = await t.agent.patch(`/api/v1/facilities/${id}`).set(key()).send({ active: false });
    expect(busy.status).toBe(409);
    expect(issuesOf(busy).map((i) => i.key)).toContain("facility.ordersInProgress");
    expect(one("select active from facilities where id = ?", id)).toBe(1);
  });

  it("is refused while a transfer to it is in transit, and changes nothing", async () => {
    const created = await createCscom({ code: "ml-kat-043", name: "CSCom de Kalifabougou" });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const store = request.agent(t.app);
    await signIn(store, "magasin.kati", DEMO_PASSWORD);
    const productId = one<number>(
      "select b.product_id from stock_balances b join products p on p.id = b.product_id where b.facility_id = ? and p.programme_code = 'cost_recovery' and b.qty_on_hand >= 10 order by b.product_id limit 1",
      katiDepot,
    );
    const sent = await store
      .post("/api/v1/stock/movements")
      .set(key())
      .send({ type: "transfer", facilityId: katiDepot, toFacilityId: id, productId, quantity: 3 });
    expect(sent.status).toBe(201);
    const before = { ...counts(), facility: row("select * from facilities where id = ?", id) };
    const res = await t.agent.patch(`/api/v1/facilities/${id}`).set(key()).send({ active: false });
    expect(res.status).toBe(409);
    expect(issuesOf(res).map((i) => i.key)).toContain("facility.transfersInTransit");
    expect({ ...counts(), facility: row("select * from facilities where id = ?", id) }).toEqual(before);
    expect(one("select status from stock_transfers where id = ?", sent.body.transferId)).toBe("in_transit");
  });
});
