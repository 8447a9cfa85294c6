/**
 * Morbidity / demographic method for programme products (PRODUCT.md §4): units needed in a month =
 * population × incidence ÷ 12 × seasonal index × share treated × Σ over the treatment bands (share of cases ×
 * units per treatment) × (1 + wastage). Every figure is an assumption the officer edits; the breakdown of each
 * month is returned so the screen can show how the number was made.
 */
import { addPeriods, calendarMonths, monthsBetween, type Period } from "../calendar";

/** One treatment band: e.g. an ACT weight band and the tablets a course takes. */
export interface MorbidityBand {
  /** Code of the band (e.g. "5-14kg"), rendered by the web */
  key: string;
  /** Share of the cases in this band (0–1); the bands of a product may cover only part of the cases */
  shareOfCases: number;
  unitsPerTreatment: number;
}

/** The assumptions of the morbidity method. */
export interface MorbidityAssumptions {
  /** Month the population figure refers to */
  basePeriod: Period;
  /** People in the target group (e.g. children under 5 of the area) at basePeriod */
  population: number;
  /** Yearly growth of the population (0.03 = 3 %), compounded monthly */
  populationGrowthPerYear: number;
  /** Episodes per person per year */
  incidencePerPersonYear: number;
  /** Twelve monthly multipliers, January first (rescaled to mean 1); flat when omitted */
  seasonalIndex?: readonly number[] | null;
  /** Share of episodes treated with this product line (care seeking × diagnosis × treatment), 0–1 */
  shareTreated: number;
  bands: readonly MorbidityBand[];
  /** Extra share for losses and wastage (0.05 = 5 %) */
  wastageRate?: number;
}

/** One month of the morbidity forecast and how it was made. */
export interface MorbidityMonth {
  period: Period;
  population: number;
  cases: number;
  treated: number;
  units: number;
  byBand: { key: string; units: number }[];
}

/**
 * Artemether-lumefantrine 20/120 mg courses by weight band (WHO dosing: 1 to 4 tablets twice a day for 3 days).
 * The shares of cases per band are local assumptions: the officer enters them.
 */
export const AL_WEIGHT_BANDS: readonly { key: string; unitsPerTreatment: number }[] = [
  { key: "5-14kg", unitsPerTreatment: 6 },
  { key: "15-24kg", unitsPerTreatment: 12 },
  { key: "25-34kg", unitsPerTreatment: 18 },
  { key: "35kg+", unitsPerTreatment: 24 },
];

/** The morbidity forecast of `months` months from `start`. */
export function morbidityForecast(
  a: MorbidityAssumptions,
  start: Period,
  months: number,
): { values: Float64Array; months: MorbidityMonth[] } {
  const index = normalisedIndex(a.seasonalIndex);
  const calendar = calendarMonths(start, months);
  const offset = monthsBetween(a.basePeriod, start);
  const wastage = 1 + (a.wastageRate ?? 0);
  const values = new Float64Array(months);
  const out: MorbidityMonth[] = [];
  for (let i = 0; i < months; i++) {
    const population = a.population * (1 + a.populationGrowthPerYear) ** ((offset + i) / 12);
    const cases = ((population * a.incidencePerPersonYear) / 12) * index[calendar[i]!]!;
    const treated = cases * a.shareTreated;
    const byBand = a.bands.map((b) => ({
      key: b.key,
      units: treated * b.shareOfCases * b.unitsPerTreatment * wastage,
    }));
    const units = byBand.reduce((s, b) => s + b.units, 0);
    values[i] = units;
    out.push({ period: addPeriods(start, i), population, cases, treated, units, byBand });
  }
  return { values, months: out };
}

function normalisedIndex(index: readonly number[] | null | undefined): number[] {
  if (!index || index.length !== 12) return new Array<number>(12).fill(1);
  const mean = index.reduce((s, x) => s + x, 0) / 12;
  return index.map((x) => (mean > 0 ? x / mean : 1));
}
