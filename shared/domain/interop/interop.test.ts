import { describe, expect, it } from "vitest";
import {
  adxPeriod,
  buildDataValueSet,
  canonicalDataValueSetJson,
  combineFundingLines,
  dhis2Period,
  fieldValue,
  formatDecimal,
  parseImportSummary,
  toAdx,
  xmlAttr,
  type ExportReportLine,
} from ".";
import { delimiterOf, rowsFromCsv } from "./sheet";

const line = (over: Partial<ExportReportLine> = {}): ExportReportLine => ({
  productId: 1,
  productCode: "P1",
  productName: "Produit 1",
  openingUnits: 10,
  receivedUnits: 5,
  consumedUnits: 3,
  adjustmentsUnits: -1,
  closingUnits: 11,
  stockoutDays: 0,
  amcUnitsPerMonth: 4,
  ...over,
});

describe("DHIS2 fields and periods", () => {
  it("writes periods the DHIS2 and ADX ways and refuses what is not a month", () => {
    expect(dhis2Period("2026-10")).toBe("202610");
    expect(adxPeriod("2026-01")).toBe("2026-01-01/P1M");
    expect(() => dhis2Period("2026-13")).toThrow();
  });

  it("gives months of stock with at most two decimals, and no value without an AMC", () => {
    const f = combineFundingLines([line({ closingUnits: 1340, amcUnitsPerMonth: 995 })]);
    expect(fieldValue("months_of_stock", f)).toEqual({ value: "1.35" });
    expect(fieldValue("months_of_stock", { ...f, closingUnits: 30, amcUnitsPerMonth: 10 })).toEqual({ value: "3" });
    expect(fieldValue("months_of_stock", { ...f, amcUnitsPerMonth: 0 })).toEqual({ missing: "amcZero" });
    expect(fieldValue("amc", { ...f, amcUnitsPerMonth: null })).toEqual({ missing: "noAmc" });
    expect(fieldValue("losses_adjustments", f)).toEqual({ value: "-1" });
    expect(formatDecimal(0.125, 2)).toBe("0.13");
    expect(formatDecimal(-0.004, 2)).toBe("0");
  });

  it("adds up a product's funding-source lines, stock-out days being the smallest", () => {
    const f = combineFundingLines([line({ stockoutDays: 4 }), line({ stockoutDays: 9, amcUnitsPerMonth: 6 })]);
    expect(f).toEqual({
      openingUnits: 20,
      receivedUnits: 10,
      consumedUnits: 6,
      adjustmentsUnits: -2,
      closingUnits: 22,
      stockoutDays: 4,
      amcUnitsPerMonth: 10,
    });
    expect(combineFundingLines([line(), line({ amcUnitsPerMonth: null })]).amcUnitsPerMonth).toBeNull();
  });
});

describe("buildDataValueSet", () => {
  const mapping = [
    { productId: 1, field: "closing_stock" as const, dataElementUid: "deClosing01", categoryOptionComboUid: null },
  ];

  it("leaves out the data set when none is configured and lists the facility without org unit with its values", () => {
    const exp = buildDataValueSet({
      period: "2026-10",
      dataSetUid: null,
      mapping,
      reports: [
        { facilityId: "b", facilityName: "B", reportId: 2, orgUnitUid: null, lines: [line()] },
        { facilityId: "a", facilityName: "A", reportId: 1, orgUnitUid: "OuAAAAAAAA1", lines: [line()] },
      ],
    });
    expect(exp.dataValueSet).toEqual({
      period: "202610",
      dataValues: [{ dataElement: "deClosing01", period: "202610", orgUnit: "OuAAAAAAAA1", value: "11" }],
    });
    expect(exp.unmappedFacilities).toEqual([{ facilityId: "b", facilityName: "B", reportId: 2, values: 1 }]);
    expect(exp.unmappedProducts[0]).toMatchObject({ productId: 1, facilities: 2 });
    expect(exp.unmappedProducts[0]!.fields).not.toContain("closing_stock");
  });

  it("hashes the same data the same way whatever the order of its values", () => {
    const a = {
      period: "202610",
      dataValues: [
        { dataElement: "a0000000001", period: "202610", orgUnit: "o0000000001", value: "1" },
        { dataElement: "b0000000001", period: "202610", orgUnit: "o0000000001", value: "2" },
      ],
    };
    const b = { ...a, dataValues: [...a.dataValues].reverse() };
    expect(canonicalDataValueSetJson(a)).toBe(canonicalDataValueSetJson(b));
    expect(
      canonicalDataValueSetJson({ ...a, dataValues: [{ ...a.dataValues[0]!, value: "3" }, a.dataValues[1]!] }),
    ).not.toBe(canonicalDataValueSetJson(a));
  });
});

describe("ADX", () => {
  it("escapes every character XML attributes cannot hold as such", () => {
    expect(xmlAttr(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e&apos;f");
    expect(xmlAttr("l1\nl2\tx\r")).toBe("l1&#xA;l2&#x9;x&#xD;");
    expect(xmlAttr("Ségou — 1,62")).toBe("Ségou — 1,62");
    expect(() => xmlAttr("bad\u0001")).toThrow();
  });

  it("groups values by org unit and writes escaped attributes", () => {
    const xml = toAdx(
      {
        dataSet: 'ds"<&>',
        period: "202610",
        dataValues: [
          { dataElement: "de&1", period: "202610", orgUnit: "ou1", value: "1" },
          { dataElement: "de2", period: "202610", orgUnit: "ou2", categoryOptionCombo: "c<1", value: "2" },
        ],
      },
      "2026-11-15T09:00:00Z",
    );
    expect(xml).toContain('<group orgUnit="ou1" period="2026-10-01/P1M" dataSet="ds&quot;&lt;&amp;&gt;">');
    expect(xml).toContain('<dataValue dataElement="de&amp;1" value="1"/>');
    expect(xml).toContain('<dataValue dataElement="de2" categoryOptionCombo="c&lt;1" value="2"/>');
    expect(xml.match(/<group /g)).toHaveLength(2);
    expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
  });
});

describe("parseImportSummary", () => {
  it("reads the web message of DHIS2 2.36+ (HTTP 409 with conflicts)", () => {
    expect(
      parseImportSummary({
        httpStatus: "Conflict",
        httpStatusCode: 409,
        status: "WARNING",
        message: "One more conflicts encountered, please check import summary.",
        response: {
          responseType: "ImportSummary",
          status: "WARNING",
          importOptions: { dryRun: false },
          description: "Import process completed successfully",
          importCount: { imported: 2, updated: 1, ignored: 1, deleted: 0 },
          conflicts: [
            {
              object: "xyz",
              objects: { dataElement: "xyz" },
              value: "Data element not found",
              errorCode: "E7610",
              property: "dataElement",
              indexes: [3],
            },
          ],
          rejectedIndexes: [3],
          dataSetComplete: "false",
        },
      }),
    ).toEqual({
      status: "WARNING",
      imported: 2,
      updated: 1,
      ignored: 1,
      deleted: 0,
      conflicts: [{ object: "xyz", value: "Data element not found", errorCode: "E7610", indexes: [3] }],
      description: "Import process completed successfully",
      shape: "webMessage",
    });
  });

  it("reads the bare import summary of earlier versions", () => {
    expect(
      parseImportSummary({
        responseType: "ImportSummary",
        status: "SUCCESS",
        importCount: { imported: 0, updated: 5, ignored: 0, deleted: 0 },
        conflicts: [{ object: "abc", value: "Period not valid" }],
        dataSetComplete: "false",
      }),
    ).toMatchObject({
      status: "SUCCESS",
      updated: 5,
      conflicts: [{ object: "abc", errorCode: null }],
      shape: "importSummary",
    });
  });

  it("reads a web message without summary as an error with its message, and refuses what is neither", () => {
    expect(
      parseImportSummary({ httpStatus: "Bad Request", httpStatusCode: 400, status: "ERROR", message: "Invalid JSON" }),
    ).toMatchObject({
      status: "ERROR",
      imported: 0,
      description: "Invalid JSON",
    });
    expect(parseImportSummary("<html>login</html>")).toBeNull();
    expect(parseImportSummary({ foo: 1 })).toBeNull();
    expect(parseImportSummary(null)).toBeNull();
  });
});

describe("spreadsheet text (CSV)", () => {
  it("reads a short semicolon sheet ending with a newline by its header's delimiter", () => {
    expect(rowsFromCsv("etablissement;unite_organisation\ncs-a;OuCsComA001\n")).toEqual({
      headers: ["etablissement", "unite_organisation"],
      rows: [{ row: 2, cells: { etablissement: "cs-a", unite_organisation: "OuCsComA001" } }],
    });
  });

  it("takes the delimiter the header uses most, ignoring quoted headers, and a comma otherwise", () => {
    expect(delimiterOf("a,b,c\n1;2,3")).toBe(",");
    expect(delimiterOf('"code, produit";champ;element\n')).toBe(";");
    expect(delimiterOf("a\tb\n")).toBe("\t");
    expect(delimiterOf("code\n1\n")).toBe(",");
  });
});
