/**
 * Totals of the supply plans per funding source against the budgets, and the procurements the budget cannot
 * cover. A source's budget is what it can still spend over the plan: its planned shipments (not yet ordered)
 * draw on it first, then the suggested procurements in VEN order — vital first, then essential, then the rest,
 * earliest order date first within a class — in whole packs, by the same budget cap as cost-recovery orders
 * (`capByBudget`). Ordered and shipped shipments are already committed: shown, not drawn. A source without a
 * budget covers everything.
 */
import { capByBudget, type VenClass } from "../replenishment";
import type { PipelineShipment, SuggestedProcurement } from "./supplyPlan";

/** One product's plan as the funding summary reads it. */
export interface FundingPlan {
  product: string;
  ven: VenClass;
  packSize: number;
  pricePerPackXof: number;
  pipeline: readonly PipelineShipment[];
  suggestions: readonly SuggestedProcurement[];
}

/** Budget of a funding source over the plan (FCFA). */
export interface FundingBudget {
  fundingSource: string;
  budgetXof: number;
}

/** Per funding source (FCFA). */
export interface FundingSourceTotal {
  fundingSource: string;
  budgetXof: number | null;
  /** Ordered and shipped shipments (already committed) */
  committedXof: number;
  /** Planned shipments (not yet ordered) */
  plannedXof: number;
  suggestedXof: number;
  /** Suggested procurements the budget covers */
  coveredXof: number;
  uncoveredXof: number;
  /** Budget − planned − covered (null without a budget) */
  remainingXof: number | null;
}

/** A suggested procurement the budget cannot cover (in full or in part). */
export interface UncoveredProcurement {
  product: string;
  ven: VenClass;
  suggestionId: string;
  period: string;
  orderDate: string;
  fundingSource: string;
  packs: number;
  packsCovered: number;
  packsUncovered: number;
  costUncoveredXof: number;
  emergency: boolean;
}

const VEN_ORDER: Record<VenClass, number> = { V: 0, E: 1, N: 2 };

/** Cost of a pipeline shipment: its own when known, else whole packs at the product's price. */
function shipmentCost(s: PipelineShipment, plan: FundingPlan): number {
  return s.costXof ?? Math.ceil(s.qtyUnits / plan.packSize) * plan.pricePerPackXof;
}

/** The funding summary of the plans (see the file comment). */
export function fundingSummary(
  plans: readonly FundingPlan[],
  budgets: readonly FundingBudget[],
): { sources: FundingSourceTotal[]; uncovered: UncoveredProcurement[] } {
  const sources = new Map<string, FundingSourceTotal>();
  const source = (name: string): FundingSourceTotal => {
    let s = sources.get(name);
    if (!s) {
      const budget = budgets.find((b) => b.fundingSource === name);
      s = {
        fundingSource: name,
        budgetXof: budget ? budget.budgetXof : null,
        committedXof: 0,
        plannedXof: 0,
        suggestedXof: 0,
        coveredXof: 0,
        uncoveredXof: 0,
        remainingXof: null,
      };
      sources.set(name, s);
    }
    return s;
  };
  for (const b of budgets) source(b.fundingSource);
  for (const plan of plans) {
    for (const s of plan.pipeline) {
      if (s.status === "received") continue;
      const cost = shipmentCost(s, plan);
      if (s.status === "planned") source(s.fundingSource).plannedXof += cost;
      else source(s.fundingSource).committedXof += cost;
    }
    for (const s of plan.suggestions) source(s.fundingSource).suggestedXof += s.costXof;
  }
  const uncovered: UncoveredProcurement[] = [];
  for (const total of sources.values()) {
    const lines = plans
      .flatMap((plan) =>
        plan.suggestions.filter((s) => s.fundingSource === total.fundingSource).map((s) => ({ plan, s })),
      )
      .sort((a, b) => VEN_ORDER[a.plan.ven] - VEN_ORDER[b.plan.ven] || a.s.orderDate.localeCompare(b.s.orderDate));
    if (total.budgetXof === null) {
      total.coveredXof = total.suggestedXof;
      continue;
    }
    const available = Math.max(0, total.budgetXof - total.plannedXof);
    const capped = capByBudget(
      lines.map(({ plan, s }) => ({
        key: `${plan.product}\u0000${s.id}`,
        ven: plan.ven,
        packs: s.packs,
        pricePerPackXof: plan.pricePerPackXof,
      })),
      available,
    );
    total.coveredXof = capped.costXof;
    total.uncoveredXof = total.suggestedXof - capped.costXof;
    total.remainingXof = total.budgetXof - total.plannedXof - capped.costXof;
    capped.lines.forEach((c, i) => {
      if (!c.cut) return;
      const { plan, s } = lines[i]!;
      uncovered.push({
        product: plan.product,
        ven: plan.ven,
        suggestionId: s.id,
        period: s.period,
        orderDate: s.orderDate,
        fundingSource: s.fundingSource,
        packs: s.packs,
        packsCovered: c.packs,
        packsUncovered: s.packs - c.packs,
        costUncoveredXof: (s.packs - c.packs) * plan.pricePerPackXof,
        emergency: s.emergency,
      });
    });
  }
  uncovered.sort(
    (a, b) =>
      VEN_ORDER[a.ven] - VEN_ORDER[b.ven] ||
      a.orderDate.localeCompare(b.orderDate) ||
      a.product.localeCompare(b.product),
  );
  return { sources: [...sources.values()], uncovered };
}
