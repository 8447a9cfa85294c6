/**
 * Demo GTINs for some tracer products, so that the barcode path (scan → product, lot, expiry) can be shown.
 *
 * They are FICTITIOUS. They use the GS1 prefix 952, which GS1 reserves for demonstrations and examples: no
 * real trade item carries a 952 GTIN, so none of these can collide with a real medicine's barcode. Real GTINs
 * are entered by the administrator from the suppliers' packs (product_gtins, source "admin"). Seeded in demo
 * mode only.
 *
 * Scheme: company prefix 9520000 (fictitious), item reference = two digits per product × one digit per pack
 * level; the pack (what Fura picks) has indicator digit 0, the shipping case indicator digit 1 (GTIN-14 of
 * the same item). Check digits are computed, not typed.
 */
import { withCheckDigit } from "../../../shared/domain/gs1/gtin";

/** A product's demo GTINs: the pack, and a case of `casePacks` packs. */
interface DemoGtinSpec {
  productCode: string;
  /** Two digits that make the item reference, unique per product */
  item: string;
  casePacks: number;
}

const SPECS: DemoGtinSpec[] = [
  { productCode: "MAL-AL-20120-6", item: "01", casePacks: 20 },
  { productCode: "MAL-AL-20120-24", item: "02", casePacks: 20 },
  { productCode: "MAL-TDR-PF", item: "03", casePacks: 40 },
  { productCode: "MAL-SP-50025-CP", item: "04", casePacks: 24 },
  { productCode: "MAL-ASU-60-INJ", item: "05", casePacks: 100 },
  { productCode: "CES-OXY-10-INJ", item: "06", casePacks: 10 },
  { productCode: "ATB-AMOX-250-CPD", item: "07", casePacks: 50 },
  { productCode: "GI-SRO-205-SACH", item: "08", casePacks: 10 },
  { productCode: "GI-ZINC-20-CPD", item: "09", casePacks: 50 },
  { productCode: "ANA-PARA-500-CP", item: "10", casePacks: 12 },
];

/** One demo GTIN row, before the product id is known. */
export interface DemoGtin {
  productCode: string;
  gtin: string;
  packLevel: "pack" | "case";
  /** Multiplied by the product's pack size when seeded */
  packs: number;
}

/** The demo GTINs (GTIN-14). */
export const DEMO_GTINS: DemoGtin[] = SPECS.flatMap((s) => {
  const body = `952000000${s.item}0`; // 12 digits: GS1 demo prefix 952, company 0000, item reference 00{item}0
  return [
    { productCode: s.productCode, gtin: `0${withCheckDigit(body)}`, packLevel: "pack" as const, packs: 1 },
    { productCode: s.productCode, gtin: withCheckDigit(`1${body}`), packLevel: "case" as const, packs: s.casePacks },
  ];
});
