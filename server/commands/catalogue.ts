/**
 * The catalogue: products and their dated prices. `products.price_per_pack_xof` is the current price — that of the
 * latest price row, kept in step here, the only place that writes prices. Orders keep the price of the day they
 * were approved (order_lines.price_per_pack_xof), so a new price never changes an approved order.
 */
import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { productPrices, products, programmes } from "../../db/schema";
import type { PriceCreate, ProductCreate, ProductUpdate } from "../../shared/contracts/catalogue";
import type { Product } from "../../shared/contracts/reference";
import { AppError, type FieldIssue } from "../../shared/errors";

function refuse(issues: FieldIssue[]): never {
  throw new AppError("validation_failed", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
}

/** The product (404 when unknown). */
export function loadProductRow(tx: Tx | Db, id: number): Product {
  const row = tx.select().from(products).where(eq(products.id, id)).get();
  if (!row) throw new AppError("not_found", `Unknown product ${id}`);
  return row;
}

type ProductValues = Omit<ProductCreate, "pricePerPackXof">;

/** Unknown programme, a code taken (without regard to case), a rounding threshold not below the pack size. */
function productIssues(tx: Tx, id: number | null, v: ProductValues): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const taken = tx
    .select({ id: products.id })
    .from(products)
    .where(and(sql`upper(${products.code}) = upper(${v.code})`, id === null ? undefined : ne(products.id, id)))
    .get();
  if (taken) issues.push({ path: "code", message: "already used", key: "product.codeTaken", values: { code: v.code } });
  if (!tx.select().from(programmes).where(eq(programmes.code, v.programmeCode)).get())
    issues.push({
      path: "programmeCode",
      message: `unknown programme ${v.programmeCode}`,
      key: "import.unknownProgramme",
      values: { value: v.programmeCode },
    });
  if (v.packRoundingThreshold >= v.packSize)
    issues.push({
      path: "packRoundingThreshold",
      message: "must be below the pack size",
      key: "product.thresholdTooHigh",
      values: { threshold: v.packRoundingThreshold, packSize: v.packSize },
    });
  return issues;
}

/** Creates a product with its first price, valid from `today`. */
export function createProduct(tx: Tx, input: ProductCreate, userId: number, now: Date): Product {
  const { pricePerPackXof, ...values } = input;
  const issues = productIssues(tx, null, values);
  if (issues.length > 0) refuse(issues);
  const { id } = tx
    .insert(products)
    .values({ ...values, pricePerPackXof })
    .returning({ id: products.id })
    .get();
  setPrice(tx, id, { pricePerPackXof, validFrom: now.toISOString().slice(0, 10) }, userId, now);
  return loadProductRow(tx, id);
}

/** Changes a product's fields (not its price: see setPrice). */
export function updateProduct(tx: Tx, id: number, patch: ProductUpdate): { before: Product; after: Product } {
  const before = loadProductRow(tx, id);
  const { id: _id, pricePerPackXof: _price, ...current } = before;
  const merged = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  const issues = productIssues(tx, id, merged);
  if (issues.length > 0) refuse(issues);
  tx.update(products).set(merged).where(eq(products.id, id)).run();
  return { before, after: loadProductRow(tx, id) };
}

/**
 * Adds a price from a day on (or changes the price of that day); refuses a day after `now`. The product's current
 * price becomes that of its latest price row.
 */
export function setPrice(
  tx: Tx,
  productId: number,
  input: PriceCreate,
  userId: number | null,
  now: Date,
): { before: number | null; after: number; current: number } {
  if (input.validFrom > now.toISOString().slice(0, 10))
    refuse([
      {
        path: "validFrom",
        message: "a price applies from today or an earlier day",
        key: "price.future",
        values: { date: input.validFrom },
      },
    ]);
  const was = tx
    .select()
    .from(productPrices)
    .where(and(eq(productPrices.productId, productId), eq(productPrices.validFrom, input.validFrom)))
    .get();
  if (was)
    tx.update(productPrices).set({ pricePerPackXof: input.pricePerPackXof }).where(eq(productPrices.id, was.id)).run();
  else
    tx.insert(productPrices)
      .values({ productId, ...input, createdAt: now.toISOString(), createdBy: userId })
      .run();
  const latest = tx
    .select({ price: productPrices.pricePerPackXof })
    .from(productPrices)
    .where(eq(productPrices.productId, productId))
    .orderBy(desc(productPrices.validFrom))
    .limit(1)
    .get()!;
  tx.update(products).set({ pricePerPackXof: latest.price }).where(eq(products.id, productId)).run();
  return { before: was?.pricePerPackXof ?? null, after: input.pricePerPackXof, current: latest.price };
}
