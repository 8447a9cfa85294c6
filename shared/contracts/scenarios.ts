/**
 * Quantification scenarios (saved forecast and supply-plan settings) and procurement budgets per funding source.
 * Products are named by their code in a scenario, so a scenario reads the same in any database of the catalogue.
 */
import { z } from "zod";
import { ForecastMethodChoice, MorbidityAssumptions, PeriodString } from "./quantification";

/** A product's code (catalogue). */
export const ProductCode = z.string().trim().min(1).max(100);
const FundingCode = z.string().trim().min(1).max(40);
const Xof = z.number().int().min(0).max(1_000_000_000_000);

/** What a scenario changes for one product. */
export const ProductOverride = z
  .strictObject({
    /** Multiplies the forecast (1.1 = 10 % more, e.g. a campaign) */
    forecastFactor: z.number().min(0).max(10).optional(),
    /** Replaces the forecast of these months (base units) */
    monthly: z.record(PeriodString, z.number().int().min(0).max(1_000_000_000)).optional(),
    leadTimeDays: z.number().int().min(0).max(1000).optional(),
    minMonths: z.number().min(0).max(60).optional(),
    maxMonths: z.number().min(0).max(60).optional(),
    /** Who pays for its suggested procurements (default: the product's programme) */
    fundingSource: FundingCode.optional(),
    supplier: z.string().trim().min(1).max(200).optional(),
    /** Shelf life assumed for what arrives without a known expiry */
    shelfLifeMonths: z.number().int().min(1).max(120).optional(),
  })
  .refine((o) => o.minMonths === undefined || o.maxMonths === undefined || o.minMonths <= o.maxMonths, {
    path: ["minMonths"],
    message: "must not exceed maxMonths",
  });
export type ProductOverride = z.infer<typeof ProductOverride>;

/** The settings of a scenario (also sent unsaved with a plan run). */
export const ScenarioSettings = z
  .strictObject({
    /** Months of the forecast and of the supply plan */
    horizon: z.number().int().min(12).max(36).default(24),
    /** Months of history the forecast reads */
    historyMonths: z.number().int().min(12).max(60).default(36),
    defaultMethod: ForecastMethodChoice.default("auto"),
    /** Method per product code (else defaultMethod) */
    methods: z.record(ProductCode, ForecastMethodChoice).default({}),
    /** Morbidity assumptions per product code: the morbidity method becomes a candidate */
    morbidity: z.record(ProductCode, MorbidityAssumptions).default({}),
    /** Budgets over the whole plan per funding source; null: the budgets table, pro-rated to the plan's months */
    budgets: z
      .array(z.strictObject({ fundingSource: FundingCode, amountXof: Xof }))
      .max(50)
      .nullable()
      .default(null),
    overrides: z.record(ProductCode, ProductOverride).default({}),
  })
  .superRefine((s, ctx) => {
    const check = (code: string, method: string) => {
      if (method === "morbidity" && !s.morbidity[code])
        ctx.addIssue({ code: "custom", path: ["methods", code], message: "the morbidity method needs assumptions" });
    };
    for (const [code, method] of Object.entries(s.methods)) check(code, method);
    const seen = new Set<string>();
    (s.budgets ?? []).forEach((b, i) => {
      if (seen.has(b.fundingSource))
        ctx.addIssue({ code: "custom", path: ["budgets", i, "fundingSource"], message: "given twice" });
      seen.add(b.fundingSource);
    });
  });
export type ScenarioSettings = z.infer<typeof ScenarioSettings>;
export type ScenarioSettingsInput = z.input<typeof ScenarioSettings>;

/** A new scenario, or its replacement (PUT). */
export const ScenarioWrite = z.strictObject({
  name: z.string().trim().min(1).max(100),
  settings: ScenarioSettings,
});
export type ScenarioWrite = z.infer<typeof ScenarioWrite>;

/** `/quantification/scenarios/:scenarioId` */
export const ScenarioParams = z.object({ scenarioId: z.coerce.number().int().positive() });

/** A saved scenario. */
export const ScenarioSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  settings: ScenarioSettings,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
export const ScenarioListSchema = z.object({ items: z.array(ScenarioSchema) });

/** Budgets to set (each funding source × year replaced). */
export const BudgetsPut = z
  .strictObject({
    budgets: z
      .array(z.strictObject({ fundingSource: FundingCode, year: z.number().int().min(2000).max(2100), amountXof: Xof }))
      .min(1)
      .max(200),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.budgets.forEach((x, i) => {
      const key = `${x.fundingSource}:${x.year}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["budgets", i, "year"], message: "given twice" });
      seen.add(key);
    });
  });
export type BudgetsPut = z.infer<typeof BudgetsPut>;

/** A funding source's budget for a year. */
export const BudgetSchema = z.object({
  fundingSource: z.string(),
  year: z.number().int(),
  amountXof: z.number().int(),
  updatedAt: z.string(),
});
export const BudgetListSchema = z.object({ items: z.array(BudgetSchema) });
export type Budget = z.infer<typeof BudgetSchema>;
