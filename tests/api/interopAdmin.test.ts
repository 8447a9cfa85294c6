/**
 * The administrator's interop routes and the scanner's: GS1 barcodes read at receipt (the General
 * Specifications' examples, malformed strings refused with the reason), products' GTINs, the DHIS2 mapping (rows
 * and spreadsheets, CSV and .xlsx, previewed then applied all or nothing), and the import of facilities from a
 * DHIS2 organisation-unit export (created and updated, applied only as previewed).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { GS } from "../../shared/domain/gs1";
import { P } from "../helpers/interopFixture";
import { interopApp } from "../helpers/interopApp";

const key = (() => {
  let n = 0;
  return (name: string) => `interop-${name}-${++n}`;
})();

describe("POST /interop/gs1/parse", () => {
  const parse = async (t: Awaited<ReturnType<typeof interopApp>>, code: string) =>
    t.admin.post("/api/v1/interop/gs1/parse").send({ code });

  it("reads the General Specifications' examples, bracketed and raw, and finds the product by its GTIN", async () => {
    const t = await interopApp();
    const added = await t.admin
      .post("/api/v1/interop/gtins")
      .set("Idempotency-Key", key("gtin"))
      .send({ productId: P.para, gtin: "09501101020917", packLevel: "pack", baseUnitsPerItem: 100 });
    expect(added.status, added.text).toBe(201);
    const expected = {
      gtin: "09501101020917",
      expiry: "2019-05-08",
      lot: "ABCD1234",
      serial: "10",
      product: { productId: P.para, productCode: "TEST-PARA-500", packLevel: "pack", baseUnitsPerItem: 100 },
    };
    const bracketed = await parse(t, "(01)09501101020917(17)190508(10)ABCD1234(21)10");
    expect(bracketed.status, bracketed.text).toBe(200);
    expect(bracketed.body).toMatchObject(expected);
    // As a DataMatrix scanner types it: symbology identifier, GS after the variable-length lot, Enter at the end.
    expect((await parse(t, `]d201095011010209171719050810ABCD1234${GS}2110\r`)).body).toMatchObject(expected);
    const unknownProduct = await parse(t, "]C101095011015300031714070410AB-123");
    expect(unknownProduct.body).toMatchObject({
      gtin: "09501101530003",
      lot: "AB-123",
      expiry: "2014-07-04",
      product: null,
    });
  });

  it("refuses a bad check digit, a date that does not exist and an unknown AI with the reason's code and values", async () => {
    const t = await interopApp();
    const cases: [string, object][] = [
      ["(01)09521234543214", { code: "gs1.badCheckDigit", values: { ai: "01", expected: 3, got: 4 } }],
      ["(01)09521234543213(17)281301", { code: "gs1.badDate", values: { ai: "17", value: "281301" } }],
      ["(01)09521234543213(23)ABC", { code: "gs1.unknownAi", values: { ai: "23", position: 18 } }],
    ];
    for (const [code, reason] of cases) {
      const res = await parse(t, code);
      expect(res.status, code).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(res.body.error.details.reason).toEqual(reason);
      expect(res.body.error.details.issues[0].path).toBe("code");
    }
    const empty = await t.admin.post("/api/v1/interop/gs1/parse").send({});
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.issues[0].path).toBe("code");
  });

  it("is open to every role that records stock, a CSCom manager too", async () => {
    const t = await interopApp();
    const cscom = await t.agentOf("cscom.a");
    expect((await cscom.post("/api/v1/interop/gs1/parse").send({ code: "09521234543213" })).status).toBe(200);
  });
});

describe("products' GTINs", () => {
  it("adds, lists and removes a GTIN; one already on another product is a conflict that changes nothing", async () => {
    const t = await interopApp();
    const add = (productId: number, gtin: string) =>
      t.admin
        .post("/api/v1/interop/gtins")
        .set("Idempotency-Key", key("gtin"))
        .send({ productId, gtin, packLevel: "unit", baseUnitsPerItem: 1 });
    expect((await add(P.amox, "9521234543213")).status).toBe(201);
    const taken = await add(P.zinc, "09521234543213");
    expect(taken.status).toBe(409);
    expect(taken.body.error.details.reason).toBe("gtin.taken");
    const list = await t.admin.get("/api/v1/interop/gtins").query({ productId: P.amox });
    expect(list.body.items.map((g: { gtin: string }) => g.gtin)).toEqual(["09521234543213"]);
    expect((await t.admin.get("/api/v1/interop/gtins").query({ productId: P.zinc })).body.items).toEqual([]);
    const bad = await add(P.amox, "09521234543214");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.reason.code).toBe("gs1.badCheckDigit");
    const removed = await t.admin.delete("/api/v1/interop/gtins/09521234543213").set("Idempotency-Key", key("del"));
    expect(removed.status).toBe(200);
    expect((await t.admin.get("/api/v1/interop/gtins")).body.items).toEqual([]);
    const again = await t.admin.delete("/api/v1/interop/gtins/09521234543213").set("Idempotency-Key", key("del"));
    expect(again.status).toBe(404);
  });
});

describe("DHIS2 mapping", () => {
  const rows = (t: Awaited<ReturnType<typeof interopApp>>) =>
    t.open.sqlite.prepare("select product_id, field, data_element_uid from dhis2_data_elements order by 1, 2").all();

  it("sets, lists and removes one row; a data element already holding another product is refused", async () => {
    const t = await interopApp();
    const put = (body: object) =>
      t.admin.put("/api/v1/interop/dhis2/mappings/data-elements").set("Idempotency-Key", key("map")).send(body);
    const ok = await put({ productId: P.ors, field: "consumed", dataElementUid: "deSroConso1" });
    expect(ok.status, ok.text).toBe(200);
    const list = await t.admin.get("/api/v1/interop/dhis2/mappings/data-elements");
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        productId: P.ors,
        field: "consumed",
        dataElementUid: "deSroConso1",
        productCode: "TEST-SRO",
      }),
    );
    const before = rows(t);
    const taken = await put({ productId: P.ors, field: "received", dataElementUid: "deSroConso1" });
    expect(taken.status).toBe(409);
    expect(rows(t)).toEqual(before);
    const del = await t.admin
      .delete(`/api/v1/interop/dhis2/mappings/data-elements/${P.ors}/consumed`)
      .set("Idempotency-Key", key("del"));
    expect(del.status).toBe(200);
    expect(rows(t)).toHaveLength(before.length - 1);

    const link = await t.admin
      .put("/api/v1/interop/dhis2/mappings/org-units")
      .set("Idempotency-Key", key("ou"))
      .send({ facilityId: "cs-b", orgUnitUid: "OuCsComB001" });
    expect(link.status, link.text).toBe(200);
    const export_ = await t.admin
      .get("/api/v1/interop/dhis2/dataValueSets")
      .query({ period: "2026-10", districtId: "d-1" });
    expect(export_.headers["x-fura-unmapped-facilities"]).toBe("0");
  });

  it("previews and applies a CSV sheet (French columns, semicolons), all or nothing", async () => {
    const t = await interopApp();
    const csv =
      "code_produit;champ;element_donnees;coc\nTEST-SRO;consommé;deSroConso1;\nTEST-SRO;stock final;deSroClos01;\n";
    const preview = await t.admin
      .post("/api/v1/interop/dhis2/mappings/import/preview")
      .send({ kind: "dataElements", csv });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.counts).toEqual({ new: 2, changed: 0, unchanged: 0, error: 0 });
    const before = rows(t);
    const broken = csv + "TEST-NOPE;consommé;deNope00001;\nTEST-SRO;reçu;pas-un-uid;\n";
    const refused = await t.admin
      .post("/api/v1/interop/dhis2/mappings/import")
      .set("Idempotency-Key", key("import"))
      .send({ kind: "dataElements", csv: broken });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [4, "import.unknownProduct"],
      [5, "import.badUid"],
    ]);
    expect(rows(t)).toEqual(before);
    const applied = await t.admin
      .post("/api/v1/interop/dhis2/mappings/import")
      .set("Idempotency-Key", key("import"))
      .send({ kind: "dataElements", csv });
    expect(applied.status, applied.text).toBe(200);
    expect(rows(t)).toHaveLength(before.length + 2);
  });

  it("reads an .xlsx sheet on the server, with the sheet's row numbers in its errors", async () => {
    const t = await interopApp();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Correspondances");
    sheet.addRow(["etablissement", "unite_organisation"]);
    sheet.addRow(["cs-b", "OuCsComB001"]);
    sheet.addRow([]);
    sheet.addRow(["cs-inconnu", "OuInconnu01"]);
    const xlsxBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
    const preview = await t.admin
      .post("/api/v1/interop/dhis2/mappings/import/preview")
      .send({ kind: "orgUnits", xlsxBase64 });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.counts).toMatchObject({ new: 1, error: 1 });
    expect(preview.body.errors).toEqual([
      expect.objectContaining({ row: 4, code: "import.unknownFacility", values: { facilityId: "cs-inconnu" } }),
    ]);
    const notXlsx = await t.admin
      .post("/api/v1/interop/dhis2/mappings/import/preview")
      .send({ kind: "orgUnits", xlsxBase64: Buffer.from("not a workbook").toString("base64") });
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.error.details.issues[0].path).toBe("xlsxBase64");
  });

  it("takes import bodies above 1 MB from a signed-in administrator only", async () => {
    const t = await interopApp();
    const csv =
      "etablissement;unite_organisation;nom_unite\n" +
      "cs-b;OuCsComB001;Centre de santé communautaire B\n".repeat(30_000);
    expect(csv.length).toBeGreaterThan(1_200_000);
    const signedIn = await t.admin
      .post("/api/v1/interop/dhis2/mappings/import/preview")
      .send({ kind: "orgUnits", csv });
    expect(signedIn.status, signedIn.text.slice(0, 200)).toBe(200);
    const anonymous = await (
      await import("supertest")
    )
      .default(t.app)
      .post("/api/v1/interop/dhis2/mappings/import/preview")
      .send({ kind: "orgUnits", csv });
    expect(anonymous.status).toBe(413);
    const elsewhere = await t.admin.post("/api/v1/interop/gs1/parse").send({ code: "x".repeat(1_100_000) });
    expect(elsewhere.status).toBe(413);
  });
});

const point = (lon: number, lat: number) => ({ type: "Point", coordinates: [lon, lat] });
/** A DHIS2 organisation-unit export: the fixture's region and district d-1, cs-a (linked) and a new CSCom. */
function orgUnitExport(csNewName = "CSCom Nouveau") {
  const country = { id: "MaliCountry", name: "Mali", level: 1, path: "/MaliCountry" };
  const region = {
    id: "RegTest0001",
    name: "Région de Test",
    level: 2,
    parent: { id: country.id },
    path: "/MaliCountry/RegTest0001",
  };
  const district = {
    id: "DsTest00001",
    name: "DS District test",
    level: 3,
    parent: { id: region.id },
    path: `${region.path}/DsTest00001`,
  };
  const unit = (id: string, name: string, extra: object) => ({
    id,
    name,
    level: 4,
    parent: { id: district.id },
    path: `${district.path}/${id}`,
    ...extra,
  });
  return {
    organisationUnits: [
      country,
      region,
      district,
      unit("OuCsComA001", "CSCom A renommé", { geometry: point(-8.01, 12.61) }),
      unit("OuCsNew0001", csNewName, { code: "ML-CS-NEW", geometry: point(-7.9, 12.7) }),
    ],
  };
}

describe("facility hierarchy from a DHIS2 organisation-unit export", () => {
  it("previews, then creates and updates facilities as previewed, with supply lines from the district depot", async () => {
    const t = await interopApp();
    const body = { export: orgUnitExport() };
    const preview = await t.admin.post("/api/v1/interop/dhis2/org-units/preview").send(body);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.counts).toMatchObject({ create: 1, update: 1, error: 0 });
    const noHash = await t.admin
      .post("/api/v1/interop/dhis2/org-units/apply")
      .set("Idempotency-Key", key("ou"))
      .send(body);
    expect(noHash.status).toBe(400);
    expect(noHash.body.error.details.issues[0].path).toBe("expectedPlanHash");
    const applied = await t.admin
      .post("/api/v1/interop/dhis2/org-units/apply")
      .set("Idempotency-Key", key("ou"))
      .send({ ...body, expectedPlanHash: preview.body.planHash });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body).toMatchObject({ created: ["ML-CS-NEW"], updated: ["cs-a"] });
    const facility = (id: string) =>
      t.open.sqlite.prepare("select name, district_id, level, source from facilities where id = ?").get(id);
    expect(facility("ML-CS-NEW")).toEqual({
      name: "CSCom Nouveau",
      district_id: "d-1",
      level: "cscom",
      source: "dhis2",
    });
    expect(facility("cs-a")).toMatchObject({ name: "CSCom A renommé" });
    const suppliers = t.open.sqlite
      .prepare("select distinct supplier_id from supply_lines where facility_id = 'ML-CS-NEW'")
      .pluck()
      .all();
    expect(suppliers).toEqual(["dep-1"]);
  });

  it("refuses a plan that changed since the preview, writing nothing", async () => {
    const t = await interopApp();
    const preview = await t.admin.post("/api/v1/interop/dhis2/org-units/preview").send({ export: orgUnitExport() });
    const count = () => t.open.sqlite.prepare("select count(*) from facilities").pluck().get();
    const before = count();
    const changed = await t.admin
      .post("/api/v1/interop/dhis2/org-units/apply")
      .set("Idempotency-Key", key("ou"))
      .send({ export: orgUnitExport("Un autre nom"), expectedPlanHash: preview.body.planHash });
    expect(changed.status).toBe(409);
    expect(changed.body.error.details.reason).toBe("orgUnit.planChanged");
    expect(count()).toBe(before);
  });
});
