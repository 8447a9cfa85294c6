/**
 * Realistic messy consumption histories for testing and benchmarking the forecasts: what an LMIS export of a
 * network of CSComs looks like, with the true demand kept aside to score forecasts against.
 *
 * Per product: a demand level per average CSCom (log-normal: many products are used a few units a month or less,
 * so most CSCom series are intermittent), a seasonal shape (malaria: peak September–October; seasonal malaria
 * chemoprevention: July–October only; or none), a yearly growth, and for some products a national level shift
 * (a programme starts or stops). Per site: a size, a reporting start (a quarter of the sites join the LMIS during
 * the history), a monthly reporting probability, sometimes a closure, and some series a local level shift.
 * Each month the true demand is drawn (Poisson around the mean, with extra log-normal noise); then what is
 * reported is damaged as in real data: months not reported, stock-outs (part of the month: consumption cut in
 * proportion, with the days reported; or the whole month: nothing consumed), and typing errors (an extra zero).
 */
import { Rng } from "../../db/seed/random";
import {
  addPeriods,
  calendarMonths,
  monthDays,
  type HistoryRecord,
  type Period,
} from "../../shared/domain/quantification";

export type Seasonality = "malaria" | "smc" | "none";

/** Multipliers per calendar month, January first, mean 1. */
const MALARIA = [0.6, 0.55, 0.55, 0.6, 0.7, 0.85, 1.25, 1.6, 1.85, 1.75, 1.35, 0.95];
const MALARIA_MEAN = MALARIA.reduce((s, x) => s + x, 0) / 12;
const SMC = [0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 0, 0];

export function seasonFactor(s: Seasonality, month0: number): number {
  if (s === "malaria") return MALARIA[month0]! / MALARIA_MEAN;
  if (s === "smc") return SMC[month0]!;
  return 1;
}

/** One product of the generated catalogue. */
export interface MessyProduct {
  code: string;
  seasonality: Seasonality;
  /** Mean monthly demand at an average CSCom (units) */
  rate: number;
  growthPerYear: number;
  /** National level shift: from month `at`, demand × factor (null: none) */
  shift: { at: number; factor: number } | null;
}

/** One site (CSCom). */
export interface MessySite {
  code: string;
  district: string;
  region: string;
  size: number;
  /** First month it reports */
  joins: number;
  /** Month it closes (no demand, no reports from then), or null */
  closes: number | null;
  reportProbability: number;
}

/** Options of the generator. */
export interface MessyOptions {
  seed?: number;
  sites: number;
  products: number;
  /** Months of history (reported) */
  months: number;
  /** Months after the history whose true demand is kept to score forecasts */
  holdout: number;
  start?: Period;
  /** Share of sites that join the LMIS during the history (default 0.25) */
  lateJoinShare?: number;
}

/** The generated network and catalogue. */
export interface MessyWorld {
  start: Period;
  months: number;
  holdout: number;
  sites: MessySite[];
  products: MessyProduct[];
  days: Int32Array;
}

/** One product's data: rows are sites, columns months. */
export interface MessyProductData {
  product: MessyProduct;
  /** Reported consumption (NaN: not reported), sites × months */
  consumed: Float64Array;
  /** Stock-out days reported, sites × months */
  stockoutDays: Uint8Array;
  /** True demand, sites × (months + holdout) */
  demand: Float32Array;
}

/** Builds the network and the catalogue (deterministic for a seed). */
export function messyWorld(options: MessyOptions): MessyWorld {
  const rng = new Rng(options.seed ?? 13);
  const start = options.start ?? "2023-01";
  const districts = Math.max(1, Math.round(options.sites / 28));
  const lateShare = options.lateJoinShare ?? 0.25;
  const sites: MessySite[] = Array.from({ length: options.sites }, (_, i) => {
    const district = i % districts;
    return {
      code: `CS${String(i + 1).padStart(4, "0")}`,
      district: `D${String(district + 1).padStart(2, "0")}`,
      region: `R${String((district % 10) + 1).padStart(2, "0")}`,
      size: rng.lognormal(0.6),
      joins: rng.next() < lateShare ? rng.int(1, Math.max(1, Math.floor(options.months * 0.55))) : 0,
      closes: rng.next() < 0.03 ? rng.int(6, Math.max(7, options.months - 6)) : null,
      reportProbability: 0.72 + 0.27 * rng.next(),
    };
  });
  const products: MessyProduct[] = Array.from({ length: options.products }, (_, i) => {
    const u = rng.next();
    const seasonality: Seasonality = u < 0.25 ? "malaria" : u < 0.28 ? "smc" : "none";
    return {
      code: `P${String(i + 1).padStart(3, "0")}`,
      seasonality,
      rate: Math.exp(Math.log(3) + 1.5 * rng.normal()),
      growthPerYear: 0.03 + 0.08 * rng.normal(),
      shift: rng.next() < 0.15 ? { at: rng.int(6, options.months - 3), factor: 0.6 + rng.next() } : null,
    };
  });
  return {
    start,
    months: options.months,
    holdout: options.holdout,
    sites,
    products,
    days: monthDays(start, options.months),
  };
}

/** Generates one product's reported history and true demand (deterministic for the world's seed and product). */
export function messyProductData(world: MessyWorld, index: number, seed = 13): MessyProductData {
  const product = world.products[index]!;
  const rng = new Rng(seed * 7919 + index * 104729 + 1);
  const S = world.sites.length;
  const T = world.months;
  const TH = T + world.holdout;
  const calendar = calendarMonths(world.start, TH);
  const consumed = new Float64Array(S * T).fill(NaN);
  const stockoutDays = new Uint8Array(S * T);
  const demand = new Float32Array(S * TH);
  for (let s = 0; s < S; s++) {
    const site = world.sites[s]!;
    const localShift = rng.next() < 0.05 ? { at: rng.int(3, T - 1), factor: 0.5 + rng.next() } : null;
    const noise = 0.15 + 0.2 * rng.next();
    for (let t = 0; t < TH; t++) {
      if (site.closes !== null && t >= site.closes) continue;
      let mean =
        product.rate *
        site.size *
        seasonFactor(product.seasonality, calendar[t]!) *
        (1 + product.growthPerYear) ** (t / 12);
      if (product.shift && t >= product.shift.at) mean *= product.shift.factor;
      if (localShift && t >= localShift.at) mean *= localShift.factor;
      const d = rng.poisson(Math.max(0, mean * rng.lognormal(noise)));
      demand[s * TH + t] = d;
      if (t >= T || t < site.joins || rng.next() > site.reportProbability) continue;
      const days = world.days[t]!;
      const u = rng.next();
      let c = d;
      let x = 0;
      if (u < 0.02) {
        x = days;
        c = 0;
      } else if (u < 0.08) {
        x = rng.int(1, days - 1);
        c = Math.round((d * (days - x)) / days);
      }
      if (c > 0 && rng.next() < 0.005) c *= 10;
      consumed[s * T + t] = c;
      stockoutDays[s * T + t] = x;
    }
  }
  return { product, consumed, stockoutDays, demand };
}

/** The reported months as history records (balanced: what was consumed was received; opening and closing are not used). */
export function toRecords(world: MessyWorld, data: MessyProductData): HistoryRecord[] {
  const rows: HistoryRecord[] = [];
  const T = world.months;
  for (let s = 0; s < world.sites.length; s++) {
    for (let t = 0; t < T; t++) {
      const c = data.consumed[s * T + t]!;
      if (Number.isNaN(c)) continue;
      const x = data.stockoutDays[s * T + t]!;
      const stock = x >= world.days[t]! ? 0 : 10;
      rows.push({
        period: addPeriods(world.start, t),
        facility: world.sites[s]!.code,
        product: data.product.code,
        opening: stock,
        received: c,
        consumed: c,
        adjustments: 0,
        closing: stock,
        stockoutDays: x,
      });
    }
  }
  return rows;
}
