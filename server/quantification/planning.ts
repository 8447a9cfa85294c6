/**
 * Supply plans at a central store: one product (the plan screen and its export) and the whole catalogue (a job
 * with progress). Each product: the national forecast (forecasting.ts) with the scenario's overrides, the lots on
 * hand at the store (the ledger), the open pipeline, the central policy → `planSupply` (pure); the catalogue's
 * plans then meet the budgets in `fundingSummary` (pure, vital first). The stock the plan starts from and the
 * stock screens read the same `stock_balances`, so receiving a shipment moves both.
 */
import type { Db } from "../../db/client";
import type {
  CataloguePlan,
  CatalogueRow,
  PlanRunCreate,
  ProductSupplyPlan,
  SupplyPlanQuery,
} from "../../shared/contracts/forecasts";
import type { ScenarioSettings } from "../../shared/contracts/scenarios";
import type { PipelineShipmentView } from "../../shared/contracts/pipeline";
import type { PolicyRow } from "../../shared/domain/policy";
import {
  fundingSummary,
  overriddenForecast,
  planSupply,
  type FundingPlan,
  type MethodChoice,
  type Note,
  type PlanLot,
  type SupplyPlan,
} from "../../shared/domain/quantification";
import { lastCompletePeriod } from "../../shared/domain/months";
import { AppError } from "../../shared/errors";
import { openShipments, planShipment } from "../queries/pipeline";
import { facilityAreas, runForecast } from "./forecasting";
import {
  centralPolicy,
  centralPolicyRows,
  centralStore,
  loadProduct,
  loadProducts,
  lotsOnHand,
  planBudgets,
  procurementOf,
  productChoices,
  resolveSettings,
  type PlanProduct,
} from "./inputs";
import { addPeriods } from "../../shared/domain/quantification";

/** Reports progress of a long run: products done out of the total. */
export type ProgressFn = (done: number, total: number) => void;

interface ProductPlanInputs {
  store: { id: string; name: string };
  settings: ScenarioSettings;
  asOf: string;
  policies: PolicyRow[];
  lots: PlanLot[];
  pipeline: PipelineShipmentView[];
  geo: ReturnType<typeof facilityAreas>;
  method?: MethodChoice | undefined;
  horizon?: number | undefined;
  compare: boolean;
}

/** One product's plan and the forecast it was made from. */
interface ProductPlanOutcome {
  plan: SupplyPlan;
  forecast: { method: CatalogueRow["method"]; why: Note; values: number[]; mase: number | null; mape: number | null };
  policy: ReturnType<typeof centralPolicy>;
  procurement: ReturnType<typeof procurementOf>;
}

/** Forecast and plan one product at the store. */
function planProduct(db: Db, product: PlanProduct, input: ProductPlanInputs): ProductPlanOutcome {
  const { override } = productChoices(input.settings, product.code, input.method);
  const out = runForecast(
    db,
    {
      product,
      area: { level: "national" },
      settings: input.settings,
      asOf: input.asOf,
      method: input.method,
      horizon: input.horizon,
      compare: input.compare,
    },
    input.geo,
  );
  const f = out.series?.forecast ?? out.fallback!;
  const why: Note = out.series ? f.why : { key: "no_history", values: { months: out.months, method: f.method } };
  const chosen = f.methods.find((m) => m.method === f.method)?.metrics ?? null;
  const values = overriddenForecast(f.values, out.forecastStart, override);
  const policy = centralPolicy(input.policies, input.store.id, product, override);
  const procurement = procurementOf(db, product, override);
  const plan = planSupply({
    asOf: input.asOf,
    start: out.forecastStart,
    forecastUnits: values,
    stock: input.lots,
    pipeline: input.pipeline.map(planShipment),
    policy,
    product: { packSize: product.packSize, pricePerPackXof: product.pricePerPackXof },
    procurement,
  });
  return {
    plan,
    forecast: { method: f.method, why, values, mase: chosen?.mase ?? null, mape: chosen?.mape ?? null },
    policy,
    procurement,
  };
}

const fundingPlanOf = (product: PlanProduct, pipeline: PipelineShipmentView[], plan: SupplyPlan): FundingPlan => ({
  product: product.code,
  ven: product.ven,
  packSize: product.packSize,
  pricePerPackXof: product.pricePerPackXof,
  pipeline: pipeline.map(planShipment),
  suggestions: plan.suggestions,
});

/** One product's supply plan at a central store (the funding of this product alone: no budget is drawn). */
export function productSupplyPlan(db: Db, q: SupplyPlanQuery, asOf: string): ProductSupplyPlan {
  const product = loadProduct(db, q.productId);
  const { scenario, settings } = resolveSettings(db, q.scenarioId);
  const store = centralStore(db, q.facilityId);
  const pipeline = openShipments(db, store.id, product.id);
  const lots = lotsOnHand(db, store.id, product.id);
  const out = planProduct(db, product, {
    store,
    settings,
    asOf,
    policies: centralPolicyRows(db),
    lots,
    pipeline,
    geo: facilityAreas(db),
    method: q.method,
    horizon: q.horizon,
    compare: false,
  });
  const { id, code, name, strength, baseUnit, packSize, ven, programme, pricePerPackXof } = product;
  return {
    product: { id, code, name, strength, baseUnit, packSize, ven, programme, pricePerPackXof },
    facility: store,
    asOf,
    start: out.plan.months[0]?.period ?? addPeriods(lastCompletePeriod(asOf), 1),
    scenario,
    forecast: { method: out.forecast.method, why: out.forecast.why, values: out.forecast.values },
    policy: out.policy,
    procurement: out.procurement,
    stock: lots.map(({ lotCode, expiry, qtyUnits }) => ({ lotCode, expiry, qtyUnits })),
    pipeline,
    months: out.plan.months,
    suggestions: out.plan.suggestions,
    notes: out.plan.notes,
    totals: out.plan.totals,
    funding: fundingSummary([fundingPlanOf(product, pipeline, out.plan)], []),
  };
}

/** The catalogue row of one product's plan. */
function catalogueRow(product: PlanProduct, out: ProductPlanOutcome): CatalogueRow {
  const { months, totals } = out.plan;
  const stockouts = months.filter((m) => m.status === "stockout");
  return {
    productId: product.id,
    code: product.code,
    name: product.name,
    ven: product.ven,
    programme: product.programme,
    method: out.forecast.method,
    why: out.forecast.why,
    mase: out.forecast.mase,
    mape: out.forecast.mape,
    forecastUnits: totals.forecast,
    openingUnits: months[0]?.opening ?? 0,
    arrivalsUnits: totals.arrivals,
    expiredUnits: totals.expired,
    unmetUnits: totals.unmet,
    closingUnits: months[months.length - 1]?.closing ?? 0,
    stockoutMonths: stockouts.length,
    firstStockout: stockouts[0]?.period ?? null,
    suggestions: out.plan.suggestions.length,
    suggestedUnits: totals.suggestedUnits,
    suggestedCostXof: totals.suggestedCostXof,
    emergencies: totals.emergencies,
  };
}

/**
 * The whole catalogue's plan (or the products given) at a central store under a scenario, product by product
 * with progress; a product that fails is listed with the reason and the others go on. The budgets (the
 * scenario's, else the yearly budgets pro-rated to the plan) are drawn by `fundingSummary`, vital first.
 */
export function cataloguePlan(db: Db, input: PlanRunCreate, asOf: string, progress?: ProgressFn): CataloguePlan {
  const started = Date.now();
  const { scenario, settings } = resolveSettings(db, input.scenarioId, input.settings);
  const store = centralStore(db, input.facilityId);
  const products = loadProducts(db, input.productIds);
  const policies = centralPolicyRows(db);
  const geo = facilityAreas(db);
  const lotsBy = groupBy(lotsOnHand(db, store.id), (l) => l.productId);
  const pipelineBy = groupBy(openShipments(db, store.id), (s) => s.productId);
  const rows: CatalogueRow[] = [];
  const suggestions: CataloguePlan["suggestions"] = [];
  const plans: FundingPlan[] = [];
  const failed: CataloguePlan["failed"] = [];
  const start = addPeriods(lastCompletePeriod(asOf), 1);
  progress?.(0, products.length);
  products.forEach((product, i) => {
    const pipeline = pipelineBy.get(product.id) ?? [];
    try {
      const out = planProduct(db, product, {
        store,
        settings,
        asOf,
        policies,
        lots: lotsBy.get(product.id) ?? [],
        pipeline,
        geo,
        compare: false,
      });
      rows.push(catalogueRow(product, out));
      for (const s of out.plan.suggestions)
        suggestions.push({ ...s, productId: product.id, productCode: product.code });
      plans.push(fundingPlanOf(product, pipeline, out.plan));
    } catch (e) {
      failed.push({ productId: product.id, code: product.code, message: e instanceof Error ? e.message : String(e) });
    }
    progress?.(i + 1, products.length);
  });
  if (rows.length === 0 && failed.length > 0)
    throw new AppError("validation_failed", `No product could be planned: ${failed[0]!.message}`, { failed });
  suggestions.sort((a, b) => a.orderDate.localeCompare(b.orderDate) || a.productCode.localeCompare(b.productCode));
  return {
    scenario,
    facility: store,
    asOf,
    start,
    horizon: settings.horizon,
    products: rows,
    suggestions,
    funding: fundingSummary(plans, planBudgets(db, settings, start, settings.horizon)),
    failed,
    elapsedMs: Date.now() - started,
  };
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
