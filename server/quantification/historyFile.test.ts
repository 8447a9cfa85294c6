import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { historyFormatOf, readHistoryBuffer, readHistoryFile } from "./historyFile";

const HEADER = [
  "period",
  "facility",
  "product",
  "opening",
  "received",
  "consumed",
  "adjustments",
  "closing",
  "stockout_days",
];

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("history");
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("history file (.xlsx and CSV)", () => {
  it("reads an .xlsx sheet like the CSV: numbers as numbers, a date in the period column as its month, formulas by result", async () => {
    const buffer = await workbook([
      [new Date(Date.UTC(2026, 2, 1)), "CS-1", "ACT-1", 100, 50, 40, 0, 110, 0],
      ["2026-04", "CS-1", "ACT-1", 110, 0, { formula: "20*2", result: 40 }, 0, 70, 2],
    ]);
    const r = await readHistoryBuffer(buffer, "xlsx");
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => [x.period, x.consumed, x.stockoutDays])).toEqual([
      ["2026-03", 40, 0],
      ["2026-04", 40, 2],
    ]);
  });

  it("names the spreadsheet row and column of a bad cell", async () => {
    const buffer = await workbook([
      ["2026-03", "CS-1", "ACT-1", 100, 50, 40.5, 0, 110, 0],
      [],
      ["2026-05", "CS-1", "ACT-1", 100, 50, 40, 0, 110, 40],
    ]);
    const r = await readHistoryBuffer(buffer, "xlsx");
    expect(r.issues).toEqual([
      { row: 2, column: "consumed", key: "not_integer", values: { value: 40.5 } },
      { row: 4, column: "stockout_days", key: "above_max", values: { max: 31 } },
    ]);
  });

  it("says when a file is not a workbook", async () => {
    const r = await readHistoryBuffer(new TextEncoder().encode("PK not a zip"), "xlsx");
    expect(r.issues[0]!.key).toBe("xlsx_unreadable");
  });

  it("tells the format from the name or the first bytes, and reads a CSV file from disk", async () => {
    expect(historyFormatOf("a.XLSX")).toBe("xlsx");
    expect(historyFormatOf("export", Uint8Array.from([0x50, 0x4b, 3, 4]))).toBe("xlsx");
    expect(historyFormatOf("export.csv")).toBe("csv");
    const dir = mkdtempSync(join(tmpdir(), "fura-history-"));
    writeFileSync(join(dir, "h.csv"), `${HEADER.join(",")}\n2026-01,CS-1,ACT-1,10,0,5,0,5,0\n`);
    const r = await readHistoryFile(join(dir, "h.csv"));
    expect(r.records).toHaveLength(1);
  });
});
