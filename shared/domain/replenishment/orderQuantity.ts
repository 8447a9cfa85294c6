/** The suggested order of one line, with the explanation of every number (PRODUCT.md §3). */
import { monthsOfStock } from "../stock/position";
import { adjustedConsumption, averageMonthlyConsumption } from "./consumption";
import { packsFor, type PackRule } from "./packs";
import type { Message } from "../messages";

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

/** The steps of an explanation, each a key the web's i18n turns into a sentence (keys "explain.<key>"). */
export const EXPLANATION_KEYS = [
  "amc_demand",
  "adjusted",
  "amc",
  "mos",
  "max",
  "need",
  "emergency",
  "above_min",
  "no_need",
  "forced",
  "below_min",
  "packs",
] as const;
/**
 * Notes added to a line's explanation after the calculation, stored with the line: an allocation (or a depot's
 * share of one, relayed to the CSComs it supplies), a budget cut,
 * a back-order or an escalation ("shortfall" is how older versions stored both of the last two).
 */
export const NOTE_KEYS = ["allocation", "relay", "budget", "shortfall", "backorder", "escalation"] as const;
/** A step or a note of an explanation. */
export type ExplanationKey = (typeof EXPLANATION_KEYS)[number] | (typeof NOTE_KEYS)[number];

/** One explained step: a key for translation and its numbers (no sentence: the web writes it). */
export type ExplanationStep = Message<ExplanationKey>;

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

/**
 * Computes the suggested quantity of one line and explains each number. `explain: false` skips
 * the explanation (the national batch stores the inputs and explains on demand).
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
  const mosValue = mos === null ? null : Math.round(mos * 100) / 100;
  const amcSteps: ExplanationStep[] = given
    ? [{ key: "amc_demand", values: { amc } }]
    : [
        { key: "adjusted", values: { periods: adjusted } },
        { key: "amc", values: { amc, n: Math.max(2, n) } },
      ];
  const steps: ExplanationStep[] = [
    ...amcSteps,
    { key: "mos", values: { stockOnHand: input.stockOnHand, amc, mos: mosValue } },
    { key: "max", values: { amc, maxStock, maxMonths: policy.maxMonths } },
    { key: "need", values: { need, maxStock, stockOnHand: input.stockOnHand, inTransit: input.inTransit } },
    decisionStep(decision, policy, mosValue, emergency),
    {
      key: "packs",
      values: { quantity, packs, packSize: product.packSize, threshold: product.packRoundingThreshold },
    },
  ];
  result.explanation = steps;
  return result;
}

/** The step that says why the quantity is ordered or not. */
function decisionStep(
  decision: OrderSuggestion["decision"],
  policy: OrderPolicy,
  mos: number | null,
  emergency: boolean,
): ExplanationStep {
  const values = { mos, minMonths: policy.minMonths, eopMonths: policy.eopMonths };
  if (emergency) return { key: "emergency", values };
  if (decision === "above_min") return { key: "above_min", values };
  if (decision === "no_need") return { key: "no_need", values };
  return { key: policy.rule === "forced" ? "forced" : "below_min", values };
}
