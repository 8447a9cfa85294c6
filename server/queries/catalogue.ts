/** The price history of a product, newest first, with who entered each price. */
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { productPrices, users } from "../../db/schema";
import type { PriceView } from "../../shared/contracts/catalogue";

/** A product's prices; `current` marks the one that applies today. */
export function listPrices(db: Db, productId: number, today: string): PriceView[] {
  const rows = db
    .select({ p: productPrices, createdBy: users.displayName })
    .from(productPrices)
    .leftJoin(users, eq(users.id, productPrices.createdBy))
    .where(eq(productPrices.productId, productId))
    .orderBy(desc(productPrices.validFrom))
    .all();
  const current = rows.find((r) => r.p.validFrom <= today)?.p.id;
  return rows.map(({ p, createdBy }) => ({
    id: p.id,
    productId: p.productId,
    pricePerPackXof: p.pricePerPackXof,
    validFrom: p.validFrom,
    createdAt: p.createdAt,
    createdBy,
    current: p.id === current,
  }));
}
