import { describe, expect, it } from "vitest";
import { OrgUnitImportRequest, type Dhis2OrgUnit } from "../../shared/contracts/interop";
import { areaKey, facilityKey } from "../../shared/domain/interop/orgUnits";
import { applyOrgUnitImport, previewOrgUnitImport } from "../../server/interop/orgUnitImport";
import { ADMIN_ORIGIN, FIXTURE_NOW, interopFixtureDb } from "../helpers/interopFixture";

const ctx = { now: FIXTURE_NOW, origin: ADMIN_ORIGIN };
const asOf = "2026-11-15";

const point = (lon: number, lat: number) => ({ type: "Point", coordinates: [lon, lat] });

/** A DHIS2 export in the shape of /api/organisationUnits?fields=id,code,name,level,path,parent[id],geometry,closedDate&paging=false */
function exportUnits(): Dhis2OrgUnit[] {
  const mali = { id: "MaliCountry", name: "Mali", level: 1, path: "/MaliCountry" };
  const region = {
    id: "RegTest0001",
    name: "Région de Test",
    level: 2,
    parent: { id: mali.id },
    path: "/MaliCountry/RegTest0001",
  };
  const d1 = {
    id: "DsTest00001",
    name: "DS District test",
    level: 3,
    parent: { id: region.id },
    path: `${region.path}/DsTest00001`,
  };
  const d2 = {
    id: "DsAutre0001",
    code: "d-2",
    name: "District sanitaire Autre",
    level: 3,
    parent: { id: region.id },
    path: `${region.path}/DsAutre0001`,
  };
  const dx = {
    id: "DsInconnu01",
    name: "DS Inconnu",
    level: 3,
    parent: { id: region.id },
    path: `${region.path}/DsInconnu01`,
  };
  const unit = (id: string, name: string, parent: { id: string; path: string }, extra: Partial<Dhis2OrgUnit> = {}) => ({
    id,
    name,
    level: parent.path.split("/").length,
    parent: { id: parent.id },
    path: `${parent.path}/${id}`,
    ...extra,
  });
  const csNew = unit("OuCsNew0001", "CSCom Nouveau", d1, { code: "ML-CS-NEW", geometry: point(-7.9, 12.7) });
  return [
    mali,
    region,
    d1,
    d2,
    dx,
    unit("OuCsComA001", "CSCom A et fils", d1, { geometry: point(-8.01, 12.61) }),
    unit("OuCsComB001", "CSCOM B", d1, { geometry: point(-8, 12.6) }),
    csNew,
    // Parent chain without path: found through `parent`
    {
      id: "OuAscX00001",
      name: "Site ASC X",
      level: 5,
      parent: { id: csNew.id },
      coordinates: "[-7.91,12.71]",
      featureType: "POINT",
    },
    unit("OuCsComC001", "CSCom C", d2, { closedDate: "2026-06-30T00:00:00.000" }),
  ];
}

const request = (units: Dhis2OrgUnit[], extra: Record<string, unknown> = {}) =>
  OrgUnitImportRequest.parse({ export: { organisationUnits: units }, ...extra });

function facilitiesState(open: ReturnType<typeof interopFixtureDb>) {
  const q = (s: string) => open.sqlite.prepare(s).all();
  return {
    facilities: q("select * from facilities order by id"),
    supplyLines: q("select * from supply_lines order by 1, 2"),
    links: q("select * from dhis2_org_units order by facility_id"),
    audit: q("select count(*) n from audit_log"),
  };
}

describe("matching names of areas and facilities", () => {
  it("drops the usual prefixes, accents, case and punctuation", () => {
    expect(areaKey("Région de Ségou")).toBe("segou");
    expect(areaKey("DS District sanitaire de Kati")).toBe("kati");
    expect(areaKey("CSRéf Commune I")).toBe("communei");
    expect(areaKey("Bamako-Commune I")).toBe(areaKey("bamako commune i"));
    expect(facilityKey("CSCom de Kalaban-Coro")).toBe(facilityKey("Kalaban Coro"));
  });
});

describe("org-unit hierarchy import", () => {
  it("previews creates, updates, unchanged units and errors, each with its reason", () => {
    const open = interopFixtureDb();
    const units = [
      ...exportUnits(),
      {
        id: "OuCsNoPt001",
        name: "CSCom sans point",
        level: 4,
        parent: { id: "DsTest00001" },
        path: "/MaliCountry/RegTest0001/DsTest00001/OuCsNoPt001",
      },
      {
        id: "OuCsLost001",
        name: "CSCom perdu",
        level: 4,
        parent: { id: "DsInconnu01" },
        path: "/MaliCountry/RegTest0001/DsInconnu01/OuCsLost001",
        geometry: point(-8, 12),
      },
      {
        id: "OuCsMove001",
        code: "cs-d",
        name: "CSCom D (brouillon)",
        level: 4,
        parent: { id: "DsAutre0001" },
        path: "/MaliCountry/RegTest0001/DsAutre0001/OuCsMove001",
      },
    ];
    const preview = previewOrgUnitImport(open.db, request(units), asOf);
    const by = Object.fromEntries(preview.rows.map((r) => [r.uid, r]));
    expect(by.MaliCountry!.action).toBe("ignored");
    expect(by.DsTest00001).toMatchObject({ action: "ignored", regionId: "r-1", districtId: "d-1", warnings: [] });
    expect(by.DsInconnu01!.warnings).toEqual([{ code: "orgUnit.districtUnmatched", values: { name: "DS Inconnu" } }]);
    expect(by.OuCsComA001).toMatchObject({ action: "update", facilityId: "cs-a", matchedBy: "link" });
    expect(by.OuCsComA001!.changes.map((c) => c.field)).toEqual(["name", "lat", "lon", "orgUnitName"]);
    expect(by.OuCsComB001).toMatchObject({ action: "update", facilityId: "cs-b", matchedBy: "name" });
    expect(by.OuCsComB001!.changes).toEqual([
      { field: "name", before: "CSCom B", after: "CSCOM B" },
      { field: "orgUnit", before: null, after: "OuCsComB001" },
    ]);
    expect(by.OuCsNew0001).toMatchObject({
      action: "create",
      facilityId: "ML-CS-NEW",
      furaLevel: "cscom",
      districtId: "d-1",
      regionId: "r-1",
    });
    expect(by.OuAscX00001).toMatchObject({
      action: "create",
      facilityId: "dhis2-OuAscX00001",
      furaLevel: "asc",
      districtId: "d-1",
    });
    expect(by.OuCsComC001).toMatchObject({ action: "update", facilityId: "cs-c", districtId: "d-2" });
    expect(by.OuCsComC001!.changes).toContainEqual({ field: "active", before: true, after: false });
    expect(by.OuCsNoPt001).toMatchObject({ action: "error", errors: [{ code: "orgUnit.noCoordinates", values: {} }] });
    expect(by.OuCsLost001!.errors).toEqual([{ code: "orgUnit.districtUnmatched", values: { name: "DS Inconnu" } }]);
    expect(by.OuCsMove001).toMatchObject({ action: "error", matchedBy: "code", facilityId: "cs-d" });
    expect(by.OuCsMove001!.errors).toEqual([{ code: "orgUnit.districtChanged", values: { from: "d-1", to: "d-2" } }]);
    expect(preview.counts).toEqual({ create: 2, update: 3, unchanged: 0, error: 3, ignored: 5 });
  });

  it("refuses to apply an import with errors and writes nothing", () => {
    const open = interopFixtureDb();
    const before = facilitiesState(open);
    const units = [
      ...exportUnits(),
      {
        id: "OuCsNoPt001",
        name: "CSCom sans point",
        level: 4,
        parent: { id: "DsTest00001" },
        path: "/MaliCountry/RegTest0001/DsTest00001/OuCsNoPt001",
      },
    ];
    expect(() => open.db.transaction((tx) => applyOrgUnitImport(tx, request(units), ctx))).toThrow(
      expect.objectContaining({
        code: "validation_failed",
        details: expect.objectContaining({
          errors: [
            {
              index: 10,
              uid: "OuCsNoPt001",
              name: "CSCom sans point",
              errors: [{ code: "orgUnit.noCoordinates", values: {} }],
            },
          ],
        }),
      }),
    );
    expect(facilitiesState(open)).toEqual(before);
  });

  it("creates and updates facilities in one transaction, with supply lines, links and audit, and is unchanged on re-import", () => {
    const open = interopFixtureDb();
    const preview = previewOrgUnitImport(open.db, request(exportUnits()), asOf);
    const result = open.db.transaction((tx) =>
      applyOrgUnitImport(tx, request(exportUnits(), { expectedPlanHash: preview.planHash }), ctx),
    );
    expect(result.created).toEqual(["ML-CS-NEW", "dhis2-OuAscX00001"]);
    expect(result.updated).toEqual(["cs-a", "cs-b", "cs-c"]);
    expect(result.withoutSupplier).toEqual([]);
    const f = (id: string) =>
      open.sqlite.prepare("select * from facilities where id = ?").get(id) as Record<string, unknown>;
    expect(f("ML-CS-NEW")).toMatchObject({
      name: "CSCom Nouveau",
      level: "cscom",
      region_id: "r-1",
      district_id: "d-1",
      lat: 12.7,
      lon: -7.9,
      source: "dhis2",
      active: 1,
    });
    expect(f("ML-CS-NEW").derivation_note).toContain("OuCsNew0001 under Mali / Région de Test / DS District test");
    expect(f("dhis2-OuAscX00001")).toMatchObject({ level: "asc", lat: 12.71, lon: -7.91 });
    expect(f("cs-a")).toMatchObject({ name: "CSCom A et fils", lat: 12.61, lon: -8.01 });
    expect(f("cs-c")).toMatchObject({ active: 0 });
    const supplier = (id: string) =>
      open.sqlite.prepare("select distinct supplier_id s from supply_lines where facility_id = ?").all(id);
    expect(supplier("ML-CS-NEW")).toEqual([{ s: "dep-1" }]);
    expect(supplier("dhis2-OuAscX00001")).toEqual([{ s: "ML-CS-NEW" }]);
    expect(open.sqlite.prepare("select facility_id, org_unit_uid from dhis2_org_units order by 1").all()).toEqual([
      { facility_id: "ML-CS-NEW", org_unit_uid: "OuCsNew0001" },
      { facility_id: "cs-a", org_unit_uid: "OuCsComA001" },
      { facility_id: "cs-b", org_unit_uid: "OuCsComB001" },
      { facility_id: "cs-c", org_unit_uid: "OuCsComC001" },
      { facility_id: "dhis2-OuAscX00001", org_unit_uid: "OuAscX00001" },
    ]);
    const audits = open.sqlite
      .prepare(
        "select action, count(*) n from audit_log where action like 'facility.%' or action like 'dhis2.orgUnits%' group by 1 order by 1",
      )
      .all();
    expect(audits).toEqual([
      { action: "dhis2.orgUnits.import", n: 1 },
      { action: "facility.create", n: 2 },
      { action: "facility.update", n: 3 },
    ]);
    const again = previewOrgUnitImport(open.db, request(exportUnits()), asOf);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 5, error: 0, ignored: 5 });
  });

  it("refuses to apply a preview that no longer matches the facilities (409) and writes nothing", () => {
    const open = interopFixtureDb();
    const preview = previewOrgUnitImport(open.db, request(exportUnits()), asOf);
    open.sqlite.prepare("update facilities set name = 'Renamed' where id = 'cs-a'").run();
    const before = facilitiesState(open);
    expect(() =>
      open.db.transaction((tx) =>
        applyOrgUnitImport(tx, request(exportUnits(), { expectedPlanHash: preview.planHash }), ctx),
      ),
    ).toThrow(
      expect.objectContaining({
        code: "conflict",
        details: expect.objectContaining({ reason: "orgUnit.planChanged" }),
      }),
    );
    expect(facilitiesState(open)).toEqual(before);
  });

  it("imports only the units under rootUid when asked", () => {
    const open = interopFixtureDb();
    const preview = previewOrgUnitImport(open.db, request(exportUnits(), { rootUid: "DsAutre0001" }), asOf);
    const acting = preview.rows.filter((r) => r.action !== "ignored").map((r) => r.uid);
    expect(acting).toEqual(["OuCsComC001"]);
    expect(preview.rows.find((r) => r.uid === "OuCsNew0001")!.warnings[0]!.code).toBe("orgUnit.outsideRoot");
  });

  it("refuses an ambiguous name rather than guessing", () => {
    const open = interopFixtureDb();
    open.sqlite
      .prepare(
        "insert into facilities (id, name, level, region_id, district_id, lat, lon, source) values ('cs-b2', 'CSCom B', 'cscom', 'r-1', 'd-1', 12, -8, 'test')",
      )
      .run();
    const preview = previewOrgUnitImport(open.db, request(exportUnits()), asOf);
    expect(preview.rows.find((r) => r.uid === "OuCsComB001")).toMatchObject({
      action: "error",
      errors: [{ code: "orgUnit.ambiguousName", values: { count: 2 } }],
    });
  });
});
