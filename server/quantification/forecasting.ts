/**
 * One product's forecast at a level: the history (server/queries/quantHistory.ts) → `forecastHistory` (pure,
 * shared with the CLI) with every method compared, presented with its corrections. Runs in the quantification
 * worker (server/reads) in the server, inline in the API tests.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ForecastQuery, ProductForecast } from "../../shared/contracts/forecasts";
import type { ScenarioSettings } from "../../shared/contracts/scenarios";
import { lastCompletePeriod } from "../../shared/domain/months";
import {
  addPeriods,
  forecastHistory,
  forecastSeries,
  NATIONAL_AREA,
  periodRange,
  type HistoryForecast,
  type MethodResult,
  type Period,
} from "../../shared/domain/quantification";
import { loadAreaHistory, sourceTotals, type HistoryArea } from "../queries/quantHistory";
import { loadProduct, productChoices, resolveSettings, type PlanProduct } from "./inputs";

/** NaN (unknown) as null, for JSON. */
const nullable = (a: ArrayLike<number>) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));

/** The area's id and name. */
function areaOf(db: Db, area: HistoryArea): { id: string; name: string } {
  const one = (table: "regions" | "districts" | "facilities", id: string | undefined) =>
    db.get<{ id: string; name: string }>(sql`select id, name from ${sql.identifier(table)} where id = ${id ?? ""}`) ?? {
      id: id ?? "",
      name: id ?? "",
    };
  if (area.level === "region") return one("regions", area.regionId);
  if (area.level === "district") return one("districts", area.districtId);
  if (area.level === "facility") return one("facilities", area.facilityId);
  return { id: NATIONAL_AREA, name: NATIONAL_AREA };
}

/** The options of one product's forecast. */
export interface ForecastRun {
  product: PlanProduct;
  area: HistoryArea;
  settings: ScenarioSettings;
  asOf: string;
  method?: ForecastQuery["method"];
  horizon?: number | undefined;
  historyMonths?: number | undefined;
  /** Forecast every method for the comparison (the screen), or only the chosen one (the catalogue run) */
  compare: boolean;
}

/** The computed forecast and where its history came from. */
export interface ForecastOutcome {
  series: HistoryForecast | null;
  start: Period;
  months: number;
  forecastStart: Period;
  horizon: number;
  sources: ProductForecast["sources"];
  /** The forecast when there was no history at all (zeros, or the morbidity method) */
  fallback: ReturnType<typeof forecastSeries> | null;
}

/** Region and district of every facility (to place the history's facilities in areas). */
export function facilityAreas(db: Db): Map<string, { regionId: string; districtId: string | null }> {
  const rows = db.all<{ id: string; regionId: string; districtId: string | null }>(
    sql`select id, region_id as regionId, district_id as districtId from facilities`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The code of the series the area stands for, and whether a facility lies in it. */
function areaSelector(area: HistoryArea, geo: ReturnType<typeof facilityAreas>) {
  switch (area.level) {
    case "region":
      return { code: area.regionId!, areaOf: (f: string) => geo.get(f)?.regionId };
    case "district":
      return { code: area.districtId!, areaOf: (f: string) => geo.get(f)?.districtId ?? undefined };
    case "facility":
      return { code: area.facilityId!, areaOf: (f: string) => f };
    default:
      return { code: NATIONAL_AREA, areaOf: () => NATIONAL_AREA };
  }
}

/**
 * Runs one product's forecast (no presentation). The whole country's history is read whatever the level, so
 * that every series can borrow the product's national season (a CSCom's few units a month, a district's
 * malaria peak); only the area's series is forecast.
 */
export function runForecast(db: Db, run: ForecastRun, geo = facilityAreas(db)): ForecastOutcome {
  const { product, area, settings } = run;
  const choices = productChoices(settings, product.code, run.method);
  const horizon = run.horizon ?? settings.horizon;
  const months = run.historyMonths ?? settings.historyMonths;
  const start = addPeriods(lastCompletePeriod(run.asOf), -(months - 1));
  const forecastStart = addPeriods(start, months);
  const history = loadAreaHistory(db, product, { level: "national" }, { start, months });
  // Morbidity assumptions describe the whole country's population: used at national level only.
  const morbidity = area.level === "national" ? choices.morbidity : null;
  const selector = areaSelector(area, geo);
  const result = forecastHistory(history.records, {
    level: area.level,
    areaOf: selector.areaOf,
    codes: area.level === "national" ? undefined : new Set([selector.code]),
    horizon,
    method: choices.method === "morbidity" && !morbidity ? "auto" : choices.method,
    compare: run.compare,
    window: { start, months },
    morbidityOf: () => morbidity,
  });
  const inArea = new Set([...history.sources.keys()].filter((f) => selector.areaOf(f) === selector.code));
  const sources = { ...sourceTotals(history, inArea), sites: inArea.size };
  const series = result.series[0] ?? null;
  const fallback = series
    ? null
    : forecastSeries(new Float64Array(0), {
        horizon,
        method: morbidity ? "morbidity" : "auto",
        morbidity: morbidity ? { assumptions: morbidity, start: forecastStart } : null,
      });
  return { series, start, months, forecastStart, horizon, sources, fallback };
}

const methodView = (m: MethodResult) => ({
  method: m.method,
  params: m.params,
  metrics: m.metrics,
  note: m.note,
  values: m.values ? Array.from(m.values) : null,
});

/** One product's forecast at the level of the query, with its history, the methods compared and the corrections. */
export function productForecast(db: Db, q: ForecastQuery, asOf: string): ProductForecast {
  const product = loadProduct(db, q.productId);
  const { settings } = resolveSettings(db, q.scenarioId);
  const area: HistoryArea = q;
  const out = runForecast(db, {
    product,
    area,
    settings,
    asOf,
    method: q.method,
    horizon: q.horizon,
    historyMonths: q.historyMonths,
    compare: true,
  });
  const { series, start, months } = out;
  const periods = periodRange(start, months);
  const forecast = series?.forecast ?? out.fallback!;
  const prepared: (number | null)[] = new Array<number | null>(months).fill(null);
  if (series) series.prepared.values.forEach((v, i) => (prepared[series.prepared.offset + i] = v));
  const { id, code, name, strength, baseUnit, packSize, ven, programme, pricePerPackXof } = product;
  return {
    product: { id, code, name, strength, baseUnit, packSize, ven, programme, pricePerPackXof },
    level: q.level,
    area: areaOf(db, area),
    asOf,
    history: {
      periods,
      reported: series ? nullable(series.reported) : prepared.slice(),
      adjusted: series ? nullable(series.adjusted) : prepared.slice(),
      prepared,
    },
    forecast: {
      periods: periodRange(out.forecastStart, out.horizon),
      method: forecast.method,
      params: forecast.params,
      values: Array.from(forecast.values),
      lower: forecast.lower ? Array.from(forecast.lower) : null,
      upper: forecast.upper ? Array.from(forecast.upper) : null,
      why: series ? forecast.why : { key: "no_history", values: { months, method: forecast.method } },
      profile: forecast.profile,
    },
    methods: forecast.methods.map(methodView),
    notes: series?.notes ?? [],
    sources: out.sources,
  };
}
