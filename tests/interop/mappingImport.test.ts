import { describe, expect, it } from "vitest";
import { AppError } from "../../shared/errors";
import {
  applyMappingImport,
  deleteDataElementMapping,
  listDataElementMappings,
  listOrgUnitMappings,
  previewMappingImport,
  upsertDataElementMapping,
  upsertOrgUnitMapping,
} from "../../server/interop/dhis2Mapping";
import { ADMIN_ORIGIN, FIXTURE_NOW, interopFixtureDb, P } from "../helpers/interopFixture";

const ctx = { now: FIXTURE_NOW, origin: ADMIN_ORIGIN };

function mappingState(open: ReturnType<typeof interopFixtureDb>) {
  return {
    dataElements: open.sqlite.prepare("select * from dhis2_data_elements order by product_id, field").all(),
    orgUnits: open.sqlite.prepare("select * from dhis2_org_units order by facility_id").all(),
    audits: open.sqlite.prepare("select count(*) n from audit_log").get(),
  };
}

describe("DHIS2 mapping spreadsheet import", () => {
  it("previews a French semicolon CSV: new, changed and unchanged rows, then applies it", () => {
    const open = interopFixtureDb();
    const csv = [
      "Code produit;Champ;Élément de données;COC",
      "TEST-SRO;stock final;deSroClose1;",
      "TEST-SRO;CMM;deSroAmc001;",
      "TEST-PARA-500;closing_stock;deClosing01;cocParacet1",
      "test-amox-250;amc;deAmc000001;cocAmoxici1",
      "TEST-ZINC-20;E;deZincClos2;",
    ].join("\r\n");
    const preview = previewMappingImport(open.db, { kind: "dataElements", csv });
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => [r.row, r.status, r.key])).toEqual([
      [2, "new", "TEST-SRO|closing_stock"],
      [3, "new", "TEST-SRO|amc"],
      [4, "unchanged", "TEST-PARA-500|closing_stock"],
      [5, "new", "TEST-AMOX-250|amc"],
      [6, "changed", "TEST-ZINC-20|closing_stock"],
    ]);
    expect(preview.rows[4]).toMatchObject({
      before: { dataElement: "deZincClos1", categoryOptionCombo: null },
      after: { dataElement: "deZincClos2", categoryOptionCombo: null },
    });
    expect(preview.counts).toEqual({ new: 3, changed: 1, unchanged: 1, error: 0 });

    const applied = open.db.transaction((tx) => applyMappingImport(tx, { kind: "dataElements", csv }, ctx));
    expect(applied.counts).toEqual(preview.counts);
    const rows = listDataElementMappings(open.db);
    expect(rows.find((r) => r.productCode === "TEST-SRO" && r.field === "amc")?.dataElementUid).toBe("deSroAmc001");
    expect(rows.find((r) => r.productCode === "TEST-ZINC-20" && r.field === "closing_stock")?.dataElementUid).toBe(
      "deZincClos2",
    );
  });

  it("refuses the whole sheet when one row is wrong, names row, column and reason, and changes nothing", () => {
    const open = interopFixtureDb();
    const before = mappingState(open);
    const csv = [
      "product_code,field,data_element,category_option_combo",
      "TEST-SRO,closing_stock,deSroClose1,",
      "NOPE,closing_stock,deSroClose2,",
      "TEST-SRO,jours,deSroRupt01,",
      "TEST-SRO,amc,not-a-uid,",
      "TEST-SRO,consumed,deConsumed1,cocParacet1",
      "TEST-SRO,closing_stock,deSroClose3,",
      ",,,",
    ].join("\n");
    const preview = previewMappingImport(open.db, { kind: "dataElements", csv });
    expect(preview.errors).toEqual([
      { row: 3, column: "product_code", code: "import.unknownProduct", values: { code: "NOPE" } },
      { row: 4, column: "field", code: "import.unknownField", values: { value: "jours" } },
      { row: 5, column: "data_element", code: "import.badUid", values: { value: "not-a-uid" } },
      {
        row: 6,
        column: "data_element",
        code: "import.targetTaken",
        values: { dataElement: "deConsumed1", usedBy: "TEST-PARA-500|consumed" },
      },
      { row: 7, column: null, code: "import.duplicateRow", values: { firstRow: 2 } },
    ]);
    expect(preview.counts).toEqual({ new: 1, changed: 0, unchanged: 0, error: 5 });
    let refused: unknown;
    try {
      open.db.transaction((tx) => applyMappingImport(tx, { kind: "dataElements", csv }, ctx));
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "validation_failed", details: { errors: preview.errors } });
    expect(mappingState(open)).toEqual(before);
  });

  it("says which required columns are missing", () => {
    const open = interopFixtureDb();
    const preview = previewMappingImport(open.db, { kind: "dataElements", csv: "produit,valeur\nTEST-SRO,1" });
    expect(preview.errors.map((e) => [e.row, e.code, e.values.column])).toEqual([
      [1, "import.missingColumn", "field"],
      [1, "import.missingColumn", "dataElement"],
    ]);
  });

  it("lets two rows swap their data elements in one import", () => {
    const open = interopFixtureDb();
    const rows = [
      { product_code: "TEST-ZINC-20", field: "closing_stock", data_element: "deZincRupt1" },
      { product_code: "TEST-ZINC-20", field: "stockout_days", data_element: "deZincClos1" },
    ];
    open.db.transaction((tx) => applyMappingImport(tx, { kind: "dataElements", rows }, ctx));
    const zinc = listDataElementMappings(open.db).filter((r) => r.productId === P.zinc);
    expect(zinc.find((r) => r.field === "closing_stock")?.dataElementUid).toBe("deZincRupt1");
    expect(zinc.find((r) => r.field === "stockout_days")?.dataElementUid).toBe("deZincClos1");
  });

  it("imports facility → org unit links, refusing an unknown facility or an org unit already linked elsewhere", () => {
    const open = interopFixtureDb();
    const ok = "facility_id,org_unit,org_unit_code\ncs-b,OuCsComB001,CS-B\ncs-a,OuCsComA001,";
    const preview = previewMappingImport(open.db, { kind: "orgUnits", csv: ok });
    expect(preview.rows.map((r) => [r.key, r.status])).toEqual([
      ["cs-b", "new"],
      ["cs-a", "unchanged"],
    ]);
    open.db.transaction((tx) => applyMappingImport(tx, { kind: "orgUnits", csv: ok }, ctx));
    expect(listOrgUnitMappings(open.db).find((l) => l.facilityId === "cs-b")).toMatchObject({
      orgUnitUid: "OuCsComB001",
      orgUnitCode: "CS-B",
      facilityName: "CSCom B",
    });
    const bad = previewMappingImport(open.db, {
      kind: "orgUnits",
      csv: "etablissement;unite_organisation\nnowhere;OuXXXXXXXX1\ncs-d;OuCsComA001",
    });
    expect(bad.errors.map((e) => [e.row, e.code])).toEqual([
      [2, "import.unknownFacility"],
      [3, "import.orgUnitTaken"],
    ]);
  });
});

describe("DHIS2 mapping editor commands", () => {
  it("refuses a data element + combo already holding another product's field (409) and changes nothing", () => {
    const open = interopFixtureDb();
    const before = mappingState(open);
    expect(() =>
      open.db.transaction((tx) =>
        upsertDataElementMapping(
          tx,
          {
            productId: P.ors,
            field: "closing_stock",
            dataElementUid: "deClosing01",
            categoryOptionComboUid: "cocParacet1",
          },
          ctx,
        ),
      ),
    ).toThrow(
      expect.objectContaining({
        code: "conflict",
        details: expect.objectContaining({ reason: "mapping.targetTaken" }),
      }),
    );
    expect(mappingState(open)).toEqual(before);
  });

  it("the database itself refuses two mapping rows on one target, also with the default combo", () => {
    const open = interopFixtureDb();
    expect(() =>
      open.sqlite
        .prepare(
          "insert into dhis2_data_elements (product_id, field, data_element_uid, category_option_combo_uid, updated_at) values (3, 'amc', 'deZincAmc01', null, 'x')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it("sets, replaces and deletes a mapping row, each audited; an org unit may not serve two facilities", () => {
    const open = interopFixtureDb();
    open.db.transaction((tx) =>
      upsertDataElementMapping(
        tx,
        { productId: P.ors, field: "amc", dataElementUid: "deSroAmc001", categoryOptionComboUid: null },
        ctx,
      ),
    );
    open.db.transaction((tx) => deleteDataElementMapping(tx, { productId: P.ors, field: "amc" }, ctx));
    expect(() =>
      open.db.transaction((tx) => deleteDataElementMapping(tx, { productId: P.ors, field: "amc" }, ctx)),
    ).toThrow(expect.objectContaining({ code: "not_found" }));
    const actions = open.sqlite
      .prepare("select action from audit_log where object_type = 'dhis2_data_element' order by id")
      .all();
    expect(actions).toEqual([
      { action: "dhis2.mapping.dataElement.set" },
      { action: "dhis2.mapping.dataElement.delete" },
    ]);
    expect(() =>
      open.db.transaction((tx) =>
        upsertOrgUnitMapping(
          tx,
          { facilityId: "cs-b", orgUnitUid: "OuCsComA001", orgUnitCode: null, orgUnitName: null },
          ctx,
        ),
      ),
    ).toThrow(expect.objectContaining({ code: "conflict" }));
  });
});
