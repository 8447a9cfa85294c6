/**
 * The catalogue's spreadsheets (products, prices): the rows an export writes, the plan of an import against the
 * database (shared/domain/sheets: new, changed, unchanged, row-level errors) and its all-or-nothing apply through
 * the catalogue commands, inside the write's one transaction. Exporting then importing the export changes nothing:
 * both sides read and write the same columns.
 */
import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { productPrices, products, programmes } from "../../db/schema";
import type { CatalogueSheet } from "../../shared/contracts/sheets";
import type { SheetPlan } from "../../shared/domain/sheets/plan";
import { PRICE_SHEET, planPriceImport, type PriceRecord, type PriceWrite } from "../../shared/domain/sheets/prices";
import {
  PRODUCT_SHEET,
  planProductImport,
  type ProductColumn,
  type ProductRecord,
  type ProductWrite,
} from "../../shared/domain/sheets/products";
import { ProductCreate } from "../../shared/contracts/catalogue";
import { writeCell, type SheetIssue, type SheetRow, type SheetSpec } from "../../shared/domain/sheets/spec";
import { AppError } from "../../shared/errors";
import { createProduct, setPrice, updateProduct } from "../commands/catalogue";
import type { ExportCell } from "./workbook";

/** The spec of each sheet. */
export const SHEET_SPECS: Record<CatalogueSheet, SheetSpec> = { products: PRODUCT_SHEET, prices: PRICE_SHEET };

/** Every product as the sheet holds it, with its id. */
function productRecords(db: Db | Tx): (ProductRecord & { id: number })[] {
  return db
    .select()
    .from(products)
    .orderBy(asc(products.code))
    .all()
    .map((p) => ({ ...p, strength: p.strength }));
}

/** Every dated price, with its product's code. */
function priceRecords(db: Db | Tx): PriceRecord[] {
  return db
    .select({
      productCode: products.code,
      validFrom: productPrices.validFrom,
      pricePerPackXof: productPrices.pricePerPackXof,
    })
    .from(productPrices)
    .innerJoin(products, eq(products.id, productPrices.productId))
    .orderBy(asc(products.code), asc(productPrices.validFrom))
    .all();
}

/** The rows of an export, in the spec's column order. */
export function exportRows(db: Db, entity: CatalogueSheet): ExportCell[][] {
  if (entity === "products")
    return productRecords(db).map((r) => PRODUCT_SHEET.columns.map((c) => writeCell(c, r[c.key])));
  return priceRecords(db).map((r) => PRICE_SHEET.columns.map((c) => writeCell(c, r[c.key])));
}

/** A plan of either sheet, with what to write. */
export type CataloguePlan =
  { entity: "products"; plan: SheetPlan<ProductWrite> } | { entity: "prices"; plan: SheetPlan<PriceWrite> };

/** The plan of an import against the database as it is now (`today`: a price may not start later). */
export function planImport(
  db: Db | Tx,
  entity: CatalogueSheet,
  sheet: { headers: string[]; rows: SheetRow[] },
  today: string,
): CataloguePlan {
  if (entity === "products") {
    const codes = db.select({ code: programmes.code }).from(programmes).all();
    const plan = planProductImport(sheet, {
      programmes: codes.map((p) => p.code),
      existing: productRecords(db),
      check: productRowProblems,
    });
    return { entity, plan };
  }
  const list = db.select({ id: products.id, code: products.code }).from(products).all();
  return { entity, plan: planPriceImport(sheet, { products: list, existing: priceRecords(db), today }) };
}

/** The hash of a plan (its rows and errors): the apply refuses a file whose plan is no longer the one previewed. */
export function planHash(p: CataloguePlan): string {
  const { rows, errors } = p.plan;
  return createHash("sha256")
    .update(JSON.stringify({ entity: p.entity, rows, errors }))
    .digest("hex");
}

/** A product's values for the catalogue commands (the sheet's cells, already read and checked). */
function productValues(v: ProductRecord) {
  return {
    code: String(v.code),
    genericName: String(v.genericName),
    form: String(v.form),
    strength: v.strength === null ? "" : String(v.strength),
    baseUnit: String(v.baseUnit),
    packSize: Number(v.packSize),
    packRoundingThreshold: Number(v.packRoundingThreshold),
    roundToZero: Boolean(v.roundToZero),
    ven: String(v.ven) as "V" | "E" | "N",
    programmeCode: String(v.programmeCode),
    category: String(v.category),
    coldChain: Boolean(v.coldChain),
    packWeightG: Number(v.packWeightG),
    packVolumeCm3: Number(v.packVolumeCm3),
    active: Boolean(v.active),
  };
}

/** Writes one row of the products sheet: a new product, or its changed fields (a changed price: from today). */
function writeProduct(tx: Tx, w: ProductWrite, userId: number, now: Date): void {
  // Read through the request contract (already checked by the plan): codes and texts stored as the API stores them.
  const { pricePerPackXof, ...values } = ProductCreate.parse({
    ...productValues(w.values),
    pricePerPackXof: Number(w.values.pricePerPackXof),
  });
  if (w.kind === "create") {
    createProduct(tx, { ...values, pricePerPackXof }, userId, now);
    return;
  }
  updateProduct(tx, w.id, values);
  if ("pricePerPackXof" in w.changed)
    setPrice(tx, w.id, { pricePerPackXof, validFrom: now.toISOString().slice(0, 10) }, userId, now);
}

/**
 * Refuses an import whole when a row is in error (`validation_failed`, the rows' issues) or when its plan is not the
 * one previewed (`conflict`); any sheet's apply calls it before writing.
 */
export function refuseUnlessApplicable(errors: SheetIssue[], hash: string, expectedHash: string): void {
  if (errors.length > 0)
    throw new AppError("validation_failed", `The file has ${errors.length} error(s): nothing was written`, {
      issues: [
        {
          path: "contentBase64",
          message: "rows in error",
          key: "file.rowErrors",
          values: { count: errors.length },
        },
      ],
      rows: errors,
    });
  if (hash !== expectedHash)
    throw new AppError("conflict", "The data changed since the preview: preview the file again", {
      issues: [{ path: "expectedPlanHash", message: "stale preview", key: "file.stalePreview", values: {} }],
    });
}

/**
 * Applies an import: refused whole when a row is in error or when the plan is not the one previewed
 * (refuseUnlessApplicable); else every new and changed row is written, here, in the caller's transaction.
 */
export function applyImport(tx: Tx, p: CataloguePlan, expectedHash: string, userId: number, now: Date): number {
  refuseUnlessApplicable(p.plan.errors, planHash(p), expectedHash);
  if (p.entity === "products") for (const w of p.plan.writes) writeProduct(tx, w, userId, now);
  else
    for (const w of p.plan.writes)
      setPrice(tx, w.productId, { pricePerPackXof: w.pricePerPackXof, validFrom: w.validFrom }, userId, now);
  return p.plan.writes.length;
}

/** The product contract's problems of a sheet row (codes and texts as the API would refuse them), by column. */
export function productRowProblems(v: ProductRecord) {
  const parsed = ProductCreate.safeParse({ ...productValues(v), pricePerPackXof: v.pricePerPackXof });
  if (parsed.success) return [];
  const columns = new Set<string>(PRODUCT_SHEET.columns.map((c) => c.key));
  return parsed.error.issues
    .filter((i) => columns.has(String(i.path[0])))
    .map((i) => ({
      column: String(i.path[0]) as ProductColumn,
      code: "import.invalid" as const,
      values: { reason: i.message },
    }));
}
