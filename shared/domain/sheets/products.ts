/** The product catalogue sheet: one row per product, keyed by its code; the price column sets today's price. */
import type { IssueKey } from "../../errors";
import { diffValues, duplicateIssues, finishPlan, type DraftRow, type SheetPlan } from "./plan";
import { keyText, readRecords, type CellValue, type SheetIssue, type SheetRow, type SheetSpec } from "./spec";

export const PRODUCT_SHEET = {
  entity: "products",
  sheetName: "Produits",
  columns: [
    {
      key: "code",
      header: "code",
      names: ["code_produit", "product_code"],
      kind: "text",
      required: true,
      maxLength: 40,
    },
    {
      key: "genericName",
      header: "nom_generique",
      names: ["dci", "generic_name", "nom"],
      kind: "text",
      required: true,
      maxLength: 200,
    },
    { key: "form", header: "forme", names: ["form"], kind: "text", required: true, maxLength: 80 },
    { key: "strength", header: "dosage", names: ["strength"], kind: "text", required: false, maxLength: 80 },
    {
      key: "baseUnit",
      header: "unite_de_base",
      names: ["base_unit", "unite"],
      kind: "text",
      required: true,
      maxLength: 40,
    },
    {
      key: "packSize",
      header: "taille_conditionnement",
      names: ["pack_size", "conditionnement"],
      kind: "int",
      required: true,
      min: 1,
      max: 1_000_000,
    },
    {
      key: "packRoundingThreshold",
      header: "seuil_arrondi",
      names: ["pack_rounding_threshold", "rounding_threshold"],
      kind: "int",
      required: true,
      min: 0,
      max: 999_999,
    },
    { key: "roundToZero", header: "arrondi_a_zero", names: ["round_to_zero"], kind: "bool", required: true },
    { key: "ven", header: "ven", names: [], kind: "enum", required: true, values: ["V", "E", "N"] },
    {
      key: "programmeCode",
      header: "programme",
      names: ["programme_code", "program"],
      kind: "text",
      required: true,
      maxLength: 40,
    },
    { key: "category", header: "categorie", names: ["category"], kind: "text", required: true, maxLength: 120 },
    { key: "coldChain", header: "chaine_du_froid", names: ["cold_chain"], kind: "bool", required: true },
    {
      key: "packWeightG",
      header: "poids_conditionnement_g",
      names: ["pack_weight_g", "poids_g"],
      kind: "int",
      required: true,
      min: 0,
      max: 10_000_000,
    },
    {
      key: "packVolumeCm3",
      header: "volume_conditionnement_cm3",
      names: ["pack_volume_cm3", "volume_cm3"],
      kind: "int",
      required: true,
      min: 0,
      max: 100_000_000,
    },
    {
      key: "pricePerPackXof",
      header: "prix_conditionnement_fcfa",
      names: ["price_per_pack_xof", "prix_fcfa", "prix"],
      kind: "int",
      required: true,
      min: 0,
      max: 1_000_000_000,
    },
    { key: "active", header: "actif", names: ["active"], kind: "bool", required: true },
  ],
} as const satisfies SheetSpec;

export type ProductColumn = (typeof PRODUCT_SHEET.columns)[number]["key"];
/** A product as the sheet holds it (strength "" when the product has none). */
export type ProductRecord = Record<ProductColumn, CellValue> & { code: string };

/** What the import writes: a new product, or the changed fields of one (a changed price: a new price from today). */
export type ProductWrite =
  | { kind: "create"; values: ProductRecord }
  | { kind: "update"; id: number; changed: Partial<ProductRecord>; values: ProductRecord };

const FIELDS = PRODUCT_SHEET.columns.map((c) => c.key).filter((k) => k !== "code");

/** The sheet's rows against the catalogue: new, changed or unchanged, and every problem by row and column. */
export function planProductImport(
  sheet: { headers: string[]; rows: SheetRow[] },
  ctx: {
    programmes: string[];
    existing: (ProductRecord & { id: number })[];
    /** The request contract's own problems of a row's values (the server's zod check), by column */
    check?: (
      values: ProductRecord,
    ) => { column: ProductColumn; code: IssueKey; values: Record<string, string | number> }[];
  },
): SheetPlan<ProductWrite> {
  const read = readRecords(PRODUCT_SHEET, sheet);
  const errors: SheetIssue[] = [...read.issues];
  const col = (k: ProductColumn) => read.columns[k] ?? k;
  const byCode = new Map(ctx.existing.map((p) => [p.code.toUpperCase(), p]));
  const programmes = new Set(ctx.programmes);
  errors.push(...duplicateIssues(read.records, (r) => keyText(r.values.code).toUpperCase() || null));
  const rows: DraftRow<ProductWrite>[] = read.records.map((r) => {
    const v = { ...r.values, strength: r.values.strength ?? "" } as ProductRecord;
    const issue = (k: ProductColumn, code: IssueKey, values: Record<string, string | number>) =>
      errors.push({ row: r.row, column: col(k), code, values });
    if (v.programmeCode !== null && !programmes.has(String(v.programmeCode)))
      issue("programmeCode", "import.unknownProgramme", { value: String(v.programmeCode) });
    if (
      typeof v.packSize === "number" &&
      typeof v.packRoundingThreshold === "number" &&
      v.packRoundingThreshold >= v.packSize
    )
      issue("packRoundingThreshold", "product.thresholdTooHigh", {
        threshold: v.packRoundingThreshold,
        packSize: v.packSize,
      });
    const rowIssues = errors.filter((e) => e.row === r.row).length;
    if (rowIssues === 0) for (const p of ctx.check?.(v) ?? []) issue(p.column, p.code, p.values);
    const key = keyText(v.code);
    const was = byCode.get(key.toUpperCase());
    if (!was)
      return {
        row: r.row,
        key,
        status: "new",
        changes: diffValues(PRODUCT_SHEET.columns, null, v, FIELDS),
        write: { kind: "create", values: v },
      };
    const changes = diffValues(PRODUCT_SHEET.columns, was, v, FIELDS);
    const changed = Object.fromEntries(
      FIELDS.filter((k) => (was[k] ?? null) !== (v[k] ?? null)).map((k) => [k, v[k]]),
    ) as Partial<ProductRecord>;
    return changes.length === 0
      ? { row: r.row, key: was.code, status: "unchanged", changes }
      : {
          row: r.row,
          key: was.code,
          status: "changed",
          changes,
          write: { kind: "update", id: was.id, changed, values: v },
        };
  });
  return finishPlan(rows, errors);
}
