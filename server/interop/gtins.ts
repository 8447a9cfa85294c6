/**
 * Products' GTINs and the barcode read of the receipt and count screens: a scanned string → GTIN, lot, expiry,
 * serial (shared/domain/gs1) → the product carrying that GTIN.
 */
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { productGtins, products } from "../../db/schema";
import type { Gs1ParseResponse, ProductByGtin, ProductGtinCreate } from "../../shared/contracts/interop";
import { normalizeGtin, parseGs1, type Gs1Error } from "../../shared/domain/gs1";
import { AppError } from "../../shared/errors";
import { audit, type RequestOrigin } from "../audit";
import { loadProduct } from "../commands/stockRefs";

const productColumns = {
  productId: products.id,
  productCode: products.code,
  genericName: products.genericName,
  strength: products.strength,
  form: products.form,
  baseUnit: products.baseUnit,
  packSize: products.packSize,
  gtin: productGtins.gtin,
  packLevel: productGtins.packLevel,
  baseUnitsPerItem: productGtins.baseUnitsPerItem,
};

/**
 * The product a GTIN identifies, or null. Accepts a GTIN-8, -12, -13 or -14 (padded to 14 digits, as stored);
 * a string that is not a valid GTIN finds nothing.
 */
export function findProductByGtin(db: Db | Tx, gtin: string): ProductByGtin | null {
  const n = normalizeGtin(gtin);
  if (!n.ok) return null;
  return (
    db
      .select(productColumns)
      .from(productGtins)
      .innerJoin(products, eq(products.id, productGtins.productId))
      .where(eq(productGtins.gtin, n.gtin))
      .get() ?? null
  );
}

/** The GTINs of a product (of every product when `productId` is undefined), smallest pack level first. */
export function listProductGtins(db: Db | Tx, productId: number | undefined): ProductByGtin[] {
  return db
    .select(productColumns)
    .from(productGtins)
    .innerJoin(products, eq(products.id, productGtins.productId))
    .where(productId === undefined ? undefined : eq(productGtins.productId, productId))
    .orderBy(products.code, productGtins.baseUnitsPerItem, productGtins.gtin)
    .all();
}

/** Removes a GTIN, whichever product carries it (404 when none does). */
export function removeGtin(tx: Tx, gtin: string, ctx: { now: Date; origin: RequestOrigin }): void {
  const found = findProductByGtin(tx, gtin);
  if (!found) throw new AppError("not_found", `No product carries GTIN ${gtin}`);
  removeProductGtin(tx, found.productId, found.gtin, ctx);
}

/** A GS1 refusal as an API error: 400 validation_failed on `code`, the reason as a code and values. */
export function gs1Refusal(error: Gs1Error, path = "code"): AppError {
  return new AppError("validation_failed", `${path}: ${error.code}`, {
    issues: [{ path, message: error.code }],
    reason: error,
  });
}

/**
 * POST /interop/gs1/parse: reads the scanned string (`asOf` = today, for the century of two-digit years) and
 * finds the product; a malformed string is refused with the reason (gs1Refusal).
 */
export function parseScannedCode(db: Db | Tx, code: string, asOf: string): Gs1ParseResponse {
  const r = parseGs1(code, { asOf });
  if (!r.ok) throw gs1Refusal(r.error);
  const { gtin, lot, expiry, serial, elements } = r.value;
  return { gtin, lot, expiry, serial, elements, product: findProductByGtin(db, gtin) };
}

/** Adds a GTIN to a product (administrator). A GTIN already on another product is a 409. */
export function addProductGtin(
  tx: Tx,
  input: ProductGtinCreate,
  ctx: { now: Date; origin: RequestOrigin },
): ProductByGtin {
  loadProduct(tx, input.productId);
  const n = normalizeGtin(input.gtin);
  if (!n.ok) throw gs1Refusal(n.error, "gtin");
  const existing = tx.select().from(productGtins).where(eq(productGtins.gtin, n.gtin)).get();
  if (existing && existing.productId !== input.productId)
    throw new AppError("conflict", `GTIN ${n.gtin} already identifies product ${existing.productId}`, {
      reason: "gtin.taken",
      productId: existing.productId,
    });
  const values = {
    productId: input.productId,
    packLevel: input.packLevel,
    baseUnitsPerItem: input.baseUnitsPerItem,
    source: "admin",
    createdAt: ctx.now.toISOString(),
  };
  tx.insert(productGtins)
    .values({ gtin: n.gtin, ...values })
    .onConflictDoUpdate({ target: productGtins.gtin, set: values })
    .run();
  audit(tx, ctx.now, ctx.origin, {
    action: "product.gtin.set",
    objectType: "product",
    objectId: String(input.productId),
    before: existing ?? null,
    after: { gtin: n.gtin, ...values },
  });
  return findProductByGtin(tx, n.gtin)!;
}

/** Removes a GTIN from a product (404 when the product does not carry it). */
export function removeProductGtin(
  tx: Tx,
  productId: number,
  gtin: string,
  ctx: { now: Date; origin: RequestOrigin },
): void {
  const n = normalizeGtin(gtin);
  const where = and(eq(productGtins.gtin, n.ok ? n.gtin : gtin), eq(productGtins.productId, productId));
  const before = tx.select().from(productGtins).where(where).get();
  if (!before) throw new AppError("not_found", `Product ${productId} has no GTIN ${gtin}`);
  tx.delete(productGtins).where(where).run();
  audit(tx, ctx.now, ctx.origin, {
    action: "product.gtin.delete",
    objectType: "product",
    objectId: String(productId),
    before,
  });
}
