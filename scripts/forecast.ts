/**
 * The forecaster for analysts, on the same code as Fura (shared/domain/quantification):
 *
 *   npm run forecast -- --input history.csv --horizon 12 --output forecast.csv
 *        [--level facility|district|region|national] [--method auto|ma|linear|holt-winters|croston|tsb|seasonal-index]
 *        [--facilities facilities.csv | --db data/fura.db] [--bands] [--backtest backtest.csv]
 *
 * Input: CSV (or .xlsx) with the columns period (YYYY-MM), facility, product, opening, received, consumed,
 * adjustments, closing, stockout_days; a month without a row is a month not reported. Output: CSV with
 * facility,product,period,forecast,method (plus lower,upper with --bands: the 80 % band); at district, region and
 * national level `facility` holds the area's code. Areas come from --facilities (a CSV with the columns facility,
 * district, region) or from Fura's database (--db: facilities.id → district_id, region_id).
 *
 * Exit codes: 0 done; 64 bad arguments; 65 bad input data (every problem listed with its row and column); 66 a
 * file cannot be read.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Papa from "papaparse";
import { openDb } from "../db/client";
import { ForecastLevel, ForecastMethodChoice, type HistoryIssue } from "../shared/contracts/quantification";
import { addPeriods, forecastHistory, type HistoryForecast, type MethodChoice } from "../shared/domain/quantification";
import { readHistoryFile } from "../server/quantification/historyFile";

const USAGE = `usage: npm run forecast -- --input history.csv|.xlsx --horizon H --output forecast.csv
       [--level facility|district|region|national] [--method auto|ma|linear|holt-winters|croston|tsb|seasonal-index]
       [--facilities facilities.csv | --db fura.db] [--bands] [--backtest backtest.csv]`;

/** An error that ends the run with its exit code. */
class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** English text of an issue key, for the terminal (the web app has its own French and English texts). */
const ISSUE_TEXT: Record<string, (v: HistoryIssue["values"]) => string> = {
  missing_column: (v) => `missing column "${v.column}"`,
  csv_malformed: (v) => `malformed CSV line (${v.code})`,
  xlsx_unreadable: (v) => `not a readable .xlsx workbook (${v.reason})`,
  required: () => "empty: a value is required",
  not_integer: (v) => `not a whole number (${JSON.stringify(v.value)})`,
  bad_period: (v) => `not a month YYYY-MM (${JSON.stringify(v.value)})`,
  below_min: (v) => `below ${v.min}`,
  above_max: (v) => `above ${v.max}`,
  stockout_days_above_days: (v) => `more stock-out days than the ${v.days} days of the month`,
  duplicate: (v) => `same period, facility and product as row ${v.firstRow}`,
  no_rows: () => "no data rows",
  too_many_issues: (v) => `${v.total} problems in all, the first ${v.shown} shown`,
  balance_mismatch: (v) => `closing ≠ opening + received − consumed + adjustments (difference ${v.difference})`,
};

export function describeIssue(i: HistoryIssue): string {
  const where = i.row === 0 ? "file" : i.column ? `row ${i.row}, column ${i.column}` : `row ${i.row}`;
  const text = ISSUE_TEXT[i.key]?.(i.values) ?? `${i.key} ${JSON.stringify(i.values)}`;
  return `${where}: ${text}`;
}

/** facility → area code at the level, from a mapping CSV (facility, district, region). */
function areasFromCsv(path: string, level: "district" | "region"): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new CliError(66, `cannot read ${path}: ${(e as Error).message}`);
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const [header = [], ...rows] = parsed.data;
  const names = header.map((h) => h.trim().toLowerCase());
  const f = names.indexOf("facility");
  const a = names.indexOf(level);
  if (f < 0 || a < 0)
    throw new CliError(
      65,
      `${path}: row 1: the columns "facility" and "${level}" are needed (found: ${header.join(", ")})`,
    );
  const map = new Map<string, string>();
  const problems: string[] = [];
  rows.forEach((cells, i) => {
    const facility = (cells[f] ?? "").trim();
    const area = (cells[a] ?? "").trim();
    if (!facility) problems.push(`${path}: row ${i + 2}, column facility: empty`);
    else if (!area) problems.push(`${path}: row ${i + 2}, column ${level}: empty`);
    else if (map.has(facility) && map.get(facility) !== area)
      problems.push(`${path}: row ${i + 2}, column facility: ${facility} is already in ${map.get(facility)}`);
    else map.set(facility, area);
  });
  if (problems.length > 0) throw new CliError(65, problems.slice(0, 50).join("\n"));
  return map;
}

/** facility → area code at the level, from Fura's database. */
function areasFromDb(path: string, level: "district" | "region"): Map<string, string> {
  let open;
  try {
    open = openDb(path, { readonly: true });
  } catch (e) {
    throw new CliError(66, `cannot open the database ${path}: ${(e as Error).message}`);
  }
  try {
    const rows = open.sqlite
      .prepare(`select id, ${level === "district" ? "district_id" : "region_id"} as area from facilities`)
      .all() as { id: string; area: string | null }[];
    return new Map(rows.filter((r) => r.area !== null).map((r) => [r.id, r.area!]));
  } finally {
    open.close();
  }
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);

/** Output rows of one series. */
function outputRows(s: HistoryForecast, horizon: number, bands: boolean): string[][] {
  const f = s.forecast;
  return Array.from({ length: horizon }, (_, h) => {
    const row = [s.code, s.product, addPeriods(s.forecastStart, h), fmt(f.values[h]!), f.method];
    if (bands) row.push(f.lower ? fmt(f.lower[h]!) : "", f.upper ? fmt(f.upper[h]!) : "");
    return row;
  });
}

/** Runs the CLI on argv; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    let args;
    try {
      args = parseArgs({
        args: argv,
        options: {
          input: { type: "string" },
          horizon: { type: "string" },
          output: { type: "string" },
          level: { type: "string", default: "facility" },
          method: { type: "string", default: "auto" },
          facilities: { type: "string" },
          db: { type: "string" },
          bands: { type: "boolean", default: false },
          backtest: { type: "string" },
        },
        strict: true,
        allowPositionals: false,
      }).values;
    } catch (e) {
      throw new CliError(64, `${(e as Error).message}\n${USAGE}`);
    }
    if (!args.input) throw new CliError(64, `--input is required\n${USAGE}`);
    if (!args.output) throw new CliError(64, `--output is required\n${USAGE}`);
    const horizon = Number(args.horizon);
    if (!args.horizon || !Number.isInteger(horizon) || horizon < 1 || horizon > 60)
      throw new CliError(
        64,
        `--horizon must be a whole number of months from 1 to 60 (got ${args.horizon ?? "nothing"})`,
      );
    const level = ForecastLevel.safeParse(args.level);
    if (!level.success) throw new CliError(64, `--level must be one of ${ForecastLevel.options.join(", ")}`);
    const method = ForecastMethodChoice.exclude(["morbidity"]).safeParse(args.method);
    if (!method.success)
      throw new CliError(
        64,
        `--method must be one of ${ForecastMethodChoice.exclude(["morbidity"]).options.join(", ")}`,
      );
    if (args.facilities && args.db) throw new CliError(64, "give --facilities or --db, not both");
    const needsAreas = level.data === "district" || level.data === "region";
    if (needsAreas && !args.facilities && !args.db)
      throw new CliError(
        64,
        `--level ${level.data} needs the facilities' areas: --facilities facilities.csv (columns facility,district,region) or --db fura.db`,
      );

    const t0 = performance.now();
    let history;
    try {
      history = await readHistoryFile(args.input);
    } catch (e) {
      throw new CliError(66, `cannot read ${args.input}: ${(e as Error).message}`);
    }
    if (history.issues.length > 0) {
      const lines = history.issues.map(describeIssue);
      throw new CliError(
        65,
        `${args.input}: ${history.issues.length} problem(s), nothing forecast:\n  ${lines.join("\n  ")}`,
      );
    }
    for (const w of history.warnings.slice(0, 20)) console.error(`warning: ${args.input}: ${describeIssue(w)}`);
    if (history.warnings.length > 20)
      console.error(`warning: … and ${history.warnings.length - 20} more lines that do not balance`);

    let areaOf: ((facility: string) => string | undefined) | undefined;
    if (needsAreas) {
      const areaLevel = level.data as "district" | "region";
      const map = args.facilities ? areasFromCsv(args.facilities, areaLevel) : areasFromDb(args.db!, areaLevel);
      areaOf = (f) => map.get(f);
    }
    const result = forecastHistory(history.records, {
      level: level.data,
      areaOf,
      horizon,
      method: method.data as MethodChoice,
    });
    if (result.unmappedFacilities.length > 0) {
      const source = args.facilities ?? args.db;
      const shown = result.unmappedFacilities.slice(0, 20).join(", ");
      const more = result.unmappedFacilities.length > 20 ? ` … (${result.unmappedFacilities.length} in all)` : "";
      throw new CliError(
        65,
        `${args.input}: column facility: codes without a ${level.data} in ${source}: ${shown}${more}`,
      );
    }

    const header = ["facility", "product", "period", "forecast", "method", ...(args.bands ? ["lower", "upper"] : [])];
    const rows = result.series.flatMap((s) => outputRows(s, horizon, args.bands === true));
    writeFileSync(args.output, `${Papa.unparse({ fields: header, data: rows }, { newline: "\n" })}\n`);
    if (args.backtest) {
      const bt = result.series.flatMap((s) =>
        s.forecast.methods.map((m) => [
          s.code,
          s.product,
          m.method,
          m.method === s.forecast.method ? "yes" : "no",
          m.metrics?.mase?.toFixed(3) ?? "",
          m.metrics?.mape?.toFixed(3) ?? "",
          m.metrics?.wape?.toFixed(3) ?? "",
          m.metrics ? m.metrics.bias.toFixed(3) : "",
          String(m.metrics?.count ?? 0),
          m.note?.key ?? "",
        ]),
      );
      const fields = ["facility", "product", "method", "chosen", "mase", "mape", "wape", "bias", "pairs", "note"];
      writeFileSync(args.backtest, `${Papa.unparse({ fields, data: bt }, { newline: "\n" })}\n`);
    }
    const chosen = new Map<string, number>();
    for (const s of result.series) chosen.set(s.forecast.method, (chosen.get(s.forecast.method) ?? 0) + 1);
    const methods = [...chosen].map(([m, n]) => `${m} ${n}`).join(", ");
    console.log(
      `${history.records.length} rows → ${result.series.length} series at ${level.data} level, ${horizon} months from ${result.series[0]?.forecastStart ?? "—"} (${methods}) in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${args.output}`,
    );
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      console.error(`error: ${e.message}`);
      return e.exitCode;
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
