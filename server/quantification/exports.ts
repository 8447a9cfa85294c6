/**
 * Exports of the quantification views: an .xlsx workbook (exceljs) with one sheet per view — numbers as numbers,
 * months and dates as dates (shown mm/yyyy and dd/mm/yyyy), FCFA with thousands grouping — or one view as CSV
 * (UTF-8 with BOM, ISO dates). Sheet and column names are stable keys (like the API's fields and the forecast CLI's
 * columns), documented in the README: the file is data for other tools as much as for reading.
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { CataloguePlan, ProductForecast, ProductSupplyPlan } from "../../shared/contracts/forecasts";
import { csvSafeText } from "../../shared/domain/interop/sheet";

/** How a column's values are typed in the workbook. */
type ColumnType = "period" | "date" | "int" | "number" | "text" | "xof" | "bool";

/** One view: a sheet of the workbook, or one CSV file. */
export interface ExportView {
  name: string;
  columns: { key: string; type: ColumnType }[];
  rows: Record<string, string | number | boolean | null>[];
}

const FORMATS: Partial<Record<ColumnType, string>> = {
  period: "mm/yyyy",
  date: "dd/mm/yyyy",
  int: "#,##0",
  xof: "#,##0",
  number: "#,##0.00",
};

/** A "YYYY-MM" or "YYYY-MM-DD…" as a UTC date (what a spreadsheet shows as that day). */
function asDate(value: string): Date | string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1)) : value;
}

/** The workbook of the views, as bytes. */
export async function toWorkbook(views: readonly ExportView[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Fura";
  for (const view of views) {
    const sheet = workbook.addWorksheet(view.name);
    sheet.columns = view.columns.map((c) => ({
      header: c.key,
      key: c.key,
      width: Math.max(12, c.key.length + 2),
      style: FORMATS[c.type] ? { numFmt: FORMATS[c.type]! } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
    for (const row of view.rows) {
      const cells: Record<string, ExcelJS.CellValue> = {};
      for (const c of view.columns) {
        const v = row[c.key];
        cells[c.key] =
          v === null || v === undefined ? null : c.type === "period" || c.type === "date" ? asDate(String(v)) : v;
      }
      sheet.addRow(cells);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One view as CSV (header row of the keys). */
export function toCsv(view: ExportView): string {
  const keys = view.columns.map((c) => c.key);
  const cell = (v: unknown) => (typeof v === "string" ? csvSafeText(v) : (v ?? ""));
  return `\uFEFF${Papa.unparse({ fields: keys, data: view.rows.map((r) => keys.map((k) => cell(r[k]))) })}\r\n`;
}

const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/** The views of one product: its forecast with the history, the methods compared, the plan, suggestions, pipeline. */
export function supplyPlanViews(plan: ProductSupplyPlan, forecast: ProductForecast): ExportView[] {
  const product = plan.product.code;
  return [
    forecastView(product, forecast),
    methodsView(forecast),
    planView(plan),
    suggestionsView(plan.suggestions.map((s) => ({ ...s, productCode: product }))),
    pipelineView(product, plan),
  ];
}

/** The views of one forecast at a level: the history and forecast month by month, the methods compared. */
export function forecastViews(forecast: ProductForecast): ExportView[] {
  const area = forecast.level === "national" ? null : forecast.area.id;
  const history = forecastView(forecast.product.code, forecast);
  // At a region, district or facility the rows say which area they are about.
  const withArea: ExportView = area
    ? {
        ...history,
        columns: [{ key: "area", type: "text" }, ...history.columns],
        rows: history.rows.map((r) => ({ area, ...r })),
      }
    : history;
  return [withArea, methodsView(forecast)];
}

/** The suggested procurements. */
function suggestionsView(
  suggestions: readonly (ProductSupplyPlan["suggestions"][number] & { productCode: string })[],
): ExportView {
  return {
    name: "suggestions",
    columns: [
      { key: "product", type: "text" },
      { key: "order_date", type: "date" },
      { key: "arrival_date", type: "date" },
      { key: "earliest_arrival_date", type: "date" },
      { key: "qty_units", type: "int" },
      { key: "packs", type: "int" },
      { key: "cost_xof", type: "xof" },
      { key: "funding_source", type: "text" },
      { key: "supplier", type: "text" },
      { key: "emergency", type: "bool" },
    ],
    rows: suggestions.map((s) => ({
      product: s.productCode,
      order_date: s.orderDate,
      arrival_date: s.arrivalDate,
      earliest_arrival_date: s.earliestArrivalDate,
      qty_units: s.qtyUnits,
      packs: s.packs,
      cost_xof: s.costXof,
      funding_source: s.fundingSource,
      supplier: s.supplier,
      emergency: s.emergency,
    })),
  };
}

/** The views of a catalogue plan: products, suggestions, funding sources, what the budgets cannot cover. */
export function catalogueViews(plan: CataloguePlan): ExportView[] {
  return [productsView(plan), suggestionsView(plan.suggestions), fundingView(plan), uncoveredView(plan)];
}

/** The product's history (reported, adjusted, prepared) and forecast with its band, month by month. */
function forecastView(product: string, forecast: ProductForecast): ExportView {
  const h = forecast.history;
  const f = forecast.forecast;
  return {
    name: "forecast",
    columns: [
      { key: "product", type: "text" },
      { key: "period", type: "period" },
      { key: "reported_units", type: "int" },
      { key: "adjusted_units", type: "number" },
      { key: "prepared_units", type: "number" },
      { key: "forecast_units", type: "number" },
      { key: "lower_units", type: "number" },
      { key: "upper_units", type: "number" },
      { key: "method", type: "text" },
    ],
    rows: [
      ...h.periods.map((period, i) => ({
        product,
        period,
        reported_units: h.reported[i] ?? null,
        adjusted_units: round2(h.adjusted[i] ?? null),
        prepared_units: round2(h.prepared[i] ?? null),
        forecast_units: null,
        lower_units: null,
        upper_units: null,
        method: null,
      })),
      ...f.periods.map((period, i) => ({
        product,
        period,
        reported_units: null,
        adjusted_units: null,
        prepared_units: null,
        forecast_units: round2(f.values[i]!),
        lower_units: round2(f.lower?.[i] ?? null),
        upper_units: round2(f.upper?.[i] ?? null),
        method: f.method,
      })),
    ],
  };
}

/** The methods compared by their back-test errors, the chosen one marked. */
function methodsView(forecast: ProductForecast): ExportView {
  const f = forecast.forecast;
  return {
    name: "methods",
    columns: [
      { key: "method", type: "text" },
      { key: "chosen", type: "bool" },
      { key: "mae", type: "number" },
      { key: "mase", type: "number" },
      { key: "mape", type: "number" },
      { key: "wape", type: "number" },
      { key: "bias", type: "number" },
      { key: "pairs", type: "int" },
    ],
    rows: forecast.methods.map((m) => ({
      method: m.method,
      chosen: m.method === f.method,
      mae: round2(m.metrics?.mae ?? null),
      mase: round2(m.metrics?.mase ?? null),
      mape: round2(m.metrics?.mape ?? null),
      wape: round2(m.metrics?.wape ?? null),
      bias: round2(m.metrics?.bias ?? null),
      pairs: m.metrics?.count ?? null,
    })),
  };
}

/** The supply plan month by month. */
function planView(plan: ProductSupplyPlan): ExportView {
  return {
    name: "plan",
    columns: [
      { key: "period", type: "period" },
      { key: "opening_units", type: "int" },
      { key: "arrivals_units", type: "int" },
      { key: "suggested_arrivals_units", type: "int" },
      { key: "expired_units", type: "int" },
      { key: "forecast_units", type: "int" },
      { key: "consumed_units", type: "int" },
      { key: "unmet_units", type: "int" },
      { key: "closing_units", type: "int" },
      { key: "amc_units", type: "number" },
      { key: "months_of_stock", type: "number" },
      { key: "min_units", type: "int" },
      { key: "max_units", type: "int" },
      { key: "status", type: "text" },
    ],
    rows: plan.months.map((m) => ({
      period: m.period,
      opening_units: m.opening,
      arrivals_units: m.arrivals,
      suggested_arrivals_units: m.suggestedArrivals,
      expired_units: m.expired,
      forecast_units: m.forecast,
      consumed_units: m.consumed,
      unmet_units: m.unmet,
      closing_units: m.closing,
      amc_units: m.amc,
      months_of_stock: m.mos,
      min_units: m.minUnits,
      max_units: m.maxUnits,
      status: m.status,
    })),
  };
}

/** The product's pipeline shipments. */
function pipelineView(product: string, plan: ProductSupplyPlan): ExportView {
  return {
    name: "pipeline",
    columns: [
      { key: "id", type: "int" },
      { key: "product", type: "text" },
      { key: "supplier", type: "text" },
      { key: "funding_source", type: "text" },
      { key: "qty_units", type: "int" },
      { key: "expected_date", type: "date" },
      { key: "status", type: "text" },
      { key: "lot_code", type: "text" },
      { key: "expiry", type: "date" },
      { key: "cost_xof", type: "xof" },
    ],
    rows: plan.pipeline.map((s) => ({
      id: s.id,
      product,
      supplier: s.supplier,
      funding_source: s.fundingSource,
      qty_units: s.qtyUnits,
      expected_date: s.expectedDate,
      status: s.status,
      lot_code: s.lotCode,
      expiry: s.expiry,
      cost_xof: s.estimatedCostXof,
    })),
  };
}

/** The catalogue plan's products, one line each. */
function productsView(plan: CataloguePlan): ExportView {
  return {
    name: "products",
    columns: [
      { key: "product", type: "text" },
      { key: "name", type: "text" },
      { key: "ven", type: "text" },
      { key: "programme", type: "text" },
      { key: "method", type: "text" },
      { key: "mase", type: "number" },
      { key: "forecast_units", type: "int" },
      { key: "opening_units", type: "int" },
      { key: "arrivals_units", type: "int" },
      { key: "expired_units", type: "int" },
      { key: "unmet_units", type: "int" },
      { key: "closing_units", type: "int" },
      { key: "stockout_months", type: "int" },
      { key: "first_stockout", type: "period" },
      { key: "suggested_units", type: "int" },
      { key: "suggested_cost_xof", type: "xof" },
      { key: "emergencies", type: "int" },
    ],
    rows: plan.products.map((p) => ({
      product: p.code,
      name: p.name,
      ven: p.ven,
      programme: p.programme,
      method: p.method,
      mase: round2(p.mase),
      forecast_units: p.forecastUnits,
      opening_units: p.openingUnits,
      arrivals_units: p.arrivalsUnits,
      expired_units: p.expiredUnits,
      unmet_units: p.unmetUnits,
      closing_units: p.closingUnits,
      stockout_months: p.stockoutMonths,
      first_stockout: p.firstStockout,
      suggested_units: p.suggestedUnits,
      suggested_cost_xof: p.suggestedCostXof,
      emergencies: p.emergencies,
    })),
  };
}

/** Each funding source against its budget. */
function fundingView(plan: CataloguePlan): ExportView {
  return {
    name: "funding",
    columns: [
      { key: "funding_source", type: "text" },
      { key: "budget_xof", type: "xof" },
      { key: "committed_xof", type: "xof" },
      { key: "planned_xof", type: "xof" },
      { key: "suggested_xof", type: "xof" },
      { key: "covered_xof", type: "xof" },
      { key: "uncovered_xof", type: "xof" },
      { key: "remaining_xof", type: "xof" },
    ],
    rows: plan.funding.sources.map((s) => ({
      funding_source: s.fundingSource,
      budget_xof: s.budgetXof,
      committed_xof: s.committedXof,
      planned_xof: s.plannedXof,
      suggested_xof: s.suggestedXof,
      covered_xof: s.coveredXof,
      uncovered_xof: s.uncoveredXof,
      remaining_xof: s.remainingXof,
    })),
  };
}

/** What the budgets cannot cover (vital first). */
function uncoveredView(plan: CataloguePlan): ExportView {
  return {
    name: "uncovered",
    columns: [
      { key: "product", type: "text" },
      { key: "ven", type: "text" },
      { key: "order_date", type: "date" },
      { key: "funding_source", type: "text" },
      { key: "packs", type: "int" },
      { key: "packs_covered", type: "int" },
      { key: "packs_uncovered", type: "int" },
      { key: "cost_uncovered_xof", type: "xof" },
      { key: "emergency", type: "bool" },
    ],
    rows: plan.funding.uncovered.map((u) => ({
      product: u.product,
      ven: u.ven,
      order_date: u.orderDate,
      funding_source: u.fundingSource,
      packs: u.packs,
      packs_covered: u.packsCovered,
      packs_uncovered: u.packsUncovered,
      cost_uncovered_xof: u.costUncoveredXof,
      emergency: u.emergency,
    })),
  };
}
