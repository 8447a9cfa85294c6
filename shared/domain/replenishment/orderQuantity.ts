/** The suggested order of one line, with the explanation of every number (PRODUCT.md §3). */
import { monthsOfStock } from "../stock/position";
import { adjustedConsumption, averageMonthlyConsumption } from "./consumption";
import { packsFor, type PackRule } from "./packs";

/** Ordering rule: forced (order up to max at every review) or standard (only when MOS ≤ min). */
export type OrderingRule = "forced" | "standard";

/** The policy fields the calculation needs. */
export interface OrderPolicy {
  rule: OrderingRule;
  maxMonths: number;
  minMonths: number;
  /** Emergency order point in months; null where the level has none */
  eopMonths: number | null;
}

/** One reporting period: its length, what was consumed and the stock-out days. */
export interface PeriodConsumption {
  days: number;
  consumed: number;
  stockoutDays: number;
}

/** Everything one suggestion depends on. */
export interface OrderInput {
  product: PackRule;
  policy: OrderPolicy;
  /** Oldest first; the last is the current period; null = period not reported */
  periods: (PeriodConsumption | null)[];
  stockOnHand: number;
  inTransit: number;
  averagingPeriods?: number;
  /**
   * AMC given instead of computed from periods: a depot's demand, the sum of the AMCs of the
   * facilities it supplies (periods are then ignored)
   */
  demandAmc?: number;
}

/** One explained step: a key for translation, the numbers, and the sentence in French and English. */
export interface ExplanationStep {
  key: string;
  values: Record<string, number | string | null>;
  fr: string;
  en: string;
}

/** The suggested order for one line. */
export interface OrderSuggestion {
  adjustedConsumption: (number | null)[];
  amc: number;
  monthsOfStock: number | null;
  maxStock: number;
  /** max(0, H − E − in transit) before the ordering rule */
  need: number;
  quantity: number;
  packs: number;
  emergency: boolean;
  /** Why the quantity is what it is: "order" | "above_min" (standard rule) | "no_need" */
  decision: "order" | "above_min" | "no_need";
  explanation: ExplanationStep[];
}

/** Round half up to an integer (H = round-half-up(AMC × max MOS)). */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

const fmt = (x: number | null, digits = 2) => (x === null ? "—" : Number.isInteger(x) ? String(x) : x.toFixed(digits));

/**
 * Computes the suggested quantity of one line and explains each number. `explain: false` skips
 * the sentences (the national batch stores the inputs and explains on demand).
 */
export function computeOrderQuantity(input: OrderInput, options: { explain?: boolean } = {}): OrderSuggestion {
  const { policy, product } = input;
  const given = input.demandAmc !== undefined;
  const adjusted = given
    ? []
    : input.periods.map((p) => (p === null ? null : adjustedConsumption(p.consumed, p.days, p.stockoutDays)));
  const n = input.averagingPeriods ?? 3;
  const amc = given ? input.demandAmc! : averageMonthlyConsumption(adjusted, n);
  const mos = monthsOfStock(input.stockOnHand, amc);
  const maxStock = roundHalfUp(amc * policy.maxMonths);
  const need = Math.max(0, maxStock - input.stockOnHand - input.inTransit);
  const emergency = policy.eopMonths !== null && mos !== null && mos <= policy.eopMonths && amc > 0;
  const belowMin = mos !== null && mos <= policy.minMonths;
  const decision: OrderSuggestion["decision"] =
    need === 0 ? "no_need" : policy.rule === "standard" && !belowMin && !emergency ? "above_min" : "order";
  const quantity = decision === "order" ? need : 0;
  const packs = packsFor(quantity, product);
  const result: OrderSuggestion = {
    adjustedConsumption: adjusted,
    amc,
    monthsOfStock: mos,
    maxStock,
    need,
    quantity,
    packs,
    emergency,
    decision,
    explanation: [],
  };
  if (options.explain === false) return result;
  const amcSteps: ExplanationStep[] = given
    ? [
        {
          key: "amc_demand",
          values: { amc },
          fr: `CMM = somme des CMM des établissements desservis = ${amc}.`,
          en: `AMC = sum of the AMCs of the facilities supplied = ${amc}.`,
        },
      ]
    : [
        {
          key: "adjusted",
          values: { periods: adjusted.map((a) => fmt(a)).join(", ") },
          fr: `Consommation ajustée par période (N = ⌈C × jours / (jours − jours de rupture)⌉) : ${adjusted.map((a) => fmt(a)).join(", ")}.`,
          en: `Adjusted consumption per period (N = ⌈C × days / (days − stock-out days)⌉): ${adjusted.map((a) => fmt(a)).join(", ")}.`,
        },
        {
          key: "amc",
          values: { amc, n: Math.max(2, n) },
          fr: `CMM = ⌈moyenne des ${Math.max(2, n)} dernières périodes rapportées⌉ = ${amc}.`,
          en: `AMC = ⌈mean of the last ${Math.max(2, n)} reported periods⌉ = ${amc}.`,
        },
      ];
  const steps: ExplanationStep[] = [
    ...amcSteps,
    {
      key: "mos",
      values: { stockOnHand: input.stockOnHand, mos: mos === null ? null : Number(mos.toFixed(2)) },
      fr: `Mois de stock = stock disponible ${input.stockOnHand} / CMM ${amc} = ${fmt(mos)}.`,
      en: `Months of stock = stock on hand ${input.stockOnHand} / AMC ${amc} = ${fmt(mos)}.`,
    },
    {
      key: "max",
      values: { maxStock, maxMonths: policy.maxMonths },
      fr: `Stock maximum = arrondi(CMM ${amc} × ${policy.maxMonths} mois) = ${maxStock}.`,
      en: `Maximum stock = round(AMC ${amc} × ${policy.maxMonths} months) = ${maxStock}.`,
    },
    {
      key: "need",
      values: { need, inTransit: input.inTransit },
      fr: `Besoin = max(0, ${maxStock} − ${input.stockOnHand} − en transit ${input.inTransit}) = ${need}.`,
      en: `Need = max(0, ${maxStock} − ${input.stockOnHand} − in transit ${input.inTransit}) = ${need}.`,
    },
    decisionStep(decision, policy, mos, emergency),
    {
      key: "packs",
      values: { quantity, packs, packSize: product.packSize, threshold: product.packRoundingThreshold },
      fr: `Quantité ${quantity} → ${packs} conditionnement(s) de ${product.packSize} (arrondi au-delà d'un reste de ${product.packRoundingThreshold}).`,
      en: `Quantity ${quantity} → ${packs} pack(s) of ${product.packSize} (rounded up above a remainder of ${product.packRoundingThreshold}).`,
    },
  ];
  result.explanation = steps;
  return result;
}

function decisionStep(
  decision: OrderSuggestion["decision"],
  policy: OrderPolicy,
  mos: number | null,
  emergency: boolean,
): ExplanationStep {
  const values = {
    rule: policy.rule,
    minMonths: policy.minMonths,
    eopMonths: policy.eopMonths,
    emergency: emergency ? "yes" : "no",
  };
  if (emergency) {
    return {
      key: "emergency",
      values,
      fr: `Mois de stock ${fmt(mos)} ≤ point de commande d'urgence ${policy.eopMonths} : commande d'urgence.`,
      en: `Months of stock ${fmt(mos)} ≤ emergency order point ${policy.eopMonths}: emergency order.`,
    };
  }
  if (decision === "above_min") {
    return {
      key: "above_min",
      values,
      fr: `Règle standard : mois de stock ${fmt(mos)} > minimum ${policy.minMonths}, pas de commande ce mois.`,
      en: `Standard rule: months of stock ${fmt(mos)} > minimum ${policy.minMonths}, no order this period.`,
    };
  }
  if (decision === "no_need") {
    return {
      key: "no_need",
      values,
      fr: "Le stock couvre le maximum : rien à commander.",
      en: "Stock covers the maximum: nothing to order.",
    };
  }
  return policy.rule === "forced"
    ? {
        key: "forced",
        values,
        fr: "Règle d'allocation forcée : commande jusqu'au maximum à chaque revue.",
        en: "Forced ordering: order up to the maximum at every review.",
      }
    : {
        key: "below_min",
        values,
        fr: `Règle standard : mois de stock ${fmt(mos)} ≤ minimum ${policy.minMonths}, commande jusqu'au maximum.`,
        en: `Standard rule: months of stock ${fmt(mos)} ≤ minimum ${policy.minMonths}, order up to the maximum.`,
      };
}
