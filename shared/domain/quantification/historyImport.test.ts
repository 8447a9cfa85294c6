import { describe, expect, it } from "vitest";
import { parseHistoryCsv } from "./historyImport";

const HEADER = "period,facility,product,opening,received,consumed,adjustments,closing,stockout_days";

describe("history CSV", () => {
  it("reads valid rows, in any column order, with a BOM, semicolons and thousands separators", () => {
    const text =
      "\uFEFFFacility ; PERIOD;product;opening;received;consumed;adjustments;closing;stockout_days;note\n" +
      'CS-1;2026-01;ACT-1;"1 200";0;200;-10;990;0;x\n' +
      "CS-1;2026-02;ACT-1;990;500;300;0;1190;3;\n";
    const r = parseHistoryCsv(text);
    expect(r.issues).toEqual([]);
    expect(r.rows).toBe(2);
    expect(r.records[0]).toEqual({
      period: "2026-01",
      facility: "CS-1",
      product: "ACT-1",
      opening: 1200,
      received: 0,
      consumed: 200,
      adjustments: -10,
      closing: 990,
      stockoutDays: 0,
    });
  });

  it("names the row, the column and the reason of every bad cell", () => {
    const text = [
      HEADER,
      "2026-13,CS-1,ACT-1,10,0,5,0,5,0",
      "2026-02,CS-1,ACT-1,10,0,2.5,0,7,0",
      "2026-02,,ACT-1,-4,0,1,0,5,30",
      "2026-03,CS-1,ACT-1,10,0,5,0,5,0",
      "2026-03,CS-1,ACT-1,10,0,5,0,5,0",
    ].join("\n");
    const r = parseHistoryCsv(text);
    expect(r.issues).toEqual([
      { row: 2, column: "period", key: "bad_period", values: { value: "2026-13" } },
      { row: 3, column: "consumed", key: "not_integer", values: { value: "2.5" } },
      { row: 4, column: "facility", key: "required", values: {} },
      { row: 6, column: null, key: "duplicate", values: { firstRow: 5 } },
    ]);
    const more = parseHistoryCsv([HEADER, "2026-02,CS-1,ACT-1,-4,0,1,0,5,30"].join("\n"));
    expect(more.issues).toEqual([
      { row: 2, column: "opening", key: "below_min", values: { min: 0 } },
      { row: 2, column: "stockout_days", key: "stockout_days_above_days", values: { days: 28 } },
    ]);
  });

  it("refuses a file without a required column, and one without rows", () => {
    expect(parseHistoryCsv("period,facility,product\n2026-01,A,B").issues).toContainEqual({
      row: 1,
      column: "consumed",
      key: "missing_column",
      values: { column: "consumed" },
    });
    expect(parseHistoryCsv(HEADER).issues).toEqual([{ row: 0, column: null, key: "no_rows", values: {} }]);
  });

  it("accepts a line that does not balance but warns with the difference", () => {
    const r = parseHistoryCsv([HEADER, "2026-01,CS-1,ACT-1,10,5,3,0,20,0"].join("\n"));
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([{ row: 2, column: "closing", key: "balance_mismatch", values: { difference: 8 } }]);
  });

  it("caps the issues it lists and says how many there were", () => {
    const rows = Array.from({ length: 30 }, () => "bad,CS-1,ACT-1,1,1,1,1,1,0");
    const r = parseHistoryCsv([HEADER, ...rows].join("\n"), { maxIssues: 10 });
    expect(r.issues).toHaveLength(11);
    expect(r.issues[10]).toEqual({ row: 0, column: null, key: "too_many_issues", values: { shown: 10, total: 30 } });
  });
});
