/** Demand model of the history generator: base level, trend, malaria seasonality, noise. */
import type { Seasonality } from "./data/catalogueTypes";

/**
 * Monthly multipliers, January first, mean 1. Malaria transmission peaks in the rainy season
 * (July–November), with the highest case load in September–October.
 */
const MALARIA = [0.6, 0.55, 0.55, 0.6, 0.7, 0.85, 1.25, 1.6, 1.85, 1.75, 1.35, 0.95];
const MALARIA_MEAN = MALARIA.reduce((s, x) => s + x, 0) / 12;
/** Seasonal malaria chemoprevention: four monthly cycles, July to October. */
const SMC = [0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 0, 0];

/** Seasonal multiplier for a calendar month (1–12). */
export function seasonFactor(seasonality: Seasonality, month: number): number {
  if (seasonality === "malaria") return MALARIA[month - 1]! / MALARIA_MEAN;
  if (seasonality === "smc") return SMC[month - 1]!;
  return 1;
}
