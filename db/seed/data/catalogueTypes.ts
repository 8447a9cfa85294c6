/** Shape of one product of the seeded catalogue (written from public facts, see db/seed/data/README.md). */

/** Programme that owns a product: cost recovery (pull) or one free-care programme (push). */
export type ProgrammeCode =
  | "cost_recovery"
  | "malaria"
  | "caesarean"
  | "hiv"
  | "tb"
  | "vaccines"
  | "family_planning"
  | "nutrition";

/** VEN class: vital, essential, non-essential. */
export type VenClass = "V" | "E" | "N";

/** Demand seasonality used by the history generator. */
export type Seasonality = "none" | "malaria" | "smc";

/** One catalogue product. All quantities are in dispensing (base) units unless the name says pack. */
export interface CatalogueProduct {
  /** Stable product code, upper-case, unique: e.g. "MAL-AL-2012-6" */
  code: string;
  /** International non-proprietary name in French, e.g. "Artéméther + Luméfantrine" */
  genericName: string;
  /** Pharmaceutical form in French: "comprimé", "gélule", "sirop", "solution injectable", "kit", ... */
  form: string;
  /** Strength as written on the pack, e.g. "20 mg + 120 mg", "" when not applicable */
  strength: string;
  /** Dispensing (base) unit in French, singular: "comprimé", "flacon", "ampoule", "dose", "sachet", "test", "kit", "pièce" */
  baseUnit: string;
  /** Base units per pack (> 0, integer) */
  packSize: number;
  /** Remainder (base units) above which pack rounding adds one pack; 0 <= threshold < packSize */
  packRoundingThreshold: number;
  /** True when an order may round down to zero packs */
  roundToZero: boolean;
  ven: VenClass;
  programme: ProgrammeCode;
  /** Therapeutic or supply category in French, e.g. "Antipaludiques", "Antibiotiques", "Consommables" */
  category: string;
  coldChain: boolean;
  /** Indicative price of one pack in FCFA (XOF, integer) */
  pricePerPackXof: number;
  /** Weight of one pack in grams (integer, includes packaging) */
  packWeightG: number;
  /** Volume of one pack in cm3 (integer) */
  packVolumeCm3: number;
  /** Mean consumption in base units per month at a typical CSCom that stocks it (> 0) */
  cscomMonthlyUnits: number;
  /** Share of CSComs that stock it, 0..1 (e.g. 1 for paracetamol, 0.15 for ARVs) */
  cscomShare: number;
  seasonality: Seasonality;
  /** Short public-source note (e.g. "WHO EML 2023; PNLP guidelines"), English */
  source: string;
}
