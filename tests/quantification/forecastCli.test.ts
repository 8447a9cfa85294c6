/**
 * The forecast CLI end to end: spawned on history files (CSV and .xlsx) written from the messy generator, its
 * output files read back; bad input and bad arguments end with their exit code, the row and column named, and no
 * output written.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { HISTORY_COLUMNS } from "../../shared/contracts/quantification";
import type { HistoryRecord } from "../../shared/domain/quantification";
import { messyProductData, messyWorld, toRecords, type MessyWorld } from "../../scripts/quantification/messyHistory";

const dir = mkdtempSync(join(tmpdir(), "fura-forecast-cli-"));
let world: MessyWorld;
let records: HistoryRecord[];

const cells = (r: HistoryRecord) => [
  r.period,
  r.facility,
  r.product,
  r.opening,
  r.received,
  r.consumed,
  r.adjustments,
  r.closing,
  r.stockoutDays,
];

function writeCsv(name: string, rows: HistoryRecord[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${[HISTORY_COLUMNS.join(","), ...rows.map((r) => cells(r).join(","))].join("\n")}\n`);
  return file;
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/forecast.ts", ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function readCsv(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(file, "utf8"), { header: true, skipEmptyLines: true }).data;
}

beforeAll(() => {
  world = messyWorld({ sites: 30, products: 3, months: 30, holdout: 0, seed: 5, start: "2024-01" });
  records = world.products.flatMap((_, p) => toRecords(world, messyProductData(world, p, 5)));
  writeCsv("history.csv", records);
  writeFileSync(
    join(dir, "facilities.csv"),
    `facility,district,region\n${world.sites.map((s) => `${s.code},${s.district},${s.region}`).join("\n")}\n`,
  );
});

describe("npm run forecast", () => {
  it("writes facility,product,period,forecast,method for every facility × product over the horizon", () => {
    const out = join(dir, "facility.csv");
    const r = cli("--input", join(dir, "history.csv"), "--horizon", "6", "--output", out);
    expect(r.code).toBe(0);
    const rows = readCsv(out);
    expect(Object.keys(rows[0]!)).toEqual(["facility", "product", "period", "forecast", "method"]);
    const series = new Set(records.map((x) => `${x.facility}/${x.product}`));
    expect(rows).toHaveLength(series.size * 6);
    // The history ends in June 2026: the forecast runs July–December.
    expect([...new Set(rows.map((x) => x.period))].sort()).toEqual([
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
    ]);
    for (const row of rows) {
      expect(Number(row.forecast)).toBeGreaterThanOrEqual(0);
      expect(["ma", "linear", "holt-winters", "croston", "tsb"]).toContain(row.method);
    }
  });

  it("forecasts districts from a facilities file, with bands and the back-test of every method", () => {
    const out = join(dir, "district.csv");
    const backtest = join(dir, "backtest.csv");
    const r = cli(
      ...["--input", join(dir, "history.csv"), "--horizon", "12", "--level", "district"],
      ...["--facilities", join(dir, "facilities.csv"), "--output", out, "--bands", "--backtest", backtest],
    );
    expect(r.code).toBe(0);
    const rows = readCsv(out);
    const districts = [...new Set(world.sites.map((s) => s.district))].sort();
    expect([...new Set(rows.map((x) => x.facility))].sort()).toEqual(districts);
    expect(rows).toHaveLength(districts.length * 3 * 12);
    for (const row of rows) {
      expect(Number(row.lower)).toBeLessThanOrEqual(Number(row.forecast));
      expect(Number(row.upper)).toBeGreaterThanOrEqual(Number(row.forecast));
    }
    const tested = readCsv(backtest);
    // Per series, exactly one method is the chosen one and it has the lowest MASE of those back-tested.
    const bySeries = new Map<string, Record<string, string>[]>();
    for (const x of tested)
      bySeries.set(`${x.facility}/${x.product}`, [...(bySeries.get(`${x.facility}/${x.product}`) ?? []), x]);
    expect(bySeries.size).toBe(districts.length * 3);
    for (const list of bySeries.values()) {
      const chosen = list.filter((x) => x.chosen === "yes");
      expect(chosen).toHaveLength(1);
      const mases = list.filter((x) => x.mase !== "").map((x) => Number(x.mase));
      expect(Number(chosen[0]!.mase)).toBe(Math.min(...mases));
    }
  });

  it("takes the regions from Fura's database and reads an .xlsx history like the CSV", async () => {
    const db = join(dir, "fura.db");
    const open = openDb(db);
    open.sqlite.exec(`insert into regions (id, name, capital, capital_lat, capital_lon, source)
      values ('kayes', 'Kayes', 'Kayes', 14.4, -11.4, 'test'), ('sikasso', 'Sikasso', 'Sikasso', 11.3, -5.7, 'test')`);
    open.sqlite.exec(`insert into districts (id, name, region_id, source)
      values ('kita', 'Kita', 'kayes', 'test'), ('bougouni', 'Bougouni', 'sikasso', 'test')`);
    const insert = open.sqlite
      .prepare(`insert into facilities (id, name, level, region_id, district_id, lat, lon, source)
      values (?, ?, 'cscom', ?, ?, 12, -8, 'test')`);
    world.sites.forEach((s, i) => insert.run(s.code, s.code, i % 2 ? "kayes" : "sikasso", i % 2 ? "kita" : "bougouni"));
    open.close();

    const csvOut = join(dir, "region-csv.csv");
    expect(
      cli("--input", join(dir, "history.csv"), "--horizon", "3", "--level", "region", "--db", db, "--output", csvOut)
        .code,
    ).toBe(0);
    const rows = readCsv(csvOut);
    expect([...new Set(rows.map((x) => x.facility))].sort()).toEqual(["kayes", "sikasso"]);

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("history");
    sheet.addRow([...HISTORY_COLUMNS]);
    for (const x of records) sheet.addRow(cells(x));
    await wb.xlsx.writeFile(join(dir, "history.xlsx"));
    const xlsxOut = join(dir, "region-xlsx.csv");
    expect(
      cli("--input", join(dir, "history.xlsx"), "--horizon", "3", "--level", "region", "--db", db, "--output", xlsxOut)
        .code,
    ).toBe(0);
    expect(readFileSync(xlsxOut, "utf8")).toBe(readFileSync(csvOut, "utf8"));
  });

  it("refuses bad input with the row, the column and why, exits 65 and writes nothing", () => {
    const bad = writeCsv("bad.csv", records.slice(0, 5));
    const text = readFileSync(bad, "utf8").split("\n");
    text[3] = text[3]!.replace(/^(\d{4}-\d{2}),([^,]+),([^,]+),(\d+),(\d+),(\d+)/, "$1,$2,$3,$4,$5,12.5");
    writeFileSync(bad, text.join("\n"));
    const out = join(dir, "never.csv");
    const r = cli("--input", bad, "--horizon", "3", "--output", out);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('row 4, column consumed: not a whole number ("12.5")');
    expect(existsSync(out)).toBe(false);
  });

  it("refuses bad arguments with exit 64", () => {
    const input = join(dir, "history.csv");
    const out = join(dir, "never.csv");
    expect(cli("--input", input, "--horizon", "0", "--output", out).stderr).toContain("--horizon must be");
    expect(cli("--input", input, "--horizon", "3", "--output", out, "--method", "magic").code).toBe(64);
    const noAreas = cli("--input", input, "--horizon", "3", "--output", out, "--level", "district");
    expect(noAreas.code).toBe(64);
    expect(noAreas.stderr).toContain("--facilities");
    expect(existsSync(out)).toBe(false);
  });
});
