/**
 * The opening stock's spreadsheet — a physical count: the export is the book stock (lots on hand) of the facilities
 * in the user's scope; the import records the counted quantities through the stock count command
 * (postPhysicalCount: one count per facility, dated now, refused before a closed period, closing the past of every
 * product counted), with a lot new to Fura created as a receipt creates it. A facility outside the user's scope, a
 * closed one, an unknown product or a lot code or expiry the API would refuse is an error at its row.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { facilities, fundingSources, lots, products, stockBalances } from "../../db/schema";
import { inScope } from "../../shared/domain/access";
import {
  OPENING_STOCK_SHEET,
  planOpeningStockImport,
  stockKey,
  type StockCountWrite,
} from "../../shared/domain/sheets/openingStock";
import { writeCell } from "../../shared/domain/sheets/spec";
import { auditOfBatch } from "../audit";
import { postPhysicalCount } from "../commands/stock";
import { MAX_COUNT_LINES } from "../../shared/contracts/stock";
import { findOrCreateLot } from "../commands/stockRefs";
import type { EntitySheet } from "./entitySheets";

/** The lots on hand, with their facility's code and scope fields, in facility × product × expiry order. */
function bookLines(db: Db) {
  return db
    .select({
      facilityId: facilities.id,
      facilityCode: facilities.code,
      regionId: facilities.regionId,
      districtId: facilities.districtId,
      productId: products.id,
      productCode: products.code,
      lotCode: lots.lotCode,
      expiry: lots.expiry,
      fundingSource: stockBalances.fundingSource,
      qty: stockBalances.qtyOnHand,
    })
    .from(stockBalances)
    .innerJoin(facilities, eq(facilities.id, stockBalances.facilityId))
    .innerJoin(lots, eq(lots.id, stockBalances.lotId))
    .innerJoin(products, eq(products.id, stockBalances.productId))
    .where(and(gt(stockBalances.qtyOnHand, 0), eq(facilities.active, true)))
    .orderBy(
      asc(facilities.id),
      asc(products.code),
      asc(lots.expiry),
      asc(lots.lotCode),
      asc(stockBalances.fundingSource),
    )
    .all();
}

const header = (key: string) => OPENING_STOCK_SHEET.columns.find((c) => c.key === key)?.header ?? null;

/** A count line's field → the sheet's column. */
const LINE_COLUMNS: Record<string, string> = {
  countedQty: "quantity",
  lotId: "lotCode",
  fundingSource: "fundingSource",
  facilityId: "facility",
};

export const OPENING_STOCK_SHEET_DEF: EntitySheet<StockCountWrite> = {
  entity: "opening-stock",
  action: "stock:write",
  spec: () => OPENING_STOCK_SHEET,
  exportRows: (db, user) =>
    bookLines(db)
      .filter((l) => inScope(user, { id: l.facilityId, regionId: l.regionId, districtId: l.districtId }))
      .map((l) => {
        const r = {
          facility: l.facilityCode ?? l.facilityId,
          productCode: l.productCode,
          lotCode: l.lotCode,
          expiry: l.expiry,
          fundingSource: l.fundingSource,
          quantity: l.qty,
        };
        return OPENING_STOCK_SHEET.columns.map((c) => writeCell(c, r[c.key]));
      }),
  plan: (db, user, sheet) =>
    planOpeningStockImport(sheet, {
      facilities: db
        .select()
        .from(facilities)
        .all()
        .map((f) => ({ id: f.id, code: f.code, active: f.active, inScope: inScope(user, f) })),
      products: db
        .select({ id: products.id, code: products.code, programmeCode: products.programmeCode })
        .from(products)
        .all(),
      fundingSources: db
        .select({ code: fundingSources.code })
        .from(fundingSources)
        .all()
        .map((f) => f.code),
      book: new Map(
        bookLines(db).map((l) => [stockKey(l.facilityId, l.productId, l.lotCode, l.expiry, l.fundingSource), l.qty]),
      ),
    }),
  // One count per facility: its lines together, as POST /stock/counts takes them.
  group: (w) => w.facilityId,
  // As many lines as POST /stock/counts takes (PhysicalCountCreate): a longer count is recorded in parts.
  maxGroup: MAX_COUNT_LINES,
  write: (tx, ws, { user, now }) => {
    const request = {
      facilityId: ws[0]!.facilityId,
      lines: ws.map((w) => ({
        lotId: findOrCreateLot(tx, w.productId, w.lotCode, w.expiry),
        fundingSource: w.fundingSource,
        countedQty: w.counted,
      })),
    };
    const result = postPhysicalCount(tx, request, { now, userId: user.id });
    return [{ audit: [auditOfBatch("stock.count.create", { ...request, source: "sheet" }, result)] }];
  },
  rowOf: (path, ws) => {
    const m = /^lines\.(\d+)\./.exec(path);
    return m ? ws[Number(m[1])]?.row : undefined;
  },
  columnOf: (path) => {
    const field = /^lines\.\d+\.(\w+)/.exec(path)?.[1] ?? path;
    return LINE_COLUMNS[field] ? header(LINE_COLUMNS[field]) : null;
  },
};
