/** A facility's stock positions as the stock entry forms use them (pure). */
import type { StockPosition } from "@shared/contracts/stock";
import type { PickableProduct } from "../../lib/pickers/productLabel";

/** A lot line of a position: one lot under one funding source. */
export const lotKey = (l: { lotId: number; fundingSource: string }) => `${l.lotId}:${l.fundingSource}`;

/** A position as the product picker lists it. */
export const pickableOf = (p: StockPosition): PickableProduct => ({
  id: p.productId,
  code: p.productCode,
  genericName: p.genericName,
  strength: p.strength,
  form: p.form,
  packSize: p.packSize,
  baseUnit: p.baseUnit,
  programmeCode: p.programmeCode,
});
