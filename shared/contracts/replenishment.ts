/** Replenishment: the one-line preview of the order calculation (same functions as real orders). */
import { z } from "zod";

export const PreviewRequest = z
  .strictObject({
    product: z.strictObject({
      packSize: z.number().int().positive(),
      packRoundingThreshold: z.number().int().min(0),
      roundToZero: z.boolean(),
    }),
    policy: z
      .strictObject({
        rule: z.enum(["forced", "standard"]),
        maxMonths: z.number().positive().max(60),
        minMonths: z.number().min(0).max(60),
        eopMonths: z.number().min(0).max(60).nullable(),
      })
      .refine((p) => p.minMonths <= p.maxMonths, { path: ["minMonths"], message: "must not exceed maxMonths" }),
    periods: z
      .array(
        z
          .strictObject({
            days: z.number().int().min(1).max(366),
            consumed: z.number().int().min(0),
            stockoutDays: z.number().int().min(0),
          })
          .refine((p) => p.stockoutDays <= p.days, { path: ["stockoutDays"], message: "must not exceed the days in the period" })
          .nullable(),
      )
      .min(1)
      .max(36),
    stockOnHand: z.number().int().min(0),
    inTransit: z.number().int().min(0).default(0),
    averagingPeriods: z.number().int().min(2).max(12).default(3),
  })
  .refine((r) => r.product.packRoundingThreshold < r.product.packSize, { path: ["product", "packRoundingThreshold"], message: "must be below packSize" });
export type PreviewRequest = z.infer<typeof PreviewRequest>;

export const ExplanationStepSchema = z.object({ key: z.string(), values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])), fr: z.string(), en: z.string() });

export const PreviewResponse = z.object({
  adjustedConsumption: z.array(z.number().int().nullable()),
  amc: z.number().int(),
  monthsOfStock: z.number().nullable(),
  maxStock: z.number().int(),
  quantity: z.number().int(),
  packs: z.number().int(),
  emergency: z.boolean(),
  decision: z.enum(["order", "above_min", "no_need"]),
  explanation: z.array(ExplanationStepSchema),
});
export type PreviewResponse = z.infer<typeof PreviewResponse>;
