/** Loads and checks the rows a stock command refers to; unknown references are field errors. */
import { and, eq } from "drizzle-orm";
import { facilities, fundingSources, lots, products } from "../../db/schema";
import { fieldError } from "../fieldError";
import type { Tx } from "../../db/client";

/** The facility, or a field error. */
export function loadFacility(tx: Tx, id: string, path = "facilityId") {
  const row = tx.select().from(facilities).where(eq(facilities.id, id)).get();
  if (!row || !row.active) fieldError(path, `unknown facility ${id}`);
  return row;
}

/** The product, or a field error. */
export function loadProduct(tx: Tx, id: number, path = "productId") {
  const row = tx.select().from(products).where(eq(products.id, id)).get();
  if (!row) fieldError(path, `unknown product ${id}`);
  return row;
}

/** The lot (and its product), or a field error. */
export function loadLot(tx: Tx, id: number, path = "lotId") {
  const row = tx.select().from(lots).where(eq(lots.id, id)).get();
  if (!row) fieldError(path, `unknown lot ${id}`);
  return row;
}

/** The funding source to book against: the one given, or the product's programme. */
export function resolveFunding(tx: Tx, given: string | undefined, productProgramme: string): string {
  const code = given ?? productProgramme;
  const row = tx.select().from(fundingSources).where(eq(fundingSources.code, code)).get();
  if (!row) fieldError("fundingSource", `unknown funding source ${code}`);
  return code;
}

/** Finds the lot product + lot code + expiry, creating it on first receipt. */
export function findOrCreateLot(tx: Tx, productId: number, lotCode: string, expiry: string): number {
  const found = tx
    .select({ id: lots.id })
    .from(lots)
    .where(and(eq(lots.productId, productId), eq(lots.lotCode, lotCode), eq(lots.expiry, expiry)))
    .get();
  if (found) return found.id;
  return tx.insert(lots).values({ productId, lotCode, expiry }).returning({ id: lots.id }).get().id;
}

/** Days of shelf life a lot must still have to be issued (a settings read: server/queries/settings). */
export { minShelfLifeDays } from "../queries/settings";
