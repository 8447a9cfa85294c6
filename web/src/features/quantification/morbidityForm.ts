/**
 * The morbidity assumptions of one product as typed in the scenario form, and back: shares in percent ("60" for
 * 0.6), the base month typed mm/yyyy (or YYYY-MM), decimals with a comma. A saved seasonal index is kept as it was
 * (the form does not edit it). Pure, tested with the scenario form.
 */
import type { MorbidityAssumptions } from "@shared/contracts/quantification";
import { numberOrNaN } from "../../lib/forms/parse";

/** One treatment band as typed. */
export interface BandValues {
  key: string;
  /** Share of the cases, % */
  share: string;
  units: string;
}

/** The assumptions as typed; `enabled` false: the product has none. */
export interface MorbidityValues {
  enabled: boolean;
  basePeriod: string;
  population: string;
  /** Yearly growth, % */
  growth: string;
  incidence: string;
  /** Share of episodes treated, % */
  shareTreated: string;
  /** Wastage, % */
  wastage: string;
  bands: BandValues[];
}

/** The form field of each assumption (contract key → form key). */
export const MORBIDITY_FIELDS: Record<string, string> = {
  basePeriod: "basePeriod",
  population: "population",
  populationGrowthPerYear: "growth",
  incidencePerPersonYear: "incidence",
  shareTreated: "shareTreated",
  wastageRate: "wastage",
  bands: "bands",
};
/** The form field of each band's value. */
export const BAND_FIELDS: Record<string, string> = { key: "key", shareOfCases: "share", unitsPerTreatment: "units" };

/** A share as typed in percent ("60", "2,5"). */
const percent = (v: number) => String(Math.round(v * 10_000) / 100).replace(".", ",");
const decimal = (v: number) => String(v).replace(".", ",");

/** "mm/yyyy" or "YYYY-MM" → "YYYY-MM"; anything else as typed (the contract refuses it). */
export function periodOf(text: string): string {
  const t = text.trim();
  const m = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  return m ? `${m[2]}-${m[1]!.padStart(2, "0")}` : t;
}

/** "YYYY-MM" → "mm/yyyy". */
const displayPeriod = (period: string) => period.replace(/^(\d{4})-(\d{2})$/, "$2/$1");

/** The values of no assumptions yet (a band to fill, this month as the base). */
export function blankMorbidity(today: Date = new Date()): MorbidityValues {
  const month = `${String(today.getUTCMonth() + 1).padStart(2, "0")}/${today.getUTCFullYear()}`;
  return {
    enabled: false,
    basePeriod: month,
    population: "",
    growth: "",
    incidence: "",
    shareTreated: "",
    wastage: "",
    bands: [{ key: "", share: "100", units: "" }],
  };
}

/** The values of saved assumptions (or blank ones). */
export function morbidityValues(a: MorbidityAssumptions | undefined): MorbidityValues {
  if (!a) return blankMorbidity();
  return {
    enabled: true,
    basePeriod: displayPeriod(a.basePeriod),
    population: decimal(a.population),
    growth: percent(a.populationGrowthPerYear),
    incidence: decimal(a.incidencePerPersonYear),
    shareTreated: percent(a.shareTreated),
    wastage: a.wastageRate === undefined ? "" : percent(a.wastageRate),
    bands: a.bands.map((b) => ({ key: b.key, share: percent(b.shareOfCases), units: decimal(b.unitsPerTreatment) })),
  };
}

const fraction = (text: string) => {
  const v = numberOrNaN(text);
  return v === undefined ? undefined : v / 100;
};

/** The MorbidityAssumptions candidate of the values (`saved`: the assumptions edited, whose seasonal index is kept). */
export function morbidityRequest(v: MorbidityValues, saved: MorbidityAssumptions | undefined) {
  return {
    basePeriod: periodOf(v.basePeriod),
    population: numberOrNaN(v.population),
    populationGrowthPerYear: fraction(v.growth) ?? 0,
    incidencePerPersonYear: numberOrNaN(v.incidence),
    ...(saved?.seasonalIndex ? { seasonalIndex: saved.seasonalIndex } : {}),
    shareTreated: fraction(v.shareTreated),
    bands: v.bands.map((b) => ({
      key: b.key,
      shareOfCases: fraction(b.share),
      unitsPerTreatment: numberOrNaN(b.units),
    })),
    ...(v.wastage.trim() === "" ? {} : { wastageRate: fraction(v.wastage) }),
  };
}

/** The form field of a path inside one product's assumptions ("bands.1.unitsPerTreatment" → "bands.1.units"). */
export function morbidityFieldOf(rest: readonly string[]): string {
  const [key, index, field] = rest;
  if (key === "bands" && index !== undefined && field !== undefined)
    return `bands.${index}.${BAND_FIELDS[field] ?? field}`;
  return MORBIDITY_FIELDS[key ?? ""] ?? rest.join(".");
}
