import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { stockReportLines } from "../../db/schema";
import { eq } from "drizzle-orm";
import { canonicalDataValueSetJson, duplicateDataValueKeys } from "../../shared/domain/interop/dataValueSet";
import { Dhis2ExportResponse } from "../../shared/contracts/interop";
import { buildDhis2Export, dhis2ExportAdx } from "../../server/interop/dhis2Export";
import { resolveArea } from "../../server/queries/area";
import { FIXTURE_NOW, interopFixtureDb } from "../helpers/interopFixture";
import { makeTestApp, type TestContext } from "../helpers/app";
import { startFakeDhis2, type FakeDhis2 } from "../helpers/fakeDhis2";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/dhis2/${name}`, import.meta.url), "utf8");

describe("DHIS2 export of a known month", () => {
  let fake: FakeDhis2 | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  it("equals the checked fixture for district d-1, October 2026", () => {
    const { db } = interopFixtureDb();
    const exp = buildDhis2Export(db, "2026-10", resolveArea(db, { all: true }, { districtId: "d-1" }));
    const { payloadHash, ...rest } = Dhis2ExportResponse.parse(exp);
    expect(rest).toEqual(JSON.parse(fixture("export-d-1-2026-10.json")));
    expect(payloadHash).toBe(createHash("sha256").update(canonicalDataValueSetJson(exp.dataValueSet)).digest("hex"));
    expect(duplicateDataValueKeys(exp.dataValueSet.dataValues)).toEqual([]);
  });

  it("gives the same data as the checked ADX fixture", () => {
    const { db } = interopFixtureDb();
    const exp = buildDhis2Export(db, "2026-10", resolveArea(db, { all: true }, { districtId: "d-1" }));
    expect(dhis2ExportAdx(exp, FIXTURE_NOW)).toBe(fixture("export-d-1-2026-10.adx.xml"));
  });

  it("stores the same values in a DHIS2 whether sent as JSON or as ADX", async () => {
    const { db } = interopFixtureDb();
    const exp = buildDhis2Export(db, "2026-10", resolveArea(db, { all: true }, { districtId: "d-1" }));
    fake = await startFakeDhis2({ users: [{ username: "u", password: "p" }] });
    const post = (body: string, type: string) =>
      fetch(`${fake!.url}/api/dataValueSets?idScheme=UID`, {
        method: "POST",
        headers: { "Content-Type": type, Authorization: `Basic ${Buffer.from("u:p").toString("base64")}` },
        body,
      });
    expect((await post(JSON.stringify(exp.dataValueSet), "application/json")).status).toBe(200);
    const fromJson = new Map(fake.values);
    fake.values.clear();
    expect((await post(dhis2ExportAdx(exp, FIXTURE_NOW), "application/adx+xml")).status).toBe(200);
    expect(fake.rejections).toEqual([]);
    expect(fake.values).toEqual(fromJson);
    expect(fromJson.size).toBe(17);
  });

  it("covers the whole scope when no area is given, a district scope only its district, and refuses a district outside the scope", () => {
    const { db } = interopFixtureDb();
    const all = buildDhis2Export(db, "2026-10", resolveArea(db, { all: true }, {}));
    expect(all.counts).toEqual({ reports: 3, facilitiesSent: 2, dataValues: 25 });
    expect(new Set(all.dataValueSet.dataValues.map((v) => v.orgUnit))).toEqual(new Set(["OuCsComA001", "OuCsComC001"]));
    const districtScope = buildDhis2Export(db, "2026-10", resolveArea(db, { districtId: "d-2" }, {}));
    expect(districtScope.counts).toEqual({ reports: 1, facilitiesSent: 1, dataValues: 8 });
    expect(() => resolveArea(db, { districtId: "d-2" }, { districtId: "d-1" })).toThrow(/Unknown district/);
  });

  it("changes the payload hash when a reported figure changes, and keeps it when nothing does", () => {
    const { db } = interopFixtureDb();
    const area = resolveArea(db, { all: true }, { districtId: "d-1" });
    const first = buildDhis2Export(db, "2026-10", area).payloadHash;
    expect(buildDhis2Export(db, "2026-10", area).payloadHash).toBe(first);
    db.update(stockReportLines).set({ closing: 376 }).where(eq(stockReportLines.closing, 375)).run();
    expect(buildDhis2Export(db, "2026-10", area).payloadHash).not.toBe(first);
  });
});

describe("DHIS2 export on the seeded demo data", () => {
  let ctx: TestContext;

  it("lists every reporting facility and product as unmapped when there is no mapping, and sends nothing", async () => {
    ctx = await makeTestApp({ cscoms: 3, months: 3, reportMonths: 1 });
    const { db } = ctx.open;
    const exp = buildDhis2Export(db, "2026-10", resolveArea(db, { all: true }, {}));
    expect(exp.counts.reports).toBeGreaterThan(0);
    expect(exp.dataValueSet.dataValues).toEqual([]);
    expect(exp.unmappedFacilities).toHaveLength(exp.counts.reports);
    const reported = ctx.open.sqlite
      .prepare(
        "select count(distinct l.product_id) n from stock_report_lines l join stock_reports r on r.id = l.report_id where r.period = '2026-10' and r.status = 'submitted'",
      )
      .get() as { n: number };
    expect(exp.unmappedProducts).toHaveLength(reported.n);
    expect(exp.unmappedProducts.every((p) => p.fields.length === 8)).toBe(true);
  });
});
