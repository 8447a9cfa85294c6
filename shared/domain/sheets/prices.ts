/** The price history sheet: one row per product × first day of a price (a price applies until the next one). */
import { diffValues, duplicateIssues, finishPlan, type DraftRow, type SheetPlan } from "./plan";
import { keyText, readRecords, type SheetIssue, type SheetRow, type SheetSpec } from "./spec";

export const PRICE_SHEET = {
  entity: "prices",
  sheetName: "Prix",
  columns: [
    {
      key: "productCode",
      header: "code_produit",
      names: ["code", "product_code"],
      kind: "text",
      required: true,
      maxLength: 40,
    },
    { key: "validFrom", header: "date_debut", names: ["valid_from", "depuis", "date"], kind: "date", required: true },
    {
      key: "pricePerPackXof",
      header: "prix_conditionnement_fcfa",
      names: ["price_per_pack_xof", "prix_fcfa", "prix"],
      kind: "int",
      required: true,
      min: 0,
      max: 1_000_000_000,
    },
  ],
} as const satisfies SheetSpec;

/** A price as the sheet holds it. */
export interface PriceRecord {
  productCode: string;
  validFrom: string;
  pricePerPackXof: number;
}

/** A price to add, or one whose amount changes. */
export interface PriceWrite {
  productId: number;
  validFrom: string;
  pricePerPackXof: number;
}

/** The sheet's prices against the history; a price may not start after `today`. */
export function planPriceImport(
  sheet: { headers: string[]; rows: SheetRow[] },
  ctx: { products: { id: number; code: string }[]; existing: PriceRecord[]; today: string },
): SheetPlan<PriceWrite> {
  const read = readRecords(PRICE_SHEET, sheet);
  const errors: SheetIssue[] = [...read.issues];
  const byCode = new Map(ctx.products.map((p) => [p.code.toUpperCase(), p]));
  const existing = new Map(ctx.existing.map((p) => [`${p.productCode.toUpperCase()}|${p.validFrom}`, p]));
  const keyOf = (code: string, date: string) => `${code.toUpperCase()}|${date}`;
  errors.push(
    ...duplicateIssues(read.records, (r) =>
      r.values.productCode && r.values.validFrom
        ? keyOf(String(r.values.productCode), String(r.values.validFrom))
        : null,
    ),
  );
  const rows: DraftRow<PriceWrite>[] = read.records.map((r) => {
    const code = keyText(r.values.productCode);
    const validFrom = r.values.validFrom === null ? "" : String(r.values.validFrom);
    const product = byCode.get(code.toUpperCase());
    const key = `${product?.code ?? code} ${validFrom}`;
    if (code !== "" && !product)
      errors.push({ row: r.row, column: read.columns.productCode, code: "import.unknownProduct", values: { code } });
    if (validFrom > ctx.today)
      errors.push({ row: r.row, column: read.columns.validFrom, code: "price.future", values: { date: validFrom } });
    const price = r.values.pricePerPackXof;
    if (!product || typeof price !== "number") return { row: r.row, key, status: "error", changes: [] };
    const was = existing.get(keyOf(product.code, validFrom));
    const after = { productCode: product.code, validFrom, pricePerPackXof: price };
    const changes = diffValues(PRICE_SHEET.columns, was ?? null, after, ["pricePerPackXof"]);
    const write = { productId: product.id, validFrom, pricePerPackXof: price };
    if (!was) return { row: r.row, key, status: "new", changes, write };
    return changes.length === 0
      ? { row: r.row, key, status: "unchanged", changes }
      : { row: r.row, key, status: "changed", changes, write };
  });
  return finishPlan(rows, errors);
}
