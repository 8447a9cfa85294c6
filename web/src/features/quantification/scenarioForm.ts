/**
 * The scenario form's values (what was typed) and their mapping to the shared ScenarioWrite contract: per-product
 * rows become `settings.methods`, `settings.overrides[code].forecastFactor` (the scenario's other overrides are kept
 * as they were) and `settings.morbidity[code]` (morbidityForm.ts); a product removed from the rows loses its method,
 * factor and assumptions. Budget rows become `settings.budgets` (none: null, the yearly budgets pro-rated). Pure, so
 * that it is tested without a browser.
 */
import type { Scenario } from "@shared/contracts/scenarios";
import { numberOrNaN } from "../../lib/forms/parse";
import { morbidityFieldOf, morbidityRequest, morbidityValues, type MorbidityValues } from "./morbidityForm";

/** One product's method, forecast factor ("" = the default method, no factor) and morbidity assumptions as typed. */
export interface ProductRowValues {
  code: string;
  method: string;
  factor: string;
  morbidity: MorbidityValues;
}

/** The scenario as typed. */
export interface ScenarioValues {
  name: string;
  horizon: string;
  historyMonths: string;
  defaultMethod: string;
  products: ProductRowValues[];
  budgets: { fundingSource: string; amountXof: string }[];
}

/** The values of a saved scenario, or of a new one. */
export function scenarioValues(scenario: Scenario | null): ScenarioValues {
  const s = scenario?.settings;
  const codes = s
    ? [...new Set([...Object.keys(s.methods), ...Object.keys(s.overrides), ...Object.keys(s.morbidity)])]
    : [];
  return {
    name: scenario?.name ?? "",
    horizon: String(s?.horizon ?? 24),
    historyMonths: String(s?.historyMonths ?? 36),
    defaultMethod: s?.defaultMethod ?? "auto",
    products: codes.map((code) => ({
      code,
      method: s?.methods[code] ?? "",
      factor: String(s?.overrides[code]?.forecastFactor ?? "").replace(".", ","),
      morbidity: morbidityValues(s?.morbidity[code]),
    })),
    budgets: (s?.budgets ?? []).map((b) => ({ fundingSource: b.fundingSource, amountXof: String(b.amountXof) })),
  };
}

/** The ScenarioWrite candidate of the values (`scenario`: the one edited, whose other settings are kept). */
export function scenarioRequest(v: ScenarioValues, scenario: Scenario | null) {
  const s = scenario?.settings;
  const rows = v.products.filter((r) => r.code !== "");
  // The factor is the form's; a product's other overrides (lead time, min/max…) are kept, and dropped with it when
  // nothing else is left.
  const overrides: Record<string, unknown> = {};
  for (const code of new Set([...Object.keys(s?.overrides ?? {}), ...rows.map((r) => r.code)])) {
    const { forecastFactor: _previous, ...rest } = s?.overrides[code] ?? {};
    const row = rows.find((r) => r.code === code);
    const factor = row ? numberOrNaN(row.factor) : undefined;
    if (factor !== undefined) overrides[code] = { ...rest, forecastFactor: factor };
    else if (Object.keys(rest).length > 0) overrides[code] = rest;
  }
  return {
    name: v.name,
    settings: {
      horizon: numberOrNaN(v.horizon),
      historyMonths: numberOrNaN(v.historyMonths),
      defaultMethod: v.defaultMethod,
      methods: Object.fromEntries(rows.filter((r) => r.method !== "").map((r) => [r.code, r.method])),
      morbidity: Object.fromEntries(
        rows
          .filter((r) => r.morbidity.enabled)
          .map((r) => [r.code, morbidityRequest(r.morbidity, s?.morbidity[r.code])]),
      ),
      overrides,
      budgets:
        v.budgets.length === 0
          ? null
          : v.budgets.map((b) => ({ fundingSource: b.fundingSource, amountXof: numberOrNaN(b.amountXof) })),
    },
  };
}

/** The form field of a contract path ("settings.overrides.X.forecastFactor" → "products.2.factor"). */
export function scenarioFieldOf(path: string, v: ScenarioValues): string {
  const parts = path.split(".");
  if (parts[0] !== "settings") return path;
  const [, key, code, field] = parts;
  const row = v.products.findIndex((r) => r.code === code);
  if (key === "methods" && row >= 0) return `products.${row}.method`;
  if (key === "morbidity" && row >= 0) return `products.${row}.morbidity.${morbidityFieldOf(parts.slice(3))}`;
  if (key === "overrides" && row >= 0) return `products.${row}.${field === "forecastFactor" ? "factor" : "code"}`;
  return parts.slice(1).join(".");
}
