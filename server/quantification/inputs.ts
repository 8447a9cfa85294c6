/**
 * What the forecasts and supply plans read from the database, loaded before any arithmetic: products, the
 * scenario's settings, the central store, its lots, the central policy and the budgets. Unknown references
 * are field errors (validation_failed at the field), as in the stock commands.
 */
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { stockPolicies } from "../../db/schema";
import type { ProductInfo } from "../../shared/contracts/forecasts";
import { ScenarioSettings } from "../../shared/contracts/scenarios";
import type { ProductOverride } from "../../shared/contracts/scenarios";
import { effectivePolicy, type PolicyRow } from "../../shared/domain/policy";
import {
  budgetsForPlan,
  type FundingBudget,
  type MethodChoice,
  type MorbidityAssumptions,
  type Period,
  type PlanLot,
} from "../../shared/domain/quantification";
import { AppError } from "../../shared/errors";
import { fieldError } from "../fieldError";

/** A product as the plans read it. */
export type PlanProduct = ProductInfo & { active: boolean };

type ProductRow = ProductInfo & { active: number };

const PRODUCT_COLUMNS = sql`id, code, generic_name as name, strength, base_unit as baseUnit, pack_size as packSize,
  ven, programme_code as programme, price_per_pack_xof as pricePerPackXof, active`;

/** One product, or a field error at `path`. */
export function loadProduct(db: Db, id: number, path = "productId"): PlanProduct {
  const row = db.get<ProductRow>(sql`select ${PRODUCT_COLUMNS} from products where id = ${id}`);
  if (!row) fieldError(path, `unknown product ${id}`);
  return { ...row, active: Boolean(row.active) };
}

/** The products of a catalogue run: the ids given (each must exist), else every active product. */
export function loadProducts(db: Db, ids: readonly number[] | undefined): PlanProduct[] {
  if (ids) return ids.map((id, i) => loadProduct(db, id, `productIds.${i}`));
  return db
    .all<ProductRow>(sql`select ${PRODUCT_COLUMNS} from products where active = 1 order by programme_code, code`)
    .map((p) => ({ ...p, active: true }));
}

/** The settings to plan with: a saved scenario's (field error when unknown), the draft given, or the defaults. */
export function resolveSettings(
  db: Db,
  scenarioId: number | undefined,
  draft?: ScenarioSettings,
): { scenario: { id: number; name: string } | null; settings: ScenarioSettings } {
  if (scenarioId === undefined) return { scenario: null, settings: draft ?? ScenarioSettings.parse({}) };
  const row = db.get<{ id: number; name: string; settings: string }>(
    sql`select id, name, settings from quantification_scenarios where id = ${scenarioId}`,
  );
  if (!row) fieldError("scenarioId", `unknown scenario ${scenarioId}`);
  return { scenario: { id: row.id, name: row.name }, settings: ScenarioSettings.parse(JSON.parse(row.settings)) };
}

/** The method, morbidity assumptions and override a scenario gives one product (the request's method first). */
export function productChoices(
  settings: ScenarioSettings,
  code: string,
  requested?: MethodChoice,
): { method: MethodChoice; morbidity: MorbidityAssumptions | null; override: ProductOverride | undefined } {
  const morbidity = settings.morbidity[code] ?? null;
  const method = requested ?? settings.methods[code] ?? settings.defaultMethod;
  if (method === "morbidity" && !morbidity)
    fieldError("method", `the morbidity method needs assumptions for ${code}: save them in a scenario`);
  return { method, morbidity, override: settings.overrides[code] };
}

/** The central store named (it must be one), or the first central store. */
export function centralStore(db: Db, facilityId: string | undefined): { id: string; name: string } {
  if (facilityId !== undefined) {
    const row = db.get<{ id: string; name: string; level: string }>(
      sql`select id, name, level from facilities where id = ${facilityId}`,
    );
    if (!row || row.level !== "central") fieldError("facilityId", `${facilityId} is not a central store`);
    return { id: row.id, name: row.name };
  }
  const row = db.get<{ id: string; name: string }>(
    sql`select id, name from facilities where level = 'central' and active = 1 order by id limit 1`,
  );
  if (!row) throw new AppError("not_found", "There is no central store");
  return row;
}

/** The lots of a product on hand at the store (every funding source; expired lots included: the plan writes them off). */
export function lotsOnHand(db: Db, facilityId: string, productId?: number): (PlanLot & { productId: number })[] {
  const product = productId === undefined ? sql`1 = 1` : sql`b.product_id = ${productId}`;
  return db.all<PlanLot & { productId: number }>(sql`
    select b.product_id as productId, l.lot_code as lotCode, l.expiry as expiry, sum(b.qty_on_hand) as qtyUnits
      from stock_balances b join lots l on l.id = b.lot_id
     where b.facility_id = ${facilityId} and ${product} and b.qty_on_hand > 0
     group by b.product_id, l.id
     order by l.expiry, l.lot_code`);
}

/** The central policy of a product at the store, with the scenario's override. */
export function centralPolicy(
  rows: PolicyRow[],
  facilityId: string,
  product: PlanProduct,
  override: ProductOverride | undefined,
): { minMonths: number; maxMonths: number; leadTimeDays: number } {
  // The stored row that applies, else the central level's built-in default (shared/domain/policy.ts).
  const { policy: p } = effectivePolicy(rows, {
    level: "central",
    facilityId,
    programmeCode: product.programme,
    productId: product.id,
  });
  const minMonths = override?.minMonths ?? p.minMonths;
  const maxMonths = Math.max(minMonths, override?.maxMonths ?? p.maxMonths);
  return { minMonths, maxMonths, leadTimeDays: override?.leadTimeDays ?? p.leadTimeDays };
}

/** Every policy row of the central level. */
export function centralPolicyRows(db: Db): PolicyRow[] {
  return db.select().from(stockPolicies).where(eq(stockPolicies.level, "central")).all() as PolicyRow[];
}

/** Default shelf life (months) of what arrives without a known expiry. */
export const DEFAULT_SHELF_LIFE_MONTHS = 24;

/** Where a product's suggested procurements come from: the scenario's choice, else its programme and last supplier. */
export function procurementOf(
  db: Db,
  product: PlanProduct,
  override: ProductOverride | undefined,
): { fundingSource: string; supplier: string; shelfLifeMonths: number } {
  const fundingSource = override?.fundingSource ?? product.programme;
  if (override?.fundingSource !== undefined) {
    const known = db.get(sql`select 1 from funding_sources where code = ${fundingSource}`);
    if (!known)
      fieldError(`settings.overrides.${product.code}.fundingSource`, `unknown funding source ${fundingSource}`);
  }
  const last = db.get<{ supplier: string }>(
    sql`select supplier from pipeline_shipments where product_id = ${product.id} order by created_at desc, id desc limit 1`,
  );
  return {
    fundingSource,
    supplier: override?.supplier ?? last?.supplier ?? "",
    shelfLifeMonths: override?.shelfLifeMonths ?? DEFAULT_SHELF_LIFE_MONTHS,
  };
}

/** The budgets a catalogue plan draws on: the scenario's, else the yearly budgets pro-rated to the plan's months. */
export function planBudgets(db: Db, settings: ScenarioSettings, start: Period, months: number): FundingBudget[] {
  if (settings.budgets)
    return settings.budgets.map((b) => ({ fundingSource: b.fundingSource, budgetXof: b.amountXof }));
  const rows = db.all<{ fundingSource: string; year: number; amountXof: number }>(
    sql`select funding_source as fundingSource, year, amount_xof as amountXof from procurement_budgets`,
  );
  return budgetsForPlan(rows, start, months);
}

/** Product codes a scenario names that the catalogue does not hold (field errors before saving it). */
export function unknownScenarioCodes(db: Db | Tx, settings: ScenarioSettings): { path: string; message: string }[] {
  const known = new Set(db.all<{ code: string }>(sql`select code from products`).map((r) => r.code));
  const sources = new Set(db.all<{ code: string }>(sql`select code from funding_sources`).map((r) => r.code));
  const issues: { path: string; message: string }[] = [];
  for (const key of ["methods", "morbidity", "overrides"] as const)
    for (const code of Object.keys(settings[key]))
      if (!known.has(code)) issues.push({ path: `settings.${key}.${code}`, message: `unknown product ${code}` });
  for (const [code, o] of Object.entries(settings.overrides))
    if (o.fundingSource !== undefined && !sources.has(o.fundingSource))
      issues.push({
        path: `settings.overrides.${code}.fundingSource`,
        message: `unknown funding source ${o.fundingSource}`,
      });
  (settings.budgets ?? []).forEach((b, i) => {
    if (!sources.has(b.fundingSource))
      issues.push({
        path: `settings.budgets.${i}.fundingSource`,
        message: `unknown funding source ${b.fundingSource}`,
      });
  });
  return issues;
}
