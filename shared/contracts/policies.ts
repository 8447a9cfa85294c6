/**
 * Stock policies and settings (administration): rows per level, optionally narrowed to one facility and to a
 * programme or one product (shared/domain/policy.ts resolves them); the effective policy of a facility × product
 * with where it comes from; the order calendar and the shelf-life threshold.
 */
import { z } from "zod";
import { INT_SETTINGS } from "../domain/settings";
import { Code } from "./common";
import { FacilityLevel } from "./reference";
import { FacilityRef } from "./refs";

const Months = z.number().min(0).max(60);

const values = {
  rule: z.enum(["forced", "standard"]),
  maxMonths: Months,
  minMonths: Months,
  /** Emergency order point in months; null: the level has none */
  eopMonths: Months.nullable(),
  reviewPeriodMonths: z.number().int().min(1).max(24),
  leadTimeDays: z.number().int().min(0).max(730),
};

/**
 * A new policy row: a level (taken from the facility when one is named), optionally a facility, and a programme or
 * a product (not both). One row per target: a second row for the same target is refused.
 */
export const PolicyCreate = z.strictObject({
  level: FacilityLevel.optional(),
  facilityId: FacilityRef.optional(),
  programmeCode: Code.optional(),
  productId: z.number().int().positive().optional(),
  ...values,
});
export type PolicyCreate = z.infer<typeof PolicyCreate>;

/** New values for a row (its target stays: remove the row and create another to move it). */
export const PolicyUpdate = z
  .strictObject(values)
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change" });
export type PolicyUpdate = z.infer<typeof PolicyUpdate>;

/** `/policies/:policyId` */
export const PolicyParams = z.object({ policyId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const PolicyScope = z.enum([
  "default",
  "level",
  "level_programme",
  "level_product",
  "facility",
  "facility_programme",
  "facility_product",
]);

/** A stored row with the names of what it narrows to. */
export const PolicyView = z.object({
  id: z.number().int(),
  level: FacilityLevel,
  facilityId: z.string().nullable(),
  facilityName: z.string().nullable(),
  programmeCode: z.string().nullable(),
  productId: z.number().int().nullable(),
  productCode: z.string().nullable(),
  productName: z.string().nullable(),
  scope: PolicyScope,
  ...values,
});
export type PolicyView = z.infer<typeof PolicyView>;

/** `GET /policies/effective?facilityId=&productId=` */
export const EffectivePolicyQuery = z.strictObject({
  facilityId: FacilityRef,
  productId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/** The policy of a facility × product and where it comes from (a stored row, or the level's built-in default). */
export const EffectivePolicyView = z.object({
  facilityId: z.string(),
  facilityName: z.string(),
  level: FacilityLevel,
  productId: z.number().int(),
  productCode: z.string(),
  productName: z.string(),
  programmeCode: z.string(),
  policy: z.object(values),
  source: z.object({ scope: PolicyScope, rowId: z.number().int().nullable() }),
  /** Every stored row that applies, most specific first (the first one decides) */
  candidates: z.array(PolicyView),
});
export type EffectivePolicyView = z.infer<typeof EffectivePolicyView>;

const setting = (s: { min: number; max: number }) => z.number().int().min(s.min).max(s.max);

/** The settings (shared/domain/settings.ts): the order calendar and the shelf-life threshold. */
export const SettingsView = z.object({
  reportDueDays: z.number().int(),
  minShelfLifeDays: z.number().int(),
});
export type SettingsView = z.infer<typeof SettingsView>;

export const SettingsUpdate = z
  .strictObject({
    reportDueDays: setting(INT_SETTINGS.reportDueDays),
    minShelfLifeDays: setting(INT_SETTINGS.minShelfLifeDays),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change" });
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;
