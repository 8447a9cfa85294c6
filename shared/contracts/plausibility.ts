/** The details of an implausible_quantity refusal: each value, what it was compared with, and the limit. */
import { z } from "zod";

export const ImplausibleItemSchema = z.object({
  /** The request field, e.g. "quantity" or "lines.3.consumed" */
  path: z.string(),
  field: z.string(),
  productId: z.number().int(),
  value: z.number().int(),
  amc: z.number().int(),
  maxStock: z.number().int(),
  basis: z.enum(["amc", "maxStock"]),
  factor: z.number(),
  limit: z.number().int(),
});
export type ImplausibleItem = z.infer<typeof ImplausibleItemSchema>;

export const ImplausibleDetailsSchema = z.object({ items: z.array(ImplausibleItemSchema).min(1) });
