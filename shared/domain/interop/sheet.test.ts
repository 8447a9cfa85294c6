import { describe, expect, it } from "vitest";
import { csvCellText, csvSafeText, rowsFromCsv } from "./sheet";

describe("CSV cells that a spreadsheet would run as formulas", () => {
  it("are written behind an apostrophe, and read back exactly", () => {
    const texts = ['=HYPERLINK("http://x","y")', "+33 1", "-x", "@SUM(A1)", "\tz", "\rz", "'=1+1", "''-2"];
    for (const text of texts) {
      expect(csvSafeText(text)).toBe(`'${text}`);
      expect(csvCellText(csvSafeText(text))).toBe(text);
    }
  });

  it("leave every other text as it is, apostrophes included", () => {
    for (const text of ["Paracétamol 500 mg", "'quoted'", "a=b", "", "12-3", "O'Brien"]) {
      expect(csvSafeText(text)).toBe(text);
      expect(csvCellText(text)).toBe(text);
    }
  });

  it("are read without the apostrophe by rowsFromCsv", () => {
    const { rows } = rowsFromCsv("nom;code\n'=cmd|' /C calc'!A0;'-12\n");
    expect(rows[0]!.cells).toEqual({ nom: "=cmd|' /C calc'!A0", code: "-12" });
  });
});
