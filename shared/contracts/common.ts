/** Building blocks shared by the request and response schemas. */
import { z } from "zod";

/** ISO calendar date "YYYY-MM-DD". */
export const IsoDate = z.iso.date();
/** ISO date-time with offset, e.g. "2026-11-22T10:00:00Z". */
export const IsoDateTime = z.iso.datetime({ offset: true });
/** Quantity in base units: a whole number above zero. */
export const PositiveQty = z.number().int().positive().max(1_000_000_000);
/** A non-empty id string. */
export const Id = z.string().trim().min(1).max(100);

/** `?limit=&offset=` with a hard upper limit on page size. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A page of items with the total count behind it. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

/** Header carrying the client's idempotency key on every write. */
export const IdempotencyKey = z
  .string()
  .trim()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/);
