/**
 * GET /orders over the whole country for the procurement officer: narrowed by the ordering facility's region and
 * district (with status, month and paging), an unknown region answered 404, and a district pharmacist still limited
 * to their scope whatever region they name.
 */
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, makeTestApp, signIn, type TestContext } from "../helpers/app";

let t: TestContext;
let officer: TestAgent;
const placed: { id: number; regionId: string; districtId: string }[] = [];

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 1 });
  officer = request.agent(t.app);
  await signIn(officer, "ppm.achats", DEMO_PASSWORD);
  // Two CSCom orders in each of three districts of two regions.
  const cscoms = t.open.sqlite
    .prepare(
      `select f.id, f.region_id regionId, f.district_id districtId, sl.supplier_id supplierId
         from facilities f join supply_lines sl on sl.facility_id = f.id and sl.programme_code = 'cost_recovery'
        where f.level = 'cscom' and f.district_id in ('kati', 'kolokani', 'bandiagara') group by f.district_id, f.id order by f.id`,
    )
    .all() as { id: string; regionId: string; districtId: string; supplierId: string }[];
  const insert = t.open.sqlite.prepare(
    "insert into orders (facility_id, supplier_id, period, flow, kind, status, created_at, updated_at) values (?, ?, ?, 'cost_recovery', 'regular', ?, '2026-11-01', '2026-11-01') returning id",
  );
  for (const district of ["kati", "kolokani", "bandiagara"]) {
    const f = cscoms.find((c) => c.districtId === district)!;
    for (const [period, status] of [
      ["2026-10", "submitted"],
      ["2026-09", "approved"],
    ]) {
      const id = Number(insert.pluck().get(f.id, f.supplierId, period, status));
      placed.push({ id, regionId: f.regionId, districtId: f.districtId });
    }
  }
});

const ids = (res: request.Response) => (res.body.items as { id: number }[]).map((o) => o.id).sort((a, b) => a - b);
const expected = (keep: (o: (typeof placed)[number]) => boolean) =>
  placed
    .filter(keep)
    .map((o) => o.id)
    .sort((a, b) => a - b);

describe("the national orders list", () => {
  it("narrows every order of the country to a region, then a district, with status, month and paging", async () => {
    const koulikoro = await officer.get("/api/v1/orders?regionId=koulikoro&limit=50");
    expect(koulikoro.status).toBe(200);
    expect(ids(koulikoro)).toEqual(expected((o) => o.regionId === "koulikoro"));
    const kati = await officer.get("/api/v1/orders?regionId=koulikoro&districtId=kati");
    expect(ids(kati)).toEqual(expected((o) => o.districtId === "kati"));
    const submitted = await officer.get("/api/v1/orders?districtId=bandiagara&status=submitted&period=2026-10");
    expect(ids(submitted)).toEqual(expected((o) => o.districtId === "bandiagara").slice(0, 1));
    const page = await officer.get("/api/v1/orders?regionId=koulikoro&limit=1&offset=1");
    expect(page.body.total).toBe(4);
    expect(page.body.items).toHaveLength(1);
  });

  it("answers an unknown region with 404, and keeps a district pharmacist to their district", async () => {
    expect((await officer.get("/api/v1/orders?regionId=atlantis")).status).toBe(404);
    const pharmacist = request.agent(t.app);
    await signIn(pharmacist, "pharmacien.kati", DEMO_PASSWORD);
    expect((await pharmacist.get("/api/v1/orders?districtId=bandiagara")).status).toBe(404);
    const own = await pharmacist.get("/api/v1/orders?regionId=koulikoro");
    expect(ids(own)).toEqual(expected((o) => o.districtId === "kati"));
  });
});
