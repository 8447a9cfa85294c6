/** Indicators of the supply chain for an area, a facility's monthly history, and a product's consumption series. */
import { z } from "zod";
import { Period } from "./common";
import { DistrictRef, RegionRef } from "./refs";
import { StatusLevel } from "./stock";

export { Period };

/** The area asked for: the user's whole scope, a region, or a district (the server refuses one outside scope with 404). */
const Area = { regionId: RegionRef.optional(), districtId: DistrictRef.optional() };

/** `GET /indicators?regionId=&districtId=&period=&expiryMonths=&fillRateMonths=` */
export const IndicatorsQuery = z.strictObject({
  ...Area,
  /** Month of the reporting figures (default: the last complete month) */
  period: Period.optional(),
  /** Horizon of the expiry risk, in months */
  expiryMonths: z.coerce.number().int().min(1).max(24).default(6),
  /** Number of months (ending with `period`) over which the order fill rate is measured */
  fillRateMonths: z.coerce.number().int().min(1).max(24).default(3),
});
export type IndicatorsQuery = z.infer<typeof IndicatorsQuery>;

/** A share with its numerator and denominator (value null when the denominator is 0). */
export const FigureSchema = z.object({ value: z.number().nullable(), numerator: z.number(), denominator: z.number() });
export type Figure = z.infer<typeof FigureSchema>;

/** Months of stock of one level over the tracer basket. */
export const LevelMosSchema = z.object({
  level: StatusLevel,
  median: z.number().nullable(),
  pairs: z.number().int(),
  unmeasured: z.number().int(),
  stockValueXof: z.number().int(),
  consumptionValueXof: z.number().int(),
  aggregate: z.number().nullable(),
});

/** The indicators of an area. */
export const IndicatorsSchema = z.object({
  asOf: z.string(),
  period: Period,
  area: z.object({ regionId: z.string().nullable(), districtId: z.string().nullable() }),
  tracerProducts: z.array(
    z.object({ id: z.number().int(), code: z.string(), genericName: z.string(), strength: z.string() }),
  ),
  /** CSCom × tracer product pairs with usable stock ÷ pairs managed */
  availability: FigureSchema,
  /** Facility × product pairs (every level, every product) without usable stock ÷ pairs managed; also per level */
  stockouts: FigureSchema.extend({ byLevel: z.array(FigureSchema.extend({ level: StatusLevel })) }),
  monthsOfStock: z.array(LevelMosSchema),
  /** Value (FCFA) of stock that will expire before it is consumed, lots expiring within `months` ÷ value of all stock */
  expiryRisk: FigureSchema.extend({ months: z.number().int(), expiringValueXof: z.number().int() }),
  reporting: z.object({ completeness: FigureSchema, timeliness: FigureSchema }),
  /** Quantity shipped ÷ approved on shipped orders of the periods from…to */
  fillRate: FigureSchema.extend({ fromPeriod: Period, toPeriod: Period, lines: FigureSchema }),
});
export type Indicators = z.infer<typeof IndicatorsSchema>;

/** `GET /facilities/:id/history?productId=` */
export const HistoryQuery = z.strictObject({ productId: z.coerce.number().int().positive() });

/** One month of a facility's history of a product (base units). */
export const HistoryPointSchema = z.object({
  period: Period,
  days: z.number().int(),
  opening: z.number().int(),
  receipts: z.number().int(),
  consumption: z.number().int(),
  losses: z.number().int(),
  adjustments: z.number().int(),
  closing: z.number().int(),
  stockoutDays: z.number().int(),
});
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;

/** 24 months of one product at one facility. */
export const FacilityHistorySchema = z.object({
  facilityId: z.string(),
  productId: z.number().int(),
  /** "issues": dispensed and transferred out; "deliveries": a depot's issues and transfers to facilities plus the deliveries they recorded from it */
  consumptionBasis: z.enum(["issues", "deliveries"]),
  points: z.array(HistoryPointSchema),
});
export type FacilityHistory = z.infer<typeof FacilityHistorySchema>;

/** `GET /indicators/consumption?productId=&regionId=&districtId=` */
export const ConsumptionQuery = z.strictObject({ productId: z.coerce.number().int().positive(), ...Area });
export type ConsumptionQuery = z.infer<typeof ConsumptionQuery>;

/** A product's monthly consumption and closing stock over an area, with its seasonality. */
export const ConsumptionSeriesSchema = z.object({
  productId: z.number().int(),
  area: z.object({ regionId: z.string().nullable(), districtId: z.string().nullable() }),
  /** Facilities of the area whose ledger holds the product */
  facilities: z.number().int(),
  points: z.array(z.object({ period: Period, consumption: z.number().int(), closing: z.number().int() })),
  seasonality: z.object({
    years: z.number().int(),
    months: z.array(
      z.object({ month: z.number().int().min(1).max(12), share: z.number().nullable(), index: z.number().nullable() }),
    ),
  }),
});
export type ConsumptionSeries = z.infer<typeof ConsumptionSeriesSchema>;
