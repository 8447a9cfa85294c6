/**
 * Forecasts and supply plans as the API asks for and answers them: one product's forecast at any level, one
 * product's supply plan at a central store, and the whole catalogue's plan as a job with progress. Numbers come
 * with notes (`{ key, values }`) that the web words in French or English; NaN (unknown) travels as null.
 */
import { z } from "zod";
import { METHOD_IDS } from "../domain/quantification/types";
import { ForecastLevel, ForecastMethodChoice, PeriodString, ShipmentStatus } from "./quantification";
import { DistrictRef, FacilityRef, RegionRef } from "./refs";
import { PipelineShipmentSchema } from "./pipeline";
import { ScenarioSettings } from "./scenarios";

/** A correction, decision or reason: `key` names the sentence, `values` its numbers and codes. */
export const NoteSchema = z.object({
  key: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type NoteView = z.infer<typeof NoteSchema>;

const nullableNumbers = z.array(z.number().nullable());

/** `GET /quantification/forecast`: one product at a level (the area named by the level's reference). */
const ForecastFields = {
  productId: z.coerce.number().int().positive(),
  level: ForecastLevel.default("national"),
  regionId: RegionRef.optional(),
  districtId: DistrictRef.optional(),
  facilityId: FacilityRef.optional(),
  /** Overrides the scenario's method for this product */
  method: ForecastMethodChoice.optional(),
  horizon: z.coerce.number().int().min(1).max(36).optional(),
  historyMonths: z.coerce.number().int().min(12).max(60).optional(),
  scenarioId: z.coerce.number().int().positive().optional(),
};
/** The area of the level must be named (regionId at region level…). */
function levelArea(
  q: { level: z.infer<typeof ForecastLevel>; regionId?: string; districtId?: string; facilityId?: string },
  ctx: z.RefinementCtx,
) {
  const need = { region: "regionId", district: "districtId", facility: "facilityId" } as const;
  if (q.level !== "national" && q[need[q.level]] === undefined)
    ctx.addIssue({ code: "custom", path: [need[q.level]], message: `required at ${q.level} level` });
}
/** `GET /quantification/forecast` */
export const ForecastQuery = z.strictObject(ForecastFields).superRefine(levelArea);
export type ForecastQuery = z.infer<typeof ForecastQuery>;

/** What the screens show of a product. */
export const ProductInfoSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  strength: z.string(),
  baseUnit: z.string(),
  packSize: z.number().int(),
  ven: z.enum(["V", "E", "N"]),
  programme: z.string(),
  pricePerPackXof: z.number().int(),
});
export type ProductInfo = z.infer<typeof ProductInfoSchema>;

/** Back-test errors of a method (see shared/domain/quantification/metrics.ts). */
export const MetricsSchema = z.object({
  count: z.number().int(),
  mae: z.number(),
  mase: z.number().nullable(),
  mape: z.number().nullable(),
  mapeExcluded: z.number().int(),
  wape: z.number().nullable(),
  bias: z.number(),
  biasShare: z.number().nullable(),
});

/** One method compared on the series. */
export const MethodResultSchema = z.object({
  method: z.enum(METHOD_IDS),
  params: z.record(z.string(), z.union([z.number(), z.string()])).nullable(),
  metrics: MetricsSchema.nullable(),
  note: NoteSchema.nullable(),
  values: z.array(z.number()).nullable(),
});
export type MethodResultView = z.infer<typeof MethodResultSchema>;

/** A product's forecast at a level, with its history and every correction. */
export const ProductForecastSchema = z.object({
  product: ProductInfoSchema,
  level: ForecastLevel,
  area: z.object({ id: z.string(), name: z.string() }),
  asOf: z.string(),
  history: z.object({
    periods: z.array(PeriodString),
    /** Consumption as reported (area: the sum of the sites that reported); null: not reported */
    reported: nullableNumbers,
    /** Corrected for stock-outs (and the reporting rate at area levels); null: unknown */
    adjusted: nullableNumbers,
    /** What the methods saw (gaps filled, typing errors replaced); null before the first known month */
    prepared: nullableNumbers,
  }),
  forecast: z.object({
    periods: z.array(PeriodString),
    method: z.enum(METHOD_IDS),
    params: z.record(z.string(), z.union([z.number(), z.string()])),
    values: z.array(z.number()),
    lower: z.array(z.number()).nullable(),
    upper: z.array(z.number()).nullable(),
    why: NoteSchema,
    profile: z.object({
      kind: z.enum(["zero", "intermittent", "smooth"]),
      nonZeroShare: z.number(),
      mean: z.number(),
      seasonalCorrelation: z.number().nullable(),
    }),
  }),
  methods: z.array(MethodResultSchema),
  /** Corrections: stock-outs, reporting rate, sites back-cast or inactive, gaps, outliers, balance mismatches */
  notes: z.array(NoteSchema),
  /** Facility-months read from each source, and the sites summed */
  sources: z.object({
    reports: z.number().int(),
    imported: z.number().int(),
    ledger: z.number().int(),
    sites: z.number().int(),
  }),
});
export type ProductForecast = z.infer<typeof ProductForecastSchema>;

/** `GET /quantification/supply-plan`: one product at a central store. */
export const SupplyPlanQuery = z.strictObject({
  productId: z.coerce.number().int().positive(),
  /** The central store (default: the only one, PPM central) */
  facilityId: FacilityRef.optional(),
  scenarioId: z.coerce.number().int().positive().optional(),
  method: ForecastMethodChoice.optional(),
  horizon: z.coerce.number().int().min(12).max(36).optional(),
});
export type SupplyPlanQuery = z.infer<typeof SupplyPlanQuery>;

const PlanStatus = z.enum(["stockout", "below_min", "adequate", "above_max", "no_consumption"]);

/** One month of a supply plan (base units). */
export const PlanMonthSchema = z.object({
  period: PeriodString,
  opening: z.number().int(),
  arrivals: z.number().int(),
  suggestedArrivals: z.number().int(),
  shipmentIds: z.array(z.string()),
  expired: z.number().int(),
  expiredLots: z.array(z.object({ lotCode: z.string(), qtyUnits: z.number().int() })),
  forecast: z.number().int(),
  consumed: z.number().int(),
  unmet: z.number().int(),
  closing: z.number().int(),
  amc: z.number(),
  mos: z.number().nullable(),
  minUnits: z.number().int(),
  maxUnits: z.number().int(),
  status: PlanStatus,
});
export type PlanMonthView = z.infer<typeof PlanMonthSchema>;

/** A procurement the plan suggests. */
export const SuggestionSchema = z.object({
  id: z.string(),
  period: PeriodString,
  arrivalDate: z.string(),
  orderDate: z.string(),
  qtyUnits: z.number().int(),
  packs: z.number().int(),
  costXof: z.number().int(),
  fundingSource: z.string(),
  supplier: z.string(),
  emergency: z.boolean(),
  earliestArrivalDate: z.string(),
  expiry: z.string(),
  why: NoteSchema,
});
export type SuggestionView = z.infer<typeof SuggestionSchema>;

/** Totals of the funding sources against their budgets (FCFA), and what the budgets cannot cover. */
export const FundingSchema = z.object({
  sources: z.array(
    z.object({
      fundingSource: z.string(),
      budgetXof: z.number().int().nullable(),
      committedXof: z.number().int(),
      plannedXof: z.number().int(),
      suggestedXof: z.number().int(),
      coveredXof: z.number().int(),
      uncoveredXof: z.number().int(),
      remainingXof: z.number().int().nullable(),
    }),
  ),
  uncovered: z.array(
    z.object({
      product: z.string(),
      ven: z.enum(["V", "E", "N"]),
      suggestionId: z.string(),
      period: z.string(),
      orderDate: z.string(),
      fundingSource: z.string(),
      packs: z.number().int(),
      packsCovered: z.number().int(),
      packsUncovered: z.number().int(),
      costUncoveredXof: z.number().int(),
      emergency: z.boolean(),
    }),
  ),
});
export type FundingView = z.infer<typeof FundingSchema>;

/** The supply plan of one product at a central store. */
export const ProductSupplyPlanSchema = z.object({
  product: ProductInfoSchema,
  facility: z.object({ id: z.string(), name: z.string() }),
  asOf: z.string(),
  start: PeriodString,
  scenario: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  forecast: z.object({ method: z.enum(METHOD_IDS), why: NoteSchema, values: z.array(z.number().int()) }),
  policy: z.object({ minMonths: z.number(), maxMonths: z.number(), leadTimeDays: z.number().int() }),
  procurement: z.object({ fundingSource: z.string(), supplier: z.string(), shelfLifeMonths: z.number().int() }),
  stock: z.array(z.object({ lotCode: z.string(), expiry: z.string(), qtyUnits: z.number().int() })),
  pipeline: z.array(PipelineShipmentSchema),
  months: z.array(PlanMonthSchema),
  suggestions: z.array(SuggestionSchema),
  notes: z.array(NoteSchema),
  totals: z.object({
    forecast: z.number().int(),
    consumed: z.number().int(),
    unmet: z.number().int(),
    expired: z.number().int(),
    arrivals: z.number().int(),
    suggestedUnits: z.number().int(),
    suggestedCostXof: z.number().int(),
    emergencies: z.number().int(),
  }),
  funding: FundingSchema,
});
export type ProductSupplyPlan = z.infer<typeof ProductSupplyPlanSchema>;

/** `POST /quantification/runs`: the whole catalogue's (or some products') plan, as a job. */
export const PlanRunCreate = z.strictObject({
  scenarioId: z.number().int().positive().optional(),
  /** Unsaved settings (instead of a saved scenario's) */
  settings: ScenarioSettings.optional(),
  /** The central store (default: PPM central) */
  facilityId: FacilityRef.optional(),
  /** Only these products (default: every active product) */
  productIds: z.array(z.number().int().positive()).min(1).max(2000).optional(),
});
export type PlanRunCreate = z.infer<typeof PlanRunCreate>;

/** `/quantification/runs/:runId` */
export const PlanRunParams = z.object({ runId: z.string().uuid() });

/** One product's line of a catalogue plan. */
export const CatalogueRowSchema = z.object({
  productId: z.number().int(),
  code: z.string(),
  name: z.string(),
  ven: z.enum(["V", "E", "N"]),
  programme: z.string(),
  method: z.enum(METHOD_IDS),
  why: NoteSchema,
  mase: z.number().nullable(),
  mape: z.number().nullable(),
  forecastUnits: z.number().int(),
  openingUnits: z.number().int(),
  arrivalsUnits: z.number().int(),
  expiredUnits: z.number().int(),
  unmetUnits: z.number().int(),
  closingUnits: z.number().int(),
  stockoutMonths: z.number().int(),
  firstStockout: PeriodString.nullable(),
  suggestions: z.number().int(),
  suggestedUnits: z.number().int(),
  suggestedCostXof: z.number().int(),
  emergencies: z.number().int(),
});
export type CatalogueRow = z.infer<typeof CatalogueRowSchema>;

/** The catalogue's plan. */
export const CataloguePlanSchema = z.object({
  scenario: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  facility: z.object({ id: z.string(), name: z.string() }),
  asOf: z.string(),
  start: PeriodString,
  horizon: z.number().int(),
  products: z.array(CatalogueRowSchema),
  suggestions: z.array(SuggestionSchema.extend({ productId: z.number().int(), productCode: z.string() })),
  funding: FundingSchema,
  failed: z.array(z.object({ productId: z.number().int(), code: z.string(), message: z.string() })),
  elapsedMs: z.number().int(),
});
export type CataloguePlan = z.infer<typeof CataloguePlanSchema>;

/** A plan run: its progress, then its result. */
export const PlanRunSchema = z.object({
  id: z.string(),
  status: z.enum(["running", "done", "failed"]),
  done: z.number().int(),
  total: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  result: CataloguePlanSchema.nullable(),
});
export type PlanRun = z.infer<typeof PlanRunSchema>;

/** Export formats: one workbook with a sheet per view, or one view as CSV. */
export const ExportFormat = z.enum(["xlsx", "csv"]);
/** `GET /quantification/supply-plan/export` */
export const SupplyPlanExportQuery = z.strictObject({
  productId: z.coerce.number().int().positive(),
  facilityId: FacilityRef.optional(),
  scenarioId: z.coerce.number().int().positive().optional(),
  method: ForecastMethodChoice.optional(),
  horizon: z.coerce.number().int().min(12).max(36).optional(),
  format: ExportFormat.default("xlsx"),
  /** The view of a CSV export */
  view: z.enum(["forecast", "plan", "suggestions", "pipeline", "methods"]).default("plan"),
});
/** `GET /quantification/forecast/export`: the forecast's query, and the format (a CSV: one view). */
export const ForecastExportQuery = z
  .strictObject({
    ...ForecastFields,
    format: ExportFormat.default("xlsx"),
    view: z.enum(["forecast", "methods"]).default("forecast"),
  })
  .superRefine(levelArea);
/** `GET /quantification/runs/:runId/export` */
export const RunExportQuery = z.strictObject({
  format: ExportFormat.default("xlsx"),
  view: z.enum(["products", "suggestions", "funding", "uncovered"]).default("products"),
});

export { ShipmentStatus };
