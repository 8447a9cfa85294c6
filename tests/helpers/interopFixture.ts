/**
 * A known month for the DHIS2 tests (October 2026), small enough to check by hand: tests/fixtures/dhis2/README.md
 * lists every figure and the value it becomes.
 *
 * District d-1: cs-a (mapped to OuCsComA001) and cs-b (not mapped) submitted their report; cs-d has only a
 * draft. District d-2: cs-c (mapped to OuCsComC001) submitted. Products: paracetamol (all 8 fields mapped, two
 * funding-source lines at cs-a), amoxicillin (6 fields, not AMC / months of stock), ORS (not mapped), zinc
 * (4 fields, AMC 0 so no months of stock).
 */
import {
  districts,
  dhis2DataElements,
  dhis2OrgUnits,
  facilities,
  stockReportLines,
  stockReports,
} from "../../db/schema";
import { smallDb, buildFacility } from "./factories";
import { saveDhis2Settings } from "../../server/interop/dhis2Settings";
import { createSecretBox } from "../../server/interop/secretBox";
import type { RequestOrigin } from "../../server/audit";

export const FIXTURE_NOW = new Date("2026-11-15T09:00:00.000Z");
export const ADMIN_ORIGIN: RequestOrigin = {
  userId: null,
  username: "admin",
  clientIp: "127.0.0.1",
  userAgent: "vitest",
  requestId: "test",
};

/** A 32-byte key for the tests' secret box. */
export const TEST_BOX = createSecretBox(Buffer.alloc(32, 7));

/** Product ids in the fixture (smallDb inserts them in this order). */
export const P = { para: 1, amox: 2, ors: 3, zinc: 4 } as const;

type Line = [
  opening: number,
  received: number,
  consumed: number,
  adjustments: number,
  closing: number,
  stockoutDays: number,
  amc: number | null,
];

/** The fixture database, with DHIS2 settings pointing at `baseUrl` (password "district" for user "fura"). */
export function interopFixtureDb(baseUrl = "http://127.0.0.1:9") {
  const open = smallDb({
    facilities: [
      { id: "dep-1", name: "Dépôt du district test", level: "district" },
      { id: "cs-a", name: "CSCom A & fils" },
      { id: "cs-b", name: "CSCom B" },
      { id: "cs-d", name: "CSCom D (brouillon)" },
    ],
    products: [
      { code: "TEST-PARA-500" },
      { code: "TEST-AMOX-250", genericName: "Amoxicilline", strength: "250 mg", form: "comprimé dispersible" },
      { code: "TEST-SRO", genericName: "SRO", strength: "20,5 g", form: "sachet" },
      { code: "TEST-ZINC-20", genericName: "Zinc", strength: "20 mg", form: "comprimé" },
    ],
  });
  const { db } = open;
  db.insert(districts).values({ id: "d-2", name: "Autre district", regionId: "r-1", source: "test" }).run();
  db.insert(facilities)
    .values(buildFacility({ id: "cs-c", name: "CSCom C", districtId: "d-2" }))
    .run();

  const report = (
    facilityId: string,
    period: string,
    status: "draft" | "submitted",
    lines: [number, string, Line][],
  ) => {
    const r = db
      .insert(stockReports)
      .values({
        facilityId,
        period,
        status,
        source: "ledger",
        dueDate: "2026-11-15",
        submittedAt: status === "submitted" ? "2026-11-05T10:00:00.000Z" : null,
        onTime: status === "submitted" ? true : null,
        createdAt: "2026-11-01T08:00:00.000Z",
      })
      .returning({ id: stockReports.id })
      .get();
    for (const [productId, fundingSource, [a, b, c, d, e, x, amc]] of lines)
      db.insert(stockReportLines)
        .values({
          reportId: r.id,
          productId,
          fundingSource,
          days: 31,
          opening: a,
          received: b,
          consumed: c,
          adjustments: d,
          closing: e,
          stockoutDays: x,
          mismatch: e - (a + b - c + d),
          amc,
        })
        .run();
  };
  report("cs-a", "2026-10", "submitted", [
    [P.para, "cost_recovery", [1200, 1000, 900, -20, 1280, 0, 950]],
    [P.para, "malaria", [100, 0, 40, 0, 60, 3, 45]],
    [P.amox, "cost_recovery", [500, 0, 120, -5, 375, 0, 130]],
    [P.ors, "cost_recovery", [10, 0, 10, 0, 0, 12, 15]],
    [P.zinc, "cost_recovery", [0, 0, 0, 0, 0, 31, 0]],
  ]);
  report("cs-a", "2026-09", "submitted", [[P.para, "cost_recovery", [1000, 1100, 900, 0, 1200, 0, 900]]]);
  report("cs-b", "2026-10", "submitted", [[P.para, "cost_recovery", [50, 100, 80, 0, 70, 0, 75]]]);
  report("cs-c", "2026-10", "submitted", [[P.para, "cost_recovery", [10, 20, 5, 0, 25, 0, 6]]]);
  report("cs-d", "2026-10", "draft", [[P.para, "cost_recovery", [1, 1, 1, 0, 1, 0, null]]]);

  const at = "2026-11-01T00:00:00.000Z";
  const perField = {
    opening_balance: "deOpenBal01",
    received: "deReceived1",
    consumed: "deConsumed1",
    losses_adjustments: "deLossAdj01",
    closing_stock: "deClosing01",
    stockout_days: "deStockout1",
    amc: "deAmc000001",
    months_of_stock: "deMos000001",
  } as const;
  const rows = [
    ...Object.entries(perField).map(([field, de]) => ({ productId: P.para, field, de, coc: "cocParacet1" })),
    ...Object.entries(perField)
      .filter(([field]) => field !== "amc" && field !== "months_of_stock")
      .map(([field, de]) => ({ productId: P.amox, field, de, coc: "cocAmoxici1" })),
    { productId: P.zinc, field: "closing_stock", de: "deZincClos1", coc: null },
    { productId: P.zinc, field: "stockout_days", de: "deZincRupt1", coc: null },
    { productId: P.zinc, field: "amc", de: "deZincAmc01", coc: null },
    { productId: P.zinc, field: "months_of_stock", de: "deZincMos01", coc: null },
  ];
  db.insert(dhis2DataElements)
    .values(
      rows.map((r) => ({
        productId: r.productId,
        field: r.field as keyof typeof perField,
        dataElementUid: r.de,
        categoryOptionComboUid: r.coc,
        updatedAt: at,
      })),
    )
    .run();
  db.insert(dhis2OrgUnits)
    .values([
      { facilityId: "cs-a", orgUnitUid: "OuCsComA001", orgUnitCode: "CS-A", orgUnitName: "CSCom A", updatedAt: at },
      { facilityId: "cs-c", orgUnitUid: "OuCsComC001", orgUnitCode: null, orgUnitName: null, updatedAt: at },
    ])
    .run();
  db.transaction((tx) =>
    saveDhis2Settings(
      tx,
      {
        baseUrl,
        authKind: "basic",
        username: "fura",
        secret: "district",
        dataSetUid: "dsLmisMali1",
        timeoutS: 5,
      },
      { now: FIXTURE_NOW, origin: ADMIN_ORIGIN, box: TEST_BOX },
    ),
  );
  return open;
}

/** Every data element, org unit and combo the fixture's mapping uses (for a fake DHIS2 that knows them). */
export const FIXTURE_KNOWN = {
  dataElements: [
    "deOpenBal01",
    "deReceived1",
    "deConsumed1",
    "deLossAdj01",
    "deClosing01",
    "deStockout1",
    "deAmc000001",
    "deMos000001",
    "deZincClos1",
    "deZincRupt1",
    "deZincAmc01",
    "deZincMos01",
  ],
  orgUnits: ["OuCsComA001", "OuCsComC001"],
  categoryOptionCombos: ["cocParacet1", "cocAmoxici1"],
};
