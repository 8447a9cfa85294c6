/**
 * The catalogue (administration): products, their dated price history, activation. Orders keep the price per
 * pack of the day they were approved (order_lines.price_per_pack_xof); a new price changes what is approved after.
 */
import { z } from "zod";
import { Code, freeText, identifier, IsoDate, PackSize } from "./common";

/** A product code: upper-cased like the catalogue's, then letters, digits, '.', '-' and '_' only. */
export const ProductCode = identifier({ max: 40, letterCase: "upper" }).pipe(
  z.string().regex(/^[A-Z0-9._-]+$/, "letters, digits, '.', '-' and '_' only"),
);
const Text = (max: number) => freeText({ min: 1, max, minMessage: "must not be empty" });
const PriceXof = z.number().int().min(0).max(1_000_000_000);

const productFields = {
  code: ProductCode,
  genericName: Text(200),
  form: Text(80),
  strength: freeText({ max: 80 }),
  baseUnit: Text(40),
  packSize: PackSize,
  packRoundingThreshold: z.number().int().min(0).max(999_999),
  roundToZero: z.boolean(),
  ven: z.enum(["V", "E", "N"]),
  programmeCode: Code,
  category: Text(120),
  coldChain: z.boolean(),
  packWeightG: z.number().int().min(0).max(10_000_000),
  packVolumeCm3: z.number().int().min(0).max(100_000_000),
};

/** A new product with its first price (valid from today). */
export const ProductCreate = z
  .strictObject({
    ...productFields,
    strength: productFields.strength.default(""),
    pricePerPackXof: PriceXof,
    active: z.boolean().default(true),
  })
  .refine((p) => p.packRoundingThreshold < p.packSize, {
    path: ["packRoundingThreshold"],
    message: "must be below the pack size",
  });
export type ProductCreate = z.infer<typeof ProductCreate>;

/** A change to a product (its price changes through its price history); `active: false` withdraws it from the catalogue. */
export const ProductUpdate = z
  .strictObject({ ...productFields, active: z.boolean() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change" });
export type ProductUpdate = z.infer<typeof ProductUpdate>;

/** `/products/:productId…` */
export const ProductParams = z.object({ productId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** A price per pack from a day on (today or earlier: a price applies until the next one). */
export const PriceCreate = z.strictObject({ pricePerPackXof: PriceXof, validFrom: IsoDate });
export type PriceCreate = z.infer<typeof PriceCreate>;

/** One price of a product's history, with who entered it. */
export const PriceView = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  pricePerPackXof: z.number().int(),
  validFrom: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** The price that applies today */
  current: z.boolean(),
});
export type PriceView = z.infer<typeof PriceView>;

/** GET /products/:productId/prices: the product's prices, newest first. */
export const PriceListSchema = z.object({ items: z.array(PriceView) });

/** POST /products/:productId/prices: the price set and the one in force today. */
export const PriceSetSchema = z.object({
  productId: z.number().int(),
  validFrom: z.string(),
  pricePerPackXof: z.number().int(),
  currentPricePerPackXof: z.number().int(),
});
