/**
 * From history records to forecasts at a level: the one flow the CLI and the server share.
 * records → facility series (stock-out adjustment) → [areas: reporting-rate correction] → preparation (gaps,
 * outliers) → forecast (a method or auto, back-tested). Each series keeps what was reported, what was
 * corrected and every note, so a screen can show the corrections beside the forecast. Every series of a product
 * is also offered the product's national seasonal index (from the reporting-corrected national sum, when the
 * history covers two years before the back-test window) for the seasonal-index method: a CSCom's few units a month borrow the country's
 * malaria season.
 */
import { aggregateByArea, type AggregateOptions } from "./aggregate";
import { addPeriods, type Period } from "./calendar";
import { forecastSeries, type ForecastOptions, type SeriesForecast } from "./forecast";
import { buildFacilitySeries, type FacilitySeries, type HistoryRecord } from "./history";
import type { MorbidityAssumptions } from "./methods/morbidity";
import { seasonalIndexOf } from "./methods/seasonalIndex";
import { prepareSeries, type PreparedSeries } from "./prepare";
import type { Note } from "./types";

export const FORECAST_LEVELS = ["facility", "district", "region", "national"] as const;
export type ForecastLevel = (typeof FORECAST_LEVELS)[number];

/** Months at the end of the history left out when estimating the national seasonal index (the back-test window). */
export const SEASONAL_INDEX_HOLDBACK = 12;

/** The area code of the national level. */
export const NATIONAL_AREA = "national";

/** Options of `forecastHistory`. */
export interface HistoryForecastOptions extends Omit<ForecastOptions, "morbidity"> {
  level: ForecastLevel;
  /** The district or region code of a facility (needed for those levels; undefined: unknown facility) */
  areaOf?: (facility: string) => string | undefined;
  /**
   * The morbidity assumptions of a product for a series (`code`: the facility or area code, whose population they
   * describe); the series then gets the morbidity method as a candidate too
   */
  morbidityOf?: (product: string, code: string) => MorbidityAssumptions | null | undefined;
  /**
   * Forecast only these series (facility or area codes; default every one): the other facilities' records still
   * make the product's national seasonal index, so one CSCom's forecast borrows the country's season
   */
  codes?: ReadonlySet<string>;
  /** Months of history used (default: from the first to the last period of the records) */
  window?: { start: Period; months: number };
  aggregate?: AggregateOptions;
}

/** The forecast of one facility × product or area × product, with its history. */
export interface HistoryForecast {
  /** The facility's code, or the area's code (district, region, "national") */
  code: string;
  product: string;
  historyStart: Period;
  /** First forecast month (the month after the history window) */
  forecastStart: Period;
  /** Consumption as reported (facility: NaN when not reported; area: the sum over the sites that reported) */
  reported: Float64Array;
  /** Corrected consumption: stock-outs (facility), plus reporting rate (area); NaN when unknown */
  adjusted: Float64Array;
  /** What the methods saw: `prepared.values[i]` is month `historyStart + prepared.offset + i` */
  prepared: PreparedSeries;
  forecast: SeriesForecast;
  /** Every correction, history first (stock-outs, reporting rate, sites), then preparation (gaps, outliers) */
  notes: Note[];
}

/** The history window shared by every series of one run. */
interface Window {
  start: Period;
  months: number;
  forecastStart: Period;
}

/** One series before preparation: its code, product, what was reported, what was corrected and the notes. */
interface RawSeries {
  code: string;
  product: string;
  reported: Float64Array;
  adjusted: Float64Array;
  notes: Note[];
}

/** Prepares and forecasts one series (with the product's national seasonal index and morbidity assumptions). */
function finishSeries(
  raw: RawSeries,
  window: Window,
  options: HistoryForecastOptions,
  index: Float64Array | null,
): HistoryForecast {
  const { start, forecastStart } = window;
  const prepared = prepareSeries(raw.adjusted, { start });
  const seriesStart = addPeriods(start, prepared.offset);
  const seasonalIndex = index ? { index, start: seriesStart } : null;
  const assumptions = options.morbidityOf?.(raw.product, raw.code);
  const morbidity = assumptions ? { assumptions, start: seriesStart } : null;
  const forecast = forecastSeries(prepared.values, { ...options, seasonalIndex, morbidity });
  return {
    ...raw,
    historyStart: start,
    forecastStart,
    prepared,
    forecast,
    notes: [...raw.notes, ...prepared.notes],
  };
}

/** The facility series grouped by product. */
function byProduct(facilitySeries: readonly FacilitySeries[]): Map<string, FacilitySeries[]> {
  const grouped = new Map<string, FacilitySeries[]>();
  for (const s of facilitySeries) {
    const list = grouped.get(s.product);
    if (list) list.push(s);
    else grouped.set(s.product, [s]);
  }
  return grouped;
}

/**
 * The product's national seasonal index, estimated on the months before the back-test window (the last 12), so no
 * back-test origin borrows a season it has not seen yet; it needs two years there (else null).
 */
function nationalIndexOf(list: readonly FacilitySeries[], window: Window, options: HistoryForecastOptions) {
  const { start, months } = window;
  if (months - SEASONAL_INDEX_HOLDBACK < 24) return null;
  const sites = list.map((s) => ({ facility: s.facility, area: NATIONAL_AREA, values: s.adjusted }));
  const national = aggregateByArea(sites, start, months, options.aggregate)[0]!.corrected;
  const before = prepareSeries(national.subarray(0, months - SEASONAL_INDEX_HOLDBACK));
  return seasonalIndexOf(before.values, addPeriods(start, before.offset));
}

/** One product's area series (district, region or national), its unmapped facilities added to `unmapped`. */
function areaSeries(
  product: string,
  list: readonly FacilitySeries[],
  window: Window,
  options: HistoryForecastOptions,
  unmapped: Set<string>,
): HistoryForecast[] {
  const index = nationalIndexOf(list, window, options);
  const sites = [];
  const siteNotes = new Map<string, Note[]>();
  for (const s of list) {
    const area = options.level === "national" ? NATIONAL_AREA : options.areaOf?.(s.facility);
    if (area === undefined) {
      unmapped.add(s.facility);
      continue;
    }
    sites.push({ facility: s.facility, area, values: s.adjusted });
    const notes = siteNotes.get(area) ?? [];
    siteNotes.set(area, notes);
    notes.push(...s.notes);
  }
  const series: HistoryForecast[] = [];
  for (const area of aggregateByArea(sites, window.start, window.months, options.aggregate)) {
    if (options.codes && !options.codes.has(area.area)) continue;
    const notes = [...summariseSiteNotes(siteNotes.get(area.area) ?? []), ...area.notes];
    const raw = { code: area.area, product, reported: area.reported, adjusted: area.corrected, notes };
    series.push(finishSeries(raw, window, options, index));
  }
  return series;
}

/** Forecasts every series of the records at the level; facilities with no area at that level are listed apart. */
export function forecastHistory(
  records: readonly HistoryRecord[],
  options: HistoryForecastOptions,
): { series: HistoryForecast[]; unmappedFacilities: string[] } {
  const facilitySeries = buildFacilitySeries(records, options.window);
  if (facilitySeries.length === 0) return { series: [], unmappedFacilities: [] };
  const start = facilitySeries[0]!.start;
  const months = facilitySeries[0]!.months;
  const window: Window = { start, months, forecastStart: addPeriods(start, months) };
  const grouped = byProduct(facilitySeries);
  const series: HistoryForecast[] = [];
  if (options.level === "facility") {
    for (const list of grouped.values()) {
      const index = nationalIndexOf(list, window, options);
      for (const s of list) {
        if (options.codes && !options.codes.has(s.facility)) continue;
        const raw = {
          code: s.facility,
          product: s.product,
          reported: s.consumed,
          adjusted: s.adjusted,
          notes: s.notes,
        };
        series.push(finishSeries(raw, window, options, index));
      }
    }
    return { series, unmappedFacilities: [] };
  }
  const unmapped = new Set<string>();
  for (const [product, list] of grouped) series.push(...areaSeries(product, list, window, options, unmapped));
  return { series, unmappedFacilities: [...unmapped].sort() };
}

/** The sites' stock-out and balance notes summed per month and kind (key + "_sites"). */
function summariseSiteNotes(notes: readonly Note[]): Note[] {
  const byKey = new Map<string, Note>();
  for (const n of notes) {
    const period = String(n.values.period);
    const id = `${n.key}\u0000${period}`;
    let sum = byKey.get(id);
    if (!sum) {
      sum = { key: `${n.key}_sites`, values: { period, sites: 0 } };
      byKey.set(id, sum);
    }
    sum.values.sites = (sum.values.sites as number) + 1;
    for (const k of ["consumed", "adjusted", "difference"]) {
      const v = n.values[k];
      if (typeof v === "number") sum.values[k] = ((sum.values[k] as number | undefined) ?? 0) + v;
    }
  }
  return [...byKey.values()].sort((a, b) => String(a.values.period).localeCompare(String(b.values.period)));
}
