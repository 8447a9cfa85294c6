/**
 * The opening stock sheet — a physical count: one row per facility × product × lot (code and expiry) × funding
 * source with the quantity counted, in base units. The facility is named by its code or its id. The export is the
 * book stock of the facilities in the user's scope; importing it back changes nothing. A counted quantity that
 * differs from the book becomes a count adjustment in the ledger (the stock count command: dated now, refused before
 * a closed period, and the count closes the past of every product counted); a lot new to Fura is created; lots the
 * sheet does not list keep their stock.
 */
import type { IssueKey } from "../../errors";
import { IsoDate, LotCode, MAX_LINE_UNITS, MAX_TOTAL_UNITS } from "../../contracts/common";
import { diffValues, duplicateIssues, finishPlan, tooManyWrites, type DraftRow, type SheetPlan } from "./plan";
import { keyText, readRecords, type CellValue, type SheetIssue, type SheetRow, type SheetSpec } from "./spec";

export const OPENING_STOCK_SHEET = {
  entity: "opening-stock",
  sheetName: "Inventaire",
  columns: [
    {
      key: "facility",
      header: "etablissement",
      names: ["facility", "facility_code", "code_etablissement", "facility_id"],
      kind: "text",
      required: true,
      maxLength: 100,
    },
    {
      key: "productCode",
      header: "code_produit",
      names: ["product_code", "produit"],
      kind: "text",
      required: true,
      maxLength: 40,
    },
    {
      key: "lotCode",
      header: "lot",
      names: ["lot_code", "numero_de_lot"],
      kind: "text",
      required: true,
      maxLength: 40,
    },
    { key: "expiry", header: "peremption", names: ["expiry", "date_de_peremption"], kind: "date", required: true },
    {
      key: "fundingSource",
      header: "source_financement",
      names: ["funding_source", "financement"],
      kind: "text",
      required: false,
      optionalColumn: true,
      maxLength: 40,
    },
    {
      key: "quantity",
      header: "quantite_comptee",
      names: ["quantity", "quantite", "counted_qty", "qty"],
      kind: "int",
      required: true,
      min: 0,
      // A lot's book stock at the central store may exceed one line's maximum: read up to a total's, and a count
      // that changes it is held to the count line's maximum (below), as POST /stock/counts holds it.
      max: MAX_TOTAL_UNITS,
    },
  ],
} as const satisfies SheetSpec;

type StockColumn = (typeof OPENING_STOCK_SHEET.columns)[number]["key"];

/**
 * The most lines one file may change: an import is one transaction, and the stock ledger's writes wait for it (about
 * ten seconds at this size on a loaded two-core server); a larger count is imported in several files (by facility).
 */
export const MAX_STOCK_SHEET_WRITES = 10_000;

/** A counted line: the facility, the product, the lot as printed, the funding source and the quantity counted. */
export interface StockCountWrite {
  row: number;
  facilityId: string;
  productId: number;
  lotCode: string;
  expiry: string;
  fundingSource: string;
  counted: number;
}

/** "facility|productId|LOT|expiry|funding": a line of the book. */
export const stockKey = (facilityId: string, productId: number, lotCode: string, expiry: string, funding: string) =>
  `${facilityId}|${productId}|${lotCode}|${expiry}|${funding}`;

/** What the plan needs: the facilities (by id and code, with whether the user may count there), products, book. */
export interface OpeningStockContext {
  facilities: { id: string; code: string | null; active: boolean; inScope: boolean }[];
  products: { id: number; code: string; programmeCode: string }[];
  fundingSources: string[];
  /** Book quantities now, by stockKey */
  book: ReadonlyMap<string, number>;
}

/** A cell read through the API's own schema (a lot code as a receipt takes it, an expiry in the years allowed). */
function throughContract(
  schema: typeof LotCode | typeof IsoDate,
  value: CellValue,
  refuse: (reason: string) => void,
): string | null {
  if (value === null) return null;
  const parsed = schema.safeParse(String(value));
  if (parsed.success) return parsed.data;
  refuse(parsed.error.issues[0]?.message ?? "invalid");
  return null;
}

/** The counted quantities against the book stock. */
export function planOpeningStockImport(
  sheet: { headers: string[]; rows: SheetRow[] },
  ctx: OpeningStockContext,
): SheetPlan<StockCountWrite> {
  const read = readRecords(OPENING_STOCK_SHEET, sheet);
  const errors: SheetIssue[] = [...read.issues];
  const col = (k: StockColumn) => read.columns[k] ?? OPENING_STOCK_SHEET.columns.find((c) => c.key === k)!.header;
  const byId = new Map(ctx.facilities.map((f) => [f.id, f]));
  const byCode = new Map(ctx.facilities.flatMap((f) => (f.code ? [[f.code.toUpperCase(), f] as const] : [])));
  const products = new Map(ctx.products.map((p) => [p.code.toUpperCase(), p]));
  const funding = new Set(ctx.fundingSources);

  const resolved = read.records.map((r) => {
    const v = r.values;
    const issue = (k: StockColumn, code: IssueKey, values: Record<string, string | number>) =>
      errors.push({ row: r.row, column: col(k), code, values });
    const name = keyText(v.facility);
    const facility = byId.get(name) ?? byCode.get(name.toUpperCase());
    // A facility out of the user's scope is refused like an unknown one (its existence does not leak).
    if (name !== "" && (!facility || !facility.inScope)) issue("facility", "import.outOfScope", { value: name });
    else if (facility && !facility.active) issue("facility", "facility.closed", { facilityId: facility.id });
    const product = v.productCode === null ? undefined : products.get(keyText(v.productCode).toUpperCase());
    if (v.productCode !== null && !product)
      issue("productCode", "import.unknownProduct", { code: keyText(v.productCode) });
    const lotCode = throughContract(LotCode, v.lotCode, (reason) => issue("lotCode", "import.invalid", { reason }));
    const expiry = throughContract(IsoDate, v.expiry, (reason) => issue("expiry", "import.invalid", { reason }));
    const given = v.fundingSource === null || v.fundingSource === undefined ? null : keyText(v.fundingSource);
    const fundingSource = given ?? product?.programmeCode ?? null;
    if (given !== null && !funding.has(given)) issue("fundingSource", "import.unknownFundingSource", { value: given });
    const key =
      facility?.inScope && product && lotCode !== null && expiry !== null && fundingSource !== null
        ? stockKey(facility.id, product.id, lotCode, expiry, fundingSource)
        : null;
    return { r, facility, product, lotCode, expiry, fundingSource, key };
  });
  const keyOf = new Map(resolved.map((x) => [x.r, x.key]));
  errors.push(...duplicateIssues(read.records, (rec) => keyOf.get(rec) ?? null));

  const rows: DraftRow<StockCountWrite>[] = resolved.map(
    ({ r, facility, product, lotCode, expiry, fundingSource, key }) => {
      const label = [facility?.code ?? facility?.id ?? keyText(r.values.facility), product?.code, lotCode, expiry]
        .filter((x) => x)
        .join(" · ");
      if (key === null || r.values.quantity === null || !facility || !product || !lotCode || !expiry || !fundingSource)
        return { row: r.row, key: label, status: "error", changes: [] };
      const counted = Number(r.values.quantity);
      const book = ctx.book.get(key);
      const changes = diffValues(
        OPENING_STOCK_SHEET.columns,
        book === undefined ? null : { quantity: book },
        { quantity: counted },
        ["quantity"],
      );
      const write = {
        row: r.row,
        facilityId: facility.id,
        productId: product.id,
        lotCode,
        expiry,
        fundingSource,
        counted,
      };
      if (counted === (book ?? 0)) return { row: r.row, key: label, status: "unchanged", changes: [] };
      if (counted > MAX_LINE_UNITS)
        errors.push({
          row: r.row,
          column: col("quantity"),
          code: "import.outOfRange",
          values: { value: counted, min: 0, max: MAX_LINE_UNITS },
        });
      return { row: r.row, key: label, status: book === undefined ? "new" : "changed", changes, write };
    },
  );
  return finishPlan(rows, [...errors, ...tooManyWrites(rows, MAX_STOCK_SHEET_WRITES)]);
}
